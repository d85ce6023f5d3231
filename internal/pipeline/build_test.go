package pipeline_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"coexport/internal/output"
	"coexport/internal/pipeline"
	"coexport/internal/render"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// buildDate is the fixed day of the golden site: AMI-2026-001 and 002 are open, 2025-009 closed.
var buildDate = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

const basic = "../../testdata/sites/basic"

func buildDir(t *testing.T, dir string) *pipeline.Result {
	t.Helper()
	res, err := pipeline.New(pipeline.Config{Src: os.DirFS(dir), BuildDate: buildDate}).Build()
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diags) > 0 {
		t.Fatalf("build of %s failed:\n%s", dir, res.Diags.Error())
	}
	return res
}

// TestGolden compares every output of the fixture site with testdata/sites/basic/want.
// go test ./internal/pipeline -update rewrites want/; review its diff like code.
func TestGolden(t *testing.T) {
	res := buildDir(t, basic)
	want := filepath.Join(basic, "want")
	// Static assets are copied as they are: they are compared with layouts/assets, not
	// kept twice in the golden files.
	var files []output.File
	assets := map[string][]byte{}
	for _, f := range res.Files {
		if name, ok := strings.CutPrefix(f.Path, "assets/"); ok {
			if src, err := os.ReadFile(filepath.Join("../../layouts/assets", name)); err != nil || !bytes.Equal(src, f.Data) {
				t.Errorf("%s differs from layouts/assets/%s (%v)", f.Path, name, err)
			}
			assets[name] = f.Data
			continue
		}
		files = append(files, f)
	}
	for i, f := range files {
		files[i].Data = versionless(f.Data, assets)
	}
	if *update {
		os.RemoveAll(want)
		for _, f := range files {
			p := filepath.Join(want, filepath.FromSlash(f.Path))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	got := map[string][]byte{}
	for _, f := range files {
		got[f.Path] = f.Data
		w, err := os.ReadFile(filepath.Join(want, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Errorf("%s: not in the golden files (run go test ./internal/pipeline -update)", f.Path)
			continue
		}
		if !bytes.Equal(w, f.Data) {
			t.Errorf("%s differs from the golden file:\n%s", f.Path, firstDiff(string(w), string(f.Data)))
		}
	}
	fs.WalkDir(os.DirFS(want), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && got[p] == nil {
			t.Errorf("%s: golden file no longer built", p)
		}
		return nil
	})
}

// assetRef is a reference to a static asset with its cache-busting version.
var assetRef = regexp.MustCompile(`assets/([\w.-]+)\?v=([0-9a-f]+)`)

// versionHole stands in the golden files for an asset's version that matches its bytes.
const versionHole = "?v={version}"

// versionless replaces in data each asset version that is the hash of the asset's bytes
// by versionHole, so that editing a stylesheet does not rewrite every golden page; a
// version that does not match (a stale cache-buster) is left as it is, and shows as a
// difference with the golden files.
func versionless(data []byte, assets map[string][]byte) []byte {
	// a script that a page carries inline (the search page's search.js)
	for name, b := range assets {
		if strings.HasSuffix(name, ".js") && len(b) > 0 {
			if minified, err := render.MinifyScript(b); err == nil && len(minified) > 0 {
				data = bytes.ReplaceAll(data, minified, []byte("{inline "+name+"}"))
			}
			data = bytes.ReplaceAll(data, b, []byte("{inline "+name+"}"))
		}
	}
	return assetRef.ReplaceAllFunc(data, func(ref []byte) []byte {
		m := assetRef.FindSubmatch(ref)
		b, ok := assets[string(m[1])]
		if sum := sha256.Sum256(b); !ok || hex.EncodeToString(sum[:4]) != string(m[2]) {
			return ref
		}
		return []byte("assets/" + string(m[1]) + versionHole)
	})
}

func TestVersionless(t *testing.T) {
	css := []byte("body{}")
	sum := sha256.Sum256(css)
	v := hex.EncodeToString(sum[:4])
	assets := map[string][]byte{"style.css": css}
	tests := []struct{ name, in, want string }{
		{"current version", `<link href="/x/assets/style.css?v=` + v + `">`, `<link href="/x/assets/style.css?v={version}">`},
		{"stale version", `<link href="/x/assets/style.css?v=00000000">`, `<link href="/x/assets/style.css?v=00000000">`},
		{"unknown asset", `<script src="/x/assets/site.js?v=` + v + `">`, `<script src="/x/assets/site.js?v=` + v + `">`},
		{"no version", `<img src="/x/assets/logo.svg">`, `<img src="/x/assets/logo.svg">`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(versionless([]byte(tt.in), assets)); got != tt.want {
				t.Errorf("versionless(%s) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(same lines)"
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(i)) }

func fmtInt(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return fmtInt(i/10) + string(rune('0'+i%10))
}

// TestDeterministic builds the repo's own content twice with the same date: same bytes.
func TestDeterministic(t *testing.T) {
	a := buildDir(t, "../..")
	b := buildDir(t, "../..")
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files, then %d", len(a.Files), len(b.Files))
	}
	for i := range a.Files {
		if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			t.Fatalf("%s differs between two builds of the same input", a.Files[i].Path)
		}
	}
}

// TestPages checks what a reader sees on a few pages of the fixture site.
func TestPages(t *testing.T) {
	res := buildDir(t, basic)
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	for _, tc := range []struct{ path, want string }{
		{"guide/pourquoi/index.html", `<h2 id="les-etapes">Les étapes</h2>`},
		{"guide/pourquoi/index.html", `<h2 id="les-etapes-1">Les étapes</h2>`},
		{"guide/pourquoi/index.html", "«\u202fdéjà\u202f»"},
		{"guide/pourquoi/index.html", "partenaire\u00a0: 12,5\u00a0%"},
		{"guide/pourquoi/index.html", `<code>a ; b ? c</code>`},
		{"guide/pourquoi/index.html", `href="/coexport/guide/portage/#les-risques"`},
		{"guide/pourquoi/index.html", `rel="next" href="/coexport/guide/portage/"`},
		{"guide/portage/index.html", `href="/coexport/cas/pompage-senegal/"`},
		{"guide/portage/index.html", "à 10:30"},
		{"guide/portage/index.html", "«\u202fl’abri\u202f»"},
		{"cas/pompage-senegal/index.html", "Exemple fictif"},
		{"ami/ami-2026-001/index.html", "mailto:achats@aqua.example?subject=Manifestation%20d%27int%C3%A9r%C3%AAt%20%E2%80%94%20AMI-2026-001"},
		{"ami/ami-2026-001/index.html", "40\u202f000\u00a0€"},
		{"ami/ami-2026-001/index.html", "encore 19 jours"},
		{"ami/ami-2026-001/index.html", "«\u202fconnectés\u202f» &amp; &lt;robustes&gt;"},
		{"ami/index.html", "AMI-2026-002"},
		{"ami/archives/index.html", "AMI-2025-009"},
		{"pays/index.html", `href="/coexport/pays/sn/"`},
		{"pays/sn/index.html", "Pompage solaire au Sénégal"},
		{"enquete/index.html", "87,5\u00a0%"},
		{"enquete/index.html", `role="img"`},
		{"sitemap.xml", "<loc>https://example.org/coexport/guide/portage/</loc>"},
		{"robots.txt", "Sitemap: https://example.org/coexport/sitemap.xml"},
		{"a-propos/index.html", "Écrivez-nous\u202f!"},
	} {
		if !strings.Contains(files[tc.path], tc.want) {
			t.Errorf("%s does not contain %q", tc.path, tc.want)
		}
	}
	for _, tc := range []struct{ path, notWant string }{
		{"guide/portage/index.html", "<script>alert"},
		{"ami/index.html", "AMI-2025-009"},
		{"index.html", "livereload"},
	} {
		if strings.Contains(files[tc.path], tc.notWant) {
			t.Errorf("%s contains %q", tc.path, tc.notWant)
		}
	}
	if _, ok := files["guide/brouillon/index.html"]; ok {
		t.Error("a draft chapter was published")
	}
}
