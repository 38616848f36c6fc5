// Package build runs the stages of one build in order — load, pull, compute, content,
// site, render — and reports each on the progress log with its counts and duration:
//
//	load     site.yaml; 4 clubs, 21 models, 24 benchmarks, 214 results     3 ms
//	pull     5 feeds, 0 results URLs; 2 warnings                           812 ms
//	compute  11 snapshots, 5 tables, 120 matches, 64 changes              95 ms
//	content  3 posts, 1 page, 24 news items                                18 ms
//	site     130 pages, 54 head-to-heads                                   4 ms
//	render   168 pages and files written                                 140 ms
//	write    168 files, 3.1 MB to public                                   1 ms
//
// It wires the packages: site builds every page's data once, render formats one page
// at a time on the bounded pool of package workers, and each file goes straight to
// publish, which writes it beside the output and swaps the whole in at the end.
// Input errors of a stage are collected and returned together; a build that fails
// leaves the previous output as it was.
package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ai-league/ai-league/internal/archive"
	"github.com/ai-league/ai-league/internal/cache"
	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/diag"
	"github.com/ai-league/ai-league/internal/inputfs"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/news"
	"github.com/ai-league/ai-league/internal/publish"
	"github.com/ai-league/ai-league/internal/pull"
	"github.com/ai-league/ai-league/internal/render"
	"github.com/ai-league/ai-league/internal/site"
	"github.com/ai-league/ai-league/internal/standings"
	"github.com/ai-league/ai-league/internal/workers"
)

// Options are the inputs of one build.
type Options struct {
	Src      fs.FS  // the site root: site.yaml, content/, data/, templates/, static/
	SrcDir   string // the same root on disk: the pull writes data/cache/ under it
	Out      string // output directory on disk
	Defaults fs.FS  // built-in templates/ and static/
	BaseURL  string // overrides site.yaml's base_url when set
	AsOf     string // YYYY-MM-DD; "" for the latest result date
	Offline  bool   // no network: pulled sources come from data/archive/ and data/cache/ only
	Drafts   bool   // include draft posts
	Verbose  bool   // also log what lm-eval imports ignored
	Now      func() time.Time
	Log      io.Writer    // progress and warnings
	Pull     pull.Options // HTTP client and limits for the pull
	Cache    *cache.Cache // build cache (rendered bodies, highlighted code); nil for none
	// Once says that the process builds once (cmd/build without -serve): nothing is
	// kept in memory for a later build.
	Once bool
}

// Stats sums up a build.
type Stats struct {
	Files     int
	Bytes     int64
	Unchanged int // files whose bytes are the previous output's (not written again)
	Kept      int // files kept from the previous output without being made again
}

// Build runs every stage and writes the site to opt.Out. Pages are rendered and
// written a few at a time, so memory holds the league, not the pages; the new output
// replaces the old one only when every file is written. It first checks the output (a
// *publish.RefusedError when the build may not write there) and holds its lock until
// the end, so a second build into the same output waits for this one.
func Build(ctx context.Context, opt Options) (Stats, error) {
	opt = opt.withDefaults()
	out, err := publish.Open(ctx, opt.Out, opt.SrcDir, opt.Log)
	if err != nil {
		return Stats{}, err
	}
	defer out.Close()
	// What the build reads names what its files are made from (see outputKeys), which
	// only a build with the cache keeps: without it, nothing is hashed (6.3 MB of
	// inputs at 1,000 posts).
	var in *inputs
	if opt.Cache != nil {
		in = &inputs{src: newRecorder(opt.Src)}
		opt.Src = in.src
		if opt.Defaults != nil {
			in.defaults = newRecorder(opt.Defaults)
			opt.Defaults = in.defaults
		}
	}
	r, err := prepare(ctx, opt)
	if err != nil {
		return Stats{}, err
	}
	return write(ctx, opt, out, r, in)
}

// inputs are the recorders of what a build read (see outputKeys).
type inputs struct{ src, defaults *recorder }

