package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"coexport/internal/data"
	"coexport/internal/diag"
	"coexport/internal/schema"
	"coexport/internal/source"
)

// runSchema is `coexport schema [-src DIR] -out DIR`: it writes the JSON Schemas of the
// project's content files, with its own sectors, for editors.
func runSchema(args []string, env Env) int {
	fs := newFlags("schema", "[-src DIR] -out DIR", env)
	src := fs.String("src", ".", "the project `folder` (its content/site.yaml gives the sectors)")
	out := fs.String("out", "", "the `folder` to write NAME.schema.json into (e.g. .vscode/schemas)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *out == "" {
		fs.Usage()
		return ExitUsage
	}
	cfgData, err := os.ReadFile(filepath.Join(*src, "content", "site.yaml"))
	if err != nil {
		fmt.Fprintln(env.Stderr, "coexport schema:", err)
		return ExitContent
	}
	var d diag.List
	cfg := data.ParseSite(source.NewFile("content/site.yaml", cfgData), "", &d)
	if len(d) > 0 {
		fmt.Fprint(env.Stderr, d.Error())
		fmt.Fprintln(env.Stderr, "schema failed: site.yaml has errors")
		return ExitContent
	}
	var v schema.Vocab
	for _, s := range cfg.Sectors {
		v.Sectors = append(v.Sectors, s.Slug)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(env.Stderr, "coexport schema:", err)
		return ExitContent
	}
	files := schema.Files(v)
	for _, f := range files {
		if err := writeSchema(filepath.Join(*out, f.Path), f.Data); err != nil {
			fmt.Fprintln(env.Stderr, "coexport schema:", err)
			return ExitContent
		}
	}
	fmt.Fprintf(env.Stdout, "wrote %d schemas → %s\n", len(files), displayDir(*out))
	return ExitOK
}

// writeSchema writes a schema at path, replacing a file there only if an earlier
// `coexport schema` wrote it (it carries schema.Generated): never a file of the user's.
func writeSchema(path string, b []byte) error {
	old, err := os.ReadFile(path)
	if err == nil && !bytes.Contains(old, []byte(schema.Generated)) {
		return fmt.Errorf("%s exists and was not written by coexport schema: move it away or choose another -out folder", path)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
