package intake

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Text returns the amis.yaml text of an entry: "- id: …" and its fields indented by two
// spaces, lists of codes and small mappings on one line, multi-line texts as literal blocks.
func Text(entry *yaml.Node) []byte {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	// A mapping of scalars, lists and mappings always encodes.
	_ = enc.Encode(&yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{entry}})
	_ = enc.Close()
	return b.Bytes()
}

// SetField sets key to a plain scalar value in the mapping entry, replacing its value or
// adding it at the end.
func SetField(entry *yaml.Node, key, value string) {
	for i := 0; i+1 < len(entry.Content); i += 2 {
		if entry.Content[i].Value == key {
			entry.Content[i+1] = &yaml.Node{Kind: yaml.ScalarNode, Value: value}
			return
		}
	}
	entry.Content = append(entry.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, &yaml.Node{Kind: yaml.ScalarNode, Value: value})
}

// Merge returns the catalogue text old with entries replaced and added, every other byte
// kept: replace maps the line (from 1) of an entry's id to its new text, which takes the
// place of that entry's lines — from its "- " line to the line before the next entry,
// less the blank and comment lines that lead to the next one; add is appended at the end,
// after a blank line. An entry to replace must be an item of a plain block list ("- " at
// the first column), as editors and coexport write amis.yaml.
func Merge(old []byte, replace map[int][]byte, add [][]byte) ([]byte, error) {
	lines := bytes.SplitAfter(old, []byte("\n"))
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	starts := map[int]int{} // first line index of the entry holding each replaced id line
	for idLine := range replace {
		start := idLine - 1
		for start >= 0 && start < len(lines) && !bytes.HasPrefix(lines[start], []byte("- ")) {
			start--
		}
		if start < 0 || idLine > len(lines) {
			return nil, fmt.Errorf("merging amis.yaml: the entry at line %d is not an item of a plain list (\"- id: …\" at the first column)", idLine)
		}
		starts[start] = idLine
	}
	var b bytes.Buffer
	for i := 0; i < len(lines); {
		idLine, ok := starts[i]
		if !ok {
			b.Write(lines[i])
			i++
			continue
		}
		end := i + 1
		for end < len(lines) && !bytes.HasPrefix(lines[end], []byte("- ")) && !bytes.HasPrefix(lines[end], []byte("---")) {
			end++
		}
		for end > i+1 && isBlankOrComment(lines[end-1]) {
			end--
		}
		b.Write(replace[idLine])
		i = end
	}
	for _, e := range add {
		if b.Len() > 0 {
			if !bytes.HasSuffix(b.Bytes(), []byte("\n")) {
				b.WriteByte('\n')
			}
			b.WriteByte('\n')
		}
		b.Write(e)
	}
	return b.Bytes(), nil
}

func isBlankOrComment(l []byte) bool {
	t := bytes.TrimSpace(l)
	return len(t) == 0 || t[0] == '#'
}
