// Package content reads commentary posts (content/posts/*.md) and standalone pages
// (content/*.md): YAML front matter, then CommonMark with GFM, footnotes, heading
// ids and highlighting, converted by one goldmark instance configured once.
package content

// Post is one commentary post.
type Post struct {
	File    string // path relative to the site root, e.g. content/posts/derby.md
	Slug    string // front matter slug, or the file name without .md
	Title   string
	Date    string // YYYY-MM-DD (the date part of an RFC 3339 date)
	Time    string // RFC 3339 UTC, e.g. 2026-06-04T00:00:00Z
	Summary string
	Tags    []string
	Models  []string
	Draft   bool
	HTML    string // rendered body
}

// Page is one standalone page: content/about.md becomes /about/.
type Page struct {
	File    string
	Slug    string
	Title   string
	Summary string
	HTML    string
}
