package site

import (
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/news"
	"github.com/ai-league/ai-league/internal/standings"
)

// TableView is one standings table as a page shows it.
type TableView struct {
	HTMLID  string // the table's id on the page
	Table   *standings.Table
	AsOf    string
	Rows    []standings.Row // all rows, or the top ones on the home page
	More    bool            // rows were left out
	Link    string          // where the whole table lives (root-relative)
	Caption string
	Files   bool // show the copy and download tools and the embed code (current tables)

	Page      string // site path of the page the table lives on: "standings/" or "standings/<date>/"
	Prev      string // date of the snapshot before, "" when none: movements link to its rows
	Now       string // site path of the current standings when this table is an older one, else ""
	EmbedCode string // the iframe HTML that embeds the table elsewhere (with Files)

	// A table longer than TableTop rows goes on over several pages: links to the
	// pages of the rows before and after, with what they hold ("Rows 1–200 of 2,000").
	PrevRows, PrevLabel string
	Next, NextLabel     string
}

// TableRowsView is the data of a page that carries on a long table, rows TableTop
// and on (standings/<table>/page/N/, also under each dated page).
type TableRowsView struct {
	Table     TableView
	Standings string // site path of the standings page the table starts on
	Current   bool   // of the current standings, not a dated page
}

// ResultView is one result with what a page shows beside it: the fields of
// league.Result, as its own fields (see LegView), then the benchmark's definition and
// the normalised score.
type ResultView struct {
	Model, Benchmark  string
	Score, Stderr     float64
	HasStderr         bool
	Setting           string
	Date, From, Until string
	Source            league.Source
	File              string
	Index, Line, Col  int

	Bench      *league.Benchmark
	Normalised float64
}

// ModelView is the data of /models/<id>/.
type ModelView struct {
	Model    *league.Model
	Club     *league.Club
	Division string // division id, or "" when the model's size is unknown
	DivName  string
	Results  []ResultView
	Matches  []*standings.Match // every match it played
	Listed   []*standings.Match // the matches the page lists: all, or those with a page (see ModelMatches)
	Unlisted Record             // the matches left out of Listed
	Rows     []TableRowView     // its line in each table
	News     []news.Item        // the newest ones (at most ModelNews)
	MoreNews int                // how many older items mention it
	Posts    []*content.Post
}

// Record counts matches from one model's side.
type Record struct {
	Played, Won, Drawn, Lost int
}

// TableRowView is a model's row in one table, with the table it is in.
type TableRowView struct {
	Table *standings.Table
	Row   standings.Row
}

// ClubView is the data of /clubs/<id>/.
type ClubView struct {
	Club               *league.Club
	Squad              []TableRowView // overall rows of its models, plus models without results
	Unranked           []*league.Model
	Played, Won, Drawn int
	Lost, Points       int
	News               []news.Item // the newest ones (at most ModelNews)
	MoreNews           int
}

// BenchmarkView is the data of /benchmarks/<id>/.
type BenchmarkView struct {
	Bench   *league.Benchmark
	Results []ResultView // best first
}

// H2HView is the data of /h2h/<a>-vs-<b>/.
type H2HView struct {
	Match  *standings.Match
	AsOf   string
	Tables []*standings.Table // tables where both play

	benches map[string]*league.Benchmark
}

// Legs are the benchmarks of the match with their definitions. They are made when a
// page is rendered, not kept for every head-to-head of the site.
func (v H2HView) Legs() []LegView {
	legs := v.Match.Legs()
	out := make([]LegView, len(legs))
	for i, l := range legs {
		out[i] = LegView{Benchmark: l.Benchmark, A: l.A, B: l.B, Diff: l.Diff, Threshold: l.Threshold,
			Winner: l.Winner, Bench: v.benches[l.Benchmark]}
	}
	return out
}

// Shared is the number of benchmarks the two share: each is taken by one or drawn.
func (v H2HView) Shared() int { return v.Match.AWon + v.Match.BWon + v.Match.Drawn }

// LegView is one benchmark of a head-to-head: the fields of standings.Leg and the
// benchmark's definition. The fields are its own, not an embedded Leg's: a template
// finds an embedded struct's field only after a search through the embedding, on
// every use, and a league has thousands of head-to-heads of dozens of legs.
type LegView struct {
	Benchmark string
	A, B      league.Result // the two results compared
	Diff      float64       // |A.Score - B.Score|
	Threshold float64       // a diff at or under it is a draw
	Winner    string        // model id, or "" for a draw
	Bench     *league.Benchmark
}

// ListView is a list of posts (/posts/, /tags/<tag>/).
type ListView struct {
	Posts []*content.Post
	Tags  []Tag
}

// NewsView is one page of news.
type NewsView struct {
	Items      []news.Item
	Category   string
	Categories []string
	Page, Of   int
	Prev, Next string // root-relative links
}

// HomeView is the data of the home page.
type HomeView struct {
	Tables []TableView
	Posts  []*content.Post
	News   []news.Item
}

// StandingsView is the data of /standings/ and of each snapshot page.
type StandingsView struct {
	Snapshot  *standings.Snapshot
	Tables    []TableView
	Snapshots []*standings.Snapshot // all, newest first
	Changes   []standings.Change    // of this snapshot
	Current   bool                  // /standings/ rather than a dated page
}

// EmbedView is the data of one directive of a ```league block.
type EmbedView struct {
	Kind  string // "standings" or "h2h"
	Date  string // the post's date
	AsOf  string // the snapshot shown; "" when there was none yet
	Table *TableView
	H2H   *H2HView
	A, B  string // the models of an h2h block
}

// PostView is a post or page whose body holds ```league blocks: the body with a
// marker in place of each directive, and the data of each, in order.
type PostView struct {
	*content.Post
	Embeds []EmbedView
}

// PageView is a standalone page with its league blocks.
type PageView struct {
	*content.Page
	Embeds []EmbedView
}

// CompareView is the data of /compare/: every model, for the two pickers and for the
// plain list of model pages readers without JavaScript get.
type CompareView struct {
	Models []CompareModel // by name
}

// CompareModel is one model of the compare page's pickers.
type CompareModel struct {
	ID, Name, Club string // Club is the club's name
}
