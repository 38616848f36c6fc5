package content

import (
	"encoding/binary"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"

	"github.com/ai-league/ai-league/internal/cache"
	"github.com/ai-league/ai-league/internal/diag"
)

// renderPost loads one post with body and returns its HTML.
func renderPost(t *testing.T, body string, opt Options) string {
	t.Helper()
	posts, _, err := Load(fstest.MapFS{"content/posts/p.md": file("---\ntitle: T\ndate: 2026-06-04\n---\n" + body)}, opt)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return posts[0].HTML
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		opt      Options
		want     []string // substrings of the HTML
		dontWant []string
	}{
		{
			name: "heading anchor",
			body: "## The *laptop* derby\n",
			want: []string{`<h2 id="the-laptop-derby">The <em>laptop</em> derby <a class="anchor" href="#the-laptop-derby" aria-label="Link to this section: The laptop derby">#</a></h2>`},
		},
		{
			name: "heading level as written, typographer in the label",
			body: "#### Qwen's \"win\"\n",
			want: []string{`<h4 id="qwens-win">Qwen&rsquo;s &ldquo;win&rdquo; <a class="anchor" href="#qwens-win" aria-label="Link to this section: Qwen’s “win”">#</a></h4>`},
		},
		{
			name: "task list",
			body: "- [x] done\n- [ ] to do\n",
			want: []string{`<li><input checked="" disabled="" type="checkbox"> done</li>`, `<li><input disabled="" type="checkbox"> to do</li>`},
		},
		{
			name: "table",
			body: "| model | score |\n|---|--:|\n| a | 1 |\n",
			want: []string{"<table>", `<th>model</th>`, `<th class="align-right">score</th>`, `<td class="align-right">1</td>`},
		},
		{
			name: "table alignments",
			body: "| l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n",
			want: []string{`<th class="align-left">l</th>`, `<th class="align-center">c</th>`, `<th class="align-right">r</th>`, `<th>n</th>`,
				`<td class="align-left">1</td>`, `<td class="align-center">2</td>`, `<td class="align-right">3</td>`, `<td>4</td>`},
		},
		{
			name: "strikethrough and autolink",
			body: "~~gone~~ see https://example.com/x\n",
			want: []string{"<del>gone</del>", `<a href="https://example.com/x">https://example.com/x</a>`},
		},
		{
			name:     "highlighted code has class names, no inline style",
			body:     "```go\nfunc main() {}\n```\n",
			want:     []string{`<pre class="chroma">`, `<span class="kd">func</span>`, `<span class="nf">main</span>`},
			dontWant: []string{"style="},
		},
		{
			name: "code in an unknown language is escaped, not highlighted",
			body: "```nosuchlang\n<b>x</b>\n```\n",
			want: []string{`<pre><code class="language-nosuchlang">&lt;b&gt;x&lt;/b&gt;`},
		},
		{
			name:     "raw HTML is left out",
			body:     "<script>alert(1)</script>\n\nText <b onclick=\"x\">bold</b>\n",
			want:     []string{"<!-- raw HTML omitted -->"},
			dontWant: []string{"<script", "onclick", "<b"},
		},
		{
			name: "root-relative links get the base path",
			body: "[m](/methodology/) [h](https://x.org/a) [p](//cdn.example/x) [r](other/) [f](#frag) ![i](/img.png) [e]()\n",
			opt:  Options{BasePath: "/repo/"},
			want: []string{`href="/repo/methodology/"`, `href="https://x.org/a"`, `href="//cdn.example/x"`, `href="other/"`, `href="#frag"`, `src="/repo/img.png"`, `<a href="">e</a>`},
		},
		{
			name: "default base path leaves links alone",
			body: "[m](/methodology/)\n",
			want: []string{`<a href="/methodology/">m</a>`},
		},
		{
			name: "footnote ids carry the slug",
			body: "Claim.[^1]\n\n[^1]: Source.\n",
			want: []string{`id="p-fnref:1"`, `href="#p-fn:1"`, `<li id="p-fn:1">`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := renderPost(t, tt.body, tt.opt)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("HTML lacks %s\n---\n%s", w, got)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(got, w) {
					t.Errorf("HTML holds %s\n---\n%s", w, got)
				}
			}
		})
	}
}

// A body rendered without a slug has goldmark's own footnote ids, with no prefix.
func TestFootnotesWithoutSlug(t *testing.T) {
	html, _ := render([]byte("Claim.[^a]\n\n[^a]: Source.\n"), renderState{base: "/", errs: &diag.List{}})
	if !strings.Contains(html, `<sup id="fnref:1"><a href="#fn:1"`) || !strings.Contains(html, `<li id="fn:1">`) {
		t.Errorf("footnotes without a slug:\n%s", html)
	}
}

