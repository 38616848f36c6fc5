// Package genleague makes leagues of any size for measuring the build: clubs, models
// of 1B to 400B parameters, benchmarks, results spread over dates, news items and
// short posts. The same parameters always give the same league, byte for byte.
//
// A league is made in memory (Generate) and can be written as a site root (Write)
// that the build reads like any other: site.yaml, data/clubs.yaml, data/models.yaml,
// data/benchmarks.yaml, one results file per date under data/results/,
// data/news.yaml and content/posts/.
package genleague

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ai-league/ai-league/internal/league"
)

// Params size a league. Zero fields take the defaults of Defaults.
type Params struct {
	Models     int    // players
	Clubs      int    // labs the models are spread over
	Benchmarks int    // fixtures; each model scores on about half of them
	Dates      int    // distinct result dates, the snapshots of the season
	News       int    // items in data/news.yaml
	Posts      int    // short posts in content/posts/
	Seed       uint64 // the league for a seed is always the same
}

// Defaults is 100 models in 25 clubs, 30 benchmarks, 10 dates, 200 news items and
// 10 posts.
var Defaults = Params{Models: 100, Clubs: 25, Benchmarks: 30, Dates: 10, News: 200, Posts: 10, Seed: 1}

// withDefaults fills the zero fields of p from Defaults.
func (p Params) withDefaults() Params {
	d := Defaults
	for _, f := range []struct{ v, def *int }{
		{&p.Models, &d.Models}, {&p.Clubs, &d.Clubs}, {&p.Benchmarks, &d.Benchmarks},
		{&p.Dates, &d.Dates}, {&p.News, &d.News}, {&p.Posts, &d.Posts},
	} {
		if *f.v <= 0 {
			*f.v = *f.def
		}
	}
	if p.Seed == 0 {
		p.Seed = d.Seed
	}
	return p
}

// NewsItem is one entry of data/news.yaml.
type NewsItem struct {
	Title, URL, Date, Source, Category string
	Models                             []string
}

// Post is one file of content/posts/.
type Post struct {
	Slug, Title, Date, Summary string
	Tags, Models               []string
	Body                       string // markdown
}

// League is a generated league. Slices are sorted as league.Data holds them: clubs,
// models and benchmarks by id, results by (File, Index).
type League struct {
	Params     Params
	Dates      []string // the result dates, oldest first
	Clubs      []league.Club
	Models     []league.Model
	Benchmarks []league.Benchmark
	Results    []league.Result
	News       []NewsItem // oldest first
	Posts      []Post
}

