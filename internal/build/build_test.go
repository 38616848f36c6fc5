package build

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	aileague "github.com/ai-league/ai-league"
)

// testSite copies testdata/site into a temp dir, so a test can break it.
func testSite(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dst, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	return dst
}

func options(src, out string) Options {
	return Options{Src: os.DirFS(src), SrcDir: src, Out: out, Defaults: aileague.Defaults, Offline: true}
}

func build(t *testing.T, opt Options) {
	t.Helper()
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatalf("build: %v", err)
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type row struct {
	Rank       int    `json:"rank"`
	SharedRank bool   `json:"shared_rank"`
	Model      string `json:"model"`
	Played     int    `json:"played"`
	Won        int    `json:"won"`
	Drawn      int    `json:"drawn"`
	Lost       int    `json:"lost"`
	BenchFor   int    `json:"bench_for"`
	BenchAg    int    `json:"bench_against"`
	BenchDiff  int    `json:"bench_diff"`
	Points     int    `json:"points"`
	Movement   *int   `json:"movement"`
}

type doc struct {
	AsOf   string `json:"as_of"`
	Tables []struct {
		ID   string `json:"id"`
		Rows []row  `json:"rows"`
	} `json:"tables"`
}

func standingsOf(t *testing.T, p string) doc {
	t.Helper()
	var d doc
	if err := json.Unmarshal([]byte(read(t, p)), &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestBuildSite(t *testing.T) {
	src := testSite(t)
	out := filepath.Join(t.TempDir(), "public")
	build(t, options(src, out))

	for _, f := range []string{
		"index.html", "standings/index.html", "standings/2026-01-10/index.html", "standings/2026-02-01/index.html",
		"standings.json", "standings/2026-01-10/standings.json", "standings/overall.csv", "standings/small.md",
		"models/alpha-7b/index.html", "clubs/north/index.html", "benchmarks/errors/index.html",
		"h2h/alpha-7b-vs-beta-9b/index.html", "h2h/delta-120b-vs-gamma-70b/index.html",
		"posts/index.html", "posts/derby/index.html", "tags/derby/index.html", "about/index.html",
		"methodology/index.html", "news/index.html", "news/release/index.html",
		"feed.xml", "rss.xml", "feed.json", "posts/feed.xml", "news/feed.xml", "standings/feed.xml",
		"sitemap.xml", "robots.txt", "404.html", ".nojekyll", "CNAME", "css/site.css", "js/echarts.common.min.js",
	} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	if got := read(t, filepath.Join(out, "CNAME")); got != "league.example.org\n" {
		t.Errorf("CNAME = %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "posts/draft/index.html")); err == nil {
		t.Error("draft post published without -drafts")
	}

	// The league, computed by hand in testdata/site/README.md.
	d := standingsOf(t, filepath.Join(out, "standings.json"))
	if d.AsOf != "2026-02-01" || len(d.Tables) != 3 || d.Tables[0].ID != "overall" {
		t.Fatalf("standings.json: as_of %s, %d tables", d.AsOf, len(d.Tables))
	}
	want := []row{
		{Rank: 1, SharedRank: true, Model: "delta-120b", Played: 3, Won: 2, Drawn: 1, BenchFor: 5, BenchAg: 1, BenchDiff: 4, Points: 7},
		{Rank: 1, SharedRank: true, Model: "gamma-70b", Played: 3, Won: 2, Drawn: 1, BenchFor: 5, BenchAg: 1, BenchDiff: 4, Points: 7},
		{Rank: 3, SharedRank: true, Model: "alpha-7b", Played: 3, Drawn: 1, Lost: 2, BenchFor: 1, BenchAg: 5, BenchDiff: -4, Points: 1},
		{Rank: 3, SharedRank: true, Model: "beta-9b", Played: 3, Drawn: 1, Lost: 2, BenchFor: 1, BenchAg: 5, BenchDiff: -4, Points: 1},
	}
	got := d.Tables[0].Rows
	if len(got) != len(want) {
		t.Fatalf("overall has %d rows, want %d", len(got), len(want))
	}
	for i := range want {
		g := got[i]
		g.Movement = nil
		if g != want[i] {
			t.Errorf("overall row %d = %+v, want %+v", i, g, want[i])
		}
	}
	if m := got[2].Movement; m == nil || *m != -2 {
		t.Errorf("alpha-7b movement = %v, want -2 (from =1 to =3)", m)
	}
	if m := got[0].Movement; m != nil {
		t.Errorf("delta-120b movement = %d, want null (new)", *m)
	}

	// Pages link to each other under the base path, and every such link resolves.
	checkLinks(t, out, "/league/")

	// The post embeds the head-to-head frozen at its date (before maths was played).
	post := read(t, filepath.Join(out, "posts/derby/index.html"))
	for _, s := range []string{`href="/league/methodology/"`, `1 – 1`, `as of 10 January 2026`, `id="small--alpha-7b"`, `derby-fn`} {
		if !strings.Contains(post, s) {
			t.Errorf("post lacks %q", s)
		}
	}
	// Canonical and social tags on every page.
	for _, p := range []string{"index.html", "models/alpha-7b/index.html", "posts/derby/index.html"} {
		page := read(t, filepath.Join(out, p))
		for _, s := range []string{`<link rel="canonical" href="https://example.github.io/league/`, `property="og:title"`, `name="twitter:card"`, `name="description"`} {
			if !strings.Contains(page, s) {
				t.Errorf("%s lacks %s", p, s)
			}
		}
	}
	// Standings changes reach the feeds with stable ids.
	changes := read(t, filepath.Join(out, "standings/feed.xml"))
	for _, s := range []string{"Delta 120B takes the lead of the Overall table", "tag:example.github.io,2026-02-01:standings/2026-02-01/overall/entered/gamma-70b"} {
		if !strings.Contains(changes, s) {
			t.Errorf("standings feed lacks %q", s)
		}
	}
}

var linkRE = regexp.MustCompile(`(?:href|src)="(/[^"#?]*)`)

// checkLinks asserts that every root-relative link of every page maps to a file.
func checkLinks(t *testing.T, out, base string) {
	t.Helper()
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		for _, m := range linkRE.FindAllStringSubmatch(read(t, p), -1) {
			link := m[1]
			if !strings.HasPrefix(link, base) {
				t.Errorf("%s: link %s is outside the base path %s", p, link, base)
				continue
			}
			f := filepath.Join(out, strings.TrimPrefix(link, base))
			if strings.HasSuffix(link, "/") {
				f = filepath.Join(f, "index.html")
			}
			if _, err := os.Stat(f); err != nil {
				t.Errorf("%s: broken link %s", p, link)
			}
		}
		return nil
	})
}

func TestBuildDeterministic(t *testing.T) {
	src := testSite(t)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	build(t, options(src, a))
	build(t, options(src, b))
	n := 0
	filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		other, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(other, []byte(read(t, p))) {
			t.Errorf("%s differs between two builds", rel)
		}
		n++
		return nil
	})
	if n < 50 {
		t.Errorf("only %d files compared", n)
	}
}

