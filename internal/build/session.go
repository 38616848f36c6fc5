package build

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/publish"
	"github.com/ai-league/ai-league/internal/site"
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
//     build, which writes only the files whose bytes changed.
//
// The pages chosen are those the built-in templates make from a post; a site whose
// own templates show a post elsewhere sees that page updated at the next full build.
//
// A Session is not safe for concurrent use.
type Session struct {
	// Options are those of the next rebuild; the caller may change them between
	// rebuilds (the preview server goes offline after the first).
	Options Options

	memo *content.Memo
	last *prepared // the last good build; nil before the first or after a failure
}

// NewSession returns a session that builds with opt.
func NewSession(opt Options) *Session {
	return &Session{Options: opt, memo: content.NewMemo()}
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
	if !contentOnly(changed) {
		// What posts are checked against (models, tables) may have changed.
		s.memo.Reset()
	}
	s.last = nil
	c, err := compute(ctx, opt)
	if err != nil {
		return Stats{}, "full", err
	}
	r, err := c.prepare(ctx, opt, s.memo, nil)
	if err != nil {
		return Stats{}, "full", err
	}
	st, err := write(ctx, opt, out, r, nil)
	if err != nil {
		return Stats{}, "full", err
	}
	s.last = r
	return st, "full", nil
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
	if err := r.r.DataFiles(emit); err != nil {
		return Stats{}, false, err
	}
	err = workers.Each(ctx, len(pages), 0, func(_ context.Context, i int) error {
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
			img, _, err := shareImage(r.cache, pages[i].Card)
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
