package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/publish"
	"github.com/ai-league/ai-league/internal/render"
	"github.com/ai-league/ai-league/internal/site"
	"github.com/ai-league/ai-league/internal/standings"
	"github.com/ai-league/ai-league/internal/workers"
)

// Session builds one site again and again, as the preview server does after every
// edit, keeping what the previous build loaded and computed:
//
//   - posts whose files did not change are taken from memory (content.Memo), not
//     parsed again;
//   - after an edit of posts or pages only (content/**.md) that keeps the posts in
//     their order, the pages and the set of tags, the league is not loaded or
//     computed again and only the pages that can show the edit are rendered and
//     written, each file in place (publish.Output.Patch): the edited posts and pages,
//     the feeds, the sitemap and the other data files, and, when the title, date,
//     summary, tags or models of a post changed, the home page, /posts/, /tags/ and
//     the pages of the tags and models it names before or after the edit;
//   - any other change (results, models, site.yaml, templates, static files, a post
//     added, removed, renamed, moved by its date, or given a new tag) runs the whole
//     build, with two shortcuts: the standings are computed again only from the first
//     day an edit of results can show on (standings.Memo keeps the snapshots before
//     it), and the files are written in place, only those whose bytes changed, once
//     every file is rendered (the first build, and one that changes more than
//     rewriteMax bytes, writes a new output and swaps it in instead). Posts stay in
//     the memo while the set of models stays the same.
//
// The pages chosen are those the built-in templates make from a post; a site whose
// own templates show a post elsewhere sees that page updated at the next full build.
//
// A Session is not safe for concurrent use.
type Session struct {
	// Options are those of the next rebuild; the caller may change them between
	// rebuilds (the preview server goes offline after the first).
	Options Options

	memo    *content.Memo
	season  *standings.Memo  // the last season computed, for an edit of results
	checked []string         // the model ids the posts in memo were checked against
	last    *prepared        // the last good build; nil before the first or after a failure
	files   map[string]int64 // the files of the output and their sizes, as the last good build left them; nil when not known
}

// NewSession returns a session that builds with opt.
func NewSession(opt Options) *Session {
	return &Session{Options: opt, memo: content.NewMemo(), season: standings.NewMemo()}
}

// Rebuild brings the output up to date after the files in changed (slash paths
// relative to the site root) changed; nil changed means "anything may have changed".
// It says which way it went: "full" or "content".
func (s *Session) Rebuild(ctx context.Context, changed []string) (Stats, string, error) {
	opt := s.Options.withDefaults()
	out, err := publish.Open(ctx, opt.Out, opt.SrcDir, opt.Log)
	if err != nil {
		return Stats{}, "", err
	}
	defer out.Close()
	if s.last != nil && contentOnly(changed) {
		st, ok, err := s.patch(ctx, opt, out, changed)
		if err != nil {
			return Stats{}, "content", err
		}
		if ok {
			return st, "content", nil
		}
	}
	last := s.last
	s.last = nil
	c, err := compute(ctx, opt, s.season)
	if err != nil {
		return Stats{}, "full", err
	}
	// What posts are checked against is the set of models: posts that show league
	// data (tables, divisions) are never kept in the memo.
	if ids := modelIDs(c.data); changed == nil || !slices.Equal(ids, s.checked) {
		s.memo.Reset()
		s.checked = ids
	}
	r, err := c.prepare(ctx, opt, s.memo, nil)
	if err != nil {
		return Stats{}, "full", err
	}
	files := s.files
	s.files = nil
	var st Stats
	if files != nil && out.Built() {
		if last != nil && builtinTemplates(opt) {
			r.same = samePages(last.site, r.site, files)
		}
		st, err = rewrite(ctx, opt, out, r, files)
	}
	if files == nil || errors.Is(err, errTooMuch) || !out.Built() {
		r.same = nil // a new output holds nothing yet
		st, err = write(ctx, opt, out, r, nil)
	}
	if err != nil {
		return Stats{}, "full", err
	}
	s.files = r.sizes
	s.last = r
	return st, "full", nil
}

// rewriteMax is the most bytes of changed files rewrite holds before it gives up
// for a whole write (a variable for tests).
var rewriteMax = 64 << 20

