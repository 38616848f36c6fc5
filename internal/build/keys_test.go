package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/ai-league/ai-league/internal/cache"
)

// inode returns the inode of p.
func inode(t *testing.T, p string) uint64 {
	t.Helper()
	var st syscall.Stat_t
	if err := syscall.Stat(p, &st); err != nil {
		t.Fatal(err)
	}
	return st.Ino
}

// With the build cache, a file made from the same inputs as in the previous build is
// kept from it instead of made again; after every kind of edit the output equals a
// build without cache, and the edit's pages are made again while the other posts'
// pages are kept.
func TestWarmBuildsFollowEdits(t *testing.T) {
	src := testSite(t)
	tmp := t.TempDir()
	out := filepath.Join(tmp, "public")
	c, err := cache.Open(filepath.Join(tmp, "cache"))
	if err != nil {
		t.Fatal(err)
	}
	warm := func() Stats {
		t.Helper()
		opt := options(src, out)
		opt.Cache = c
		st, err := Build(context.Background(), opt)
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		return st
	}
	check := func(name string) {
		t.Helper()
		fresh := filepath.Join(tmp, "fresh", strings.ReplaceAll(name, " ", "-"))
		build(t, options(src, fresh))
		sameFiles(t, name, files(t, fresh), files(t, out))
	}
	edit := func(file, old, new string) {
		t.Helper()
		p := filepath.Join(src, file)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s lacks %q", file, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	plain := "---\ntitle: Plain\ndate: 2026-01-22\nsummary: No league here.\ntags: [small]\n---\nJust *text*.\n"
	quiet := "---\ntitle: Quiet\ndate: 2026-01-23\nsummary: Nothing happens.\ntags: [small]\n---\nStill *text*.\n"
	for name, text := range map[string]string{"plain.md": plain, "quiet.md": quiet} {
		if err := os.WriteFile(filepath.Join(src, "content/posts", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	first := warm()
	if first.Kept != 0 {
		t.Errorf("first build kept %d files, want 0", first.Kept)
	}
	check("first")
	dir := inode(t, out)
	quietPage := filepath.Join(out, "posts/quiet/index.html")
	quietIno := inode(t, quietPage)

	// Nothing changed: every generated file is kept and the folder is not swapped.
	same := warm()
	if same.Kept == 0 || same.Unchanged != same.Files {
		t.Errorf("nothing changed: %+v, want every file unchanged and the generated ones kept", same)
	}
	if inode(t, out) != dir {
		t.Error("nothing changed, yet the output folder was replaced")
	}
	// Every file but the static ones (copied each time) was kept: the pages, the
	// share images and the data files (feeds, sitemap, tables), kept as a group.
	p, err := prepare(context.Background(), options(src, "").withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	statics, err := p.r.StaticPaths()
	if err != nil {
		t.Fatal(err)
	}
	if same.Kept+len(statics) != same.Files {
		t.Errorf("nothing changed: %d kept and %d static of %d files, want every generated file kept", same.Kept, len(statics), same.Files)
	}
	check("nothing changed")

	// One post's body: its page is made again, the other posts' pages are kept.
	edit("content/posts/plain.md", "Just *text*", "Only *words*")
	body := warm()
	if body.Kept == 0 || body.Kept >= same.Kept {
		t.Errorf("post body: kept %d files, want some but fewer than %d", body.Kept, same.Kept)
	}
	if inode(t, quietPage) != quietIno {
		t.Error("post body: the page of another post was written again")
	}
	if !strings.Contains(read(t, filepath.Join(out, "posts/plain/index.html")), "<em>words</em>") {
		t.Error("post body: the edited post's page lacks the edit")
	}
	check("post body")

	steps := []struct {
		name string
		do   func()
	}{
		{"post with league blocks", func() { edit("content/posts/derby.md", "Alpha and Beta met", "Alpha and Beta clashed") }},
		{"post title", func() { edit("content/posts/derby.md", "title: The small derby", "title: The little derby") }},
		{"tags", func() { edit("content/posts/plain.md", "tags: [small]", "tags: [derby, fresh]") }},
		{"results", func() { edit("data/models.yaml", "name: ", "name: The ") }},
		{"page", func() { edit("content/about.md", "A test league.", "A test league. Edited about.") }},
		{"own post template", func() {
			os.MkdirAll(filepath.Join(src, "templates"), 0o755)
			b, err := os.ReadFile("../../templates/post.html")
			if err != nil {
				t.Fatal(err)
			}
			b = []byte(strings.Replace(string(b), `<article class="post">`, `<article class="post own">`, 1))
			os.WriteFile(filepath.Join(src, "templates/post.html"), b, 0o644)
		}},
		{"own template edited", func() {
			edit("templates/post.html", `class="post own">`, `class="post mine"><p>{{range .Site.Posts}} {{.Title}}{{end}}</p>`)
		}},
		// The site's own template shows every post's title on each post's page.
		{"another post's title", func() { edit("content/posts/derby.md", "title: The little derby", "title: The tiny derby") }},
		{"static file", func() {
			os.MkdirAll(filepath.Join(src, "static"), 0o755)
			os.WriteFile(filepath.Join(src, "static/extra.txt"), []byte("extra\n"), 0o644)
		}},
		{"removed post", func() { os.Remove(filepath.Join(src, "content/posts/plain.md")) }},
		{"stray file in the output", func() { os.WriteFile(filepath.Join(out, "posts/stray.html"), []byte("stray"), 0o644) }},
		{"output file edited", func() {
			os.WriteFile(filepath.Join(out, "posts/derby/index.html"), []byte("spoilt"), 0o644)
		}},
		{"output file removed", func() { os.Remove(filepath.Join(out, "about/index.html")) }},
	}
	for _, st := range steps {
		st.do()
		warm()
		check(st.name)
	}
	if page := read(t, filepath.Join(out, "posts/quiet/index.html")); !strings.Contains(page, `class="post mine"`) || !strings.Contains(page, "The tiny derby") {
		t.Errorf("the site's own post template is not used:\n%s", read(t, filepath.Join(out, "posts/quiet/index.html")))
	}
}

// The lists show each post through the "postcard" template, made once per post and
// page kind: a site's own postcard is the one on every list, and a kind that defines
// its own postcard keeps it.
func TestOwnPostcard(t *testing.T) {
	src := testSite(t)
	b, err := os.ReadFile("../../templates/partials.html")
	if err != nil {
		t.Fatal(err)
	}
	own := strings.Replace(string(b), `<article class="post-card">`, `<article class="post-card own">`, 1)
	if own == string(b) {
		t.Fatal("partials.html has no post card")
	}
	os.MkdirAll(filepath.Join(src, "templates"), 0o755)
	os.WriteFile(filepath.Join(src, "templates/partials.html"), []byte(own), 0o644)
	home, err := os.ReadFile("../../templates/home.html")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "templates/home.html"),
		[]byte(string(home)+`{{define "postcard"}}<p class="home-card">{{.Title}}</p>{{end}}`), 0o644)
	out := filepath.Join(t.TempDir(), "public")
	build(t, options(src, out))
	for _, page := range []string{"posts/index.html", "tags/derby/index.html"} {
		if got := read(t, filepath.Join(out, page)); !strings.Contains(got, `<article class="post-card own">`) || strings.Contains(got, "home-card") {
			t.Errorf("%s does not show the site's own post cards", page)
		}
	}
	if got := read(t, filepath.Join(out, "index.html")); !strings.Contains(got, `<p class="home-card">`) || strings.Contains(got, "post-card own") {
		t.Error("the home page does not show its own post cards")
	}
}
