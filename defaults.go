// Package aileague holds the defaults compiled into the binary: the templates and
// static files of the bundled site. A site root that lacks templates/ or static/
// (or some files of them) gets these.
package aileague

import "embed"

// Defaults holds templates/ and static/ as they are in the repository.
//
//go:embed templates static
var Defaults embed.FS
