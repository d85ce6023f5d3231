package cli

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"coexport/internal/data"
	"coexport/internal/diag"
	"coexport/internal/feed"
	"coexport/internal/intake"
	"coexport/internal/markdown"
	"coexport/internal/source"
)

const amisPath = "content/amis.yaml"

// runImport is `coexport import ami [-src DIR] [-update] FILE.csv`: it validates every row
// of a spreadsheet of AMIs with the rules of amis.yaml and, only when all are right, writes
// them into content/amis.yaml as text (its comments and layout kept).
func runImport(args []string, env Env) int {
	fs := newFlags("import", "ami [-src DIR] [-update] [-format text|github|json] FILE.csv", env)
	src := fs.String("src", ".", "the project `folder`")
	update := fs.Bool("update", false, "replace the AMIs whose id exists already, and set their updated date")
	formatName := fs.String("format", "text", "how to print errors: `text`, github or json")
	pos, code, ok := parseMixed(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 2 || pos[0] != "ami" {
		fs.Usage()
		return ExitUsage
	}
	format, err := diag.ParseFormat(*formatName)
	if err != nil {
		fmt.Fprintln(env.Stderr, "coexport import:", err)
		return ExitUsage
	}
	date, err := buildDate(env)
	if err != nil {
		fmt.Fprintln(env.Stderr, "coexport:", err)
		return ExitUsage
	}
	res, err := importAMIs(*src, pos[1], *update, date)
	if err != nil {
		fmt.Fprintln(env.Stderr, "coexport import:", err)
		return ExitContent
	}
	if len(res.diags) > 0 {
		out := env.Stderr
		if format != diag.Text {
			out = env.Stdout
		}
		_ = res.diags.Write(out, format)
		fmt.Fprintf(env.Stderr, "import failed: %s; nothing was written\n", plural(len(res.diags), "error", "errors"))
		return ExitContent
	}
	fmt.Fprintf(env.Stdout, "imported %s into %s: %d added, %d replaced\n", plural(res.added+res.replaced, "AMI", "AMIs"), amisPath, res.added, res.replaced)
	return ExitOK
}

// parseMixed parses flags that may come before, between or after the positional arguments.
func parseMixed(fs *flag.FlagSet, args []string) (pos []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, ExitOK, false
			}
			return nil, ExitUsage, false
		}
		if fs.NArg() == 0 {
			return pos, 0, true
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

type importResult struct {
	diags           diag.List
	added, replaced int
}

// importAMIs reads csvPath and merges its AMIs into SRC/content/amis.yaml. Content errors
// come back in the result's diags, and then nothing is written.
func importAMIs(src, csvPath string, update bool, date time.Time) (*importResult, error) {
	res := &importResult{}
	d := &res.diags
	cfgData, err := os.ReadFile(filepath.Join(src, "content", "site.yaml"))
	if err != nil {
		return nil, fmt.Errorf("reading the site's sectors: %w", err)
	}
	cfg := data.ParseSite(source.NewFile("content/site.yaml", cfgData), "", d)
	old, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(amisPath)))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	conv := markdown.New(markdown.Options{Base: cfg.BasePath(), AllowHTML: cfg.UnsafeHTML})
	existing := data.ParseAMIs(source.NewFile(amisPath, old), cfg.Vocab(), conv, d)
	if len(*d) > 0 {
		return res, nil // the project must read before anything is added to it
	}
	sheet, err := os.ReadFile(csvPath)
	if err != nil {
		return nil, err
	}
	name := filepath.ToSlash(csvPath)
	rows := intake.Read(name, sheet, cfg.Sectors, d)
	if len(rows) == 0 && len(*d) == 0 {
		d.Add(diag.Pos{File: name, Line: 2}, "no AMI: the file has a header and no row")
	}
	idLine := map[string]int{}
	for _, a := range existing {
		idLine[a.ID] = a.Pos.Line
	}
	nodes := make([]*yaml.Node, len(rows))
	replaceLine := make([]int, len(rows))
	for i, r := range rows {
		nodes[i] = r.Node
		id, at := rowID(name, r.Node)
		line, exists := idLine[id]
		switch {
		case exists && !update:
			d.Add(at, "AMI %q already exists (%s:%d): give -update to replace it", id, amisPath, line)
		case exists:
			intake.SetField(r.Node, "updated", date.UTC().Format(time.DateOnly))
			replaceLine[i] = line
		}
	}
	amis := data.ParseAMINodes(name, nodes, cfg.Vocab(), conv, d)
	for _, a := range amis {
		if strings.HasPrefix(a.Title, feed.ExampleTitle) {
			d.Add(a.Pos, "this is the template's example row: replace it with an AMI, or delete it")
		}
	}
	if len(*d) > 0 {
		return res, nil
	}
	replace := map[int][]byte{}
	var add [][]byte
	for i, n := range nodes {
		if replaceLine[i] > 0 {
			replace[replaceLine[i]] = intake.Text(n)
			res.replaced++
		} else {
			add = append(add, intake.Text(n))
			res.added++
		}
	}
	merged, err := intake.Merge(old, replace, add)
	if err != nil {
		return nil, err
	}
	if err := readsBack(merged, len(existing)+res.added, cfg, conv); err != nil {
		return nil, err
	}
	return res, writeAtomic(filepath.Join(src, filepath.FromSlash(amisPath)), merged)
}

// rowID returns the id a row gives and the position of its cell.
func rowID(file string, n *yaml.Node) (string, diag.Pos) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "id" {
			v := n.Content[i+1]
			return v.Value, diag.Pos{File: file, Line: v.Line, Col: v.Column}
		}
	}
	return "", diag.Pos{File: file, Line: n.Line, Col: n.Column}
}

// readsBack checks that the merged catalogue reads without error and holds want AMIs: a
// last guard, so that a fault of the merge can never leave a broken amis.yaml.
func readsBack(merged []byte, want int, cfg *data.Site, conv *markdown.Converter) error {
	var d diag.List
	got := data.ParseAMIs(source.NewFile(amisPath, merged), cfg.Vocab(), conv, &d)
	if len(d) > 0 || len(got) != want {
		return fmt.Errorf("the merged %s would not read back (%d AMIs, want %d): nothing was written\n%s", amisPath, len(got), want, d.Error())
	}
	return nil
}

// writeAtomic replaces path with b: written beside it, then renamed, so that the file is
// never seen half-written. The file keeps its permissions (a new one gets 0644).
func writeAtomic(path string, b []byte) error {
	mode := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".amis-*.yaml")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