// errTooMuch is rewrite giving up: too many bytes changed.
var errTooMuch = errors.New("too many changed bytes to hold")

// rewrite renders every file of r, as a whole build does, but writes only those
// whose bytes changed, each in place, and removes the files of the output (files,
// as the last build left it) that r no longer makes. Nothing is written before
// every file is rendered, so a failed build leaves the output as it was; the files
// that changed are held until then, and past rewriteMax bytes of them it gives up
// (errTooMuch) for write, which streams.
func rewrite(ctx context.Context, opt Options, out *publish.Output, r *prepared, files map[string]int64) (Stats, error) {
	start := opt.Now()
	var (
		mu      sync.Mutex
		changed []render.File
		held    int
	)
	err := emitAll(ctx, r, func(p string, b []byte) error {
		same := out.Holds(p, b)
		mu.Lock()
		defer mu.Unlock()
		if !same {
			if held += len(b); held > rewriteMax {
				return errTooMuch
			}
			changed = append(changed, render.File{Path: p, Data: b})
		}
		return nil
	}, nil, nil)
	if errors.Is(err, errTooMuch) {
		return Stats{}, err
	}
	if err != nil {
		return Stats{}, fmt.Errorf("render: %w", err)
	}
	opt.stage("render", start, "%d pages and files (%d pages as they were), %d changed, %d share images (%d reused)",
		r.count, len(r.same), len(changed), r.images.Load(), r.imagesCached.Load())
	start = opt.Now()
	st := Stats{Kept: len(r.same)}
	for _, size := range r.sizes {
		st.Files++
		st.Bytes += size
	}
	st.Unchanged = st.Files - len(changed)
	for _, f := range changed {
		if _, err := out.Patch(f.Path, f.Data); err != nil {
			return Stats{}, fmt.Errorf("write: %w", err)
		}
	}
	var gone []string
	for p := range files {
		if _, ok := r.sizes[p]; !ok {
			gone = append(gone, p)
		}
	}
	sort.Strings(gone)
	for _, p := range gone {
		if err := out.Remove(p); err != nil {
			return Stats{}, fmt.Errorf("write: %w", err)
		}
	}
	opt.stage("write", start, "%d files in place in %s: %d written, %d removed", st.Files, opt.Out, len(changed), len(gone))
	return st, nil
}

// samePages returns the pages of site b that show exactly what they showed in a,
// the site of the build the output holds (its files and their sizes), with the built-in templates: the
// templates read a page's own data (Page and its Data), the site's configuration,
// its standalone pages, the as-of day, the models, clubs and benchmarks, and which
// pages exist (links to head-to-heads), and, in a league whose tables are longer than
// site.TableTop rows, where each row of every table falls (links to rows: then no
// page is left); charts read their Chart, and the categories
// and benchmark charts the latest snapshot's results of their model or benchmark
// too. When all of those but the pages' own data are the same in a and b, a page
// whose data is the same (reflect.DeepEqual: a NaN is never the same), and whose
// charts read the same, would be rendered into the bytes it was rendered into
// before. (The methodology page, whose data is the whole site, is always rendered.)
func samePages(a, b *site.Site, files map[string]int64) map[string]int64 {
	if !reflect.DeepEqual(a.Config, b.Config) || a.Season.AsOf != b.Season.AsOf ||
		!reflect.DeepEqual(a.Data.Models, b.Data.Models) || !reflect.DeepEqual(a.Data.Clubs, b.Data.Clubs) ||
		!reflect.DeepEqual(a.Data.Benchmarks, b.Data.Benchmarks) || !reflect.DeepEqual(a.Pages, b.Pages) {
		return nil
	}
	// A link to a row (rowurl) goes to the page of its table that shows it, which
	// the tables of every snapshot decide once they are longer than a page's top.
	for _, s := range []*site.Site{a, b} {
		for _, sn := range s.Season.Snapshots {
			for _, t := range sn.Tables {
				if len(t.Rows) > site.TableTop {
					return nil
				}
			}
		}
	}
	before := map[string]*site.Page{}
	for _, p := range a.HTMLPages() {
		before[p.Out] = p
	}
	pages := b.HTMLPages()
	if len(pages) != len(before) {
		return nil
	}
	for _, p := range pages {
		if before[p.Out] == nil {
			return nil
		}
	}
	// The categories and benchmark charts read the latest snapshot's results of
	// their model or benchmark (chart.ModelCategories, chart.BenchmarkScores).
	results := func(s *site.Site, key func(league.Result) string) map[string][]league.Result {
		m := map[string][]league.Result{}
		for _, r := range s.Season.Latest().Results {
			m[key(r)] = append(m[key(r)], r)
		}
		return m
	}
	model := func(r league.Result) string { return r.Model }
	bench := func(r league.Result) string { return r.Benchmark }
	modelsA, modelsB := results(a, model), results(b, model)
	benchesA, benchesB := results(a, bench), results(b, bench)
	q := newEqualer() // the pages share tables, matches and posts: each is compared once
	charts := func(p *site.Page) bool {
		for _, c := range p.Charts {
			switch c.Kind {
			case site.ChartCategories:
				if !q.Equal(modelsA[c.Model], modelsB[c.Model]) {
					return false
				}
			case site.ChartBenchmark:
				if c.Bench == nil || !q.Equal(benchesA[c.Bench.ID], benchesB[c.Bench.ID]) {
					return false
				}
			case site.ChartHistory: // every snapshot
				return false
			}
		}
		return true
	}
	same := map[string]int64{}
	for _, p := range pages {
		if _, whole := p.Data.(*site.Site); whole {
			continue
		}
		if size, ok := files[p.Out]; ok && q.Equal(*p, *before[p.Out]) && charts(p) {
			same[p.Out] = size
		}
	}
	return same
}

