// Package source reads a coexport project from an fs.FS and says what each file is.
//
// It is the pipeline's first stage: it knows the layout of a project (content/site.yaml,
// content/guide/NN-slug.md, content/cas/slug.md, content/amis.yaml, content/enquete.yaml,
// other content/*.md pages, layouts/…), maps each source file to the URL of the page it
// becomes, and skips what editors leave behind (backup, swap and lock files).
package source

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// Kind says what a file of the project is.
type Kind int

// The kinds of file. Ignored files are neither read nor watched for meaning.
const (
	Ignored Kind = iota
	SiteConfig
	Chapter
	Case
	Page
	Home
	AMIs
	Survey
	Layout
	Unknown // a file under content/ that coexport does not know how to use
)

var kindNames = [...]string{"ignored", "site", "chapter", "case", "page", "home", "amis", "survey", "layout", "unknown"}

// String returns the kind's name.
func (k Kind) String() string { return kindNames[k] }

// File is one source file, its kind and its content hash.
type File struct {
	Path string // slash-separated, relative to the project root: "content/guide/01-x.md"
	Kind Kind
	Data []byte
	Hash [32]byte
}

// NewFile classifies data read from p and hashes it.
func NewFile(p string, data []byte) File {
	return File{Path: p, Kind: Classify(p), Data: data, Hash: sha256.Sum256(data)}
}

// Classify says what the file at p (relative to the project root) is.
func Classify(p string) Kind {
	if IsEditorLeftover(path.Base(p)) {
		return Ignored
	}
	switch {
	case strings.HasPrefix(p, "layouts/"):
		return Layout
	case !strings.HasPrefix(p, "content/"):
		return Ignored
	}
	rel := strings.TrimPrefix(p, "content/")
	switch rel {
	case "site.yaml":
		return SiteConfig
	case "amis.yaml":
		return AMIs
	case "enquete.yaml":
		return Survey
	case "index.md":
		return Home
	}
	dir, name := path.Split(rel)
	if !strings.HasSuffix(name, ".md") {
		return Unknown
	}
	switch dir {
	case "guide/":
		return Chapter
	case "cas/":
		return Case
	case "":
		return Page
	}
	return Unknown
}

// IsEditorLeftover reports whether a file name is a backup, swap or lock file that editors
// write beside the real one (vim's .x.swp and 4913, emacs' #x# and .#x, x~), or hidden.
func IsEditorLeftover(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || name == "4913" ||
		(strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#")) ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp")
}

// ChapterName splits a chapter file name "042-slug.md" into its order and slug; ok is false
// when the name has no numeric prefix or no slug.
func ChapterName(p string) (order int, slug string, ok bool) {
	name := strings.TrimSuffix(path.Base(p), ".md")
	num, slug, found := strings.Cut(name, "-")
	if !found || num == "" || slug == "" {
		return 0, "", false
	}
	for _, c := range num {
		if c < '0' || c > '9' {
			return 0, "", false
		}
		order = order*10 + int(c-'0')
	}
	return order, slug, true
}

// URL returns the site-relative URL ("guide/slug/", "" for the home page) of the page made
// from the file at p — a markdown file, or the catalogue (ami/) and the survey (enquete/) —
// and false when p makes no page.
func URL(p string) (string, bool) {
	name := strings.TrimSuffix(path.Base(p), ".md")
	switch Classify(p) {
	case Chapter:
		_, slug, ok := ChapterName(p)
		return "guide/" + slug + "/", ok
	case Case:
		return "cas/" + name + "/", true
	case Page:
		return name + "/", true
	case Home:
		return "", true
	case AMIs:
		return "ami/", true
	case Survey:
		return "enquete/", true
	}
	return "", false
}

// Cache remembers the files a Load read, by path with their size and modification time,
// so that the next Load re-reads only the files that changed. The zero value is empty.
type Cache struct {
	files map[string]cachedFile
}

type cachedFile struct {
	size    int64
	modTime time.Time
	file    File
}

// Load reads every file under content/ and layouts/ of fsys, sorted by path. A project
// without content/site.yaml is not a coexport project. With a non-nil cache, a file whose
// size and modification time did not change is taken from it instead of read again.
func Load(fsys fs.FS, cache *Cache) ([]File, error) {
	if _, err := fs.Stat(fsys, "content/site.yaml"); err != nil {
		return nil, errors.New("load: content/site.yaml not found: is this a coexport project? (see -src)")
	}
	var files []File
	next := map[string]cachedFile{}
	for _, root := range []string{"content", "layouts"} {
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil && p == root && errors.Is(err, fs.ErrNotExist):
				return fs.SkipDir
			case err != nil:
				return err
			case d.IsDir() && p != root && IsEditorLeftover(d.Name()):
				return fs.SkipDir
			case d.IsDir() || Classify(p) == Ignored:
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			if c, ok := cache.get(p); ok && c.size == info.Size() && c.modTime.Equal(info.ModTime()) && !info.ModTime().IsZero() {
				files = append(files, c.file)
				next[p] = c
				return nil
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			f := NewFile(p, data)
			files = append(files, f)
			next[p] = cachedFile{size: info.Size(), modTime: info.ModTime(), file: f}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("load: %w", err)
		}
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	if cache != nil {
		cache.files = next
	}
	return files, nil
}

func (c *Cache) get(p string) (cachedFile, bool) {
	if c == nil {
		return cachedFile{}, false
	}
	f, ok := c.files[p]
	return f, ok
}
