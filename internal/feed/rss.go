package feed

import (
	"fmt"
	"html"
)

// Namespaces an RSS 2.0 channel borrows elements from.
const (
	contentNS = "http://purl.org/rss/1.0/modules/content/"
	dcNS      = "http://purl.org/dc/elements/1.1/"
)

// RSS writes f as an RSS 2.0 document. The channel carries title, link,
// description (Subtitle, else Title), language, lastBuildDate and an
// atom:link rel="self". Each item carries title, link, a guid (a permalink
// only when the entry's ID is its URL), pubDate, categories, dc:creator for
// an entry's own author, a description holding the summary as HTML (the
// content when there is no summary) and content:encoded with the full HTML.
func RSS(f Feed) ([]byte, error) {
	d, err := prepare(f)
	if err != nil {
		return nil, fmt.Errorf("rss: %w", err)
	}
	desc := d.Subtitle
	if desc == "" {
		desc = d.Title
	}
	w := newXMLWriter()
	w.start("rss", "version", "2.0", "xmlns:atom", atomNS, "xmlns:content", contentNS, "xmlns:dc", dcNS)
	w.start("channel")
	w.elem("title", d.Title)
	w.elem("link", d.SiteURL)
	w.elem("description", desc)
	w.optElem("language", d.Language)
	w.elem("lastBuildDate", rfc822(d.updated))
	w.elem("atom:link", "", "href", d.SelfURL, "rel", "self", "type", "application/rss+xml")
	for _, it := range d.items {
		w.start("item")
		w.elem("title", it.Title)
		w.elem("link", it.URL)
		if it.ID == it.URL {
			w.elem("guid", it.ID, "isPermaLink", "true")
		} else {
			w.elem("guid", it.ID, "isPermaLink", "false")
		}
		w.elem("pubDate", rfc822(it.Published))
		w.optElem("dc:creator", it.Author)
		for _, c := range it.Categories {
			w.optElem("category", c)
		}
		// description is HTML: plain-text summary must be escaped as HTML
		// before the XML escaping, or "a <b> c" would turn into markup.
		if it.Summary != "" {
			w.elem("description", html.EscapeString(it.Summary))
		} else {
			w.optElem("description", it.content)
		}
		w.optElem("content:encoded", it.content)
		w.end("item")
	}
	w.end("channel")
	w.end("rss")
	return w.bytes()
}
