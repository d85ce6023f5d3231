package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// alwaysKept are the top-level names that belong to the user in any output folder: a git
// worktree (a gh-pages clone, a docs/ folder) and GitHub Pages' settings. Each build
// carries them over untouched.
var alwaysKept = []string{".git", ".gitattributes", ".gitignore", ".gitkeep", ".nojekyll", "CNAME"}

// resolve returns p absolute, with its symbolic links and ".." resolved component by
// component (a ".." after a link climbs from the link's target, as the system does). The
// part of p that does not exist yet is kept as written.
func resolve(p string) (string, error) {
	if p == "" {
		return "", errors.New("empty folder name")
	}
	if !filepath.IsAbs(p) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		p = wd + string(filepath.Separator) + p
	}
	vol := filepath.VolumeName(p)
	cur := vol + string(filepath.Separator)
	for _, c := range strings.Split(p[len(vol):], string(filepath.Separator)) {
		switch c {
		case "", ".":
			continue
		case "..":
			cur = filepath.Dir(cur)
			continue
		}
		next := filepath.Join(cur, c)
		if r, err := filepath.EvalSymlinks(next); err == nil {
			next = r
		}
		cur = next
	}
	return cur, nil
}

// within reports whether p is dir or lies inside it (both resolved).
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}

// displayPath is a folder as the user named it, for messages: "public/".
func displayPath(dir string) string {
	d := filepath.ToSlash(filepath.Clean(dir))
	if !strings.HasSuffix(d, "/") {
		d += "/"
	}
	if d == "./" {
		return d
	}
	return strings.TrimPrefix(d, "./")
}

// checkPlace refuses an output folder (dir as named, out resolved) that a build must never replace
// whatever it holds: the root, the home folder or one holding it, the project folder
// (src) or one holding it, or a folder inside the project's sources.
func checkPlace(dir, out, src string) error {
	shown := displayPath(dir)
	if filepath.Dir(out) == out {
		return fmt.Errorf("the output folder %s is the root of the file system", shown)
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if h, err := resolve(home); err == nil && within(h, out) {
			if h == out {
				return fmt.Errorf("the output folder %s is your home folder", shown)
			}
			return fmt.Errorf("the output folder %s holds your home folder %s", shown, h)
		}
	}
	if src == "" {
		return nil
	}
	s, err := resolve(src)
	if err != nil {
		return err
	}
	switch {
	case s == out:
		return fmt.Errorf("the output folder %s is the project folder: the site would replace content/ and everything else there (leave -out out to build into %s)", shown, displayPath(filepath.Join(src, "public")))
	case within(s, out):
		return fmt.Errorf("the output folder %s holds the project folder %s", shown, displayPath(src))
	}
	for _, sub := range []string{"content", "layouts"} {
		d, err := resolve(filepath.Join(s, sub))
		if err != nil {
			return err
		}
		if within(out, d) {
			return fmt.Errorf("the output folder %s lies inside %s: the site would replace the project's sources", shown, displayPath(filepath.Join(src, sub)))
		}
	}
	return nil
}

// keepList returns the paths a build carries over: alwaysKept and the user's -keep list,
// cleaned and sorted.
func keepList(user []string) ([]string, error) {
	keep := slices.Clone(alwaysKept)
	for _, k := range user {
		c := path.Clean(filepath.ToSlash(k))
		if !fs.ValidPath(c) || c == "." || c == ManifestName {
			return nil, fmt.Errorf("-keep %q: want a path inside the output folder, such as notes.txt or drafts/", k)
		}
		keep = append(keep, c)
	}
	slices.Sort(keep)
	return slices.Compact(keep), nil
}

// checkContents refuses an output folder that holds anything a build may neither replace
// nor keep: it must be missing, empty, written by coexport (per its manifest), or hold
// only kept paths besides.
func checkContents(dir, out string, keep []string) error {
	info, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("the output folder %s is not a folder", displayPath(dir))
	}
	_, foreign, err := classify(out, keep)
	if err != nil {
		return err
	}
	if len(foreign) == 0 {
		return nil
	}
	shown := foreign[:min(len(foreign), 5)]
	more := ""
	if n := len(foreign) - len(shown); n > 0 {
		more = fmt.Sprintf(" and %d more", n)
	}
	return fmt.Errorf("the output folder %s holds files coexport did not write: %s%s; "+
		"coexport replaces only a folder it wrote (listed in its %s), an empty one, or one that besides holds only %s and the paths of -keep: "+
		"move these files away, choose another -out folder, or keep them with -keep %s",
		displayPath(dir), strings.Join(shown, ", "), more, ManifestName, strings.Join(alwaysKept, ", "), strings.TrimSuffix(foreign[0], "/"))
}

// classify walks the output folder out and sorts what it holds: kept paths (the user's,
// carried over), foreign paths (neither kept nor listed in the manifest; folders end in
// "/"), and, unreported, the files coexport wrote.
func classify(out string, keep []string) (kept, foreign []string, err error) {
	keepSet := map[string]bool{}
	for _, k := range keep {
		keepSet[k] = true
	}
	err = walkUnlisted(out, keepSet, func(p string, e fs.DirEntry) error {
		switch {
		case keepSet[p]:
			kept = append(kept, p)
		case e.IsDir():
			foreign = append(foreign, p+"/")
		default:
			foreign = append(foreign, p)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, err
	}
	return kept, foreign, nil
}
