package render

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/ai-league/ai-league/internal/diag"
	"github.com/ai-league/ai-league/internal/site"
)

// EmbedView is the data of a ```league block in a post.
type EmbedView struct {
	Kind  string // "standings" or "h2h"
	Date  string // the post's date
	AsOf  string // the snapshot shown; "" when there was none yet
	Table *TableView
	H2H   *H2HView
	A, B  string // the models of an h2h block
}

// Embed returns the function that renders a post's ```league blocks from the site's
// season, frozen at the post's date. Its errors name what is unknown; the content
// package adds the post's file and line.
func (r *Renderer) Embed(s *site.Site) func(kind string, args []string, date string) (string, error) {
	r.site = s
	var tables []string
	for _, t := range s.Season.Latest().Tables {
		tables = append(tables, t.ID)
	}
	var models []string
	for _, m := range s.Data.Models {
		models = append(models, m.ID)
	}
	return func(kind string, args []string, date string) (string, error) {
		v := EmbedView{Kind: kind, Date: date}
		sn := s.Season.At(date)
		if sn != nil {
			v.AsOf = sn.Date
		}
		if err := CheckDirective(kind, args, tables, models); err != nil {
			return "", err
		}
		switch kind {
		case "standings":
			if sn != nil {
				tv := r.tableView(sn.Table(args[0]), sn.Date, 0, "standings/"+sn.Date+"/#"+args[0], false)
				v.Table = &tv
			}
		case "h2h":
			v.A, v.B = args[0], args[1]
			if v.B < v.A {
				v.A, v.B = v.B, v.A
			}
			if sn != nil {
				if m := sn.Match(v.A, v.B); m != nil {
					hv := h2hView(s, m, sn)
					v.H2H = &hv
				}
			}
		}
		var buf bytes.Buffer
		if err := r.kinds["embed"].ExecuteTemplate(&buf, "embed", v); err != nil {
			return "", fmt.Errorf("render league block: %w", err)
		}
		return buf.String(), nil
	}
}

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
