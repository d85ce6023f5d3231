package publish

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// ManifestName is the file, at the root of a published folder, that lists the files
// coexport wrote there: the next build may replace those and only those. It is written
// last, one slash-separated path per line, sorted, after a comment line.
const ManifestName = ".coexport-manifest"

const manifestHeader = "# Files written by coexport build: the next build replaces them, and nothing else.\n"

// writeManifest writes the manifest of paths (sorted) into dir.
func writeManifest(dir string, paths []string) error {
	var b bytes.Buffer
	b.WriteString(manifestHeader)
	for _, p := range paths {
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return os.WriteFile(filepath.Join(dir, ManifestName), b.Bytes(), 0o644)
}

// readManifest returns the paths listed in dir's manifest: none when there is none.
func readManifest(dir string) (map[string]bool, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, err
	}
	m := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		// A line that is not a clean path can name no entry of the folder: skip it.
		if strings.HasPrefix(line, "#") || !fs.ValidPath(line) || line == "." {
			continue
		}
		m[line] = true
	}
	return m, sc.Err()
}

// ancestors returns the folders that hold the given paths ("a/b" for "a/b/c").
func ancestors(paths map[string]bool) map[string]bool {
	dirs := map[string]bool{}
	for p := range paths {
		for d := path.Dir(p); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	return dirs
}

// walkUnlisted calls visit, in lexical order, for each entry of root that root's manifest
// does not list or that keep names, without entering it; it enters the folders that hold
// listed files or kept paths. It follows no symbolic link.
func walkUnlisted(root string, keep map[string]bool, visit func(p string, e fs.DirEntry) error) error {
	files, err := readManifest(root)
	if err != nil {
		return err
	}
	dirs := ancestors(files)
	for d := range ancestors(keep) {
		dirs[d] = true
	}
	var walk func(rel string) error
	walk = func(rel string) error {
		entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		for _, e := range entries {
			p := path.Join(rel, e.Name())
			var err error
			switch {
			case keep[p]:
				err = visit(p, e)
			case e.Type().IsRegular() && (files[p] || p == ManifestName):
			case e.IsDir() && dirs[p]:
				err = walk(p)
			default:
				err = visit(p, e)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	return walk("")
}