func TestFootnotesOfTwoPostsDiffer(t *testing.T) {
	body := "Claim.[^a]\n\n[^a]: Source.\n"
	fsys := fstest.MapFS{
		"content/posts/one.md": file("---\ntitle: One\ndate: 2026-06-04\n---\n" + body),
		"content/posts/two.md": file("---\ntitle: Two\ndate: 2026-06-05\n---\n" + body),
	}
	posts, _, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ slug, want, other string }{
		{"two", `id="two-fn:1"`, "one-fn"},
		{"one", `id="one-fn:1"`, "two-fn"},
	}
	for i, tt := range tests {
		t.Run(tt.slug, func(t *testing.T) {
			html := posts[i].HTML
			if posts[i].Slug != tt.slug || !strings.Contains(html, tt.want) || strings.Contains(html, tt.other) ||
				strings.Contains(html, `id="fn:1"`) {
				t.Errorf("%s: footnote ids not prefixed with its own slug:\n%s", posts[i].Slug, html)
			}
		})
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	body := "# A\n\n# A\n\nText[^1]\n\n[^1]: n\n\n```league\nstandings laptop\n```\n"
	first := renderPost(t, body, Options{})
	for i := range 5 {
		t.Run("run", func(t *testing.T) {
			if got := renderPost(t, body, Options{}); got != first {
				t.Fatalf("run %d differs:\n%s\nvs\n%s", i, got, first)
			}
		})
	}
	if !strings.Contains(first, `id="a"`) || !strings.Contains(first, `id="a-1"`) {
		t.Errorf("repeated headings should get distinct ids:\n%s", first)
	}
}

// Code blocks highlighted by this package give the same HTML as
// goldmark-highlighting, with and without the build cache.
func TestHighlightMatchesExtension(t *testing.T) {
	ref := goldmark.New(goldmark.WithExtensions(highlighting.NewHighlighting(
		highlighting.WithStyle(lightStyle),
		highlighting.WithGuessLanguage(false),
		highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
	)))
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{
		"```go\npackage main\n\nfunc main() { println(\"<hi>\") }\n```\n",
		"```python\ndef f(x):\n    return x ** 2  # square\n```\n",
		"```bash\nfor f in *.md; do echo \"$f\"; done\n```\n",
		"```json\n{\"a\": [1, 2.5, null]}\n```\n",
		"```go {linenos=true}\nx := 1\n```\n",
		"```nosuchlang\n<b>x</b>\n```\n",
		"```\nplain\n```\n",
		"~~~rust\nfn main() {}\n~~~\n",
		// Languages whose chroma lexer is not a plain rule lexer (no quick lexer).
		"```{x}.go\nx := 1\n```\n",
		"```{linenos=true}\nx := 1\n```\n",
		"```http\nGET / HTTP/1.1\nHost: a.example\n```\n",
		"```markdown\n# Title\n\n*x* and `y`\n```\n",
	} {
		var want strings.Builder
		if err := ref.Convert([]byte(body), &want); err != nil {
			t.Fatal(err)
		}
		for _, run := range []string{"no cache", "cold cache", "warm cache"} {
			opt := Options{}
			if run != "no cache" {
				opt.Cache = c
			}
			if got := renderPost(t, body, opt); got != want.String() {
				t.Errorf("%s: %q:\ngot  %s\nwant %s", run, body, got, want.String())
			}
		}
	}
	if s := c.Stats(); s.Hits == 0 || s.Bad != 0 {
		t.Errorf("cache stats %+v: want hits, no bad entries", s)
	}
}

