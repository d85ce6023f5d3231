package chrome

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
)

// ErrNoPdftotext is returned by PDFText when pdftotext is not installed.
var ErrNoPdftotext = errors.New("pdftotext not found: install Debian's poppler-utils package")

// pageObject matches a page object of a PDF, and not the page tree (/Type /Pages).
var pageObject = regexp.MustCompile(`/Type\s*/Page\b`)

// PDFPages counts the pages of a PDF file by its page objects. Chromium's PDF writer (Skia)
// puts each page dictionary in plain text at the top level, never in a compressed object
// stream, so no PDF parsing is needed.
func PDFPages(pdf []byte) int {
	return len(pageObject.FindAll(pdf, -1))
}

// PDFText returns the text of a PDF file as poppler's pdftotext extracts it, in reading
// order, pages separated by form feeds.
func PDFText(pdf []byte) (string, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", ErrNoPdftotext
	}
	cmd := exec.Command(bin, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("pdftotext: %w: %s", err, errOut.Bytes())
	}
	return out.String(), nil
}
