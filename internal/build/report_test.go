package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ai-league/ai-league/internal/cache"
	"github.com/ai-league/ai-league/internal/publish"
)

// outputSize walks an output folder as a reader would and counts its files and
// bytes, leaving out the build's marker.
func outputSize(t *testing.T, out string) (files int, bytes int64) {
	t.Helper()
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == publish.Marker {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		bytes += info.Size()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, bytes
}

// The write stage's progress line gives the files and megabytes found on disk.
func TestWriteStageReportsTheOutput(t *testing.T) {
	src := testSite(t)
	out := filepath.Join(t.TempDir(), "public")
	var log bytes.Buffer
	opt := options(src, out)
	opt.Log = &log
	st, err := Build(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	files, size := outputSize(t, out)
	if st.Files != files || st.Bytes != size {
		t.Errorf("stats: %d files, %d bytes; the output holds %d files, %d bytes", st.Files, st.Bytes, files, size)
	}
	want := fmt.Sprintf("%d files, %.1f MB to %s; 0 unchanged", files, float64(size)/1e6, out)
	if !strings.Contains(log.String(), "write    "+want) {
		t.Errorf("log lacks %q:\n%s", want, log.String())
	}
	if strings.Contains(log.String(), "\ncache ") {
		t.Errorf("a build without the cache reports its hits:\n%s", log.String())
	}
	want = fmt.Sprintf("\nrender   %d pages and files written (0 kept without making them again), ", files)
	if !strings.Contains(log.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, log.String())
	}
	// With the build cache, the third build keeps the files the second made (all
	// but the static ones); the render line still counts every file.
	c, err := cache.Open(filepath.Join(t.TempDir(), "cache"))
	if err != nil {
		t.Fatal(err)
	}
	opt.Cache = c
	build(t, opt)
	log.Reset()
	build(t, opt)
	m := regexp.MustCompile(`\nrender   (\d+) pages and files written \((\d+) kept without making them again\), `).FindStringSubmatch(log.String())
	if m == nil || m[1] != fmt.Sprint(files) || m[2] == "0" {
		t.Errorf("render line %q; want %d files, some kept:\n%s", m, files, log.String())
	}
}

// A session with the build cache builds its first output like a build without one,
// and keeps no manifest: a session writes in place, not from the previous manifest.
func TestSessionWithCache(t *testing.T) {
	src := testSite(t)
	tmp := t.TempDir()
	c, err := cache.Open(filepath.Join(tmp, "cache"))
	if err != nil {
		t.Fatal(err)
	}
	// One hit and one miss before the build: its line counts only its own.
	key := cache.NewKey("test", []byte("x"))
	c.Put(key, []byte("x"))
	c.Get(key)
	c.Get(cache.NewKey("test", []byte("y")))
	opt := options(src, filepath.Join(tmp, "public"))
	opt.Cache = c
	var log bytes.Buffer
	opt.Log = &log
	s := NewSession(opt)
	st, how, err := s.Rebuild(context.Background(), nil)
	if err != nil || how != "full" {
		t.Fatalf("first build: %q, %v", how, err)
	}
	files, size := outputSize(t, opt.Out)
	if st.Files != files || st.Bytes != size || st.Kept != 0 {
		t.Errorf("stats %+v; the output holds %d files, %d bytes", st, files, size)
	}
	// A first build: no hits, four lookups (the page's body, the post with league
	// blocks whole and its body, the draft whole).
	if want := "\ncache " + c.Dir() + ": 0 of 4 hits\n"; !strings.Contains(log.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, log.String())
	}
	if _, ok := c.Get(manifestKey(opt.Out)); ok {
		t.Error("a session kept an output manifest")
	}
	if _, err := os.Stat(filepath.Join(opt.Out, "index.html")); err != nil {
		t.Error(err)
	}
	// A second full build of the same site: every page shows what it showed, and
	// the render line counts every file.
	log.Reset()
	if _, how, err := s.Rebuild(context.Background(), nil); err != nil || how != "full" {
		t.Fatalf("second build: %q, %v", how, err)
	}
	m := regexp.MustCompile(`\nrender   (\d+) pages and files \((\d+) pages as they were\), 0 changed,`).FindStringSubmatch(log.String())
	if m == nil || m[1] != fmt.Sprint(files) || m[2] == "0" {
		t.Errorf("render line %q; want %d files, some pages as they were:\n%s", m, files, log.String())
	}
}

