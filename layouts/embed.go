// Package layouts holds coexport's default templates and static assets, embedded in the
// binary so that a project with only content/ builds. A project's own layouts/ folder
// overrides these files one by one.
package layouts

import "embed"

// FS holds the default page layouts (*.html) and assets (assets/*).
//
//go:embed *.html assets
var FS embed.FS
