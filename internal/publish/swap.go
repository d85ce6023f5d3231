package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Beside the output folder out ("public"), a build uses three names, all recognisably
// its own, and a kill at any moment leaves them in a state the next build finishes
// (recoverBeside):
//
//	.public.coexport-tmp-NNN  the next site being written: only coexport's files, removed
//	.public.coexport-swap     a complete site: the next one just before the swap, the
//	                          previous one just after; the user's files in it go back to out
//	.public.coexport-trash    the previous site, the user's files taken out: removed
//
// The swap itself is one atomic exchange of two folders where the system allows it
// (Linux's RENAME_EXCHANGE), so that out always holds a complete site; elsewhere two
// renames, between which out is missing and the next build restores it from the swap.
const (
	tmpInfix    = ".coexport-tmp-"
	swapSuffix  = ".coexport-swap"
	trashSuffix = ".coexport-trash"
)

// errNoExchange says that the system or file system cannot exchange two folders.
var errNoExchange = errors.New("exchanging two folders is not supported")

func tempPrefix(out string) string { return "." + filepath.Base(out) + tmpInfix }

func beside(out, suffix string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+suffix)
}

// swapIn makes tmp, a complete site with its manifest, the output folder out, and
// carries the user's files of the previous out over into it.
func swapIn(tmp, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, out)
	}
	swap := beside(out, swapSuffix)
	if err := os.Rename(tmp, swap); err != nil {
		return err
	}
	step("renamed")
	err := exchange(swap, out)
	if errors.Is(err, errNoExchange) {
		err = swapByRenames(swap, tmp, out)
	}
	if err != nil {
		return err
	}
	step("swapped")
	return settle(swap, out)
}

// swapByRenames swaps with two renames: the next site in swap goes back to its temporary
// name (a kill then leaves out as it was), out becomes the swap, the next site out.
func swapByRenames(swap, tmp, out string) error {
	if err := os.Rename(swap, tmp); err != nil {
		return err
	}
	if err := os.Rename(out, swap); err != nil {
		return err
	}
	step("moved-aside")
	if err := os.Rename(tmp, out); err != nil {
		return errors.Join(err, os.Rename(swap, out))
	}
	return nil
}

// settle moves the user's files from swap into out, then removes swap. swap holds a
// complete site with its manifest, the previous one or an unused next one; what its
// manifest does not list is the user's.
func settle(swap, out string) error {
	if err := adopt(swap, out); err != nil {
		return err
	}
	step("adopted")
	trash := beside(out, trashSuffix)
	if err := os.RemoveAll(trash); err != nil {
		return err
	}
	if err := os.Rename(swap, trash); err != nil {
		return err
	}
	step("trashed")
	return os.RemoveAll(trash)
}

// adopt moves what from holds besides the files its manifest lists (and the manifest)
// into the same place in to, whole files and folders at a time. It never replaces
// anything in to.
func adopt(from, to string) error {
	return walkUnlisted(from, nil, func(p string, _ fs.DirEntry) error {
		if err := moveNew(filepath.Join(from, filepath.FromSlash(p)), filepath.Join(to, filepath.FromSlash(p))); err != nil {
			return err
		}
		step("adopting")
		return nil
	})
}

// moveNew renames src to dst, which must not exist.
func moveNew(src, dst string) error {
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("cannot carry %s over: the new site has %s too; move one of them away", src, dst)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.Rename(src, dst)
}

// recoverBeside finishes what a killed build left beside out: it restores or settles the
// swap, and removes temporary and trash folders.
func recoverBeside(out string) error {
	swap := beside(out, swapSuffix)
	if info, err := os.Lstat(swap); err == nil && info.IsDir() {
		if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(swap, out); err != nil {
				return err
			}
		} else if err := settle(swap, out); err != nil {
			return err
		}
	}
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		return err
	}
	prefix, trash := tempPrefix(out), filepath.Base(beside(out, trashSuffix))
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || (name != trash && !(strings.HasPrefix(name, prefix) && allDigits(name[len(prefix):]))) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(filepath.Dir(out), name)); err != nil {
			return err
		}
	}
	return nil
}

func allDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