// write renders every file of r into a new output and swaps it in for out. With the
// build cache and in (what the build read), it keeps the output's manifest in the
// cache, and a file made from the same inputs as in the previous build into out is
// kept from that build instead of made again (see outputKeys).
func write(ctx context.Context, opt Options, out *publish.Output, r *prepared, in *inputs) (Stats, error) {
	start := opt.Now()
	var keys *outputKeys
	var prev *publish.Manifest
	if in != nil && opt.Cache != nil {
		if k, ok := newOutputKeys(opt, in.src, in.defaults, r.site.Posts); ok {
			keys = k
			prev = loadManifest(opt.Cache, out.Dir)
		}
	}
	var tx *publish.Tx
	var err error
	if keys != nil {
		tx, err = out.BeginFrom(prev)
	} else {
		tx, err = out.Begin()
	}
	if err != nil {
		return Stats{}, fmt.Errorf("write: %w", err)
	}
	if err := emitAll(ctx, r, tx.Write, keys, tx); err != nil {
		tx.Abort()
		return Stats{}, fmt.Errorf("render: %w", err)
	}
	opt.stage("render", start, "%d pages and files written (%d kept without making them again), %d share images (%d reused)",
		r.count, r.kept.Load(), r.images.Load(), r.imagesCached.Load())
	start = opt.Now()
	st, err := tx.Commit()
	if err != nil {
		return Stats{}, fmt.Errorf("write: %w", err)
	}
	if keys != nil && in.sound() {
		saveManifest(opt.Cache, out.Dir, tx.Manifest())
	}
	opt.stage("write", start, "%d files, %.1f MB to %s; %d unchanged", st.Files, float64(st.Bytes)/1e6, opt.Out, st.Unchanged)
	return Stats{Files: st.Files, Bytes: st.Bytes, Unchanged: st.Unchanged, Kept: int(r.kept.Load())}, nil
}

// sound reports whether every input but static files was read before the keys were
// taken: a later read is not in any key, so the manifest is not kept then.
func (in *inputs) sound() bool {
	for _, r := range []*recorder{in.src, in.defaults} {
		if r == nil {
			continue
		}
		for _, name := range r.lateReads() {
			if !strings.HasPrefix(name, "static/") {
				return false
			}
		}
	}
	return true
}

// manifestKey is the cache entry of the manifest of the output folder dir.
func manifestKey(dir string) cache.Key { return cache.NewKey("output-manifest", []byte(dir)) }

// loadManifest returns the manifest the previous build into dir kept, or nil.
func loadManifest(c *cache.Cache, dir string) *publish.Manifest {
	b, ok := c.Get(manifestKey(dir))
	if !ok {
		return nil
	}
	m, err := publish.ParseManifest(b)
	if err != nil {
		return nil
	}
	return m
}

// saveManifest keeps m for the next build into dir (a failed write only costs that
// build the reuse).
func saveManifest(c *cache.Cache, dir string, m *publish.Manifest) {
	if m == nil {
		return
	}
	if b, err := m.MarshalBinary(); err == nil {
		_ = c.Put(manifestKey(dir), b)
	}
}

