package render

import (
	"fmt"
	"html/template"
	"strconv"

	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/news"
	"github.com/ai-league/ai-league/internal/site"
)

// resultRow is one result of a model page's results table, its cells formatted once
// here, as legRow is for a head-to-head: every model page lists all its results.
type resultRow struct {
	Benchmark  string // the benchmark's id
	URL        string // its page
	Name       string // its name, or its id
	Setting    string
	Score      string
	Stderr     string // "" when the result has none
	HasStderr  bool
	Normalised string // one decimal
	Date       string
	Source     league.Source
	SourceName string // the source's name, or its URL
}

// resultRows formats the results of a model page.
func resultRows(s *site.Site, v site.ModelView) []resultRow {
	rows := make([]resultRow, len(v.Results))
	bench := s.URL("benchmarks/")
	for i, r := range v.Results {
		row := resultRow{Benchmark: r.Benchmark, URL: bench + r.Benchmark + "/", Name: r.Benchmark, Setting: r.Setting,
			Score: num(r.Score), HasStderr: r.HasStderr, Normalised: strconv.FormatFloat(r.Normalised, 'f', 1, 64),
			Date: r.Date, Source: r.Source, SourceName: r.Source.Name}
		if r.Bench != nil {
			row.Name = r.Bench.Name
		}
		if r.HasStderr {
			row.Stderr = num(r.Stderr)
		}
		if row.SourceName == "" {
			row.SourceName = r.Source.URL
		}
		rows[i] = row
	}
	return rows
}

// matchRow is one match of a model page's list of head-to-heads.
type matchRow struct {
	URL          string // the pair's head-to-head page, or /compare/ for the pair
	AName, BName string
	AWon, BWon   int
	Drawn        int
	Result       string // won, lost or drawn, from the page's model's side
}

// matchRows formats the matches a model page lists.
func matchRows(s *site.Site, v site.ModelView) []matchRow {
	rows := make([]matchRow, len(v.Listed))
	for i, m := range v.Listed {
		row := matchRow{URL: s.H2HURL(m.A, m.B), AName: s.ModelName(m.A), BName: s.ModelName(m.B),
			AWon: m.AWon, BWon: m.BWon, Drawn: m.Drawn, Result: "drawn"}
		if row.URL == "" {
			row.URL = s.CompareURL(m.A, m.B)
		}
		switch m.Winner {
		case "":
		case v.Model.ID:
			row.Result = "won"
		default:
			row.Result = "lost"
		}
		rows[i] = row
	}
	return rows
}

// standingRow is one row of a league table (the "table" partial), its cells
// formatted once here: the standings pages of a big league show every row of every
// table on every date.
type standingRow struct {
	Model    string
	Frag     string // the row's id, and its link's fragment: <table id>--<model>
	Name     string // the model's name
	Rank     string // with "=" when shared
	Move     movementView
	PrevURL  string // the row in the snapshot before, when the table has one and the row moved or stayed; else ""
	PrevDate string // that snapshot's day, written out
	ModelURL string
	NowURL   string // the row in the current table, when this is an older one; else ""
	Club     string // the club's name

	Played, Won, Drawn, Lost int
	BenchFor, BenchAgainst   int
	BenchDiff                string // with its sign
	Points                   int
	Rating                   string // one decimal
	RatingLow, RatingHigh    string
}

// standingRows formats the rows of a table view.
func standingRows(s *site.Site, t site.TableView) []standingRow {
	rows := make([]standingRow, len(t.Rows))
	models := s.URL("models/")
	prevDate := ""
	if t.Prev != "" {
		prevDate = longDate(t.Prev)
	}
	for i, r := range t.Rows {
		row := standingRow{Model: r.Model, Frag: t.HTMLID + "--" + r.Model, Name: s.ModelName(r.Model),
			Rank: rankLabel(r.Rank, r.SharedRank), Move: movement(r.Movement), ModelURL: models + r.Model + "/",
			Club: s.ClubName(r.Club), Played: r.Played, Won: r.Won, Drawn: r.Drawn, Lost: r.Lost,
			BenchFor: r.BenchFor, BenchAgainst: r.BenchAgainst, BenchDiff: fmt.Sprintf("%+d", r.BenchDiff), Points: r.Points,
			Rating: rating(r.Rating), RatingLow: rating(r.RatingLow), RatingHigh: rating(r.RatingHigh)}
		if t.Prev != "" && r.Movement != nil {
			row.PrevURL, row.PrevDate = s.RowURL(t.Prev, t.Table.ID, r.Model), prevDate
		}
		if t.Now != "" {
			row.NowURL = s.RowURL("", t.Table.ID, r.Model)
		}
		rows[i] = row
	}
	return rows
}

// newsRow is one news item as the "newsitem" partial shows it: the item's fields,
// with its day written out, its summary marked as the sanitised HTML it is, and
// the links of the models it mentions, made once here.
type newsRow struct {
	ID          string
	Title       string
	URL         string
	Date        string
	Source      string
	Category    string
	SummaryHTML string
	Models      []string
	Clubs       []string

	LongDate   string
	Summary    template.HTML // SummaryHTML, sanitised when the news was read
	ModelLinks []modelLink   // one per id of Models
}

// modelLink is a link to a model's page.
type modelLink struct {
	URL, Name string
}

// newsRows formats news items.
func newsRows(s *site.Site, items []news.Item) []newsRow {
	rows := make([]newsRow, len(items))
	models := s.URL("models/")
	for i, it := range items {
		row := newsRow{ID: it.ID, Title: it.Title, URL: it.URL, Date: it.Date, Source: it.Source, Category: it.Category,
			SummaryHTML: it.SummaryHTML, Models: it.Models, Clubs: it.Clubs,
			LongDate: longDate(it.Date), Summary: template.HTML(it.SummaryHTML)}
		if len(it.Models) > 0 {
			row.ModelLinks = make([]modelLink, len(it.Models))
			for k, m := range it.Models {
				row.ModelLinks[k] = modelLink{URL: models + m + "/", Name: s.ModelName(m)}
			}
		}
		rows[i] = row
	}
	return rows
}