func TestBuildAsOfAndDrafts(t *testing.T) {
	src := testSite(t)
	out := filepath.Join(t.TempDir(), "public")
	opt := options(src, out)
	opt.AsOf, opt.Drafts = "2026-01-10", true
	build(t, opt)
	d := standingsOf(t, filepath.Join(out, "standings.json"))
	if d.AsOf != "2026-01-10" || len(d.Tables[0].Rows) != 2 {
		t.Errorf("as of 2026-01-10: as_of %s with %d overall rows, want 2", d.AsOf, len(d.Tables[0].Rows))
	}
	if _, err := os.Stat(filepath.Join(out, "standings/2026-02-01")); err == nil {
		t.Error("a snapshot after -as-of was built")
	}
	for _, post := range []string{"derby", "draft"} { // dated 2026-01-20 and 2026-02-02
		if _, err := os.Stat(filepath.Join(out, "posts", post, "index.html")); err == nil {
			t.Errorf("post %s, dated after -as-of, was published", post)
		}
	}
	opt.AsOf = ""
	build(t, opt)
	if _, err := os.Stat(filepath.Join(out, "posts/draft/index.html")); err != nil {
		t.Error("-drafts did not publish the draft")
	}
}

func TestBuildProjectBaseURL(t *testing.T) {
	src := testSite(t)
	out := filepath.Join(t.TempDir(), "public")
	opt := options(src, out)
	opt.BaseURL = "https://user.github.io/other"
	build(t, opt)
	checkLinks(t, out, "/other/")
	if s := read(t, filepath.Join(out, "sitemap.xml")); !strings.Contains(s, "<loc>https://user.github.io/other/standings/</loc>") {
		t.Error("sitemap does not use the -base-url")
	}
}