// Render runs every stage but the write and returns the files of the site, sorted by
// path (for tests and benchmarks: a build streams them to disk instead).
func Render(ctx context.Context, opt Options) ([]render.File, error) {
	opt = opt.withDefaults()
	r, err := prepare(ctx, opt)
	if err != nil {
		return nil, err
	}
	start := opt.Now()
	var (
		mu    sync.Mutex
		files []render.File
		size  int
	)
	err = emitAll(ctx, r, func(p string, b []byte) error {
		mu.Lock()
		files = append(files, render.File{Path: p, Data: b})
		size += len(b)
		mu.Unlock()
		return nil
	}, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	opt.stage("render", start, "%d files, %.1f MB", len(files), float64(size)/1e6)
	return files, nil
}

// prepared is a site ready to render: its data built, its templates parsed.
type prepared struct {
	league *computed
	site   *site.Site
	r      *render.Renderer
	cache  *cache.Cache
	once   bool // Options.Once
	count  int  // files emitted, set by emitAll
	kept   atomic.Int64
	// sizes holds the size of every file emitted or left as it was (same), set by
	// emitAll when it keeps nothing from a previous build (keys nil).
	sizes map[string]int64
	// same holds the pages whose file in the output already holds what they would
	// be rendered into, with its size; emitAll leaves them as they are (Session
	// sets it).
	same map[string]int64
	imageCounts
}

// computed is what the stages before content give: the configuration, the league
// data and its standings, and the news.
type computed struct {
	cfg     config.Config
	data    *league.Data
	season  *standings.Season
	items   []news.Item
	newsErr error
}

// prepare runs the stages before rendering: load, pull, compute, content and site.
func prepare(ctx context.Context, opt Options) (*prepared, error) {
	if opt.Cache == nil {
		// Every post is rendered: the lexers of its code are compiled while the
		// league loads and computes, rather than by the posts' workers.
		go content.WarmLexers(inputfs.Limit(opt.Src, 0))
	}
	c, err := compute(ctx, opt, nil)
	if err != nil {
		return nil, err
	}
	return c.prepare(ctx, opt, nil, nil)
}

// compute runs load, pull and compute, and loads the news. memo, when not nil, keeps
// the season between builds of one session, so that an edit of results computes
// only the snapshots it can change.
func compute(ctx context.Context, opt Options, memo *standings.Memo) (*computed, error) {
	start := opt.Now()
	cfg, err := config.Load(inputfs.Limit(opt.Src, 0), "site.yaml")
	if err != nil {
		return nil, inputError("load", err)
	}
	// Every later read of the site root gets only regular files within the cap.
	opt.Src = inputfs.Limit(opt.Src, cfg.MaxFileMB)
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
		kept, err := keep(opt, cfg)
		for _, w := range kept {
			fmt.Fprintf(opt.Log, "warning: %s\n", w)
		}
		if err != nil {
			return nil, fmt.Errorf("pull: %w", err)
		}
		opt.stage("pull", pstart, "%d feeds, %d results URLs; %d warnings", len(cfg.Feeds), len(cfg.ResultsURLs), len(warnings)+len(kept))
	} else if len(cfg.Feeds)+len(cfg.ResultsURLs) > 0 {
		fmt.Fprintf(opt.Log, "offline: %d feeds and %d results URLs come from data/archive/ and data/cache/\n", len(cfg.Feeds), len(cfg.ResultsURLs))
	}

	var lopt league.Options
	lopt.Pulled, err = archive.ResultFiles(opt.Src, cfg.ResultsURLs)
	archiveErr := err // reported with the league's errors, so that one run shows all
	if opt.Verbose {
		lopt.Ignored = func(file, task string) {
			fmt.Fprintf(opt.Log, "%s: lm-eval task %q maps to no benchmark; ignored\n", file, task)
		}
	}
	start = opt.Now()
	data, err := league.LoadWith(opt.Src, lopt)
	if err != nil || archiveErr != nil {
		var all diag.List
		all.Merge(archiveErr)
		all.Merge(err)
		return nil, checkRest(opt, cfg, data, all)
	}
	opt.stage("load", start, "%d clubs, %d models, %d benchmarks, %d results",
		len(data.Clubs), len(data.Models), len(data.Benchmarks), len(data.Results))

	// The news items need only the models and clubs: they are read while the
	// season is computed, whose rating leaves a core idle part of the time.
	var (
		items   []news.Item
		newsErr error
	)
	newsRead := make(chan struct{})
	go func() {
		defer close(newsRead)
		items, newsErr = news.Load(opt.Src, cfg.Feeds, data.Models, data.Clubs)
	}()

	start = opt.Now()
	var season *standings.Season
	kept := ""
	if memo != nil {
		season = memo.Compute(data.Models, data.Benchmarks, data.Results, standings.RulesFrom(cfg.League), opt.AsOf)
		kept = fmt.Sprintf(" (%d kept)", memo.Kept())
	} else {
		season = standings.Compute(data.Models, data.Benchmarks, data.Results, standings.RulesFrom(cfg.League), opt.AsOf)
	}
	for _, w := range append(season.Warnings, standings.DivisionWarnings(data.Models, data.Results, standings.RulesFrom(cfg.League))...) {
		fmt.Fprintf(opt.Log, "warning: %s\n", w)
	}
	latest := season.Latest()
	opt.stage("compute", start, "as of %s; %d snapshots%s, %d tables, %d matches, %d changes",
		season.AsOf, len(season.Snapshots), kept, len(latest.Tables), len(latest.Matches), len(season.Changes))

	<-newsRead
	if opt.AsOf != "" {
		items = newsUpTo(items, season.AsOf)
	}
	return &computed{cfg: cfg, data: data, season: season, items: items, newsErr: newsErr}, nil
}

