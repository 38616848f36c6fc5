package content

import (
	"strings"
	"testing"
	"testing/fstest"
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
			want: []string{"<table>", `<th>model</th>`, `<th style="text-align:right">score</th>`, `<td style="text-align:right">1</td>`},
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
			body: "[m](/methodology/) [h](https://x.org/a) [p](//cdn.example/x) [r](other/) [f](#frag) ![i](/img.png)\n",
			opt:  Options{BasePath: "/repo/"},
			want: []string{`href="/repo/methodology/"`, `href="https://x.org/a"`, `href="//cdn.example/x"`, `href="other/"`, `href="#frag"`, `src="/repo/img.png"`},
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
