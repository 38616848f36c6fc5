package feed

import "fmt"

// atomNS is the Atom 1.0 namespace (RFC 4287).
const atomNS = "http://www.w3.org/2005/Atom"

// Atom writes f as an Atom 1.0 document (RFC 4287) that validates against the
// RFC's RELAX NG schema: the feed carries the author (Feed.Author, else the
// title), self and alternate links and the newest entry's Updated date; each
// entry its id, alternate link, dates, summary (text), content (escaped HTML
// with absolute URLs) and categories.
func Atom(f Feed) ([]byte, error) {
	d, err := prepare(f)
	if err != nil {
		return nil, fmt.Errorf("atom: %w", err)
	}
	w := newXMLWriter()
	w.start("feed", "xmlns", atomNS, "xml:lang", d.Language)
	w.elem("id", d.ID)
	w.elem("title", d.Title)
	w.optElem("subtitle", d.Subtitle)
	w.elem("updated", rfc3339(d.updated))
	w.elem("link", "", "rel", "self", "type", "application/atom+xml", "href", d.SelfURL)
	w.elem("link", "", "rel", "alternate", "type", "text/html", "href", d.SiteURL)
	atomAuthor(w, d.Author)
	for _, it := range d.items {
		w.start("entry")
		w.elem("id", it.ID)
		w.elem("title", it.Title)
		w.elem("link", "", "rel", "alternate", "type", "text/html", "href", it.URL)
		w.elem("published", rfc3339(it.Published))
		w.elem("updated", rfc3339(it.Updated))
		if it.Author != "" {
			atomAuthor(w, it.Author)
		}
		for _, c := range it.Categories {
			if c != "" {
				w.elem("category", "", "term", c)
			}
		}
		w.optElem("summary", it.Summary)
		w.optElem("content", it.content, "type", "html")
		w.end("entry")
	}
	w.end("feed")
	return w.bytes()
}

// atomAuthor writes an atom:author with a name.
func atomAuthor(w *xmlWriter, name string) {
	w.start("author")
	w.elem("name", name)
	w.end("author")
}
