package chrome

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"coexport/internal/testenv"
)

// maxCSS is the most the one stylesheet may weigh.
const maxCSS = 20 << 10

// TestStylesheet checks that the site has one stylesheet, under maxCSS bytes, and that
// every page links it and no other.
func TestStylesheet(t *testing.T) {
	s := servedSite(t)
	var css []string
	for _, f := range s.Result.Files {
		if strings.HasSuffix(f.Path, ".css") {
			css = append(css, f.Path)
			if len(f.Data) >= maxCSS {
				t.Errorf("%s weighs %d bytes, want less than %d", f.Path, len(f.Data), maxCSS)
			}
		}
	}
	if len(css) != 1 {
		t.Errorf("stylesheets %v, want one", css)
	}
	for _, f := range s.Result.Files {
		if strings.HasSuffix(f.Path, ".html") && bytes.Count(f.Data, []byte(`rel="stylesheet"`)) != 1 {
			t.Errorf("%s links %d stylesheets, want 1", f.Path, bytes.Count(f.Data, []byte(`rel="stylesheet"`)))
		}
	}
}

// TestValidHTML runs the W3C Nu HTML checker (vnu.jar) over every HTML page and the
// stylesheet of the site: any error fails, with the file, the line and the message.
func TestValidHTML(t *testing.T) {
	jar := testenv.NodeModule(t, "vnu-jar/build/dist/vnu.jar")
	java := testenv.LookPath(t, "java", "openjdk-17-jre-headless")
	s := servedSite(t)
	dir := t.TempDir()
	n := 0
	for _, f := range s.Result.Files {
		if !strings.HasSuffix(f.Path, ".html") && !strings.HasSuffix(f.Path, ".css") {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		n++
	}
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--format", "text", "--also-check-css", "--skip-non-html", dir)
	out, err := cmd.CombinedOutput()
	report := strings.ReplaceAll(string(out), "file:"+dir+"/", "")
	if _, exit := err.(*exec.ExitError); err != nil && !exit {
		t.Fatalf("vnu: %v", err)
	}
	if err != nil || strings.Contains(report, "Error:") {
		t.Errorf("the Nu HTML checker found errors in the %d files:\n%s", n, report)
	}
}
