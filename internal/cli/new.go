package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"coexport/internal/data"
	"coexport/internal/diag"
	"coexport/internal/french"
	"coexport/internal/source"
)

// runNew scaffolds a chapter, a case or an AMI that builds as it is.
func runNew(args []string, env Env) int {
	fs := newFlags("new", `chapter|case|ami "Titre" [-src DIR]`, env)
	src := fs.String("src", ".", "the project `folder`")
	// Flags may come after the two arguments: coexport new chapter "Titre" -src site.
	pos, code, ok := parseMixed(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 2 || strings.TrimSpace(pos[1]) == "" {
		fs.Usage()
		return ExitUsage
	}
	kind, title := pos[0], strings.TrimSpace(pos[1])
	slug := french.Slug(title)
	if slug == "" {
		fmt.Fprintf(env.Stderr, "coexport new: the title %q gives an empty slug: use letters or digits\n", title)
		return ExitUsage
	}
	date, err := buildDate(env)
	if err != nil {
		fmt.Fprintln(env.Stderr, "coexport:", err)
		return ExitUsage
	}
	var path string
	switch kind {
	case "chapter", "chapitre":
		path, err = newChapter(*src, title, slug)
	case "case", "cas":
		path, err = newCase(*src, title, slug)
	case "ami":
		path, err = newAMI(*src, title, date)
	default:
		fmt.Fprintf(env.Stderr, "coexport new: unknown kind %q (chapter, case or ami)\n", kind)
		return ExitUsage
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "coexport new:", err)
		return ExitContent
	}
	fmt.Fprintln(env.Stdout, filepath.ToSlash(path))
	return ExitOK
}

func yamlString(s string) string { return strconv.Quote(s) }

// newChapter writes content/guide/NN-slug.md with the next free number.
func newChapter(src, title, slug string) (string, error) {
	dir := filepath.Join(src, "content", "guide")
	entries, _ := os.ReadDir(dir)
	next, width := 1, 2
	for _, e := range entries {
		if order, _, ok := source.ChapterName(e.Name()); ok {
			next = max(next, order+1)
			num, _, _ := strings.Cut(e.Name(), "-")
			width = max(width, len(num))
		}
	}
	path := filepath.Join(dir, fmt.Sprintf("%0*d-%s.md", width, next, slug))
	body := "---\ntitle: " + yamlString(title) + "\nsummary: \"\"\ncountries: []\nsectors: []\n---\n\n" +
		"Introduisez le chapitre en quelques phrases.\n\n## Première partie\n\nÀ écrire.\n"
	return path, create(path, body)
}

// newCase writes content/cas/slug.md, a fictional case study.
func newCase(src, title, slug string) (string, error) {
	path := filepath.Join(src, "content", "cas", slug+".md")
	body := "---\ntitle: " + yamlString(title) + "\nsummary: \"\"\nsme: \"\"\nlead_company: \"\"\ncountries: []\nsectors: []\n" +
		"year: " + strconv.Itoa(time.Now().Year()) + "\nscheme: []\nfictional: true\n---\n\n" +
		"*Exemple fictif : les entreprises et les chiffres de ce cas sont inventés pour illustrer le guide.*\n\n" +
		"## Le besoin\n\n## Le partenariat\n\n## Le contrat\n\n## Ce qui a coincé\n\n## Le résultat\n\n## Les enseignements\n"
	return path, create(path, body)
}

func create(path, body string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

var amiIDRe = regexp.MustCompile(`(?m)^\s*-?\s*id:\s*["']?AMI-(\d{4})-(\d+)`)

// newAMI appends an entry to content/amis.yaml, as text so that the file's comments and
// layout stay as the editor wrote them.
func newAMI(src, title string, date time.Time) (string, error) {
	path := filepath.Join(src, "content", "amis.yaml")
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return "", err
	}
	year := date.Year()
	n := 0
	for _, m := range amiIDRe.FindAllSubmatch(old, -1) {
		if y, _ := strconv.Atoi(string(m[1])); y == year {
			v, _ := strconv.Atoi(string(m[2]))
			n = max(n, v)
		}
	}
	id := fmt.Sprintf("AMI-%d-%03d", year, n+1)
	sector, contact := "", "contact@example.org"
	if cfg, err := os.ReadFile(filepath.Join(src, "content", "site.yaml")); err == nil {
		var d diag.List
		s := data.ParseSite(source.NewFile("content/site.yaml", cfg), "", &d)
		if len(s.Sectors) > 0 {
			sector = s.Sectors[0].Slug
		}
		if s.Contact != "" {
			contact = s.Contact
		}
	}
	day := date.Format(time.DateOnly)
	entry := fmt.Sprintf(`- id: %s
  title: %s
  issuer: "À compléter"
  countries: [FR]
  sectors: [%s]
  published: %s
  deadline: %s
  summary: "À compléter : le besoin en une phrase."
  description: |
    ### Le besoin

    À compléter.

    ### Le profil recherché

    ### Le calendrier
  contact:
    name: "À compléter"
    email: %s
  fictional: true
`, id, yamlString(title), sector, day, date.AddDate(0, 1, 0).Format(time.DateOnly), contact)
	var buf bytes.Buffer
	buf.Write(old)
	if len(old) > 0 && !bytes.HasSuffix(old, []byte("\n")) {
		buf.WriteByte('\n')
	}
	if len(old) > 0 {
		buf.WriteByte('\n')
	}
	buf.WriteString(entry)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return "", err
	}
	return path, nil
}
