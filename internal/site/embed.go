package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ai-league/ai-league/internal/diag"
)

// embedMark opens and closes the marker a ```league directive leaves in a post's
// HTML. A NUL never survives markdown (CommonMark replaces it), so no post can
// forge one; render replaces each marker with the directive's HTML.
const embedMark = "\x00"

// EmbedRows is how many rows a standings block in a post shows; a longer table ends
// with a link to the whole of it on the snapshot's page, so posts and feeds stay small.
const EmbedRows = 25

// CheckDirective checks one line of a ```league block against the table and model ids
// of the site: "standings <table>" or "h2h <model> <model>".
func CheckDirective(kind string, args, tables, models []string) error {
	switch kind {
	case "standings":
		if len(args) != 1 {
			return fmt.Errorf("standings takes one table id, got %d arguments", len(args))
		}
		if !slices.Contains(tables, args[0]) {
			return fmt.Errorf("unknown table %q%s", args[0], diag.DidYouMean(args[0], tables))
		}
	case "h2h":
		if len(args) != 2 {
			return fmt.Errorf("h2h takes two model ids, got %d arguments", len(args))
		}
		for _, id := range args {
			if !slices.Contains(models, id) {
				return fmt.Errorf("unknown model %q%s", id, diag.DidYouMean(id, models))
			}
		}
		if args[0] == args[1] {
			return fmt.Errorf("h2h needs two different models, got %q twice", args[0])
		}
	default:
		return fmt.Errorf("unknown directive %q (want standings or h2h)", kind)
	}
	return nil
}

// Embedder returns the function that content.Load calls for each directive of a
// ```league block: it checks the directive against tables and models and leaves a
// marker in the HTML, which the site resolves to an EmbedView once the posts are in.
func Embedder(tables, models []string) func(kind string, args []string, date string) (string, error) {
	return func(kind string, args []string, date string) (string, error) {
		if err := CheckDirective(kind, args, tables, models); err != nil {
			return "", err
		}
		return embedMark + kind + " " + strings.Join(args, " ") + embedMark, nil
	}
}

// Embedder returns the site's Embedder, over its tables and models.
func (s *Site) Embedder() func(kind string, args []string, date string) (string, error) {
	return Embedder(s.TableIDs(), s.ModelIDs())
}

// TableIDs are the ids of the tables: overall, then the divisions.
func (s *Site) TableIDs() []string {
	var ids []string
	for _, t := range s.Season.Latest().Tables {
		ids = append(ids, t.ID)
	}
	return ids
}

// ModelIDs are the ids of every model, in the order of models.yaml.
func (s *Site) ModelIDs() []string {
	var ids []string
	for _, m := range s.Data.Models {
		ids = append(ids, m.ID)
	}
	return ids
}

// directives returns the directives marked in body, in order.
func directives(body string) [][]string {
	var out [][]string
	for {
		i := strings.Index(body, embedMark)
		if i < 0 {
			return out
		}
		j := strings.Index(body[i+1:], embedMark)
		if j < 0 {
			return out
		}
		out = append(out, strings.Fields(body[i+1:i+1+j]))
		body = body[i+1+j+1:]
	}
}

// ExpandEmbeds replaces the markers of body, in order, with the HTML of each
// embed; html renders one. It is render's half of the markers.
func ExpandEmbeds(body string, embeds []EmbedView, html func(EmbedView) (string, error)) (string, error) {
	if len(embeds) == 0 {
		return body, nil
	}
	var b strings.Builder
	for _, e := range embeds {
		i := strings.Index(body, embedMark)
		j := -1
		if i >= 0 {
			j = strings.Index(body[i+1:], embedMark)
		}
		if j < 0 {
			return "", fmt.Errorf("league block %s %s: marker missing", e.Kind, e.A)
		}
		h, err := html(e)
		if err != nil {
			return "", err
		}
		b.WriteString(body[:i])
		b.WriteString(h)
		body = body[i+1+j+1:]
	}
	b.WriteString(body)
	return b.String(), nil
}

// embeds builds the data of the directives marked in body, frozen at date.
func (s *Site) embeds(body, date string) []EmbedView {
	var out []EmbedView
	for _, d := range directives(body) {
		if len(d) == 0 {
			continue
		}
		kind, args := d[0], d[1:]
		v := EmbedView{Kind: kind, Date: date}
		sn := s.Season.At(date)
		if sn != nil {
			v.AsOf = sn.Date
		}
		switch kind {
		case "standings":
			if sn != nil && len(args) == 1 {
				if t := sn.Table(args[0]); t != nil {
					tv := s.tableView(t, sn, EmbedRows, false)
					v.Table = &tv
				}
			}
		case "h2h":
			if len(args) == 2 {
				v.A, v.B = args[0], args[1]
				if v.B < v.A {
					v.A, v.B = v.B, v.A
				}
				if sn != nil {
					if m := sn.Match(v.A, v.B); m != nil {
						hv := s.h2hView(m, sn)
						v.H2H = &hv
					}
				}
			}
		}
		out = append(out, v)
	}
	return out
}