// prepare runs the content and site stages over what compute gave; memo, when not
// nil, keeps loaded posts between builds of one session, and unchanged, when not nil,
// names the files known not to have changed since the memo kept them.
func (c *computed) prepare(ctx context.Context, opt Options, memo *content.Memo, unchanged func(string) bool) (*prepared, error) {
	start := opt.Now()
	cached := opt.Cache.Stats()
	cfg, data, items := c.cfg, c.data, c.items
	s := site.New(cfg, data, c.season, items)
	known := map[string]bool{}
	for _, m := range data.Models {
		known[m.ID] = true
	}
	// The templates need the league, not the posts: they are parsed while the posts
	// load, not after (4 ms of one core in a 1,000-post build).
	type made struct {
		r   *render.Renderer
		err error
	}
	templates := make(chan made, 1)
	go func() {
		r, err := render.New(s, render.Overlay{Top: sub(opt.Src, "templates"), Base: sub(opt.Defaults, "templates")},
			render.Overlay{Top: sub(opt.Src, "static"), Base: sub(opt.Defaults, "static")})
		templates <- made{r, err}
	}()
	posts, pages, err := content.Load(opt.Src, content.Options{Drafts: opt.Drafts, Until: opt.AsOf, Embed: s.Embedder(), KnownModels: known,
		BasePath: s.BasePath(), Cache: opt.Cache, Memo: memo, Unchanged: unchanged})
	if err != nil || c.newsErr != nil {
		var all diag.List
		all.Merge(c.newsErr)
		all.Merge(err)
		return nil, &InputError{Stage: "content", Err: all.Err()}
	}
	opt.stage("content", start, "%d posts, %d pages, %d news items", len(posts), len(pages), len(items))
	if opt.Cache != nil {
		now := opt.Cache.Stats()
		hits, misses := now.Hits-cached.Hits, now.Misses-cached.Misses
		fmt.Fprintf(opt.Log, "cache %s: %d of %d hits\n", opt.Cache.Dir(), hits, hits+misses)
	}

	start = opt.Now()
	s.AddContent(posts, pages)
	t := <-templates
	if t.err != nil {
		return nil, t.err
	}
	r := t.r
	opt.stage("site", start, "%d pages, %d head-to-heads", len(s.HTMLPages()), s.H2HPageCount())
	return &prepared{league: c, site: s, r: r, cache: opt.Cache, once: opt.Once}, ctx.Err()
}

