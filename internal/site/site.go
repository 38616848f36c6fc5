// Package site is the one read-only model of the whole site, built once from what the
// earlier stages produced: configuration, league data, the computed season, posts,
// pages and news. It adds the lookups and URLs every page needs, so that rendering is
// only formatting.
package site

import (
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/news"
	"github.com/ai-league/ai-league/internal/standings"
)

// Site is everything a build publishes.
type Site struct {
	Config config.Config
	Data   *league.Data
	Season *standings.Season
	Posts  []content.Post // newest first
	Pages  []content.Page
	News   []news.Item // newest first
	Tags   []Tag       // sorted by name

	basePath string
	origin   string
	models   map[string]*league.Model
	clubs    map[string]*league.Club
	benches  map[string]*league.Benchmark

	// Indexes of the latest snapshot and the news, built once by New.
	resultsByModel map[string][]league.Result
	resultsByBench map[string][]league.Result
	matchesByModel map[string][]*standings.Match
	rowIndex       map[*standings.Table]map[string]int // model id -> row, for the tables of every snapshot
	snapshots      map[string]*standings.Snapshot      // by date
	newsByModel    map[string][]news.Item
	newsByClub     map[string][]news.Item
	postsByModel   map[string][]*content.Post

	h2hPages   map[pair]bool // pairKey -> the pair has a /h2h/ page
	pages      []*Page       // every HTML page, built by AddContent
	postEmbeds map[*content.Post][]EmbedView
}

// Tag is one post tag with its posts, newest first.
type Tag struct {
	Name  string
	Posts []*content.Post
}

// New assembles the model of the league and the news (sorted newest first). Posts and
// pages come later with AddContent, because their league blocks are rendered from it.
func New(cfg config.Config, data *league.Data, season *standings.Season, items []news.Item) *Site {
	s := &Site{Config: cfg, Data: data, Season: season, News: items,
		models: map[string]*league.Model{}, clubs: map[string]*league.Club{}, benches: map[string]*league.Benchmark{}}
	u, err := url.Parse(cfg.BaseURL)
	if err == nil {
		s.origin = u.Scheme + "://" + u.Host
		s.basePath = u.Path
	}
	if !strings.HasSuffix(s.basePath, "/") {
		s.basePath += "/"
	}
	for i := range data.Models {
		s.models[data.Models[i].ID] = &data.Models[i]
	}
	for i := range data.Clubs {
		s.clubs[data.Clubs[i].ID] = &data.Clubs[i]
	}
	for i := range data.Benchmarks {
		s.benches[data.Benchmarks[i].ID] = &data.Benchmarks[i]
	}
	s.index()
	return s
}

// index builds the lookups the pages need, so that no page scans every result,
// match or news item.
func (s *Site) index() {
	s.resultsByModel = map[string][]league.Result{}
	s.resultsByBench = map[string][]league.Result{}
	s.matchesByModel = map[string][]*standings.Match{}
	s.rowIndex = map[*standings.Table]map[string]int{}
	s.newsByModel = map[string][]news.Item{}
	s.newsByClub = map[string][]news.Item{}
	if len(s.Season.Snapshots) > 0 {
		latest := s.Season.Latest()
		for _, r := range latest.Results {
			s.resultsByModel[r.Model] = append(s.resultsByModel[r.Model], r)
			s.resultsByBench[r.Benchmark] = append(s.resultsByBench[r.Benchmark], r)
		}
		for _, m := range latest.Matches {
			s.matchesByModel[m.A] = append(s.matchesByModel[m.A], m)
			if m.B != m.A {
				s.matchesByModel[m.B] = append(s.matchesByModel[m.B], m)
			}
		}
	}
	s.snapshots = map[string]*standings.Snapshot{}
	for _, sn := range s.Season.Snapshots {
		s.snapshots[sn.Date] = sn
		for _, t := range sn.Tables {
			if _, done := s.rowIndex[t]; done {
				continue // a table unchanged from the snapshot before
			}
			idx := make(map[string]int, len(t.Rows))
			for i, row := range t.Rows {
				idx[row.Model] = i
			}
			s.rowIndex[t] = idx
		}
	}
	for _, it := range s.News {
		for _, m := range uniq(it.Models) {
			s.newsByModel[m] = append(s.newsByModel[m], it)
		}
		for _, c := range uniq(it.Clubs) {
			s.newsByClub[c] = append(s.newsByClub[c], it)
		}
	}
}

