package main

import (
	"os"
	"regexp"
	"slices"
	"testing"
)

// TestReadmeListsPackages keeps the README's "How the code is organised" true: it lists
// every package under internal/, and no package that is gone.
func TestReadmeListsPackages(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, m := range regexp.MustCompile(`(?m)^internal/(\w+) `).FindAllSubmatch(readme, -1) {
		listed = append(listed, string(m[1]))
	}
	entries, err := os.ReadDir("../../internal")
	if err != nil {
		t.Fatal(err)
	}
	var tree []string
	for _, e := range entries {
		if e.IsDir() {
			tree = append(tree, e.Name())
		}
	}
	for _, p := range tree {
		if !slices.Contains(listed, p) {
			t.Errorf("README.md, How the code is organised: internal/%s is not listed", p)
		}
	}
	for _, p := range listed {
		if !slices.Contains(tree, p) {
			t.Errorf("README.md, How the code is organised: internal/%s is listed but not in the tree", p)
		}
	}
}
