package render

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	aileague "github.com/ai-league/ai-league"
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/feed"
	"github.com/ai-league/ai-league/internal/news"
	"github.com/ai-league/ai-league/internal/site"
)

// embedSite is dataSite's league (results on 10 January 2026) with a post and a
// page whose bodies hold an h2h and a standings block between paragraphs, and a
// post without any.
func embedSite(t *testing.T) (*site.Site, *content.Post) {
	t.Helper()
	d := dataSite(t, "", "2026-01-10")
	s := site.New(d.Config, d.Data, d.Season, nil)
	body := "<p>before</p>\x00h2h a b\x00<p>middle</p>\x00standings overall\x00<p>after</p>"
	posts := []content.Post{
		{File: "content/posts/emb.md", Slug: "emb", Title: "Blocks", Date: "2026-01-12", Time: "2026-01-12T00:00:00Z", HTML: body},
		{File: "content/posts/plain.md", Slug: "plain", Title: "Plain", Date: "2026-01-11", Time: "2026-01-11T00:00:00Z", HTML: "<p>no blocks</p>"},
	}
	s.AddContent(posts, []content.Page{{Slug: "about", Title: "About", HTML: body}})
	return s, &s.Posts[0]
}

// pageByOut is the page of s written to out.
func pageByOut(t *testing.T, s *site.Site, out string) *site.Page {
	t.Helper()
	for _, p := range s.HTMLPages() {
		if p.Out == out {
			return p
		}
	}
	t.Fatalf("no page %s", out)
	return nil
}

// checkEmbedded checks that body holds the paragraphs of embedSite's body in order
// with the two blocks in place of their markers. A post's blocks are frozen at its
// date: A vs B (B scored higher on both benchmarks, so 0 – 2 on the one results
// day) and the overall table, B above A. (A page has no date; only the blocks'
// places are checked.)
func checkEmbedded(t *testing.T, label, body string, dated bool) {
	t.Helper()
	if strings.Contains(body, "\x00") {
		t.Errorf("%s: a marker is left:\n%s", label, body)
	}
	parts := []string{"<p>before</p>", `<div class="league-embed">`, "<p>middle</p>", `<div class="league-embed">`, "<p>after</p>"}
	if dated {
		parts = []string{"<p>before</p>", `<div class="league-embed">`, `A vs B</a>: <span class="big">0 – 2</span> as of 10 January 2026.`,
			"<p>middle</p>", `<div class="league-embed">`, ">B<", ">A<", "<p>after</p>"}
	}
	at := 0
	for _, part := range parts {
		i := strings.Index(body[at:], part)
		if i < 0 {
			t.Errorf("%s: %q missing after byte %d:\n%s", label, part, at, body)
			return
		}
		at += i + len(part)
	}
}

// TestPostAndPageEmbeds: the league blocks of a post and of a page are put in place
// of their markers, on the page and in the post's body as feeds carry it; a post
// without blocks keeps its body; an embed template that fails gives the page's and
// the block's error.
func TestPostAndPageEmbeds(t *testing.T) {
	s, post := embedSite(t)
	r := dataRenderer(t, s)
	for _, out := range []string{"posts/emb/index.html", "about/index.html"} {
		b, err := r.Page(pageByOut(t, s, out))
		if err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		checkEmbedded(t, out, string(b), strings.HasPrefix(out, "posts/"))
	}
	body, err := r.PostHTML(post)
	if err != nil {
		t.Fatal(err)
	}
	checkEmbedded(t, "PostHTML", body, true)
	if body, err := r.PostHTML(&s.Posts[1]); err != nil || body != "<p>no blocks</p>" {
		t.Errorf("PostHTML of a post without blocks = %q, %v", body, err)
	}

	bad := failingEmbed(t, s)
	// ("index" is at byte 44 of the line: 17 + 7 + 18 bytes of the three actions, then "{{")
	const why = `render league block: template: embed.html:1:44: executing "embed" at <index .Kind 99>: error calling index: index out of range: 99`
	for _, out := range []string{"posts/emb/index.html", "about/index.html"} {
		if _, err := bad.Page(pageByOut(t, s, out)); err == nil || err.Error() != "render "+out+": "+why {
			t.Errorf("%s with a failing embed template: err = %v, want render %s: %s", out, err, out, why)
		}
	}
	if _, err := bad.PostHTML(post); err == nil || err.Error() != why {
		t.Errorf("PostHTML with a failing embed template: err = %v, want %s", err, why)
	}
}

// openFails is fsys whose Open fails for the name bad.
type openFails struct {
	fsys fs.FS
	bad  string
}

func (o openFails) Open(name string) (fs.File, error) {
	if name == o.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return o.fsys.Open(name)
}