// Generate makes the league of p.
//
// Dates are a week apart from 2026-01-05. Model i of M has a size drawn log-uniformly
// from 1B to 400B (rounded to 0.1B) and a club drawn uniformly, and joins at one of
// the dates (the first quarter of the models on the first date, the rest evenly over
// the later dates); on that date its card reports about half of the benchmarks. Later
// dates bring independent re-runs: about one model in ten of those that joined
// earlier has one to four of its scores re-measured or added. A score is the model's
// skill against the benchmark's difficulty, plus noise: skill = 20 + 8·log2(size in
// B) + 1.5·(index of the date it joined) + N(0, 6²), difficulty uniform on [0, 30),
// score = baseline + 0.9·(skill − difficulty) + N(0, 4²), clamped to [baseline,
// max], taken from the max when lower is better, rounded to 0.1. A third of the
// results have a stderr, uniform on [0.3, 1.8] and rounded to 0.01. Every fourth
// benchmark has a random baseline of 25, every seventh a draw margin of 0.5, and
// every tenth is lower-is-better. News items are spread evenly over the days of the
// season and name one model or (about half of them) two; posts are spread over the
// dates and name two models each.
func Generate(p Params) *League {
	p = p.withDefaults()
	rng := rand.New(rand.NewPCG(p.Seed, 0x67656e6c65616775))
	l := &League{Params: p}

	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for d := range p.Dates {
		l.Dates = append(l.Dates, start.AddDate(0, 0, 7*d).Format(time.DateOnly))
	}

	for c := range p.Clubs {
		l.Clubs = append(l.Clubs, league.Club{
			ID:       fmt.Sprintf("club-%02d", c),
			Name:     fmt.Sprintf("Club %02d Labs", c),
			Country:  countries[c%len(countries)],
			Homepage: fmt.Sprintf("https://club-%02d.example.org/", c),
		})
	}

	for b := range p.Benchmarks {
		bm := league.Benchmark{
			ID:             fmt.Sprintf("bench-%02d", b),
			Name:           fmt.Sprintf("Bench %02d", b),
			Category:       categories[b%len(categories)],
			HigherIsBetter: b%10 != 9,
			Unit:           "percent",
			Max:            league.DefaultMax,
			URL:            fmt.Sprintf("https://bench-%02d.example.org/", b),
		}
		if b%4 == 0 {
			bm.RandomBaseline = 25
		}
		if b%7 == 3 {
			bm.DrawMargin = 0.5
		}
		l.Benchmarks = append(l.Benchmarks, bm)
	}
	difficulty := make([]float64, p.Benchmarks)
	for b := range difficulty {
		difficulty[b] = rng.Float64() * 30
	}

	width := len(strconv.Itoa(p.Models - 1))
	joined := make([]int, p.Models) // date index each model joins at
	skill := make([]float64, p.Models)
	for i := range p.Models {
		size := math.Exp(rng.Float64() * math.Log(400)) // 1 .. 400
		size = math.Round(size*10) / 10
		club := rng.IntN(p.Clubs)
		joined[i] = 0
		if i >= p.Models/4 && p.Dates > 1 {
			joined[i] = 1 + rng.IntN(p.Dates-1)
		}
		skill[i] = 20 + 8*math.Log2(size) + 1.5*float64(joined[i]) + rng.NormFloat64()*6
		id := fmt.Sprintf("model-%0*d", width, i)
		l.Models = append(l.Models, league.Model{
			ID:       id,
			Name:     fmt.Sprintf("Model %0*d %gB", width, i, size),
			Club:     l.Clubs[club].ID,
			ParamsB:  size,
			License:  "Apache-2.0",
			Released: l.Dates[joined[i]],
			Aliases:  []string{fmt.Sprintf("%s/model-%0*d", l.Clubs[club].ID, width, i)},
		})
	}

	score := func(m, b int) (float64, float64, bool) {
		bm := l.Benchmarks[b]
		s := bm.RandomBaseline + (skill[m]-difficulty[b])*0.9 + rng.NormFloat64()*4
		s = math.Max(bm.RandomBaseline, math.Min(bm.Max, s))
		if !bm.HigherIsBetter {
			s = bm.Max - s
		}
		s = math.Round(s*10) / 10
		if rng.IntN(3) == 0 {
			return s, math.Round((0.3+rng.Float64()*1.5)*100) / 100, true
		}
		return s, 0, false
	}

	// One results file per date: the cards of the models joining that day, then
	// independent re-runs of models that joined before.
	for d, date := range l.Dates {
		file := fmt.Sprintf("data/results/%s.json", date)
		card := league.Source{Name: "Model cards of " + date, URL: "https://cards.example.org/" + date, Kind: league.SelfReported}
		rerun := league.Source{Name: "Independent runs of " + date, URL: "https://runs.example.org/" + date, Kind: league.Independent}
		idx := 0
		add := func(m, b int, src league.Source) {
			s, se, has := score(m, b)
			l.Results = append(l.Results, league.Result{
				Model: l.Models[m].ID, Benchmark: l.Benchmarks[b].ID, Score: s, Stderr: se, HasStderr: has,
				Date: date, Source: src, File: file, Index: idx,
			})
			idx++
		}
		for m := range p.Models {
			if joined[m] != d {
				continue
			}
			for b := range p.Benchmarks {
				if rng.IntN(2) == 0 {
					add(m, b, card)
				}
			}
		}
		if d == 0 {
			continue
		}
		for m := range p.Models {
			if joined[m] >= d || rng.IntN(10) != 0 {
				continue
			}
			for _, b := range rng.Perm(p.Benchmarks)[:min(p.Benchmarks, 1+rng.IntN(4))] {
				add(m, b, rerun)
			}
		}
	}

	first, _ := time.Parse(time.DateOnly, l.Dates[0])
	last, _ := time.Parse(time.DateOnly, l.Dates[len(l.Dates)-1])
	days := int(last.Sub(first).Hours()/24) + 1
	for n := range p.News {
		date := first.AddDate(0, 0, n*days/p.News).Format(time.DateOnly)
		a, b := rng.IntN(p.Models), rng.IntN(p.Models)
		models := []string{l.Models[a].ID}
		if b != a && rng.IntN(2) == 0 {
			models = append(models, l.Models[b].ID)
		}
		l.News = append(l.News, NewsItem{
			Title:    fmt.Sprintf("%s: %s, item %d", headlines[n%len(headlines)], l.Models[a].Name, n+1),
			URL:      fmt.Sprintf("https://news.example.org/%s/item-%d", date, n+1),
			Date:     date,
			Source:   fmt.Sprintf("Newsroom %d", n%13),
			Category: newsCategories[n%len(newsCategories)],
			Models:   models,
		})
	}

	for n := range p.Posts {
		date := l.Dates[n*len(l.Dates)/p.Posts]
		a, b := rng.IntN(p.Models), rng.IntN(p.Models)
		if b == a {
			b = (a + 1) % p.Models
		}
		ma, mb := l.Models[a].ID, l.Models[b].ID
		var body strings.Builder
		fmt.Fprintf(&body, "A short note on the week of %s.\n\n", date)
		fmt.Fprintf(&body, "%s and %s both reported new scores; here is how they stand.\n\n", l.Models[a].Name, l.Models[b].Name)
		fmt.Fprintf(&body, "```league\nstandings overall\nh2h %s %s\n```\n\n", ma, mb)
		body.WriteString("More results arrive every week.\n")
		l.Posts = append(l.Posts, Post{
			Slug:    fmt.Sprintf("week-%03d", n+1),
			Title:   fmt.Sprintf("Week %d of the season", n+1),
			Date:    date,
			Summary: fmt.Sprintf("%s against %s, and the table.", l.Models[a].Name, l.Models[b].Name),
			Tags:    []string{"weekly"},
			Models:  []string{ma, mb},
			Body:    body.String(),
		})
	}
	return l
}

