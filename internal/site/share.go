package site

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/share"
	"github.com/ai-league/ai-league/internal/standings"
)

// Share images: the home page, every standings page (its overall table), every table
// (on its embed page), every model, club, benchmark, head-to-head and post has a card
// of its own at share/<page path>.png; every other page shows the home page's.

// cardRows is how many rows of a table a card shows.
const cardRows = 5

// EmbedPath is the site path of the embed page of a table.
func EmbedPath(table string) string { return "embed/standings/" + table + "/" }

// embedHeight is the iframe height that shows a table of n rows without scrolling on
// a desktop (rows are about 37 px; the head, the foot and the link back about 150).
func embedHeight(n int) int { return min(150+max(n, 1)*37+40, 1200) }

// EmbedTableView is the data of /embed/standings/<table>/: one table without the site
// around it, with a link back.
type EmbedTableView struct {
	Table TableView
	Back  string // absolute URL of the table on the site
}

// embedPages adds the embed page of every current table.
func (s *Site) embedPages(add func(kind, path, title, desc string, data any) *Page) {
	latest := s.Season.Latest()
	for _, t := range latest.Tables {
		v := EmbedTableView{Table: s.tableView(t, latest, TableTop, true), Back: s.AbsURL("standings/#" + t.ID)}
		p := add("embedtable", EmbedPath(t.ID), t.Name+" table",
			fmt.Sprintf("The %s table of open-weight AI models as of %s, to embed.", t.Name, LongDate(latest.Date)), v)
		p.NoIndex = true
		p.Canonical = s.AbsURL(EmbedPath(t.ID))
	}
}

// SharePath is the site path of the share image of the page at a site path.
func SharePath(pagePath string) string {
	if pagePath == "" {
		return "share/home.png"
	}
	return "share/" + strings.TrimSuffix(pagePath, "/") + ".png"
}

// shareImages gives every page its share image: a card of its own, or the home page's.
func (s *Site) shareImages() {
	host := strings.TrimSuffix(s.Config.BaseURL, "/")
	if u, err := url.Parse(s.Config.BaseURL); err == nil && u.Host != "" {
		host = u.Host + strings.TrimSuffix(u.Path, "/")
	}
	var home *Page
	for _, p := range s.pages {
		c, alt := s.card(p)
		if c == nil {
			continue
		}
		c.Site, c.Host = s.Config.Title, host
		p.Card, p.ImageAlt = c, alt
		p.Image = SharePath(p.Path)
		p.ImageURL = s.AbsURL(p.Image)
		if p.Kind == "home" {
			home = p
		}
	}
	if home == nil {
		return
	}
	for _, p := range s.pages {
		if p.Image == "" {
			p.Image, p.ImageURL, p.ImageAlt = home.Image, home.ImageURL, home.ImageAlt
		}
	}
}

// ShareCards lists the pages that have a card of their own, in page order.
func (s *Site) ShareCards() []*Page {
	var out []*Page
	for _, p := range s.pages {
		if p.Card != nil {
			out = append(out, p)
		}
	}
	return out
}

// card is the share card of a page and its alt text, or nil when the page shows the
// home page's image.
func (s *Site) card(p *Page) (*share.Card, string) {
	switch d := p.Data.(type) {
	case HomeView:
		return s.homeCard()
	case StandingsView:
		if t := d.Snapshot.Table(standings.Overall); t != nil {
			title := "Overall table"
			if !d.Current {
				title += " on " + LongDate(d.Snapshot.Date)
			}
			return s.tableCard(t, d.Snapshot.Date, title)
		}
	case EmbedTableView:
		return s.tableCard(d.Table.Table, d.Table.AsOf, d.Table.Table.Name+" table")
	case ModelView:
		return s.modelCard(d)
	case ClubView:
		return s.clubCard(d)
	case BenchmarkView:
		return s.benchmarkCard(d)
	case H2HView:
		return s.h2hCard(d)
	case *content.Post:
		return s.postCard(d)
	case PostView:
		return s.postCard(d.Post)
	}
	return nil, ""
}

// asOf says the date a card's figures stand at: "as of 3 June 2026".
func asOf(date string) string {
	if date == "" {
		return "no results yet"
	}
	return "as of " + LongDate(date)
}

