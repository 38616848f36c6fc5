package feed

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// jsonFeedVersion is the version URL of JSON Feed 1.1.
const jsonFeedVersion = "https://jsonfeed.org/version/1.1"

// jsonFeed is the wire form of a JSON Feed 1.1 document.
type jsonFeed struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url"`
	FeedURL     string       `json:"feed_url"`
	Description string       `json:"description,omitempty"`
	Language    string       `json:"language,omitempty"`
	Authors     []jsonAuthor `json:"authors"`
	Items       []jsonItem   `json:"items"`
}

// jsonAuthor is a JSON Feed author object.
type jsonAuthor struct {
	Name string `json:"name"`
}

// jsonItem is a JSON Feed item.
type jsonItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url"`
	Title         string       `json:"title"`
	ContentHTML   string       `json:"content_html,omitempty"`
	ContentText   string       `json:"content_text,omitempty"`
	Summary       string       `json:"summary,omitempty"`
	DatePublished string       `json:"date_published"`
	DateModified  string       `json:"date_modified"`
	Authors       []jsonAuthor `json:"authors,omitempty"`
	Tags          []string     `json:"tags,omitempty"`
}

// JSON writes f as a JSON Feed 1.1 document, indented, with HTML left
// unescaped (no \u003c). An entry without content gets its summary as
// content_text, since every item needs content.
func JSON(f Feed) ([]byte, error) {
	d, err := prepare(f)
	if err != nil {
		return nil, fmt.Errorf("json feed: %w", err)
	}
	out := jsonFeed{
		Version:     jsonFeedVersion,
		Title:       d.Title,
		HomePageURL: d.SiteURL,
		FeedURL:     d.SelfURL,
		Description: d.Subtitle,
		Language:    d.Language,
		Authors:     []jsonAuthor{{Name: d.Author}},
		Items:       []jsonItem{},
	}
	for _, it := range d.items {
		ji := jsonItem{
			ID:            it.ID,
			URL:           it.URL,
			Title:         it.Title,
			ContentHTML:   it.content,
			Summary:       it.Summary,
			DatePublished: rfc3339(it.Published),
			DateModified:  rfc3339(it.Updated),
		}
		if ji.ContentHTML == "" {
			ji.ContentText = it.Summary
			if ji.ContentText == "" {
				ji.ContentText = it.Title
			}
		}
		if it.Author != "" {
			ji.Authors = []jsonAuthor{{Name: it.Author}}
		}
		for _, c := range it.Categories {
			if c != "" {
				ji.Tags = append(ji.Tags, c)
			}
		}
		out.Items = append(out.Items, ji)
	}
	var buf bytes.Buffer
	// HTML escaping stays on (< as \u003c): the same JSON to a reader, and nothing
	// that looks like markup if the file is ever served or embedded as HTML.
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("json feed: %w", err)
	}
	return buf.Bytes(), nil
}