func TestBuildErrorsKeepPreviousOutput(t *testing.T) {
	src := testSite(t)
	out := filepath.Join(t.TempDir(), "public")
	build(t, options(src, out))
	before := read(t, filepath.Join(out, "index.html"))

	os.WriteFile(filepath.Join(src, "data/results/broken.json"), []byte(`[
 {"model": "alpha-7b", "benchmark": "quizz", "score": 50, "date": "2026-03-01"},
 {"model": "alpha-7b", "benchmark": "code", "score": "high", "date": "2026-03-01"}
]`), 0o644)
	os.WriteFile(filepath.Join(src, "content/posts/broken.md"), []byte("---\ntitle: Broken\ndate: 2026-03-02\n---\n\n```league\nstandings smal\n```\n"), 0o644)

	_, err := Build(context.Background(), options(src, out))
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want an InputError", err)
	}
	msg := err.Error()
	for _, want := range []string{
		`data/results/broken.json:2:37: result 1: unknown benchmark "quizz" (did you mean "quiz"?)`,
		`data/results/broken.json:3:54: result 2: score must be a number, got "high"`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	// The post's error comes in the same run, with its file and line.
	if want := `content/posts/broken.md:7:1: league block: unknown table "smal" (did you mean "small"?)`; !strings.Contains(msg, want) {
		t.Errorf("error lacks %q:\n%s", want, msg)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != before {
		t.Error("a failed build changed the previous output")
	}

	// With the results fixed, the post's error alone fails the build.
	os.Remove(filepath.Join(src, "data/results/broken.json"))
	_, err = Build(context.Background(), options(src, out))
	if err == nil || !strings.Contains(err.Error(), `content/posts/broken.md:7:1: league block: unknown table "smal" (did you mean "small"?)`) {
		t.Errorf("err = %v, want the post's league block error", err)
	}
}

// TestBuildEmptyLeague builds a site root with no results, no posts and no templates.
func TestBuildEmptyLeague(t *testing.T) {
	src := t.TempDir()
	os.MkdirAll(filepath.Join(src, "data"), 0o755)
	os.WriteFile(filepath.Join(src, "site.yaml"), []byte("title: Empty\nbase_url: https://e.example/x/\n"), 0o644)
	for _, f := range []string{"clubs.yaml", "models.yaml", "benchmarks.yaml"} {
		os.WriteFile(filepath.Join(src, "data", f), nil, 0o644)
	}
	out := filepath.Join(t.TempDir(), "public")
	build(t, options(src, out))
	checkLinks(t, out, "/x/")
	if !strings.Contains(read(t, filepath.Join(out, "standings/index.html")), "No results yet.") {
		t.Error("the empty standings do not say there are no results")
	}
}

func TestBuildErrorMessages(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(src string)
		want   string
	}{
		{"no base url", func(src string) {
			cfg := read(t, filepath.Join(src, "site.yaml"))
			os.WriteFile(filepath.Join(src, "site.yaml"), []byte(strings.Replace(cfg, "base_url: https://example.github.io/league/\n", "", 1)), 0o644)
		}, "load: site.yaml has no base_url and no -base-url was given"},
		{"static file over a generated one", func(src string) {
			os.MkdirAll(filepath.Join(src, "static"), 0o755)
			os.WriteFile(filepath.Join(src, "static/standings.json"), []byte("{}"), 0o644)
		}, "render: two outputs for standings.json: a file in static/ takes the path of a generated one"},
		{"static file over a generated page", func(src string) {
			os.MkdirAll(filepath.Join(src, "static/standings"), 0o755)
			os.WriteFile(filepath.Join(src, "static/standings/index.html"), []byte("<p>mine</p>"), 0o644)
		}, "render: two outputs for standings/index.html: a file in static/ takes the path of a generated one"},
		{"broken template", func(src string) {
			os.MkdirAll(filepath.Join(src, "templates"), 0o755)
			os.WriteFile(filepath.Join(src, "templates/post.html"), []byte("{{define \"main\"}}{{.Title}"), 0o644)
		}, "templates/post.html: template: post.html:1: bad character U+007D '}'"},
		{"broken template and a broken post", func(src string) {
			os.MkdirAll(filepath.Join(src, "templates"), 0o755)
			os.WriteFile(filepath.Join(src, "templates/post.html"), []byte("{{define \"main\"}}{{.Title}"), 0o644)
			os.WriteFile(filepath.Join(src, "content/posts/broken.md"), []byte("---\ntitle: [\n---\nx\n"), 0o644)
		}, `content/posts/broken.md:2:8: front matter: close the list with "]", or quote the value`},
		{"unknown key in site.yaml", func(src string) {
			cfg := read(t, filepath.Join(src, "site.yaml"))
			os.WriteFile(filepath.Join(src, "site.yaml"), []byte(cfg+"titel: x\n"), 0o644)
		}, `site.yaml:15:1: unknown key "titel" (did you mean "title"?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := testSite(t)
			tt.break_(src)
			_, err := Build(context.Background(), options(src, filepath.Join(t.TempDir(), "out")))
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