// capital starts a sentence.
func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (s *Site) homeCard() (*share.Card, string) {
	latest := s.Season.Latest()
	c := &share.Card{Kicker: "Leaders", Title: s.Config.Description, Footer: "Standings " + asOf(latest.Date)}
	tables := latest.Tables
	if len(tables) > 1 {
		tables = tables[1:] // the divisions
	}
	var leaders []string
	for _, t := range tables {
		if len(t.Rows) == 0 {
			continue
		}
		r := t.Rows[0]
		c.Rows = append(c.Rows, share.Row{Rank: RankLabel(r.Rank, r.SharedRank), Name: s.ModelName(r.Model),
			Detail: t.Name + " · " + s.ClubName(r.Club), Value: points(r.Points)})
		leaders = append(leaders, fmt.Sprintf("%s: %s (%s)", t.Name, s.ModelName(r.Model), points(r.Points)))
	}
	alt := s.Config.Title + ". " + s.Config.Description
	if len(leaders) > 0 {
		alt += " Leaders " + asOf(latest.Date) + ": " + strings.Join(leaders, "; ") + "."
	}
	return c, alt
}

func points(n int) string {
	if n == 1 {
		return "1 pt"
	}
	return strconv.Itoa(n) + " pts"
}

func record(r standings.Row) string { return fmt.Sprintf("%d-%d-%d", r.Won, r.Drawn, r.Lost) }

func (s *Site) tableCard(t *standings.Table, date, title string) (*share.Card, string) {
	c := &share.Card{Kicker: "Standings", Title: title, Footer: capital(asOf(date))}
	var parts []string
	for i, r := range t.Rows {
		if i == cardRows {
			break
		}
		c.Rows = append(c.Rows, share.Row{Rank: RankLabel(r.Rank, r.SharedRank), Name: s.ModelName(r.Model),
			Detail: record(r) + " · " + s.ClubName(r.Club), Value: points(r.Points)})
		parts = append(parts, fmt.Sprintf("%s %s, %s", RankLabel(r.Rank, r.SharedRank), s.ModelName(r.Model), points(r.Points)))
	}
	var size string
	switch {
	case len(t.Rows) > cardRows:
		size = fmt.Sprintf("top %d of %d models", cardRows, len(t.Rows))
	case len(t.Rows) > 0:
		size = fmt.Sprintf("%d models", len(t.Rows))
	default:
		size = "no model in this table yet"
	}
	c.Footer += " · " + size
	alt := title + ", " + asOf(date) + ", " + size + ", with won-drawn-lost and points"
	if len(parts) > 0 {
		alt += ": " + strings.Join(parts, "; ")
	}
	return c, alt + "."
}

func (s *Site) modelCard(v ModelView) (*share.Card, string) {
	m := v.Model
	sub := []string{s.ClubName(m.Club)}
	var overall *standings.Row
	for i := range v.Rows {
		tr := &v.Rows[i]
		switch tr.Table.ID {
		case standings.Overall:
			overall = &tr.Row
		case v.Division:
			sub = append(sub, Ordinal(tr.Row.Rank)+" in "+tr.Table.Name)
		}
	}
	if m.ParamsB > 0 {
		sub = append(sub, strconv.FormatFloat(m.ParamsB, 'f', -1, 64)+"B parameters")
	}
	c := &share.Card{Kicker: "Player", Title: m.Name, Sub: strings.Join(sub, " · "), Footer: "Overall table, " + asOf(s.Season.AsOf)}
	if overall == nil {
		c.Stats = []share.Stat{{Label: "Results", Value: strconv.Itoa(len(v.Results))}, {Label: "Matches", Value: "0"}}
		return c, fmt.Sprintf("%s by %s: not ranked yet, %d results.", m.Name, s.ClubName(m.Club), len(v.Results))
	}
	r := *overall
	rank := Ordinal(r.Rank)
	if r.SharedRank {
		rank = "=" + rank
	}
	c.Stats = []share.Stat{{Label: "Rank", Value: rank}, {Label: "Points", Value: strconv.Itoa(r.Points)},
		{Label: "Record", Value: record(r)}, {Label: "Rating", Value: strconv.FormatFloat(r.Rating, 'f', 0, 64)}}
	return c, fmt.Sprintf("%s (%s): %s overall with %d points, record %d won, %d drawn, %d lost, rating %.0f.",
		m.Name, c.Sub, rank, r.Points, r.Won, r.Drawn, r.Lost, r.Rating)
}