// uniq returns the distinct strings of a sorted list.
func uniq(ids []string) []string {
	return slices.Compact(slices.Clone(ids))
}

// AddContent adds the posts (sorted newest first) and pages, and indexes the tags.
func (s *Site) AddContent(posts []content.Post, pages []content.Page) {
	s.Posts, s.Pages, s.Tags = posts, pages, nil
	byTag := map[string]*Tag{}
	for i := range s.Posts {
		for _, t := range s.Posts[i].Tags {
			if byTag[t] == nil {
				byTag[t] = &Tag{Name: t}
			}
			byTag[t].Posts = append(byTag[t].Posts, &s.Posts[i])
		}
	}
	for _, t := range byTag {
		s.Tags = append(s.Tags, *t)
	}
	sort.Slice(s.Tags, func(i, j int) bool { return s.Tags[i].Name < s.Tags[j].Name })
	s.postsByModel = map[string][]*content.Post{}
	for i := range s.Posts {
		for _, m := range uniq(sortedCopy(s.Posts[i].Models)) {
			s.postsByModel[m] = append(s.postsByModel[m], &s.Posts[i])
		}
	}
	if len(s.Season.Snapshots) > 0 {
		s.h2hPages = s.h2hPairs()
		s.build()
	}
}

// DropBodies forgets the rendered HTML of every post and page, for a build that has
// formatted its pages and feeds and needs the bodies no more (the posts' bodies are
// most of the live memory of a big blog). Pages formatted afterwards have empty
// bodies.
func (s *Site) DropBodies() {
	for i := range s.Posts {
		s.Posts[i].HTML = ""
	}
	for i := range s.Pages {
		s.Pages[i].HTML = ""
	}
}

func sortedCopy(ids []string) []string {
	c := slices.Clone(ids)
	slices.Sort(c)
	return c
}

// BasePath is the URL path of the site root: "/" or "/repo/".
func (s *Site) BasePath() string { return s.basePath }

// URL returns the root-relative link of a site path such as "models/x/".
func (s *Site) URL(path string) string { return s.basePath + strings.TrimPrefix(path, "/") }

// AbsURL returns the absolute URL of a site path, for feeds, sitemaps and canonical links.
func (s *Site) AbsURL(path string) string { return s.origin + s.URL(path) }

// Model returns the model with the id, or nil.
func (s *Site) Model(id string) *league.Model { return s.models[id] }

// Club returns the club with the id, or nil.
func (s *Site) Club(id string) *league.Club { return s.clubs[id] }

// Benchmark returns the benchmark with the id, or nil.
func (s *Site) Benchmark(id string) *league.Benchmark { return s.benches[id] }

// ModelName returns the display name of a model id, or the id itself.
func (s *Site) ModelName(id string) string {
	if m := s.models[id]; m != nil && m.Name != "" {
		return m.Name
	}
	return id
}

// ClubName returns the display name of a club id, or the id itself.
func (s *Site) ClubName(id string) string {
	if c := s.clubs[id]; c != nil && c.Name != "" {
		return c.Name
	}
	return id
}

// ModelNames maps every model id to its display name (for charts).
func (s *Site) ModelNames() map[string]string {
	names := make(map[string]string, len(s.models))
	for id := range s.models {
		names[id] = s.ModelName(id)
	}
	return names
}

// H2HPath is the site path of the head-to-head of two models, in byte order.
func H2HPath(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return "h2h/" + a + "-vs-" + b + "/"
}

// NewsAbout returns the news items that mention a model or club id, newest first.
func (s *Site) NewsAbout(model, club string) []news.Item {
	var out []news.Item
	for _, it := range s.News {
		if (model != "" && slices.Contains(it.Models, model)) || (club != "" && slices.Contains(it.Clubs, club)) {
			out = append(out, it)
		}
	}
	return out
}

// PostsAbout returns the posts that name the model in their front matter, newest first.
func (s *Site) PostsAbout(model string) []*content.Post { return s.postsByModel[model] }