// builtinTemplates reports whether the site's templates are the built-in ones: it
// has none of its own, or its templates/ holds the same files as the built-in one.
func builtinTemplates(opt Options) bool {
	own, base := sub(opt.Src, "templates"), sub(opt.Defaults, "templates")
	if own == nil {
		return true
	}
	if base == nil {
		return false
	}
	same := true
	err := fs.WalkDir(own, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		a, err := fs.ReadFile(own, p)
		if err != nil {
			return err
		}
		if b, err := fs.ReadFile(base, p); err != nil || !bytes.Equal(a, b) {
			same = false
			return fs.SkipAll
		}
		return nil
	})
	return err == nil && same
}

// modelIDs returns the ids of the league's models, in order.
func modelIDs(d *league.Data) []string {
	ids := make([]string, len(d.Models))
	for i, m := range d.Models {
		ids[i] = m.ID
	}
	return ids
}

// contentOnly reports whether every changed path is a markdown file under content/.
func contentOnly(changed []string) bool {
	if len(changed) == 0 {
		return false
	}
	for _, p := range changed {
		if !strings.HasPrefix(p, "content/") || path.Ext(p) != ".md" {
			return false
		}
	}
	return true
}

// patch renders and writes the pages that show posts, after an edit of content
// only. It reports false, having written nothing, when the edit changed which posts,
// pages or tags exist: then the whole site must be built.
func (s *Session) patch(ctx context.Context, opt Options, out *publish.Output, changed []string) (Stats, bool, error) {
	// Only the changed files are read again: the others are as the memo kept them.
	edited := map[string]bool{}
	for _, p := range changed {
		edited[p] = true
	}
	r, err := s.last.league.prepare(ctx, opt, s.memo, func(file string) bool { return !edited[file] })
	if err != nil {
		return Stats{}, false, err
	}
	if !sameShape(s.last.site, r.site) {
		return Stats{}, false, nil
	}
	pages := touched(s.last.site, r.site, changed)
	start := opt.Now()
	var (
		mu      sync.Mutex
		st      Stats
		written int
	)
	emit := func(p string, b []byte) error {
		w, err := out.Patch(p, b)
		if err != nil {
			return fmt.Errorf("write: %w", err)
		}
		mu.Lock()
		defer mu.Unlock()
		st.Files++
		st.Bytes += int64(len(b))
		if w {
			written++
		}
		return nil
	}
	// The data files (feeds, sitemap…), the longest job, start first, beside the pages.
	err = workers.Each(ctx, len(pages)+1, 0, func(_ context.Context, i int) error {
		if i == 0 {
			return r.r.DataFiles(emit)
		}
		i--
		b, err := r.r.Page(pages[i])
		if err != nil {
			return fmt.Errorf("render: %w", err)
		}
		if err := emit(pages[i].Out, b); err != nil {
			return err
		}
		// An edited post's card shows its title and summary; the other pages'
		// cards do not depend on posts.
		if pages[i].Kind == "post" && pages[i].Card != nil {
			img, _, err := shareImage(r.cache, pages[i].Card, !r.once)
			if err != nil {
				return fmt.Errorf("render: %w", err)
			}
			return emit(pages[i].Image, img)
		}
		return nil
	})
	if err != nil {
		return Stats{}, false, err
	}
	opt.stage("patch", start, "%d pages and files rendered, %d written", st.Files, written)
	s.last = r
	return st, true, nil
}