// TestStaticFiles: Static emits every file of the static folders as it is, and no
// folder; StaticPaths lists the same paths. A file that cannot be read, a folder
// that cannot be listed and a failing emit end the walk with their error.
func TestStaticFiles(t *testing.T) {
	s := dataSite(t, "")
	files := fstest.MapFS{
		"robots.txt":     {Data: []byte("r")},
		"css/site.css":   {Data: []byte("body{}")},
		"css/print.css":  {Data: []byte("p{}")},
		"js/deep/x.js":   {Data: []byte("x()")},
		"img/empty.gif":  {Data: []byte("")},
		"fonts/.keep":    {Data: []byte("k")},
		"empty-dir":      {Mode: fs.ModeDir},
		"css/more/a.css": {Data: []byte("a{}")},
	}
	want := []string{"css/more/a.css", "css/print.css", "css/site.css", "fonts/.keep", "img/empty.gif", "js/deep/x.js", "robots.txt"}
	r := dataRenderer(t, s)
	r.static = files
	got := map[string]string{}
	var order []string
	if err := r.Static(func(p string, b []byte) error { got[p] = string(b); order = append(order, p); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(order, want) {
		t.Errorf("Static emitted %q, want %q", order, want)
	}
	for p, f := range files {
		if f.Mode.IsDir() {
			continue
		}
		if got[p] != string(f.Data) {
			t.Errorf("Static: %s = %q, want %q", p, got[p], f.Data)
		}
	}
	paths, err := r.StaticPaths()
	if err != nil || !slices.Equal(paths, want) {
		t.Errorf("StaticPaths = %q, %v; want %q", paths, err, want)
	}

	ok := func(string, []byte) error { return nil }
	r.static = openFails{files, "css/print.css"}
	if err := r.Static(ok); err == nil || err.Error() != "static: open css/print.css: permission denied" {
		t.Errorf("Static with an unreadable file: err = %v", err)
	}
	r.static = openFails{files, "js/deep"}
	if err := r.Static(ok); err == nil || err.Error() != "static: open js/deep: permission denied" {
		t.Errorf("Static with a folder that cannot be listed: err = %v", err)
	}
	if paths, err := r.StaticPaths(); err == nil || err.Error() != "static: open js/deep: permission denied" || paths != nil {
		t.Errorf("StaticPaths with a folder that cannot be listed = %q, %v", paths, err)
	}
	r.static = openFails{files, "."}
	if err := r.Static(ok); err == nil || err.Error() != "static: open .: permission denied" {
		t.Errorf("Static without its root: err = %v", err)
	}
	if paths, err := r.StaticPaths(); err == nil || err.Error() != "static: open .: permission denied" || paths != nil {
		t.Errorf("StaticPaths without its root = %q, %v", paths, err)
	}
	r.static = files
	err = r.Static(func(p string, b []byte) error {
		if p == "fonts/.keep" {
			return errors.New("no room for " + p)
		}
		return nil
	})
	if err == nil || err.Error() != "static: no room for fonts/.keep" {
		t.Errorf("Static with a failing emit: err = %v", err)
	}
}

// TestFeedEntries: a post's feed entry carries its body with the league blocks in
// place; a news item's carries its summary, or its title as a paragraph when it has
// none, and its source; a post whose block fails gives the entry's error.
func TestFeedEntries(t *testing.T) {
	s, _ := embedSite(t)
	r := dataRenderer(t, s)
	posts, err := r.postEntries()
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 2 {
		t.Fatalf("%d post entries, want 2", len(posts))
	}
	p := posts[0]
	jan12 := time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC)
	if p.ID != "tag:u.github.io,2026-01-12:posts/emb" || p.Title != "Blocks" || p.URL != "https://u.github.io/repo/posts/emb/" ||
		!p.Published.Equal(jan12) || !p.Updated.Equal(jan12) {
		t.Errorf("post entry = %+v", p)
	}
	checkEmbedded(t, "feed entry", p.Content, true)
	if posts[1].Content != "<p>no blocks</p>" || posts[1].ID != "tag:u.github.io,2026-01-11:posts/plain" {
		t.Errorf("entry of a post without blocks = %+v", posts[1])
	}

	items := []news.Item{
		{ID: "1", Title: `T <1> & "q"`, URL: "https://n.example/1?a=1&b=2", Date: "2026-01-03T08:00:00Z", Source: "S & Co", Category: "release"},
		{ID: "2", Title: "Two", URL: "https://n.example/2", Date: "2026-01-04T00:00:00Z", Source: "S", Category: "policy",
			SummaryHTML: "<p>Said <em>so</em></p>"},
	}
	ns := site.New(s.Config, s.Data, s.Season, items)
	ns.AddContent(nil, nil)
	byID := map[string]feed.Entry{}
	for _, e := range newsEntries(ns) {
		byID[e.ID] = e
	}
	e1, e2 := byID["tag:u.github.io,2026-01-03:news/1"], byID["tag:u.github.io,2026-01-04:news/2"]
	if len(byID) != 2 || e1.Content != `<p>T &lt;1&gt; &amp; &#34;q&#34;</p><p>Source: <a href="https://n.example/1?a=1&amp;b=2">S &amp; Co</a></p>` ||
		e1.Title != items[0].Title || e1.URL != items[0].URL || e1.Author != "S & Co" || !slices.Equal(e1.Categories, []string{"release"}) ||
		!e1.Published.Equal(time.Date(2026, 1, 3, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("news entries = %+v", byID)
	}
	if e2.Content != `<p>Said <em>so</em></p><p>Source: <a href="https://n.example/2">S</a></p>` {
		t.Errorf("entry of a news item with a summary: %q", e2.Content)
	}

	bad := failingEmbed(t, s)
	const want = `feed entry of content/posts/emb.md: render league block: template: embed.html:1:44: executing "embed" at <index .Kind 99>: error calling index: index out of range: 99`
	if _, err := bad.postEntries(); err == nil || err.Error() != want {
		t.Errorf("postEntries with a failing block: err = %v, want %s", err, want)
	}
}

// TestOverlay: an Overlay lists the union of its two file systems' entries and
// globs, sorted, the top one's entry where both have a name; either may be nil; a
// folder that only one has is listed from it; one that neither has is the base's
// error.
func TestOverlay(t *testing.T) {
	top := fstest.MapFS{"d/b.txt": {Data: []byte("top b")}, "d/x": {Data: []byte("a file on top")}, "t.html": {}, "only/top": {}}
	base := fstest.MapFS{"d/a.txt": {Data: []byte("a")}, "d/b.txt": {Data: []byte("base b")}, "d/x/y": {}, "b.html": {}, "t.html": {}}
	names := func(es []fs.DirEntry) string {
		var n []string
		for _, e := range es {
			n = append(n, fmt.Sprintf("%s:%v", e.Name(), e.IsDir()))
		}
		return strings.Join(n, " ")
	}
	for _, c := range []struct {
		o    Overlay
		dir  string
		want string
	}{
		{Overlay{Top: top, Base: base}, "d", "a.txt:false b.txt:false x:false"},
		{Overlay{Top: top, Base: base}, "only", "top:false"},
		{Overlay{Base: base}, "d", "a.txt:false b.txt:false x:true"},
		{Overlay{Top: top}, "d", "b.txt:false x:false"},
		{Overlay{Top: top}, ".", "d:true only:true t.html:false"},
	} {
		es, err := c.o.ReadDir(c.dir)
		if err != nil || names(es) != c.want {
			t.Errorf("ReadDir(%q) = %s, %v; want %s", c.dir, names(es), err, c.want)
		}
	}
	if b, err := fs.ReadFile(Overlay{Top: top, Base: base}, "d/b.txt"); err != nil || string(b) != "top b" {
		t.Errorf("d/b.txt = %q, %v", b, err)
	}
	if es, err := (Overlay{Top: top, Base: base}).ReadDir("nope"); err == nil || err.Error() != "open nope: file does not exist" || es != nil {
		t.Errorf("ReadDir of a folder neither has = %s, %v", names(es), err)
	}
	for _, c := range []struct {
		o    Overlay
		want []string
	}{
		{Overlay{Top: top, Base: base}, []string{"b.html", "t.html"}},
		{Overlay{Base: base}, []string{"b.html", "t.html"}},
		{Overlay{Top: top}, []string{"t.html"}},
	} {
		if got, err := c.o.Glob("*.html"); err != nil || !slices.Equal(got, c.want) {
			t.Errorf("Glob = %q, %v; want %q", got, err, c.want)
		}
	}
	if _, err := (Overlay{Top: top, Base: base}).Glob("["); err == nil || err.Error() != "syntax error in pattern" {
		t.Errorf("Glob of a bad pattern: err = %v", err)
	}
}

// failingEmbed is a renderer of s whose embed template fails on every league block:
// index out of range, at byte 44 of embed.html's line.
func failingEmbed(t *testing.T, s *site.Site) *Renderer {
	t.Helper()
	defaults, _ := fs.Sub(aileague.Defaults, "templates")
	static, _ := fs.Sub(aileague.Defaults, "static")
	own := fstest.MapFS{"embed.html": {Data: []byte(`{{define "main"}}{{end}}{{define "embed"}}{{index .Kind 99}}{{end}}`)}}
	r, err := New(s, Overlay{Top: own, Base: defaults}, static)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
