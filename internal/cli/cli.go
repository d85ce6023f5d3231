// Package cli is coexport's command line: it parses arguments, runs the pipeline and
// turns the outcome into output and an exit code (0 ok, 1 content errors, 2 usage errors).
// It is the only package that touches argv, stdio and the environment.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"coexport/internal/diag"
	"coexport/internal/pipeline"
	"coexport/internal/publish"
	"coexport/internal/site"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitContent = 1 // the content has errors (or the site could not be written)
	ExitUsage   = 2
)

// Env is what a command may read and write of its process.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Interrupt      <-chan os.Signal // serve stops when it receives; nil: never
}

const usage = `coexport builds the Guide des bonnes pratiques du co-export: a static site from content/ and layouts/.

Usage:
  coexport build   [-src DIR] [-out DIR] [-base-url URL] [-drafts] [-format F]  build the site into DIR/public
  coexport check   [-src DIR] [-drafts] [-format text|github|json]              check the content, write nothing
  coexport serve   [-src DIR] [-addr 127.0.0.1:1313] [-drafts] [-open]  live preview, rebuilt on every save
  coexport new     chapter|case|ami "Titre" [-src DIR]                 start a new chapter, case or AMI
  coexport import  ami [-src DIR] [-update] FILE.csv                  add the AMIs of a spreadsheet to content/amis.yaml
  coexport schema  [-src DIR] -out DIR                                write the content files' JSON Schemas, for editors
  coexport version                                                    print the version

Run "coexport COMMAND -h" for a command's flags.
Content errors are printed as path:line:col: message; the exit code is then 1.
-format github prints them as GitHub Actions annotations, -format json as one JSON object
per line (both on stdout, the summary on stderr).
`

// Main runs coexport with args (without the program name) and returns the exit code.
func Main(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, usage)
		return ExitUsage
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], env, true)
	case "check":
		return runBuild(args[1:], env, false)
	case "serve":
		return runServe(args[1:], env)
	case "new":
		return runNew(args[1:], env)
	case "import":
		return runImport(args[1:], env)
	case "schema":
		return runSchema(args[1:], env)
	case "version", "-version", "--version":
		fmt.Fprintln(env.Stdout, "coexport", version())
		return ExitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(env.Stdout, usage)
		return ExitOK
	}
	fmt.Fprintf(env.Stderr, "coexport: unknown command %q\n\n%s", args[0], usage)
	return ExitUsage
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return "dev-" + s.Value[:12]
			}
		}
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			return bi.Main.Version
		}
	}
	return "dev"
}

func newFlags(name, args string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: coexport %s %s\n\nFlags:\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; ok is false when the command must stop with code.
func parseFlags(fs *flag.FlagSet, args []string) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK, false
		}
		return ExitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "coexport %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return ExitUsage, false
	}
	return 0, true
}

// buildDate is SOURCE_DATE_EPOCH when set (reproducible builds), else now.
func buildDate(env Env) (time.Time, error) {
	v := env.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Now().UTC(), nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", v)
	}
	return time.Unix(n, 0).UTC(), nil
}

