// Package source reads a coexport project from an fs.FS and says what each file is.
//
// It is the pipeline's first stage: it knows the layout of a project (content/site.yaml,
// content/guide/NN-slug.md, content/cas/slug.md, content/modeles/slug.md, content/amis.yaml,
// content/enquete.yaml, other content/*.md pages, layouts/…), maps each source file to the
// URL of the page it becomes, and skips what editors leave behind (backup, swap and lock files).
package source

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"coexport/internal/parallel"
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
	Model   // a model document: content/modeles/slug.md
)

var kindNames = [...]string{"ignored", "site", "chapter", "case", "page", "home", "amis", "survey", "layout", "unknown", "model"}

// String returns the kind's name.
func (k Kind) String() string { return kindNames[k] }

// File is one source file, its kind and its content hash.
type File struct {
	Path string // slash-separated, relative to the project root: "content/guide/01-x.md"
	Kind Kind
	Data []byte
	Hash [32]byte
	// Problem, when not empty, is why the file could not be read (a symlink out of the
	// project, to nothing, in a loop); Data is then empty.
	Problem string
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
	case "modeles/":
		return Model
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
	case Model:
		return "modeles/" + name + "/", true
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
//
// Symbolic links are followed when they lead to a file or folder inside the project (with
// an fsys that implements fs.ReadLinkFS, as os.DirFS does); a link out of the project, to a
// missing file or in a loop becomes a File whose Problem says so, with no data, so that
// the build reports it at the link and goes on.
func Load(fsys fs.FS, cache *Cache) ([]File, error) {
	if _, err := fs.Stat(fsys, "content/site.yaml"); err != nil {
		return nil, errors.New("load: content/site.yaml not found: is this a coexport project? (see -src)")
	}
	l := &loader{fsys: fsys, cache: cache, next: map[string]cachedFile{}}
	for _, root := range []string{"content", "layouts"} {
		if err := l.walk(root, root, nil); err != nil {
			return nil, fmt.Errorf("load: %w", err)
		}
	}
	if err := l.readAll(); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	slices.SortFunc(l.files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	if cache != nil {
		cache.files = l.next
	}
	return l.files, nil
}

// loader collects the files of one Load: the walk lists them (toRead), then readAll reads
// and hashes them on all cores.
type loader struct {
	fsys   fs.FS
	cache  *Cache
	files  []File
	toRead []toRead
	next   map[string]cachedFile
}

// toRead is a file the walk found: its real path in fsys, and its path in the project.
type toRead struct{ real, shown string }

// walk adds the files under the folder real of fsys, named as under the project path
// shown (the two differ below a followed link to a folder). open lists the real folders
// walked through links, to find loops.
func (l *loader) walk(real, shown string, open []string) error {
	if info, err := fs.Lstat(l.fsys, real); err == nil && info.Mode()&fs.ModeSymlink != 0 && real == shown {
		return l.link(real, shown, open) // content/ or layouts/ itself is a link
	}
	return fs.WalkDir(l.fsys, real, func(p string, d fs.DirEntry, err error) error {
		name := shown + strings.TrimPrefix(p, real)
		switch {
		case err != nil && p == real && errors.Is(err, fs.ErrNotExist):
			return fs.SkipDir
		case err != nil:
			return err
		case d.IsDir() && p != real && IsEditorLeftover(d.Name()):
			return fs.SkipDir
		case d.IsDir():
			return nil
		case Classify(name) == Ignored:
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			return l.link(p, name, open)
		}
		l.toRead = append(l.toRead, toRead{p, name})
		return nil
	})
}

// link follows the link at real (named shown in the project).
func (l *loader) link(real, shown string, open []string) error {
	target, err := EvalLinks(l.fsys, real)
	if err != nil {
		l.files = append(l.files, File{Path: shown, Kind: Classify(shown), Problem: err.Error()})
		return nil
	}
	info, err := fs.Stat(l.fsys, target)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		l.toRead = append(l.toRead, toRead{target, shown})
		return nil
	}
	for _, o := range append(open, real) {
		if target == "" || target == o || strings.HasPrefix(o, target+"/") {
			l.files = append(l.files, File{Path: shown, Kind: Classify(shown), Problem: ErrLinkLoop.Error()})
			return nil
		}
	}
	return l.walk(target, shown, append(open, target))
}

// readAll reads the files the walk listed, on all cores (reading and hashing them is most of
// a load), or takes them from the cache when their size and modification time did not
// change. The first error, in the order of the walk, stops the load.
func (l *loader) readAll() error {
	read := make([]cachedFile, len(l.toRead))
	errs := make([]error, len(l.toRead))
	parallel.For(len(l.toRead), func(i int) { read[i], errs[i] = l.readOne(l.toRead[i]) })
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	for i, c := range read {
		l.files = append(l.files, c.file)
		l.next[l.toRead[i].shown] = c
	}
	return nil
}

// readOne reads one file, or takes it from the cache. Without a cache it needs no stat:
// the size and time it records are for the next Load's cache only.
func (l *loader) readOne(f toRead) (cachedFile, error) {
	var info fs.FileInfo
	if l.cache != nil {
		var err error
		if info, err = fs.Stat(l.fsys, f.real); err != nil {
			return cachedFile{}, err
		}
		if c, ok := l.cache.get(f.shown); ok && c.size == info.Size() && c.modTime.Equal(info.ModTime()) && !info.ModTime().IsZero() {
			return c, nil
		}
	}
	data, err := fs.ReadFile(l.fsys, f.real)
	if err != nil {
		return cachedFile{}, err
	}
	c := cachedFile{file: NewFile(f.shown, data)}
	if info != nil {
		c.size, c.modTime = info.Size(), info.ModTime()
	}
	return c, nil
}

// The problems of a symbolic link, reported at the link.
var (
	ErrLinkOutside = errors.New("symlink to a file outside the project")
	ErrLinkMissing = errors.New("symlink to a missing file")
	ErrLinkLoop    = errors.New("symlink loop")
)

// maxLinks bounds the links followed to resolve one path, as the kernel does (40).
const maxLinks = 40

// EvalLinks returns the project path that p names once every symbolic link on the way is
// followed, component by component as the system does ("" for the project root). A link
// that is absolute or climbs out of fsys gives ErrLinkOutside, one to nothing
// ErrLinkMissing, more than 40 links ErrLinkLoop. Links are read with fs.ReadLink: an fsys
// that cannot read them has none to follow.
func EvalLinks(fsys fs.FS, p string) (string, error) {
	real, rest, links := "", p, 0
	for rest != "" {
		var c string
		c, rest, _ = strings.Cut(rest, "/")
		switch c {
		case "", ".":
			continue
		case "..":
			if real == "" {
				return "", ErrLinkOutside
			}
			if real = path.Dir(real); real == "." {
				real = ""
			}
			continue
		}
		next := path.Join(real, c)
		info, err := fs.Lstat(fsys, next)
		if err != nil {
			return "", ErrLinkMissing
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			real = next
			continue
		}
		if links++; links > maxLinks {
			return "", ErrLinkLoop
		}
		dest, err := fs.ReadLink(fsys, next)
		if err != nil {
			return "", fmt.Errorf("unreadable symlink: %w", err)
		}
		dest = filepath.ToSlash(dest)
		if path.IsAbs(dest) || filepath.IsAbs(dest) || filepath.VolumeName(dest) != "" {
			return "", ErrLinkOutside
		}
		rest = strings.TrimSuffix(dest+"/"+rest, "/")
	}
	return real, nil
}

func (c *Cache) get(p string) (cachedFile, bool) {
	if c == nil {
		return cachedFile{}, false
	}
	f, ok := c.files[p]
	return f, ok
}