var (
	countries      = []string{"China", "France", "Germany", "Japan", "United Kingdom", "United States"}
	categories     = []string{"knowledge", "reasoning", "coding", "math", "agentic"}
	newsCategories = []string{"release", "benchmark", "research", "policy"}
	headlines      = []string{"New weights", "Leaderboard update", "Paper", "Licence change", "Quantised release", "Evaluation report"}
)

// Write writes the league as a site root into dir, which must be empty or missing.
func (l *League) Write(dir string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	files := map[string]string{
		"site.yaml":            siteYAML,
		"content/about.md":     "---\ntitle: About\n---\n\nA generated league for measuring the build.\n",
		"data/clubs.yaml":      l.clubsYAML(),
		"data/models.yaml":     l.modelsYAML(),
		"data/benchmarks.yaml": l.benchmarksYAML(),
		"data/news.yaml":       l.newsYAML(),
	}
	for f, text := range l.resultsJSON() {
		files[f] = text
	}
	for _, p := range l.Posts {
		files["content/posts/"+p.Slug+".md"] = p.markdown()
	}
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

const siteYAML = `title: Generated League
description: A generated league for measuring the build.
base_url: https://league.example.org/
language: en
author: AI League
feed_limit: 50
league:
  min_shared: 3
  divisions:
    - {id: pocket, name: Pocket, max_params_b: 6}
    - {id: laptop, name: Laptop, max_params_b: 16}
    - {id: workstation, name: Workstation, max_params_b: 48}
    - {id: datacenter, name: Datacenter}
feeds: []
results_urls: []
`

// q quotes a string for YAML (a JSON string is a YAML string).
func q(s string) string { return strconv.Quote(s) }

// num formats a number as the shortest decimal that reads back the same.
func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func (l *League) clubsYAML() string {
	var b strings.Builder
	for _, c := range l.Clubs {
		fmt.Fprintf(&b, "- id: %s\n  name: %s\n  country: %s\n  homepage: %s\n", c.ID, q(c.Name), q(c.Country), q(c.Homepage))
	}
	return b.String()
}

func (l *League) modelsYAML() string {
	var b strings.Builder
	for _, m := range l.Models {
		fmt.Fprintf(&b, "- id: %s\n  name: %s\n  club: %s\n  params_b: %s\n  license: %s\n  released: %s\n  aliases: [%s]\n",
			m.ID, q(m.Name), m.Club, num(m.ParamsB), m.License, q(m.Released), q(m.Aliases[0]))
	}
	return b.String()
}

func (l *League) benchmarksYAML() string {
	var b strings.Builder
	for _, bm := range l.Benchmarks {
		fmt.Fprintf(&b, "- id: %s\n  name: %s\n  category: %s\n  higher_is_better: %t\n  unit: %s\n  url: %s\n",
			bm.ID, q(bm.Name), bm.Category, bm.HigherIsBetter, bm.Unit, q(bm.URL))
		if bm.RandomBaseline != 0 {
			fmt.Fprintf(&b, "  random_baseline: %s\n", num(bm.RandomBaseline))
		}
		if bm.DrawMargin != 0 {
			fmt.Fprintf(&b, "  draw_margin: %s\n", num(bm.DrawMargin))
		}
	}
	return b.String()
}

func (l *League) newsYAML() string {
	var b strings.Builder
	b.WriteString("# Generated news.\n")
	for _, n := range l.News {
		fmt.Fprintf(&b, "- title: %s\n  url: %s\n  date: %s\n  source: %s\n  category: %s\n  models: [%s]\n",
			q(n.Title), q(n.URL), q(n.Date), q(n.Source), n.Category, strings.Join(n.Models, ", "))
	}
	if len(l.News) == 0 {
		b.WriteString("[]\n")
	}
	return b.String()
}

// resultsJSON returns the results files by path: each holds the results of one date
// in (Index) order.
func (l *League) resultsJSON() map[string]string {
	byFile := map[string][]league.Result{}
	var order []string
	for _, r := range l.Results {
		if _, ok := byFile[r.File]; !ok {
			order = append(order, r.File)
		}
		byFile[r.File] = append(byFile[r.File], r)
	}
	out := map[string]string{}
	for _, f := range order {
		rs := byFile[f]
		var b strings.Builder
		fmt.Fprintf(&b, "{\"date\": %s,\n \"results\": [\n", q(rs[0].Date))
		for i, r := range rs {
			fmt.Fprintf(&b, "  {\"model\": %s, \"benchmark\": %s, \"score\": %s", q(r.Model), q(r.Benchmark), num(r.Score))
			if r.HasStderr {
				fmt.Fprintf(&b, ", \"stderr\": %s", num(r.Stderr))
			}
			fmt.Fprintf(&b, ", \"source\": {\"name\": %s, \"url\": %s, \"kind\": %s}}", q(r.Source.Name), q(r.Source.URL), q(r.Source.Kind))
			if i < len(rs)-1 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		b.WriteString(" ]}\n")
		out[f] = b.String()
	}
	return out
}

func (p Post) markdown() string {
	return fmt.Sprintf("---\ntitle: %s\ndate: %s\nsummary: %s\ntags: [%s]\nmodels: [%s]\n---\n\n%s",
		q(p.Title), p.Date, q(p.Summary), strings.Join(p.Tags, ", "), strings.Join(p.Models, ", "), p.Body)
}