// touched returns the pages of site b that an edit of the changed files may have
// changed, a being the site before the edit (of the same shape): the edited posts and
// pages and, when what lists show of an edited post changed, the home page, /posts/,
// /tags/, and the pages of the tags and models it names before or after the edit.
func touched(a, b *site.Site, changed []string) []*site.Page {
	edited := map[string]bool{}
	for _, p := range changed {
		edited[p] = true
	}
	// A post shows on lists as a card: when no edited post's card changed (an edit
	// of the body only, the usual one while writing), no list changed either.
	cards := map[string]string{} // file -> card fields, before the edit
	for _, p := range a.Posts {
		if edited[p.File] {
			cards[p.File] = card(p)
		}
	}
	lists := map[string]bool{}
	models := map[string]bool{}
	home := false
	for _, p := range b.Posts {
		if !edited[p.File] || cards[p.File] == card(p) {
			continue
		}
		home = true
		lists["posts/"], lists["tags/"] = true, true
		for _, s := range []*site.Site{a, b} {
			for _, q := range s.Posts {
				if q.File != p.File {
					continue
				}
				for _, t := range q.Tags {
					lists["tags/"+t+"/"] = true
				}
				for _, m := range q.Models {
					models["models/"+m+"/"] = true
				}
			}
		}
	}
	var pages []*site.Page
	for _, p := range b.HTMLPages() {
		var take bool
		switch p.Kind {
		case "home":
			take = home
		case "list":
			take = lists[p.Path]
		case "model":
			take = models[p.Path]
		case "post":
			post, ok := postOf(p)
			take = ok && edited[post.File]
		case "page":
			take = edited[pageOf(p)]
		}
		if take {
			pages = append(pages, p)
		}
	}
	return pages
}

// card is what lists show of a post (the "postcard" template), as one string.
func card(p content.Post) string {
	return strings.Join([]string{p.Slug, p.Title, p.Date, p.Time, p.Summary,
		strings.Join(p.Tags, ","), strings.Join(p.Models, ",")}, "\x00")
}

// pageOf returns the file of the standalone page a page shows.
func pageOf(p *site.Page) string {
	switch d := p.Data.(type) {
	case *content.Page:
		return d.File
	case site.PageView:
		return d.Page.File
	}
	return ""
}

// postOf returns the post a post page shows.
func postOf(p *site.Page) (*content.Post, bool) {
	switch d := p.Data.(type) {
	case *content.Post:
		return d, true
	case site.PostView:
		return d.Post, true
	}
	return nil, false
}

// sameShape reports whether two sites have the same posts in the same order, and the
// same pages and tags, so that they have the same pages and no page of a's is left
// without its source.
func sameShape(a, b *site.Site) bool {
	key := func(s *site.Site) []string {
		var k []string
		for _, p := range s.Posts { // newest first
			k = append(k, "post "+p.Slug+" "+p.File)
		}
		for _, p := range s.Pages {
			k = append(k, "page "+p.Slug+" "+p.File)
		}
		for _, t := range s.Tags {
			k = append(k, "tag "+t.Name)
		}
		return k
	}
	return slices.Equal(key(a), key(b))
}