// emitAll renders every file of the site and hands each to emit: the data files and
// the pages through the bounded pool (each rendered and emitted by one worker, so only
// a few pages are in memory at once), then the static files. A static file that takes
// the path of a generated one is an error. With tx, the generated files go to tx
// instead of emit: the pages in the renderer's buffers, and the share images drawn for
// this build only in buffers of their own, which tx hands back once written; emit,
// which may keep what it gets, gets copies of the pages. With keys (and tx, begun
// from the previous output's manifest), a generated file the previous build made from
// the same inputs is kept (not rendered again) and the others are written with their
// keys (see outputKeys).
func emitAll(ctx context.Context, p *prepared, emit render.Emit, keys *outputKeys, tx *publish.Tx) error {
	p.images.Store(0)
	p.imagesCached.Store(0)
	staticPaths, err := p.r.StaticPaths()
	if err != nil {
		return err
	}
	static := map[string]bool{}
	for _, sp := range staticPaths {
		static[sp] = true
	}
	var (
		mu    sync.Mutex
		count int
	)
	twice := func(path string) error {
		return fmt.Errorf("two outputs for %s: a file in static/ takes the path of a generated one", path)
	}
	sizes := map[string]int64{}
	// put writes a generated file made from key. With release, b is in a buffer that
	// comes back: tx calls release once it has written b, and emit gets a copy.
	put := func(path string, b []byte, key publish.Key, release func()) error {
		if static[path] {
			if release != nil {
				release()
			}
			return twice(path)
		}
		n := int64(len(b))
		var err error
		switch {
		case tx != nil:
			err = tx.WriteThen(path, b, key, release)
		case release != nil:
			err = emit(path, bytes.Clone(b))
			release()
		default:
			err = emit(path, b)
		}
		if err != nil {
			return err
		}
		mu.Lock()
		count++
		sizes[path] = n
		mu.Unlock()
		return nil
	}
	// reuse keeps path from the previous output when it was made from key.
	reuse := func(path string, key publish.Key) (bool, error) {
		if keys == nil || static[path] {
			return false, nil
		}
		ok, err := tx.Reuse(path, key)
		if ok {
			p.kept.Add(1)
			mu.Lock()
			count++
			mu.Unlock()
		}
		return ok, err
	}
	dataKey := keys.data()
	group, err := func() ([]string, error) {
		if keys == nil {
			return nil, nil
		}
		return tx.ReuseGroup(dataKey)
	}()
	if err != nil {
		return err
	}
	for _, path := range group {
		if static[path] {
			return twice(path)
		}
	}
	p.kept.Add(int64(len(group)))
	count += len(group)
	pages := p.site.HTMLPages()
	// The data files (feeds, sitemap, tables as data) are one job, the first, beside
	// the pages: alone before them, it kept one core idle.
	err = workers.Each(ctx, len(pages)+1, 0, func(_ context.Context, i int) error {
		if i == 0 {
			if len(group) > 0 {
				return nil
			}
			return p.r.DataFiles(func(path string, b []byte) error { return put(path, b, dataKey, nil) })
		}
		i--
		if size, ok := p.same[pages[i].Out]; ok {
			mu.Lock()
			count++
			sizes[pages[i].Out] = size
			mu.Unlock()
			return nil
		}
		key := keys.page(pages[i])
		if ok, err := reuse(pages[i].Out, key); ok || err != nil {
			return err
		}
		b, release, err := p.r.PageBuf(pages[i])
		if err != nil {
			return err
		}
		return put(pages[i].Out, b, key, release)
	})
	if err != nil {
		return err
	}
	if p.once {
		// The pages are written: a one-off build needs the bodies no more, and the
		// share images, drawn next, are where its memory peaks.
		p.site.DropBodies()
	}
	if err := emitShareImages(ctx, p, keys, put, reuse, tx != nil); err != nil {
		return err
	}
	err = p.r.Static(func(path string, b []byte) error {
		sizes[path] = int64(len(b)) // one at a time
		return emit(path, b)
	})
	if err != nil {
		return err
	}
	p.count = count + len(staticPaths)
	p.sizes = sizes
	return nil
}

// keep writes what the pull brought into the archive (data/archive/) and returns
// the warnings of its caps. A source whose archive or copy cannot be read is left
// as it is here: loading reports it.
func keep(opt Options, cfg config.Config) ([]string, error) {
	w, err := archive.NewWriter(opt.SrcDir, archive.Limits{})
	if err != nil {
		return nil, err
	}
	for _, f := range cfg.Feeds {
		if a, dropped, err := news.Archived(opt.Src, f); err == nil {
			if err := w.Feed(a, dropped); err != nil {
				return w.Warnings(), err
			}
		}
	}
	for _, u := range cfg.ResultsURLs {
		if err := w.Results(u); err != nil {
			return w.Warnings(), err
		}
	}
	return w.Warnings(), nil
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
	_, _, cerr := content.Load(opt.Src, content.Options{Drafts: opt.Drafts, Embed: site.Embedder(tables, models), KnownModels: known})
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
