package cli

import (
	"fmt"
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
		if err := os.WriteFile(filepath.Join(*out, f.Path), f.Data, 0o644); err != nil {
			fmt.Fprintln(env.Stderr, "coexport schema:", err)
			return ExitContent
		}
	}
	fmt.Fprintf(env.Stdout, "wrote %d schemas → %s\n", len(files), displayDir(*out))
	return ExitOK
}
