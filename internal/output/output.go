// Package output defines File, the unit every stage that produces the site hands on: the
// renderer, the feeds and the search index make Files, the pipeline sorts them, and publish
// writes or serves them. It sits below all of them so that they share one type and no stage
// copies Files from one struct to another.
package output

// File is one output of the site: Path is slash-separated and relative to the site root
// ("guide/x/index.html", "ami/feed.xml"), Data is the file's complete content.
type File struct {
	Path string
	Data []byte
}