// A block this package highlights is kept in the build cache under its language
// and code, as chroma formats it; blocks left to goldmark-highlighting (with
// attributes, of an unknown language or of none) are not.
func TestHighlightedCodeCached(t *testing.T) {
	chromaHTML := func(lang, code string) string {
		it, err := chroma.Coalesce(lexers.Get(lang)).Tokenise(nil, code)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := chromahtml.New(chromahtml.WithClasses(true)).Format(&b, styles.Get(lightStyle), it); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, tc := range []struct {
		body, lang, code string
		cached           bool
	}{
		{"```go\nx := 1\n```\n", "go", "x := 1\n", true},
		{"~~~python\nprint('a')\n\nprint(2)\n~~~\n", "python", "print('a')\n\nprint(2)\n", true},
		{"```go {linenos=true}\nx := 1\n```\n", "go", "x := 1\n", false},
		{"```{x}.go\nx := 1\n```\n", "{x}.go", "x := 1\n", false}, // attributes first: chroma knows the name as a file name
		{"```nosuchlang\nx := 1\n```\n", "nosuchlang", "x := 1\n", false},
		{"```\nx := 1\n```\n", "", "x := 1\n", false},
		{"```\nplain\n```\n\n```go\nx := 1\n```\n", "go", "x := 1\n", true}, // after a block left alone
	} {
		c, err := cache.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		renderPost(t, tc.body, Options{Cache: c})
		got, ok := c.Get(cache.NewKey("code", []byte(tc.lang), []byte(tc.code)))
		switch {
		case ok != tc.cached:
			t.Errorf("%q: code in the cache: %v, want %v", tc.body, ok, tc.cached)
		case ok && string(got) != chromaHTML(tc.lang, tc.code):
			t.Errorf("%q: cached HTML\n%s\nwant chroma's\n%s", tc.body, got, chromaHTML(tc.lang, tc.code))
		}
	}
}

// A body is cached unless it embeds league data: the embed is asked again on
// every load, since the data changes without the post changing.
func TestBodyCache(t *testing.T) {
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"content/posts/plain.md":  file("---\ntitle: T\ndate: 2026-06-04\n---\nSome *text*.[^1]\n\n[^1]: A note.\n"),
		"content/posts/league.md": file("---\ntitle: T\ndate: 2026-06-04\n---\n```league\nstandings laptop\n```\n"),
	}
	var first []Post
	for run := range 3 {
		var calls []call
		posts, _, err := Load(fsys, Options{Cache: c, Embed: recorder(&calls)})
		if err != nil {
			t.Fatal(err)
		}
		if len(calls) != 1 {
			t.Errorf("run %d: %d embed calls, want 1", run, len(calls))
		}
		if run == 0 {
			first = posts
			if s := c.Stats(); s.Hits != 0 || s.Writes != 2 {
				t.Errorf("cold: %+v, want 0 hits and 2 writes (the body and the whole post without league blocks)", s)
			}
			continue
		}
		if !reflect.DeepEqual(posts, first) {
			t.Errorf("run %d: posts differ from the cold run", run)
		}
	}
	if s := c.Stats(); s.Hits != 2 {
		t.Errorf("warm runs: %d hits, want 2 (the whole post, once a run)", s.Hits)
	}
	// A different slug (footnote ids) or base path (links) is a different entry.
	fsys["content/posts/plain2.md"] = fsys["content/posts/plain.md"]
	posts, _, err := Load(fsys, Options{Cache: c, BasePath: "/repo/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range posts {
		if p.Slug == "plain2" && !strings.Contains(p.HTML, `id="plain2-fn:1"`) {
			t.Errorf("plain2 has another post's footnote ids:\n%s", p.HTML)
		}
	}
}

// A memo gives back a post whose file did not change, and reads a changed one;
// files named unchanged are not read at all.
func TestMemo(t *testing.T) {
	fsys := fstest.MapFS{"content/posts/p.md": file("---\ntitle: One\ndate: 2026-06-04\n---\nBody.\n")}
	m := NewMemo()
	load := func(opt Options) Post {
		t.Helper()
		opt.Memo = m
		posts, _, err := Load(fsys, opt)
		if err != nil {
			t.Fatal(err)
		}
		return posts[0]
	}
	if p := load(Options{}); p.Title != "One" || m.Len() != 1 {
		t.Fatalf("first load: %q, memo %d", p.Title, m.Len())
	}
	fsys["content/posts/p.md"] = file("---\ntitle: Two\ndate: 2026-06-04\n---\nBody.\n")
	if p := load(Options{Unchanged: func(string) bool { return true }}); p.Title != "One" {
		t.Errorf("a file said to be unchanged was read: %q", p.Title)
	}
	if p := load(Options{}); p.Title != "Two" {
		t.Errorf("changed file: %q, want Two", p.Title)
	}
	if p := load(Options{BasePath: "/repo/"}); p.Title != "Two" || m.Len() != 1 {
		t.Errorf("other options: %q, memo %d", p.Title, m.Len())
	}
	m.Reset()
	if m.Len() != 0 {
		t.Error("Reset kept posts")
	}
	var none *Memo
	none.Reset()
	if none.Len() != 0 {
		t.Error("nil memo holds posts")
	}
}

// A whole post is kept under its file's bytes and every option that shapes it: the
// same post loaded with other options is loaded again, an entry that does not decode
// is not trusted, and a kept post equals a loaded one.
func TestPostCache(t *testing.T) {
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"content/posts/p.md": file("---\ntitle: T\ndate: 2026-06-04\ntags: [a, b]\nmodels: [m1]\nsummary: S.\n---\nSome *text*.\n"),
	}
	load := func(opt Options) (Post, cache.Stats) {
		t.Helper()
		before := c.Stats()
		opt.Cache = c
		posts, _, err := Load(fsys, opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(posts) != 1 {
			t.Fatalf("%d posts, want 1", len(posts))
		}
		after := c.Stats()
		return posts[0], cache.Stats{Hits: after.Hits - before.Hits, Misses: after.Misses - before.Misses}
	}
	known := map[string]bool{"m1": true}
	want, _ := load(Options{KnownModels: known})
	if got, st := load(Options{KnownModels: known}); st.Hits != 1 || st.Misses != 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("warm: %+v, %+v; want one hit and the same post", st, got)
	}
	for name, opt := range map[string]Options{
		"other known models": {KnownModels: map[string]bool{"m1": true, "m2": true}},
		"drafts":             {KnownModels: known, Drafts: true},
		"until":              {KnownModels: known, Until: "2026-12-31"},
		"base path":          {KnownModels: known, BasePath: "/repo/"},
	} {
		if _, st := load(opt); st.Misses == 0 {
			t.Errorf("%s: %+v, want the post loaded again", name, st)
		}
	}
	if lp, ok := decodePost(encodePost(loadedPost{post: want, use: true, ok: true, slugLine: 3, slugCol: 7})); !ok ||
		!reflect.DeepEqual(lp.post, want) || lp.slugLine != 3 || lp.slugCol != 7 {
		t.Errorf("decodePost(encodePost) = %+v, %v", lp, ok)
	}
	draft := want
	draft.Draft = true
	if lp, ok := decodePost(encodePost(loadedPost{post: draft})); !ok || !reflect.DeepEqual(lp.post, draft) {
		t.Errorf("decodePost(encodePost(a draft)) = %+v, %v", lp, ok)
	}
	b := encodePost(loadedPost{post: want})
	for _, bad := range [][]byte{nil, append(append([]byte{}, b...), 0), append(append([]byte{}, b[:len(b)-1]...), 2)} {
		if _, ok := decodePost(bad); ok {
			t.Errorf("decodePost(%q) accepted", bad)
		}
	}
	// Cut anywhere, an entry is refused, never read past its end.
	for n := range len(b) {
		if _, ok := decodePost(b[:n]); ok {
			t.Errorf("decodePost of the first %d of %d bytes accepted", n, len(b))
		}
	}
	// A list said to hold more items than there are bytes left is refused.
	var long []byte
	for range 7 {
		long = binary.AppendUvarint(long, 1)
		long = append(long, 'x')
	}
	long = append(binary.AppendUvarint(long, 1<<20), 0, 0, 0, 0)
	if _, ok := decodePost(long); ok {
		t.Error("a list of 1<<20 items in 4 bytes accepted")
	}

	// An entry under a file's key that names another file is not trusted.
	src := []byte(fsys["content/posts/p.md"].Data)
	opt := Options{KnownModels: known}
	opt.known = knownSig(known)
	other := want
	other.File, other.Title = "content/posts/q.md", "Other"
	if err := c.Put(postKey("content/posts/p.md", src, opt, "/"), encodePost(loadedPost{post: other})); err != nil {
		t.Fatal(err)
	}
	if got, _ := load(opt); !reflect.DeepEqual(got, want) {
		t.Errorf("an entry naming another file was used: %+v", got)
	}
}

