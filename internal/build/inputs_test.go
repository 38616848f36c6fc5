package build

import (
	"crypto/sha256"
	"io"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/ai-league/ai-league/internal/cache"
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/publish"
	"github.com/ai-league/ai-league/internal/site"
)

// The recorder notes the SHA-256 of the files read through it: a file read to its end
// as read, a file read in part as a whole when the sums are taken, and not a file
// opened but never read from (a read of nothing is no read).
func TestRecorderSums(t *testing.T) {
	fsys := fstest.MapFS{
		"whole.txt":  {Data: []byte("read to the end\n")},
		"part.txt":   {Data: []byte("only the first bytes are read\n")},
		"opened.txt": {Data: []byte("opened, never read\n")},
		"empty.txt":  {Data: []byte("read into an empty buffer\n")},
	}
	r := newRecorder(fsys)
	read := func(name string, n int, toEnd bool) {
		t.Helper()
		f, err := r.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case n < 0: // opened only
		case toEnd:
			if _, err := io.ReadAll(f); err != nil {
				t.Fatal(err)
			}
		default:
			if got, err := f.Read(make([]byte, n)); err != nil || got != n {
				t.Fatalf("%s: read %d bytes, %v; want %d", name, got, err, n)
			}
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	read("whole.txt", 0, true)
	read("part.txt", 4, false)
	read("opened.txt", -1, false)
	read("empty.txt", 0, false)
	if _, err := r.Open("missing.txt"); err == nil {
		t.Error("opened a file that does not exist")
	}
	sums, err := r.seal()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][sha256.Size]byte{
		"whole.txt": sha256.Sum256([]byte("read to the end\n")),
		"part.txt":  sha256.Sum256([]byte("only the first bytes are read\n")),
	}
	if len(sums) != len(want) {
		t.Errorf("sums of %d files, want %d: %v", len(sums), len(want), keysOf(sums))
	}
	for name, sum := range want {
		if sums[name] != sum {
			t.Errorf("%s: sum %x, want %x", name, sums[name], sum)
		}
	}
}

func keysOf(m map[string][sha256.Size]byte) []string {
	var k []string
	for n := range m {
		k = append(k, n)
	}
	return k
}

// writeString writes a part's length as 8 bytes, least significant first, then the
// part; so parts that join into the same bytes give different keys.
func TestWriteString(t *testing.T) {
	for _, s := range []string{"", "abc", string(make([]byte, 300))} {
		h := sha256.New()
		writeString(h, s)
		n := len(s)
		want := sha256.Sum256(append([]byte{byte(n), byte(n >> 8), 0, 0, 0, 0, 0, 0}, s...))
		if got := [sha256.Size]byte(h.Sum(nil)); got != want {
			t.Errorf("writeString of %d bytes: %x, want %x", n, got, want)
		}
	}
	zeros := string(make([]byte, 8))
	if derive(publish.Key{}, "a", "b") == derive(publish.Key{}, "a"+zeros+"b") {
		t.Error(`the parts "a", "b" and "a" + 8 zero bytes + "b" give the same key`)
	}
}

// A post's own page, with the built-in templates and no chart, is keyed by every
// input but the other posts: editing one post changes its page's key and every
// other page's, not the other posts' pages'. With templates of its own, a chart,
// or any other kind of page, every input is in the key.
func TestOutputKeysOfPostPages(t *testing.T) {
	if cache.Generator() == "" {
		t.Skip("the test binary's build ID is not known")
	}
	site0 := fstest.MapFS{
		"site.yaml":          {Data: []byte("title: x\n")},
		"content/posts/a.md": {Data: []byte("post a\n")},
		"content/posts/b.md": {Data: []byte("post b\n")},
		"static/style.css":   {Data: []byte("body{}\n")},
	}
	defaults0 := fstest.MapFS{"templates/post.html": {Data: []byte("{{.}}")}}
	posts := []content.Post{{File: "content/posts/a.md"}, {File: "content/posts/b.md"}}
	keys := func(src, defaults fstest.MapFS) *outputKeys {
		t.Helper()
		r, d := newRecorder(src), newRecorder(defaults)
		for _, rec := range []struct {
			r    *recorder
			fsys fstest.MapFS
		}{{r, src}, {d, defaults}} {
			for name := range rec.fsys {
				if _, err := fs.ReadFile(rec.r, name); err != nil {
					t.Fatal(err)
				}
			}
		}
		k, ok := newOutputKeys(Options{}, r, d, posts)
		if !ok {
			t.Fatal("no keys")
		}
		return k
	}
	with := func(m fstest.MapFS, name, text string) fstest.MapFS {
		c := fstest.MapFS{}
		for n, f := range m {
			c[n] = f
		}
		c[name] = &fstest.MapFile{Data: []byte(text)}
		return c
	}
	postA := &site.Page{Kind: "post", Out: "posts/a/index.html", Data: &content.Post{File: "content/posts/a.md"}}
	postB := &site.Page{Kind: "post", Out: "posts/b/index.html", Data: &content.Post{File: "content/posts/b.md"}}
	charted := &site.Page{Kind: "post", Out: "posts/a/index.html", Data: &content.Post{File: "content/posts/a.md"},
		Charts: []site.Chart{{Kind: site.ChartHistory}}}
	view := &site.Page{Kind: "page", Out: "posts/a/index.html", Data: &content.Post{File: "content/posts/a.md"}}
	home := &site.Page{Kind: "home", Out: "index.html"}

	base := keys(site0, defaults0)
	editB := keys(with(site0, "content/posts/b.md", "post b, edited\n"), defaults0)
	for _, c := range []struct {
		name string
		page *site.Page
		same bool
	}{{"post a", postA, true}, {"post b", postB, false}, {"post a with a chart", charted, false},
		{"post a shown by another kind", view, false}, {"home", home, false}} {
		if got := base.page(c.page) == editB.page(c.page); got != c.same {
			t.Errorf("post b edited: %s keeps its key %v, want %v", c.name, got, c.same)
		}
	}
	if base.data() == editB.data() {
		t.Error("post b edited: the data files keep their key")
	}
	for _, c := range []struct {
		name     string
		src, def fstest.MapFS
	}{
		{"post a edited", with(site0, "content/posts/a.md", "post a, edited\n"), defaults0},
		{"site.yaml edited", with(site0, "site.yaml", "title: y\n"), defaults0},
		{"a built-in template edited", site0, with(defaults0, "templates/post.html", "{{.}}!")},
	} {
		if base.page(postA) == keys(c.src, c.def).page(postA) {
			t.Errorf("%s: post a's page keeps its key", c.name)
		}
	}
	// Templates of the site's own: every page is keyed by every input.
	own := with(site0, "templates/extra.html", "mine")
	if keys(own, defaults0).page(postA) == keys(with(own, "content/posts/b.md", "post b, edited\n"), defaults0).page(postA) {
		t.Error("own templates, post b edited: post a's page keeps its key")
	}
}
