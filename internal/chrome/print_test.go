package chrome

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode"

	"coexport/internal/french"
	"coexport/internal/testenv"
	"golang.org/x/text/unicode/norm"
)

// TestPrint prints /guide/imprimer/ to PDF as "Print → Save as PDF" does and reads the PDF
// back: at least one page per chapter (each starts on a new page), every chapter's title
// in chapter order, page numbers, the URLs of links, and none of the screen's navigation.
func TestPrint(t *testing.T) {
	s := servedSite(t)
	tb := tab(t)
	u := s.URL + s.Result.Site.Config.BasePath() + "guide/imprimer/"
	if _, err := tb.Open(u, View{}); err != nil {
		t.Fatal(err)
	}
	pdf, err := tb.PDF()
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("COEXPORT_PDF_DIR"); dir != "" { // to look at it
		os.WriteFile(dir+"/guide.pdf", pdf, 0o644)
	}
	chapters := s.Result.Site.Chapters
	pages := PDFPages(pdf)
	if pages < len(chapters)+1 || pages > 40*len(chapters) {
		t.Errorf("%s printed on %d pages, want between %d and %d", u, pages, len(chapters)+1, 40*len(chapters))
	}

	text, err := PDFText(pdf)
	if err == ErrNoPdftotext {
		testenv.Missing(t, "%v: the PDF's text is not checked", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(text, "\f"); n != pages {
		t.Errorf("pdftotext found %d pages, the page objects say %d", n, pages)
	}
	flat := flatten(text)
	at := 0
	for _, c := range chapters {
		title := flatten(french.Space(fmt.Sprintf("%d. %s", c.Order, c.Title)))
		i := strings.Index(flat[at:], title)
		if i < 0 {
			t.Errorf("chapter title %q not in the PDF after the previous chapter's", title)
			continue
		}
		at += i + len(title)
	}
	for _, screenOnly := range []string{"Aller au contenu", "Plan du site", "Chapitre suivant", "Fil d'Ariane"} {
		if strings.Contains(flat, flatten(screenOnly)) {
			t.Errorf("the PDF shows %q, which is for the screen only", screenOnly)
		}
	}
	if folio := fmt.Sprintf("1 / %d", pages); !strings.Contains(flat, folio) {
		t.Errorf("the PDF has no page numbers: no %q", folio)
	}
	if case1 := "(" + s.Result.Site.Config.BasePath() + "cas/"; !strings.Contains(flat, case1) {
		t.Errorf("the PDF shows no link's URL: no %q", case1)
	}
}

// flatten makes text comparable across PDF extraction: compatibility forms folded (NFKC,
// so ligatures become letters), apostrophes straightened, every run of spaces, of any kind,
// and line breaks made one space.
func flatten(s string) string {
	s = norm.NFKC.String(s)
	s = strings.NewReplacer("’", "'", "\u00ad", "").Replace(s)
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}
