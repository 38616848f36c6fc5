package build

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ai-league/ai-league/internal/cache"
	"github.com/ai-league/ai-league/internal/publish"
	"github.com/ai-league/ai-league/internal/share"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"
)

// metaContent returns the content of the <meta> with that property or name.
func metaContent(page, key string) string {
	re := regexp.MustCompile(`<meta (?:property|name)="` + regexp.QuoteMeta(key) + `" content="([^"]*)">`)
	if m := re.FindStringSubmatch(page); m != nil {
		return html.UnescapeString(m[1])
	}
	return ""
}

// TestShareImages builds the small site and follows the share image of each kind of
// page from its tags to a 1200×630 PNG in the output.
func TestShareImages(t *testing.T) {
	src := testSite(t)
	out := filepath.Join(t.TempDir(), "public")
	build(t, options(src, out))
	const origin = "https://example.github.io/league/"
	for page, want := range map[string]string{
		"index.html":                                           "share/home.png",
		"standings/index.html":                                 "share/standings.png",
		"standings/2026-01-10/index.html":                      "share/standings/2026-01-10.png",
		"models/alpha-7b/index.html":                           "share/models/alpha-7b.png",
		"clubs/north/index.html":                               "share/clubs/north.png",
		"h2h/delta-120b-vs-gamma-70b/index.html":               "share/h2h/delta-120b-vs-gamma-70b.png",
		"posts/derby/index.html":                               "share/posts/derby.png",
		"embed/standings/small/index.html":                     "share/embed/standings/small.png",
		"news/index.html":                                      "share/home.png", // no image of its own
		"methodology/index.html":                               "share/home.png",
		"benchmarks/" + firstBenchmark(t, src) + "/index.html": "share/benchmarks/" + firstBenchmark(t, src) + ".png",
	} {
		p := read(t, filepath.Join(out, page))
		img := metaContent(p, "og:image")
		if img != origin+want {
			t.Errorf("%s: og:image %q, want %q", page, img, origin+want)
			continue
		}
		for key, v := range map[string]string{"twitter:image": img, "twitter:card": "summary_large_image",
			"og:image:width": "1200", "og:image:height": "630", "og:image:type": "image/png"} {
			if got := metaContent(p, key); got != v {
				t.Errorf("%s: %s = %q, want %q", page, key, got, v)
			}
		}
		if alt := metaContent(p, "og:image:alt"); len(alt) < 10 || metaContent(p, "twitter:image:alt") != alt {
			t.Errorf("%s: og:image:alt %q is missing or differs from twitter:image:alt", page, alt)
		}
		b, err := os.ReadFile(filepath.Join(out, want))
		if err != nil {
			t.Errorf("%s: %v", page, err)
			continue
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width != 1200 || cfg.Height != 630 {
			t.Errorf("%s: %v, %dx%d, want a 1200x630 PNG", want, err, cfg.Width, cfg.Height)
		}
	}
	// What the cards say, in their alt text.
	for page, want := range map[string]string{
		"h2h/delta-120b-vs-gamma-70b/index.html": "over 3 shared benchmarks",
		"models/alpha-7b/index.html":             "overall with",
		"posts/derby/index.html":                 "The small derby, 20 January 2026",
		"embed/standings/small/index.html":       "Small table, as of",
	} {
		if alt := metaContent(read(t, filepath.Join(out, page)), "og:image:alt"); !strings.Contains(alt, want) {
			t.Errorf("%s: og:image:alt %q does not say %q", page, alt, want)
		}
	}
	// Embed pages stay out of search engines and the sitemap.
	embed := read(t, filepath.Join(out, "embed/standings/small/index.html"))
	if !strings.Contains(embed, `<meta name="robots" content="noindex">`) || strings.Contains(embed, `class="site-header"`) {
		t.Error("the embed page is indexed or has the site's header")
	}
	if !strings.Contains(embed, `href="https://example.github.io/league/standings/#small"`) {
		t.Error("the embed page has no link back to its table")
	}
	if strings.Contains(read(t, filepath.Join(out, "sitemap.xml")), "embed/") {
		t.Error("the sitemap lists an embed page")
	}
}

func firstBenchmark(t *testing.T, src string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^- id: (\S+)`).FindStringSubmatch(read(t, filepath.Join(src, "data/benchmarks.yaml")))
	if m == nil {
		t.Fatal("no benchmark in the test site")
	}
	return m[1]
}

// TestMarkdownTablesRenderWithGFM pastes every table's .md file into a GitHub-flavoured
// renderer (goldmark with the GFM extension) and wants an HTML table with the table's
// rows in order: rank, the model's name linked to its page, and its points. One model
// has a name full of what breaks Markdown tables.
func TestMarkdownTablesRenderWithGFM(t *testing.T) {
	src := testSite(t)
	models := read(t, filepath.Join(src, "data/models.yaml"))
	const hostile = `Beta | 9B <b>*bold*</b> [x](y) \ _`
	models = strings.Replace(models, "name: Beta 9B", "name: '"+hostile+"'", 1)
	if err := os.WriteFile(filepath.Join(src, "data/models.yaml"), []byte(models), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	build(t, options(src, out))
	names := map[string]string{"alpha-7b": "Alpha 7B", "beta-9b": hostile, "gamma-70b": "Gamma 70B", "delta-120b": "Delta 120B"}

	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	d := standingsOf(t, filepath.Join(out, "standings.json"))
	if len(d.Tables) == 0 {
		t.Fatal("no tables")
	}
	for _, tb := range d.Tables {
		var buf bytes.Buffer
		if err := md.Convert([]byte(read(t, filepath.Join(out, "standings", tb.ID+".md"))), &buf); err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(&buf)
		if err != nil {
			t.Fatal(err)
		}
		tables := findAll(doc, "table")
		if len(tables) != 1 {
			t.Fatalf("%s.md: %d HTML tables, want 1:\n%s", tb.ID, len(tables), buf.String())
		}
		if th := findAll(tables[0], "th"); len(th) != 12 {
			t.Errorf("%s.md: %d header cells, want 12", tb.ID, len(th))
		}
		rows := findAll(findAll(tables[0], "tbody")[0], "tr")
		if len(rows) != len(tb.Rows) {
			t.Fatalf("%s.md: %d rows, want %d", tb.ID, len(rows), len(tb.Rows))
		}
		for i, tr := range rows {
			want := tb.Rows[i]
			cells := findAll(tr, "td")
			if len(cells) != 12 {
				t.Errorf("%s.md row %d: %d cells, want 12", tb.ID, i+1, len(cells))
				continue
			}
			rank := strings.TrimPrefix(text(cells[0]), "=")
			if rank != itoa(want.Rank) || text(cells[1]) != names[want.Model] || text(cells[10]) != itoa(want.Points) {
				t.Errorf("%s.md row %d: %q | %q | %q, want rank %d, %q, %d points", tb.ID, i+1,
					text(cells[0]), text(cells[1]), text(cells[10]), want.Rank, names[want.Model], want.Points)
			}
			links := findAll(cells[1], "a")
			if len(links) != 1 || attr(links[0], "href") != "https://example.github.io/league/models/"+want.Model+"/" {
				t.Errorf("%s.md row %d: the model is not linked to its page", tb.ID, i+1)
			}
			if len(findAll(cells[1], "b"))+len(findAll(cells[1], "em")) > 0 {
				t.Errorf("%s.md row %d: the name became markup", tb.ID, i+1)
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func findAll(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestDrawnMemoIsBounded(t *testing.T) {
	m := &memo{m: map[cache.Key][]byte{}}
	a, b := cache.NewKey("t", []byte("a")), cache.NewKey("t", []byte("b"))
	m.put(a, make([]byte, drawnMax-10))
	m.put(b, make([]byte, 11))
	if m.get(a) == nil || m.get(b) != nil || m.size != drawnMax-10 {
		t.Errorf("memo kept %d bytes; want the first entry only", m.size)
	}
	m.put(a, make([]byte, 5))
	if len(m.get(a)) != drawnMax-10 {
		t.Error("a second put replaced an entry")
	}
	// An entry that fills the memo to exactly drawnMax bytes is kept.
	c := cache.NewKey("t", []byte("c"))
	m.put(c, make([]byte, 10))
	if m.get(c) == nil || m.size != drawnMax {
		t.Errorf("memo kept %d bytes; want %d, the third entry too", m.size, drawnMax)
	}
}

// keepRuns numbers the runs of TestShareImageKeep in this process, so that each run's
// cards are new to the process-wide memo (go test -count runs it again in one process).
var keepRuns atomic.Int64

// TestShareImageKeep: a build that is the process's only one (Options.Once) keeps no
// share image in memory, drawn or read from the cache; the others keep them for the
// next build of the process.
func TestShareImageKeep(t *testing.T) {
	run := fmt.Sprintf("%s %d", t.Name(), keepRuns.Add(1))
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		keep bool
	}{{"drawn, not kept", false}, {"drawn, kept", true}} {
		card := &share.Card{Site: "Keep test", Title: run + " " + tc.name}
		key := cache.NewKey("share-png", []byte(card.Key()))
		b, hit, err := shareImage(nil, card, tc.keep)
		if err != nil || hit || len(b) == 0 {
			t.Fatalf("%s: %d bytes, hit %v, %v", tc.name, len(b), hit, err)
		}
		if kept := drawn.get(key) != nil; kept != tc.keep {
			t.Errorf("%s: kept in memory = %v, want %v", tc.name, kept, tc.keep)
		}
	}
	card := &share.Card{Site: "Keep test", Title: run + " from the cache"}
	key := cache.NewKey("share-png", []byte(card.Key()))
	if err := c.Put(key, []byte("png")); err != nil {
		t.Fatal(err)
	}
	for _, keep := range []bool{false, true} {
		b, hit, err := shareImage(c, card, keep)
		if err != nil || !hit || string(b) != "png" {
			t.Fatalf("from the cache, keep %v: %q, hit %v, %v", keep, b, hit, err)
		}
		if kept := drawn.get(key) != nil; kept != keep {
			t.Errorf("from the cache: kept in memory = %v, want %v", kept, keep)
		}
	}
}

// TestOnceDropsBodies: a one-off build forgets the posts' and pages' HTML once its
// pages are formatted, before the share images (its peak of memory), and writes the
// same files as a build that keeps them.
func TestOnceDropsBodies(t *testing.T) {
	src := testSite(t)
	files := map[bool]map[string]string{}
	for _, once := range []bool{false, true} {
		opt := options(src, "").withDefaults()
		opt.Once = once
		p, err := prepare(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.site.Posts) == 0 || len(p.site.Pages) == 0 || p.site.Posts[0].HTML == "" || p.site.Pages[0].HTML == "" {
			t.Fatalf("once %v: the test site needs a post and a page with a body: %d posts, %d pages", once, len(p.site.Posts), len(p.site.Pages))
		}
		var mu sync.Mutex
		files[once] = map[string]string{}
		err = emitAll(context.Background(), p, func(path string, b []byte) error {
			mu.Lock()
			defer mu.Unlock()
			files[once][path] = string(b)
			return nil
		}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, post := range p.site.Posts {
			if (post.HTML == "") != once {
				t.Errorf("once %v: post %s has %d bytes of HTML after the build", once, post.Slug, len(post.HTML))
			}
		}
		for _, page := range p.site.Pages {
			if (page.HTML == "") != once {
				t.Errorf("once %v: page %s has %d bytes of HTML after the build", once, page.Slug, len(page.HTML))
			}
		}
	}
	if len(files[true]) == 0 || !maps.Equal(files[true], files[false]) {
		t.Errorf("a one-off build wrote %d files, a kept one %d, or their bytes differ", len(files[true]), len(files[false]))
	}
}

// TestBuffersHandedBack: a one-off build that writes through a Tx, whose pages and
// share images go to the writers in buffers that come back for later files, writes
// the files a build that copies each one makes, byte for byte.
func TestBuffersHandedBack(t *testing.T) {
	src := testSite(t)
	want := map[string]string{}
	opt := options(src, "").withDefaults()
	p, err := prepare(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	err = emitAll(context.Background(), p, func(path string, b []byte) error {
		mu.Lock()
		defer mu.Unlock()
		want[path] = string(b)
		return nil
	}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}

	forgetDrawn(t) // the build above kept its images: these are drawn again
	opt.Once = true
	p, err = prepare(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	tx, err := publish.Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := emitAll(context.Background(), p, tx.Write, nil, tx); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	images := 0
	for path, w := range want {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(path)))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != w {
			t.Errorf("%s: %d bytes written, want the %d of the copying build", path, len(got), len(w))
		}
		if strings.HasSuffix(path, ".png") {
			images++
		}
	}
	if images < 10 || p.images.Load() < 10 {
		t.Errorf("the test site drew %d share images (%d files): too few to reuse buffers", p.images.Load(), images)
	}
}

// TestShareImageBuffersComeBackAfterDone: a share image drawn into a buffer that
// comes back is no later image's until every file of it called done: the images
// held, done not called, equal their cards' drawings; then done comes once per file.
func TestShareImageBuffersComeBackAfterDone(t *testing.T) {
	forgetDrawn(t)
	opt := options(testSite(t), "").withDefaults()
	opt.Once = true
	p, err := prepare(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	type held struct {
		b    []byte
		done func()
	}
	var (
		mu    sync.Mutex
		files = map[string]held{}
	)
	emit := func(path string, b []byte, _ publish.Key, done func()) error {
		if done == nil {
			t.Errorf("%s: drawn for a one-off build, yet no done", path)
		}
		mu.Lock()
		defer mu.Unlock()
		files[path] = held{b, done}
		return nil
	}
	never := func(string, publish.Key) (bool, error) { return false, nil }
	if err := emitShareImages(context.Background(), p, nil, emit, never, true); err != nil {
		t.Fatal(err)
	}
	cards := map[string]*share.Card{}
	for _, pg := range p.site.ShareCards() {
		cards[pg.Image] = pg.Card
	}
	if len(files) != len(cards) || len(files) < 10 {
		t.Fatalf("%d files for %d cards", len(files), len(cards))
	}
	for path, h := range files {
		want, err := cards[path].PNG()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(h.b, want) {
			t.Errorf("%s: its buffer was drawn over before done", path)
		}
	}
	for _, h := range files {
		h.done()
	}
}

// TestAfterAll: f runs once, at the n-th call, wherever that call comes from.
func TestAfterAll(t *testing.T) {
	for _, n := range []int{1, 2, 7} {
		var calls atomic.Int32
		done := afterAll(n, func() { calls.Add(1) })
		for i := 1; i < n; i++ {
			done()
			if calls.Load() != 0 {
				t.Fatalf("n=%d: f ran at call %d", n, i)
			}
		}
		var wg sync.WaitGroup
		wg.Go(done)
		wg.Wait()
		if calls.Load() != 1 {
			t.Fatalf("n=%d: f ran %d times after %d calls, want once", n, calls.Load(), n)
		}
		done()
		if calls.Load() != 1 {
			t.Errorf("n=%d: f ran again after call %d", n, n+1)
		}
	}
}

// forgetDrawn gives the test a memo of drawn share images of its own, empty, and
// puts the process's back after it.
func forgetDrawn(t *testing.T) {
	kept := drawn
	drawn = &memo{m: map[cache.Key][]byte{}}
	t.Cleanup(func() { drawn = kept })
}