// The manifest is kept only when no input but a static file was first read after the
// keys were taken: such a read is in no key.
func TestInputsSoundAfterLateReads(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":        {Data: []byte("title: x\n")},
		"content/about.md": {Data: []byte("# About\n")},
		"static/style.css": {Data: []byte("body{}\n")},
		"templates/x.html": {Data: []byte("{{.}}")},
	}
	read := func(r *recorder, name string) {
		t.Helper()
		if _, err := fs.ReadFile(r, name); err != nil {
			t.Fatal(err)
		}
	}
	src, defaults := newRecorder(fsys), newRecorder(fsys)
	read(src, "site.yaml")
	read(defaults, "templates/x.html")
	for _, r := range []*recorder{src, defaults} {
		if _, err := r.seal(); err != nil {
			t.Fatal(err)
		}
	}
	in := &inputs{src: src, defaults: defaults}
	read(src, "site.yaml")        // read before the keys too: in them
	read(src, "static/style.css") // static files are copied, never keyed
	read(defaults, "static/style.css")
	if !in.sound() {
		t.Errorf("late reads %q, %q: not sound", src.lateReads(), defaults.lateReads())
	}
	if only := (&inputs{src: src}); !only.sound() {
		t.Error("without built-in files: not sound")
	}
	read(defaults, "content/about.md")
	if in.sound() {
		t.Errorf("late reads %q: sound", defaults.lateReads())
	}
	if only := (&inputs{src: src}); !only.sound() {
		t.Error("the site root alone read nothing late but static files: not sound")
	}
	read(src, "templates/x.html")
	if only := (&inputs{src: src}); only.sound() {
		t.Errorf("late reads %q: sound", src.lateReads())
	}
}

// News dated after -as-of is left out; without -as-of every item is shown, even one
// dated after the last results.
func TestNewsUpToAsOf(t *testing.T) {
	src := testSite(t)
	news := filepath.Join(src, "data/news.yaml")
	b, err := os.ReadFile(news)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, `- title: Early word on Beta
  url: https://south.example/news/early
  date: "2026-01-05"
  source: South blog
  category: release
- title: Delta after the last results
  url: https://south.example/news/late
  date: "2026-02-10"
  source: South blog
  category: release
`...)
	if err := os.WriteFile(news, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	opt := options(src, out)
	for _, tt := range []struct {
		asOf     string
		shown    []string
		notShown []string
	}{
		{"2026-01-10", []string{"Early word on Beta", "North Lab releases Alpha 7B"}, []string{"Delta after the last results"}},
		{"2026-01-09", []string{"Early word on Beta"}, []string{"North Lab releases Alpha 7B", "Delta after the last results"}},
		{"", []string{"Early word on Beta", "North Lab releases Alpha 7B", "Delta after the last results"}, nil},
	} {
		opt.AsOf = tt.asOf
		build(t, opt)
		page := read(t, filepath.Join(out, "news/index.html"))
		for _, s := range tt.shown {
			if !strings.Contains(page, s) {
				t.Errorf("as of %q: /news/ lacks %q", tt.asOf, s)
			}
		}
		for _, s := range tt.notShown {
			if strings.Contains(page, s) {
				t.Errorf("as of %q: /news/ shows %q", tt.asOf, s)
			}
		}
	}
}

// -base-url takes an absolute http(s) URL without query or fragment, and ends its
// path with "/".
func TestNormaliseBaseURL(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"https://user.github.io/repo", "https://user.github.io/repo/"},
		{"https://user.github.io/repo/", "https://user.github.io/repo/"},
		{"http://127.0.0.1:1313", "http://127.0.0.1:1313/"},
		{"HTTPS://Example.org/a/b", "https://Example.org/a/b/"},
	} {
		if got, err := normaliseBaseURL(tt.in); got != tt.want || err != nil {
			t.Errorf("normaliseBaseURL(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"ftp://x/", "https:///repo/", "user.github.io/repo", "https://x/?a=1", "https://x/#top", "http://x/%zz", "mailto:a@b.c"} {
		want := fmt.Sprintf("want an absolute http(s) URL like https://user.github.io/repo/, got %q", in)
		if got, err := normaliseBaseURL(in); err == nil || err.Error() != want {
			t.Errorf("normaliseBaseURL(%q) = %q, %v; want the error %q", in, got, err, want)
		}
	}
}
