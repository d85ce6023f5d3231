// Command screenshots builds the guide in memory, serves it on 127.0.0.1 and writes a
// full-page PNG screenshot of every kind of page (see tour.Kinds) at a phone's width,
// 375 px, and a desktop's, 1280 px, so that anyone can look at the site without serving
// it. It needs Debian's chromium.
//
//	go run ./cmd/screenshots -out DIR [-src DIR] [-dark]
//
// The files are named <kind>-<width>.png (home-375.png, chapter-1280.png, …), or
// <kind>-<width>-dark.png with -dark.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"coexport/internal/chrome"
	"coexport/internal/tour"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// widths are the viewport widths of the screenshots; the narrow one emulates a phone.
var widths = []struct {
	width, height int
	mobile        bool
}{{375, 812, true}, {1280, 800, false}}

// run is the command: 0 when every screenshot was written, 1 when one failed, 2 for a
// usage error.
func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("screenshots", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("out", "", "write the PNG files into this `folder` (required)")
	src := fl.String("src", ".", "the project `folder`: content/ and, optionally, layouts/")
	dark := fl.Bool("dark", false, "emulate a dark colour scheme")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fl.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: screenshots -out DIR [-src DIR] [-dark]")
		return 2
	}
	if err := shoot(*src, *out, *dark, stdout); err != nil {
		fmt.Fprintln(stderr, "screenshots:", err)
		return 1
	}
	return 0
}

// shoot builds the project in src and writes the screenshots into out.
func shoot(src, out string, dark bool, stdout io.Writer) error {
	exe, err := chrome.ExecPath()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	site, err := tour.Serve(os.DirFS(src), time.Now())
	if err != nil {
		return err
	}
	defer site.Close()
	b, err := chrome.Start(context.Background(), exe)
	if err != nil {
		return err
	}
	defer b.Close()
	tab, err := b.NewTab()
	if err != nil {
		return err
	}
	defer tab.Close()
	suffix := ""
	if dark {
		suffix = "-dark"
	}
	for _, k := range tour.Kinds(site.Result.Site) {
		for _, w := range widths {
			if _, err := tab.Open(site.URL+k.Path, chrome.View{Width: w.width, Height: w.height, Mobile: w.mobile, Dark: dark}); err != nil {
				return err
			}
			png, err := tab.Screenshot()
			if err != nil {
				return fmt.Errorf("screenshot %s: %w", k.Path, err)
			}
			name := filepath.Join(out, fmt.Sprintf("%s-%d%s.png", k.Name, w.width, suffix))
			if err := os.WriteFile(name, png, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s\t%s\n", name, k.Path)
		}
	}
	return nil
}