func runBuild(args []string, env Env, write bool) int {
	name, argsHelp := "check", "[-src DIR] [-drafts] [-format text|github|json]"
	if write {
		name, argsHelp = "build", "[-src DIR] [-out DIR] [-keep PATH] [-base-url URL] [-drafts] [-format text|github|json]"
	}
	fs := newFlags(name, argsHelp, env)
	src := fs.String("src", ".", "the project `folder` (holding content/ and, optionally, layouts/)")
	drafts := fs.Bool("drafts", false, "publish pages marked draft: true")
	verbose := fs.Bool("v", false, "print the time of each stage")
	formatName := fs.String("format", "text", "how to print content errors: `text` (path:line:col: message), github (Actions annotations) or json (one object per line)")
	var out, baseURL *string
	var keep []string
	if write {
		out = fs.String("out", "", "the output `folder` (default SRC/public); coexport replaces only what it wrote there (see the README)")
		fs.Func("keep", "a `path` in the output folder that is yours: kept by every build (repeatable; .git, CNAME, .nojekyll are always kept)", func(v string) error {
			keep = append(keep, v)
			return nil
		})
		baseURL = fs.String("base-url", "", "the site's absolute `URL`, overriding site.yaml's base_url")
	} else {
		baseURL = new(string)
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	format, err := diag.ParseFormat(*formatName)
	if err != nil {
		fmt.Fprintf(env.Stderr, "coexport %s: %v\n", name, err)
		return ExitUsage
	}
	// Machine-readable diagnostics go to stdout, alone; summaries then go to stderr.
	diagOut, summary := env.Stderr, env.Stdout
	if format != diag.Text {
		diagOut, summary = env.Stdout, env.Stderr
	}
	start := time.Now()
	date, err := buildDate(env)
	if err != nil {
		fmt.Fprintln(env.Stderr, "coexport:", err)
		return ExitUsage
	}
	var stage *publish.Staging
	dir := ""
	if write {
		// Staged before the build: a refused output folder fails at once, and a second
		// build into the same folder waits for this one.
		if dir = *out; dir == "" {
			dir = filepath.Join(*src, "public")
		}
		stage, err = publish.Stage(dir, publish.Options{Src: *src, Keep: keep, Waiting: func() {
			fmt.Fprintf(env.Stderr, "waiting for another build into %s, or into a folder beside it, to finish\n", displayDir(dir))
		}})
		if err != nil {
			fmt.Fprintln(env.Stderr, "coexport:", err)
			return ExitContent
		}
		defer stage.Abort()
	}
	limitMemory(*src, env.Getenv)
	cfg := pipeline.Config{Src: os.DirFS(*src), BaseURL: *baseURL, Drafts: *drafts, BuildDate: date}
	var queue *publish.Queue
	if write {
		// Each output goes to the staged folder as soon as it is made, written while the
		// next ones render, and is dropped from memory once written.
		queue = publish.NewQueue(stage.Write)
		cfg.Write = queue.Write
	}
	res, err := pipeline.New(cfg).Build()
	if queue != nil {
		if werr := queue.Close(); err == nil && werr != nil {
			err = werr
		}
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "coexport:", err)
		return ExitContent
	}
	if len(res.Diags) > 0 {
		_ = res.Diags.Write(diagOut, format) // like every write to stdio here, a failure cannot be reported
		fmt.Fprintf(env.Stderr, "%s failed: %s\n", name, plural(len(res.Diags), "error", "errors"))
		if write {
			fmt.Fprintln(env.Stderr, "nothing was written: the output folder keeps its last good build")
		}
		return ExitContent
	}
	st := res.Stats
	if *verbose {
		for _, sg := range st.Stages {
			fmt.Fprintf(env.Stderr, "%-9s %5d ms\n", sg.Name, sg.Duration.Milliseconds())
		}
	}
	counts := fmt.Sprintf("%d chapitres, %d cas, %d AMI, %d pays, %d secteurs", st.Chapters, st.Cases, st.AMIs, st.Countries, st.Sectors)
	if !write {
		fmt.Fprintf(summary, "checked %d pages (%s) in %d ms: no errors\n", st.Pages, counts, st.Duration.Milliseconds())
		fmt.Fprintln(summary, nextChange(res.Site))
		return ExitOK
	}
	if err := stage.Commit(); err != nil {
		fmt.Fprintln(env.Stderr, "coexport:", err)
		return ExitContent
	}
	if *verbose {
		fmt.Fprintf(env.Stderr, "%-9s %5d ms\n", "publish", time.Since(start.Add(st.Duration)).Milliseconds())
	}
	fmt.Fprintf(summary, "built %d pages (%s) in %d ms → %s\n", st.Pages, counts, time.Since(start).Milliseconds(), displayDir(dir))
	fmt.Fprintln(summary, nextChange(res.Site))
	return ExitOK
}

// nextChange tells an operator when the output will change with no change of content:
// the statuses change when the next AMI closes, the days-left counts every day before.
func nextChange(s *site.Site) string {
	today := s.Today.Format(time.DateOnly)
	day, ids, ok := s.NextClosing()
	if !ok {
		return "no AMI is open on " + today + ": the output changes only with the content"
	}
	verb := "closes"
	if len(ids) > 1 {
		verb = "close"
	}
	return fmt.Sprintf("next change by itself: %s, when %s %s (build day %s; until then the days left change daily)",
		day.Format(time.DateOnly), strings.Join(ids, ", "), verb, today)
}

func displayDir(dir string) string {
	d := filepath.ToSlash(filepath.Clean(dir))
	if !strings.HasSuffix(d, "/") {
		d += "/"
	}
	return strings.TrimPrefix(d, "./")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