func (s *Site) clubCard(v ClubView) (*share.Card, string) {
	c := &share.Card{Kicker: "Club", Title: v.Club.Name,
		Sub:    fmt.Sprintf("Squad of %d · record %d-%d-%d · %s", len(v.Squad)+len(v.Unranked), v.Won, v.Drawn, v.Lost, points(v.Points)),
		Footer: "Overall table, " + asOf(s.Season.AsOf)}
	var parts []string
	for i, tr := range v.Squad {
		if i == cardRows-1 {
			break
		}
		r := tr.Row
		c.Rows = append(c.Rows, share.Row{Rank: RankLabel(r.Rank, r.SharedRank), Name: s.ModelName(r.Model), Detail: record(r), Value: points(r.Points)})
		parts = append(parts, fmt.Sprintf("%s %s", RankLabel(r.Rank, r.SharedRank), s.ModelName(r.Model)))
	}
	if len(c.Rows) == 0 {
		c.Rows = nil
		c.Text = "No model of this club is ranked yet."
	}
	alt := v.Club.Name + ": " + c.Sub
	if len(parts) > 0 {
		alt += ". Overall ranks: " + strings.Join(parts, "; ")
	}
	return c, alt + "."
}

func (s *Site) benchmarkCard(v BenchmarkView) (*share.Card, string) {
	b := v.Bench
	c := &share.Card{Kicker: "Fixture", Title: b.Name, Footer: capital(asOf(s.Season.AsOf))}
	sub := []string{fmt.Sprintf("%d models", len(v.Results))}
	if b.Category != "" {
		sub = append([]string{b.Category}, sub...)
	}
	if b.HigherIsBetter {
		sub = append(sub, "higher is better")
	} else {
		sub = append(sub, "lower is better")
	}
	c.Sub = strings.Join(sub, " · ")
	var parts []string
	for i, r := range v.Results {
		if i == cardRows-1 {
			break
		}
		score := strconv.FormatFloat(r.Score, 'f', -1, 64)
		if b.Unit != "" && b.Unit != "%" {
			score += " " + b.Unit
		} else if b.Unit == "%" {
			score += "%"
		}
		c.Rows = append(c.Rows, share.Row{Rank: strconv.Itoa(i + 1), Name: s.ModelName(r.Model), Detail: s.ClubName(s.modelClub(r.Model)), Value: score})
		parts = append(parts, s.ModelName(r.Model)+" "+score)
	}
	if len(c.Rows) == 0 {
		c.Text = "No results yet."
	}
	alt := b.Name + " (" + c.Sub + ")"
	if len(parts) > 0 {
		alt += ": " + strings.Join(parts, "; ")
	}
	return c, alt + "."
}

func (s *Site) modelClub(id string) string {
	if m := s.Model(id); m != nil {
		return m.Club
	}
	return ""
}

func (s *Site) h2hCard(v H2HView) (*share.Card, string) {
	m := v.Match
	a, b := s.ModelName(m.A), s.ModelName(m.B)
	winner := ""
	switch m.Winner {
	case m.A:
		winner = "a"
	case m.B:
		winner = "b"
	}
	note := fmt.Sprintf("%d shared benchmarks", m.AWon+m.BWon+m.Drawn)
	if m.Drawn > 0 {
		note = fmt.Sprintf("%d drawn · %s", m.Drawn, note)
	}
	var tables []string
	for _, t := range v.Tables {
		tables = append(tables, t.Name)
	}
	c := &share.Card{Kicker: "Head-to-head", Footer: capital(asOf(v.AsOf)),
		Match: &share.Match{A: a, B: b, AWon: m.AWon, BWon: m.BWon, Winner: winner, Note: note}}
	if len(tables) > 0 {
		c.Title = "In the " + joinAnd(tables) + " " + plural(len(tables), "table", "tables")
	}
	return c, s.h2hDescription(m)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// joinAnd writes "a", "a and b", "a, b and c".
func joinAnd(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func (s *Site) postCard(p *content.Post) (*share.Card, string) {
	c := &share.Card{Kicker: "Commentary", Title: p.Title, Sub: LongDate(p.Date), Text: p.Summary}
	if len(p.Tags) > 0 {
		c.Footer = "#" + strings.Join(p.Tags, " #")
	} else if s.Config.Author != "" {
		c.Footer = "By " + s.Config.Author
	}
	alt := p.Title + ", " + LongDate(p.Date)
	if p.Summary != "" {
		alt += ": " + p.Summary
	}
	return c, alt
}
