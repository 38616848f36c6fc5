// Package build runs the stages of one build in order — load, pull, compute, render,
// write — and reports each on the progress log with its counts and duration:
//
//	load     site.yaml; 4 clubs, 21 models, 24 benchmarks, 214 results     3 ms
//	pull     5 feeds, 0 results URLs; 2 warnings                           812 ms
//	compute  11 snapshots, 5 tables, 120 matches, 64 changes              95 ms
//	content  3 posts, 1 page, 24 news items                                18 ms
//	render   412 files, 5.1 MB                                             140 ms
//	write    public                                                        22 ms
//
// Input errors of a stage are collected and returned together; a build that fails
// writes nothing, so the previous output stays as it was.
package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/ai-league/ai-league/internal/cache"
	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/diag"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/news"
	"github.com/ai-league/ai-league/internal/publish"
	"github.com/ai-league/ai-league/internal/pull"
	"github.com/ai-league/ai-league/internal/render"
	"github.com/ai-league/ai-league/internal/site"
	"github.com/ai-league/ai-league/internal/standings"
)

// Options are the inputs of one build.
type Options struct {
	Src      fs.FS  // the site root: site.yaml, content/, data/, templates/, static/
	SrcDir   string // the same root on disk: the pull writes data/cache/ under it
	Out      string // output directory on disk
	Defaults fs.FS  // built-in templates/ and static/
	BaseURL  string // overrides site.yaml's base_url when set
	AsOf     string // YYYY-MM-DD; "" for the latest result date
	Offline  bool   // no network: pulled sources come from the cache only
	Drafts   bool   // include draft posts
	Verbose  bool   // also log what lm-eval imports ignored
	Now      func() time.Time
	Log      io.Writer    // progress and warnings
	Pull     pull.Options // HTTP client and limits for the pull
	Cache    *cache.Cache // build cache (rendered bodies, highlighted code); nil for none
}

// Stats sums up a build.
type Stats struct {
	Files int
	Bytes int64
}

// Build runs every stage and writes the site to opt.Out.
func Build(ctx context.Context, opt Options) (Stats, error) {
	opt = opt.withDefaults()
	files, err := Render(ctx, opt)
	if err != nil {
		return Stats{}, err
	}
	start := opt.Now()
	n, err := publish.Write(opt.Out, files)
	if err != nil {
		return Stats{}, fmt.Errorf("write: %w", err)
	}
	opt.stage("write", start, "%s", opt.Out)
	return Stats{Files: len(files), Bytes: n}, nil
}

// Render runs every stage but the write and returns the files of the site.
func Render(ctx context.Context, opt Options) ([]render.File, error) {
	opt = opt.withDefaults()
	start := opt.Now()
	cfg, err := config.Load(opt.Src, "site.yaml")
	if err != nil {
		return nil, inputError("load", err)
	}
	if opt.BaseURL == "" && cfg.BaseURL == "" {
		return nil, fmt.Errorf("load: site.yaml has no base_url and no -base-url was given")
	}
	if opt.BaseURL != "" {
		if cfg.BaseURL, err = normaliseBaseURL(opt.BaseURL); err != nil {
			return nil, fmt.Errorf("-base-url: %w", err)
		}
	}

	if !opt.Offline {
		pstart := opt.Now()
		popt := opt.Pull
		if popt.Now == nil {
			popt.Now = opt.Now
		}
		warnings, err := pull.Pull(ctx, cfg.Feeds, cfg.ResultsURLs, filepath.Join(opt.SrcDir, filepath.FromSlash(pull.CacheDir)), popt)
		for _, w := range warnings {
			fmt.Fprintf(opt.Log, "warning: %s\n", w)
		}
		if err != nil {
			return nil, inputError("pull", err)
		}
		opt.stage("pull", pstart, "%d feeds, %d results URLs; %d warnings", len(cfg.Feeds), len(cfg.ResultsURLs), len(warnings))
	} else if len(cfg.Feeds)+len(cfg.ResultsURLs) > 0 {
		fmt.Fprintf(opt.Log, "offline: %d feeds and %d results URLs come from data/cache/\n", len(cfg.Feeds), len(cfg.ResultsURLs))
	}

	var lopt league.Options
	for _, u := range cfg.ResultsURLs {
		lopt.Pulled = append(lopt.Pulled, pull.ResultsCachePath(u))
	}
	if opt.Verbose {
		lopt.Ignored = func(file, task string) {
			fmt.Fprintf(opt.Log, "%s: lm-eval task %q maps to no benchmark; ignored\n", file, task)
		}
	}
	start = opt.Now()
	data, err := league.LoadWith(opt.Src, lopt)
	if err != nil {
		return nil, checkRest(opt, cfg, data, err)
	}
	opt.stage("load", start, "%d clubs, %d models, %d benchmarks, %d results",
		len(data.Clubs), len(data.Models), len(data.Benchmarks), len(data.Results))

	start = opt.Now()
	season := standings.Compute(data.Models, data.Benchmarks, data.Results, standings.RulesFrom(cfg.League), opt.AsOf)
	for _, w := range season.Warnings {
		fmt.Fprintf(opt.Log, "warning: %s\n", w)
	}
	latest := season.Latest()
	opt.stage("compute", start, "as of %s; %d snapshots, %d tables, %d matches, %d changes",
		season.AsOf, len(season.Snapshots), len(latest.Tables), len(latest.Matches), len(season.Changes))

	start = opt.Now()
	cached := opt.Cache.Stats()
	items, newsErr := news.Load(opt.Src, cfg.Feeds, data.Models, data.Clubs)
	if opt.AsOf != "" {
		items = newsUpTo(items, season.AsOf)
	}
	s := site.New(cfg, data, season, items)
	r, err := render.New(cfg, s.BasePath(), render.Overlay{Top: sub(opt.Src, "templates"), Base: sub(opt.Defaults, "templates")},
		render.Overlay{Top: sub(opt.Src, "static"), Base: sub(opt.Defaults, "static")})
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, m := range data.Models {
		known[m.ID] = true
	}
	posts, pages, err := content.Load(opt.Src, content.Options{Drafts: opt.Drafts, Embed: r.Embed(s), KnownModels: known, BasePath: s.BasePath(), Cache: opt.Cache})
	if err != nil || newsErr != nil {
		var all diag.List
		all.Merge(newsErr)
		all.Merge(err)
		return nil, &InputError{Stage: "content", Err: all.Err()}
	}
	s.AddContent(posts, pages)
	opt.stage("content", start, "%d posts, %d pages, %d news items", len(posts), len(pages), len(items))
	if opt.Cache != nil {
		now := opt.Cache.Stats()
		hits, misses := now.Hits-cached.Hits, now.Misses-cached.Misses
		fmt.Fprintf(opt.Log, "cache %s: %d of %d hits\n", opt.Cache.Dir(), hits, hits+misses)
	}

	start = opt.Now()
	files, err := r.Render(s)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	var size int
	for _, f := range files {
		size += len(f.Data)
	}
	opt.stage("render", start, "%d files, %.1f MB", len(files), float64(size)/1e6)
	return files, ctx.Err()
}