// Nothing is kept for a draft or a post after the as-of day, and a warm load
// leaves them out as the cold one did.
func TestCachedPostsLeftOut(t *testing.T) {
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"content/posts/p.md":     file(minimal),
		"content/posts/wip.md":   file("---\ntitle: WIP\ndate: 2026-06-04\ndraft: true\n---\n"),
		"content/posts/later.md": file("---\ntitle: Later\ndate: 2026-06-05\n---\n"),
	}
	for run := range 2 {
		posts, _, err := Load(fsys, Options{Cache: c, Until: "2026-06-04"})
		if err != nil {
			t.Fatal(err)
		}
		if len(posts) != 1 || posts[0].Slug != "p" {
			t.Errorf("run %d: %+v, want only p", run, posts)
		}
		if s := c.Stats(); run == 0 && s.Writes != 2 {
			t.Errorf("cold: %d writes, want 2 (p's body and p)", s.Writes)
		}
	}
	posts, _, err := Load(fsys, Options{Cache: c, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 3 {
		t.Errorf("with drafts and no as-of day: %d posts, want 3", len(posts))
	}
}

// TestRenderReusesNoBytes: the buffer one body is rendered into serves the next, and
// the next body's HTML holds nothing of the one before, longer or shorter.
func TestRenderReusesNoBytes(t *testing.T) {
	long := strings.Repeat("A long paragraph of words. ", 400)
	for i, tc := range []struct{ body, want string }{
		{long + "\n", "<p>" + strings.TrimSpace(long) + "</p>\n"},
		{"short\n", "<p>short</p>\n"},
		{"", ""},
		{"*again*\n", "<p><em>again</em></p>\n"},
	} {
		got := renderPost(t, tc.body, Options{})
		if got != tc.want {
			t.Errorf("body %d: HTML %q…, want %q…", i, got[:min(len(got), 60)], tc.want[:min(len(tc.want), 60)])
		}
	}
}