// withDefaults gives a still clock and a silent log to options that have none.
func (opt Options) withDefaults() Options {
	if opt.Now == nil {
		opt.Now = func() time.Time { return time.Time{} }
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	return opt
}

// checkRest goes on checking news and posts after the league data failed to load, so
// that one run reports every input error, and returns them all.
func checkRest(opt Options, cfg config.Config, data *league.Data, err error) error {
	var all diag.List
	all.Merge(err)
	if data == nil {
		return &InputError{Stage: "load", Err: all.Err()}
	}
	_, nerr := news.Load(opt.Src, cfg.Feeds, data.Models, data.Clubs)
	all.Merge(nerr)
	tables := []string{standings.Overall}
	for _, d := range cfg.League.Divisions {
		tables = append(tables, d.ID)
	}
	var models []string
	known := map[string]bool{}
	for _, m := range data.Models {
		models = append(models, m.ID)
		known[m.ID] = true
	}
	check := func(kind string, args []string, date string) (string, error) {
		return "", render.CheckDirective(kind, args, tables, models)
	}
	_, _, cerr := content.Load(opt.Src, content.Options{Drafts: opt.Drafts, Embed: check, KnownModels: known})
	all.Merge(cerr)
	return &InputError{Stage: "load", Err: all.Err()}
}

// stage writes one progress line.
func (opt Options) stage(name string, start time.Time, format string, args ...any) {
	ms := opt.Now().Sub(start).Milliseconds()
	fmt.Fprintf(opt.Log, "%-8s %-64s %5d ms\n", name, fmt.Sprintf(format, args...), ms)
}

// InputError is a build failure caused by the inputs (exit status 1 with the list).
type InputError struct {
	Stage string
	Err   error
}

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

func inputError(stage string, err error) error {
	var l diag.List
	if errors.As(err, &l) {
		return &InputError{Stage: stage, Err: err}
	}
	return fmt.Errorf("%s: %w", stage, err)
}

// newsUpTo drops news dated after the as-of day, so that an explicit -as-of shows the
// site as it was then.
func newsUpTo(items []news.Item, asOf string) []news.Item {
	var out []news.Item
	for _, it := range items {
		if len(it.Date) >= 10 && it.Date[:10] <= asOf {
			out = append(out, it)
		}
	}
	return out
}

// sub returns the folder of fsys, or nil when it does not exist.
func sub(fsys fs.FS, dir string) fs.FS {
	if fsys == nil {
		return nil
	}
	if _, err := fs.Stat(fsys, dir); err != nil {
		return nil
	}
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil
	}
	return s
}

// normaliseBaseURL checks a -base-url flag: an absolute http(s) URL, ending in "/".
func normaliseBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("want an absolute http(s) URL like https://user.github.io/repo/, got %q", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), nil
}
