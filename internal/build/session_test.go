package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"text/template/parse"

	aileague "github.com/ai-league/ai-league"
	"github.com/ai-league/ai-league/internal/publish"
	"github.com/ai-league/ai-league/internal/site"
)

// A session's rebuilds give the same output as a fresh build of the edited site,
// taking the short way (content only) when an edit of posts keeps the site's shape.
func TestSessionRebuilds(t *testing.T) {
	src := testSite(t)
	tmp := t.TempDir()
	out := filepath.Join(tmp, "public")
	s := NewSession(options(src, out))
	ctx := context.Background()
	if _, how, err := s.Rebuild(ctx, nil); err != nil || how != "full" {
		t.Fatalf("first build: %q, %v", how, err)
	}
	post := filepath.Join(src, "content/posts/derby.md")
	edit := func(file, old, new string) {
		t.Helper()
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s lacks %q", file, old)
		}
		if err := os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	later := filepath.Join(src, "data/results/later.json")
	march := filepath.Join(src, "data/results/march.json")
	marchResults := `{"source": {"name": "March card", "url": "https://north.example/march", "kind": "self-reported"},
 "date": "2026-03-01",
 "results": [
  {"model": "alpha-7b", "benchmark": "quiz", "score": 66},
  {"model": "alpha-7b", "benchmark": "errors", "score": 4},
  {"model": "gamma-70b", "benchmark": "maths", "score": 72}
 ]}`
	plain := "---\ntitle: Plain\ndate: 2026-01-22\nsummary: No league here.\ntags: [small]\n---\nJust *text*.\n"
	steps := []struct {
		name    string
		do      func()
		changed []string
		how     string
		want    string // in the post's or the home page
		kept    int    // snapshots the standings memo kept; -1: not checked
	}{
		{"post body", func() { edit(post, "Alpha and Beta met", "Alpha and Beta clashed") },
			[]string{"content/posts/derby.md"}, "content", "clashed", -1},
		{"post title", func() { edit(post, "title: The small derby", "title: The little derby") },
			[]string{"content/posts/derby.md"}, "content", "The little derby", -1},
		{"new post", func() { os.WriteFile(filepath.Join(src, "content/posts/plain.md"), []byte(plain), 0o644) },
			[]string{"content/posts/plain.md"}, "full", "Plain", -1},
		{"plain post edit", func() { edit(filepath.Join(src, "content/posts/plain.md"), "Just *text*", "Only *words*") },
			[]string{"content/posts/plain.md"}, "content", "<em>words</em>", -1},
		{"tags among the existing ones", func() { edit(filepath.Join(src, "content/posts/plain.md"), "tags: [small]", "tags: [derby]") },
			[]string{"content/posts/plain.md"}, "content", "<em>words</em>", -1},
		{"date that reorders the posts", func() { edit(filepath.Join(src, "content/posts/plain.md"), "date: 2026-01-22", "date: 2026-01-02") },
			[]string{"content/posts/plain.md"}, "full", "<em>words</em>", -1},
		{"page", func() { edit(filepath.Join(src, "content/about.md"), "A test league.", "A test league. Edited about.") },
			[]string{"content/about.md"}, "content", "Edited about.", -1},
		{"new tag", func() { edit(post, "tags: [derby, small]", "tags: [derby, small, rivals]") },
			[]string{"content/posts/derby.md"}, "full", "rivals", -1},
		{"results", func() { edit(filepath.Join(src, "content/posts/plain.md"), "Only", "Merely") },
			[]string{"content/posts/plain.md", "data/results/later.json"}, "full", "Merely", -1},
		{"removed post", func() { os.Remove(filepath.Join(src, "content/posts/plain.md")) },
			[]string{"content/posts/plain.md"}, "full", "little derby", -1},
		{"score", func() { edit(later, `"score": 70.5`, `"score": 71.5`) },
			[]string{"data/results/later.json"}, "full", "71.5", 1},
		{"score that turns a leg", func() { edit(later, `"score": 70,`, `"score": 75,`) },
			[]string{"data/results/later.json"}, "full", "75", 1},
		{"result moved later", func() { edit(later, `"score": 75, "date": "2026-02-01"`, `"score": 75, "date": "2026-02-15"`) },
			[]string{"data/results/later.json"}, "full", "standings/2026-02-15/", 1},
		{"new results file", func() { os.WriteFile(march, []byte(marchResults), 0o644) },
			[]string{"data/results/march.json"}, "full", "standings/2026-03-01/", 3},
		{"results file moved earlier", func() { edit(march, `"date": "2026-03-01"`, `"date": "2026-01-20"`) },
			[]string{"data/results/march.json"}, "full", "standings/2026-01-20/", 1},
		{"results and a post", func() {
			edit(march, `"score": 66`, `"score": 64`)
			edit(post, "Alpha and Beta clashed", "Alpha and Beta fought")
		}, []string{"data/results/march.json", "content/posts/derby.md"}, "full", "fought", 1},
		{"removed results file", func() { os.Remove(march) },
			[]string{"data/results/march.json"}, "full", "little derby", 1},
		{"unchanged results file", func() { os.WriteFile(later, []byte(read(t, later)), 0o644) },
			[]string{"data/results/later.json"}, "full", "little derby", 3},
		{"more changed than rewrite holds", func() {
			rewriteMax = 100
			edit(later, `"score": 71.5`, `"score": 72.5`)
		}, []string{"data/results/later.json"}, "full", "72.5", 1},
		{"in place again", func() {
			rewriteMax = 64 << 20
			edit(later, `"score": 72.5`, `"score": 73.5`)
		}, []string{"data/results/later.json"}, "full", "73.5", 1},
	}
	for i, st := range steps {
		st.do()
		_, how, err := s.Rebuild(ctx, st.changed)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if how != st.how {
			t.Errorf("%s: rebuilt the %s way, want %s", st.name, how, st.how)
		}
		if st.kept >= 0 && s.season.Kept() != st.kept {
			t.Errorf("%s: the standings kept %d snapshots, want %d", st.name, s.season.Kept(), st.kept)
		}
		// An edit that changes nothing leaves every page as it was, unrendered, but
		// those that show every snapshot or the whole site.
		if st.name == "unchanged results file" {
			for _, p := range s.last.site.HTMLPages() {
				want := p.Kind != "methodology" && p.Out != "standings/index.html"
				if _, ok := s.last.same[p.Out]; ok != want {
					t.Errorf("%s: %s left as it was: %v, want %v", st.name, p.Out, ok, want)
				}
			}
		}
		fresh := filepath.Join(tmp, "fresh", st.name)
		build(t, options(src, fresh))
		want := files(t, fresh)
		got := files(t, out)
		sameFiles(t, st.name, want, got)
		if dirs := emptyDirs(t, out); len(dirs) > 0 {
			t.Errorf("%s: empty folders left in the output: %v", st.name, dirs)
		}
		all := ""
		for p, b := range got {
			if strings.HasSuffix(p, ".html") {
				all += string(b)
			}
		}
		if !strings.Contains(all, st.want) {
			t.Errorf("step %d, %s: no page shows %q", i, st.name, st.want)
		}
	}
}

// emptyDirs lists the folders under dir that hold nothing, which no build makes.
func emptyDirs(t *testing.T, dir string) []string {
	t.Helper()
	var empty []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if entries, err := os.ReadDir(p); err == nil && len(entries) == 0 {
			empty = append(empty, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return empty
}

// A failed rebuild leaves the output as it was, and the next good one recovers.
func TestSessionRecovers(t *testing.T) {
	src := testSite(t)
	out := filepath.Join(t.TempDir(), "public")
	s := NewSession(options(src, out))
	ctx := context.Background()
	if _, _, err := s.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	before := files(t, out)
	post := filepath.Join(src, "content/posts/derby.md")
	good, _ := os.ReadFile(post)
	os.WriteFile(post, []byte(strings.Replace(string(good), "h2h alpha-7b beta-9b", "h2h alpha-7b nobody", 1)), 0o644)
	_, _, err := s.Rebuild(ctx, []string{"content/posts/derby.md"})
	if err == nil || !strings.Contains(err.Error(), "content/posts/derby.md:") || !strings.Contains(err.Error(), "nobody") {
		t.Fatalf("broken post: err = %v", err)
	}
	sameFiles(t, "after the failure", before, files(t, out))
	os.WriteFile(post, []byte(strings.Replace(string(good), "Alpha and Beta met", "Alpha and Beta met again", 1)), 0o644)
	if _, _, err := s.Rebuild(ctx, []string{"content/posts/derby.md"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(files(t, out)[filepath.Join("posts", "derby", "index.html")]), "met again") {
		t.Error("the fixed post is not on its page")
	}
}

// Pages are left unrendered only under the built-in templates: a site whose
// templates/ holds one file of its own renders every page.
func TestBuiltinTemplates(t *testing.T) {
	base := fstest.MapFS{"templates/h2h.html": {Data: []byte("built in")}, "templates/base.html": {Data: []byte("layout")}}
	for _, c := range []struct {
		name string
		src  fstest.MapFS
		want bool
	}{
		{"no templates", fstest.MapFS{"site.yaml": {}}, true},
		{"the same templates", fstest.MapFS{"templates/h2h.html": {Data: []byte("built in")}}, true},
		{"a changed template", fstest.MapFS{"templates/h2h.html": {Data: []byte("mine")}}, false},
		{"a template of its own", fstest.MapFS{"templates/h2h.html": {Data: []byte("built in")}, "templates/extra.html": {Data: []byte("x")}}, false},
	} {
		if got := builtinTemplates(Options{Src: c.src, Defaults: base}); got != c.want {
			t.Errorf("%s: builtinTemplates = %v, want %v", c.name, got, c.want)
		}
	}
}

// samePages knows what the built-in templates read besides a page's own data: the
// functions below (see samePages for what each reads). A template that calls another
// function may read something samePages does not compare: review samePages, then
// add the function here.
func TestTemplatesCallKnownFunctions(t *testing.T) {
	known := map[string]bool{}
	for _, f := range strings.Fields(`and or not len index slice eq ne lt le gt ge print printf println html js urlquery call
		url modelName clubName h2h compare changeTitle trusted dict rowurl postcard legrows resultrows matchrows standingrows newsrows
		legshtml standinghtml matcheshtml newsitems resultshtml leaderboardhtml sitewide
		rank ordinal movement num signed rating longdate join base add pct csp`) {
		known[f] = true
	}
	files, err := fs.Glob(aileague.Defaults, "templates/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no built-in templates: %v", err)
	}
	var walk func(n parse.Node, file string)
	walk = func(n parse.Node, file string) {
		if n == nil || reflect.ValueOf(n).IsNil() {
			return
		}
		switch n := n.(type) {
		case *parse.IdentifierNode:
			if !known[n.Ident] {
				t.Errorf("%s calls %s: review samePages (internal/build/session.go), then add it here", file, n.Ident)
			}
		case *parse.ListNode:
			for _, c := range n.Nodes {
				walk(c, file)
			}
		case *parse.ActionNode:
			walk(n.Pipe, file)
		case *parse.PipeNode:
			for _, c := range n.Cmds {
				walk(c, file)
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a, file)
			}
		case *parse.IfNode:
			walk(&n.BranchNode, file)
		case *parse.RangeNode:
			walk(&n.BranchNode, file)
		case *parse.WithNode:
			walk(&n.BranchNode, file)
		case *parse.BranchNode:
			walk(n.Pipe, file)
			walk(n.List, file)
			walk(n.ElseList, file)
		case *parse.TemplateNode:
			walk(n.Pipe, file)
		case *parse.ChainNode:
			walk(n.Node, file)
		}
	}
	for _, f := range files {
		b, err := fs.ReadFile(aileague.Defaults, f)
		if err != nil {
			t.Fatal(err)
		}
		tr := parse.New(f)
		tr.Mode = parse.SkipFuncCheck
		trees := map[string]*parse.Tree{}
		if _, err := tr.Parse(string(b), "", "", trees); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, tree := range trees {
			walk(tree.Root, f)
		}
	}
}

// A rebuild with nil changed ("anything may have changed") after the caller moved
// -as-of reads every post again: a post left out as dated after the old as-of day
// (the post memo matches a file's bytes, not the as-of day) is published by the
// next rebuild, as by a fresh build.
func TestSessionAsOfMoved(t *testing.T) {
	src := testSite(t)
	plain := "---\ntitle: Plain\ndate: 2026-01-25\nsummary: No league here.\n---\nJust text.\n"
	if err := os.WriteFile(filepath.Join(src, "content/posts/plain.md"), []byte(plain), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	opt := options(src, out)
	opt.AsOf = "2026-01-10"
	s := NewSession(opt)
	ctx := context.Background()
	page := filepath.Join("posts", "plain", "index.html")
	if _, _, err := s.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, ok := files(t, out)[page]; ok {
		t.Fatalf("as of 2026-01-10: %s published, want it left out", page)
	}
	s.Options.AsOf = ""
	if _, how, err := s.Rebuild(ctx, nil); err != nil || how != "full" {
		t.Fatalf("without -as-of: %q, %v", how, err)
	}
	got := files(t, out)
	if !strings.Contains(string(got[page]), "Just text.") {
		t.Fatalf("without -as-of: %s not published", page)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	build(t, options(src, fresh))
	sameFiles(t, "without -as-of", files(t, fresh), got)
}

// A session's first build over an output a build left (a preview started again)
// renders every file once and writes a new output: one render line, no write in
// place.
func TestSessionFirstBuildOverAnOutput(t *testing.T) {
	src := testSite(t)
	out := filepath.Join(t.TempDir(), "public")
	build(t, options(src, out))
	opt := options(src, out)
	var log bytes.Buffer
	opt.Log = &log
	if _, how, err := NewSession(opt).Rebuild(context.Background(), nil); err != nil || how != "full" {
		t.Fatalf("first build: %q, %v", how, err)
	}
	if n := strings.Count(log.String(), "\nrender "); n != 1 || !strings.Contains(log.String(), "\nrender   ") {
		t.Errorf("%d render lines, want 1:\n%s", n, log.String())
	}
	if strings.Contains(log.String(), "in place") || !strings.Contains(log.String(), "\nwrite    ") {
		t.Errorf("want a new output written, not one in place:\n%s", log.String())
	}
}

// A full rebuild that fails (results naming an unknown model) leaves the output as
// it was; the next, after the fix, brings it up to date as a fresh build would.
func TestSessionRecoversFromAFailedFullBuild(t *testing.T) {
	src := testSite(t)
	out := filepath.Join(t.TempDir(), "public")
	s := NewSession(options(src, out))
	ctx := context.Background()
	if _, _, err := s.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	before := files(t, out)
	later := filepath.Join(src, "data/results/later.json")
	good := read(t, later)
	const first = `{"model": "beta-9b", "benchmark": "maths", "score": 70,`
	if !strings.Contains(good, first) {
		t.Fatalf("later.json lacks %q", first)
	}
	changed := []string{"data/results/later.json"}
	os.WriteFile(later, []byte(strings.Replace(good, first, `{"model": "nobody", "benchmark": "maths", "score": 70,`, 1)), 0o644)
	_, how, err := s.Rebuild(ctx, changed)
	if err == nil || how != "full" || !strings.Contains(err.Error(), "data/results/later.json") || !strings.Contains(err.Error(), `"nobody"`) {
		t.Fatalf("unknown model: %q, err = %v", how, err)
	}
	sameFiles(t, "after the failure", before, files(t, out))
	os.WriteFile(later, []byte(strings.Replace(good, first, `{"model": "beta-9b", "benchmark": "maths", "score": 71,`, 1)), 0o644)
	if _, how, err := s.Rebuild(ctx, changed); err != nil || how != "full" {
		t.Fatalf("fixed: %q, %v", how, err)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	build(t, options(src, fresh))
	sameFiles(t, "fixed", files(t, fresh), files(t, out))
}

// A full rebuild writes in place only the files whose bytes changed, holding up to
// rewriteMax bytes of them (exactly that many still go in place, one more byte
// gives up for a new output), and its Stats count the output's files, bytes and
// the files left unchanged, as found on disk.
func TestSessionRewriteInPlace(t *testing.T) {
	defer func(max int) { rewriteMax = max }(rewriteMax)
	s, src, out, log := builtSession(t)
	ctx := context.Background()
	output := func() map[string][]byte {
		m := files(t, out)
		delete(m, publish.Marker)
		return m
	}
	// changed is the bytes of the files of b that a does not hold as they are.
	changed := func(a, b map[string][]byte) (n int) {
		for p, data := range b {
			if old, ok := a[p]; !ok || !bytes.Equal(old, data) {
				n += len(data)
			}
		}
		return n
	}
	later := filepath.Join(src, "data/results/later.json")
	good := read(t, later)
	edited := strings.Replace(good, `"score": 70.5`, `"score": 71.5`, 1)
	rebuild := func(name, text string, max int, inPlace bool) map[string][]byte {
		t.Helper()
		rewriteMax = max
		if err := os.WriteFile(later, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		before := output()
		log.Reset()
		st, how, err := s.Rebuild(ctx, []string{"data/results/later.json"})
		if err != nil || how != "full" {
			t.Fatalf("%s: %q, %v", name, how, err)
		}
		after := output()
		if got := strings.Contains(log.String(), " files in place in "); got != inPlace {
			t.Errorf("%s: written in place %v, want %v:\n%s", name, got, inPlace, log.String())
		}
		n, size := outputSize(t, out)
		unchanged := 0
		for p, b := range after {
			if old, ok := before[p]; ok && bytes.Equal(old, b) {
				unchanged++
			}
		}
		if inPlace && (st.Files != n || st.Bytes != size || st.Unchanged != unchanged || unchanged == 0 || unchanged == n) {
			t.Errorf("%s: stats %+v; the output holds %d files, %d bytes, %d of them unchanged", name, st, n, size, unchanged)
		}
		return after
	}
	first := output()
	after := rebuild("edit", edited, 64<<20, true)
	back := changed(after, first) // the bytes the edit undone writes again
	if back == 0 {
		t.Fatal("the edit changed no file")
	}
	sameFiles(t, "edit undone", first, rebuild("edit undone", good, back, true))
	sameFiles(t, "edit again", after, rebuild("edit again", edited, changed(first, after)-1, false))
}

// samePages keeps the pages whose data and charts read the same in both sites, when
// everything else the templates read is the same; expectations by the rule, page by
// page (a page of the whole site or with a history chart is never kept).
func TestSamePages(t *testing.T) {
	src := testSite(t)
	siteOf := func() *site.Site { return preparedSite(t, src) }
	files := func(s *site.Site) map[string]int64 {
		m := map[string]int64{}
		for i, p := range s.HTMLPages() {
			m[p.Out] = int64(100 + i)
		}
		return m
	}
	// want lists the pages the rule keeps, but those that show any of skip.
	want := func(s *site.Site, fs map[string]int64, skip func(*site.Page) bool) map[string]int64 {
		m := map[string]int64{}
		for _, p := range s.HTMLPages() {
			if _, whole := p.Data.(*site.Site); whole || skip(p) {
				continue
			}
			history := false
			for _, c := range p.Charts {
				history = history || c.Kind == site.ChartHistory
			}
			if size, ok := fs[p.Out]; ok && !history {
				m[p.Out] = size
			}
		}
		return m
	}
	none := func(*site.Page) bool { return false }
	check := func(name string, got, want map[string]int64) {
		t.Helper()
		if (got == nil) != (want == nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: kept %d pages %v,\nwant %d %v", name, len(got), got, len(want), want)
		}
	}

	a, b := siteOf(), siteOf()
	fs := files(b)
	all := want(b, fs, none)
	if len(all) < 10 {
		t.Fatalf("only %d pages to keep: %v", len(all), all)
	}
	check("the same site", samePages(a, b, fs), all)

	// A page the output does not hold is not kept; nor one whose data changed.
	var edited *site.Page
	for _, p := range b.HTMLPages() {
		if _, ok := all[p.Out]; ok && p.Kind == "page" {
			edited = p
		}
	}
	if edited == nil {
		t.Fatal("no standalone page")
	}
	held := files(b)
	delete(held, "index.html")
	check("the home page not in the output", samePages(a, b, held), want(b, held, none))
	edited.Title += " (edited)"
	check("a page's title", samePages(a, b, fs), want(b, fs, func(p *site.Page) bool { return p == edited }))
	edited.Title = strings.TrimSuffix(edited.Title, " (edited)")

	// A result of the latest snapshot: the model and benchmark pages whose charts
	// read it (its model's categories, its benchmark's scores) are made again, the
	// others kept. (Other pages show the snapshot itself.)
	res := &b.Season.Latest().Results[0]
	res.Score++
	charts := func(m map[string]int64) map[string]int64 {
		out := map[string]int64{}
		for p, size := range m {
			if strings.HasPrefix(p, "models/") || strings.HasPrefix(p, "benchmarks/") {
				out[p] = size
			}
		}
		return out
	}
	rest := charts(want(b, fs, func(p *site.Page) bool {
		for _, c := range p.Charts {
			if c.Kind == site.ChartCategories && c.Model == res.Model || c.Kind == site.ChartBenchmark && c.Bench.ID == res.Benchmark {
				return true
			}
		}
		return false
	}))
	if len(rest) < 4 || len(rest) > len(charts(all))-2 {
		t.Fatalf("a result read by %d of %d model and benchmark pages", len(charts(all))-len(rest), len(charts(all)))
	}
	check("a result", charts(samePages(a, b, fs)), rest)
	res.Score--

	// Anything else the templates read: no page is kept.
	b.Config.Title += " (edited)"
	check("the site's title", samePages(a, b, fs), nil)
	b.Config.Title = a.Config.Title

	// Tables of up to site.TableTop rows link rows to their table's only page.
	for _, s := range []*site.Site{a, b} {
		tb := s.Season.Latest().Tables[0]
		for len(tb.Rows) < site.TableTop {
			tb.Rows = append(tb.Rows, tb.Rows[0])
		}
	}
	check("tables of site.TableTop rows", samePages(a, b, fs), all)
	tb := b.Season.Latest().Tables[0]
	tb.Rows = append(tb.Rows, tb.Rows[0])
	check("a table of site.TableTop+1 rows", samePages(a, b, fs), nil)
}

// contentOnly: every changed path a markdown file under content/.
func TestContentOnly(t *testing.T) {
	for _, c := range []struct {
		changed []string
		want    bool
	}{
		{nil, false},
		{[]string{}, false},
		{[]string{"content/posts/a.md"}, true},
		{[]string{"content/about.md", "content/posts/a.md"}, true},
		{[]string{"content/posts/a.md", "site.yaml"}, false},
		{[]string{"content/posts/a.txt"}, false},
		{[]string{"data/notes.md"}, false},
		{[]string{"data/results/a.json"}, false},
	} {
		if got := contentOnly(c.changed); got != c.want {
			t.Errorf("contentOnly(%q) = %v, want %v", c.changed, got, c.want)
		}
	}
}

// touched picks the pages an edit of content can change, by the rule: the edited
// posts' and pages' own pages; when a post's card (title, date, summary, tags,
// models) changed, also the home page, /posts/, /tags/ and the pages of the tags
// and models it names before or after the edit.
func TestTouched(t *testing.T) {
	src := testSite(t)
	// A newer post, listed before the edited one.
	plain := "---\ntitle: Plain\ndate: 2026-01-25\nsummary: No league here.\ntags: [fresh, small]\nmodels: [delta-120b]\n---\nJust text.\n"
	if err := os.WriteFile(filepath.Join(src, "content/posts/plain.md"), []byte(plain), 0o644); err != nil {
		t.Fatal(err)
	}
	siteOf := func() *site.Site { return preparedSite(t, src) }
	post := filepath.Join(src, "content/posts/derby.md")
	good := read(t, post)
	a := siteOf()
	if len(a.Posts) != 2 || a.Posts[1].File != "content/posts/derby.md" {
		t.Fatalf("posts %v: want plain.md, then derby.md", a.Posts)
	}
	changed := []string{"content/posts/derby.md"}
	lists := []string{"index.html", "posts/index.html", "tags/index.html"}
	for _, c := range []struct {
		name, old, new string
		changed        []string
		want           []string // besides the post's page
	}{
		{"body", "Alpha and Beta met", "Alpha and Beta clashed", changed, nil},
		{"title", "title: The small derby", "title: The little derby", changed,
			append(lists, "tags/derby/index.html", "tags/small/index.html", "models/alpha-7b/index.html", "models/beta-9b/index.html")},
		{"tags and models", "tags: [derby, small]\nmodels: [alpha-7b, beta-9b]", "tags: [derby, fresh]\nmodels: [alpha-7b, gamma-70b]", changed,
			append(lists, "tags/derby/index.html", "tags/small/index.html", "tags/fresh/index.html",
				"models/alpha-7b/index.html", "models/beta-9b/index.html", "models/gamma-70b/index.html")},
		{"page", "", "", []string{"content/about.md"}, []string{"about/index.html"}},
		{"a draft", "", "", []string{"content/posts/draft.md"}, nil},
	} {
		text := strings.Replace(good, c.old, c.new, 1)
		if c.old != "" && text == good {
			t.Fatalf("%s: derby.md lacks %q", c.name, c.old)
		}
		if err := os.WriteFile(post, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		want := append([]string(nil), c.want...)
		if c.changed[0] == "content/posts/derby.md" {
			want = append(want, "posts/derby/index.html")
		}
		var got []string
		for _, p := range touched(a, siteOf(), c.changed) {
			got = append(got, p.Out)
		}
		sort.Strings(got)
		sort.Strings(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: touched %q,\nwant %q", c.name, got, want)
		}
	}
}

// A content rebuild renders the data files, the pages the edit touches and the
// edited post's share image, and writes those whose bytes changed: its Stats and
// its progress line say so, as found on disk.
func TestSessionPatchCounts(t *testing.T) {
	s, src, out, log := builtSession(t)
	ctx := context.Background()
	post := filepath.Join(src, "content/posts/derby.md")
	line := regexp.MustCompile(`\npatch    (\d+) pages and files rendered, (\d+) written `)
	patch := func(name, old, new string) (st Stats, written int) {
		t.Helper()
		text := read(t, post)
		if !strings.Contains(text, old) {
			t.Fatalf("%s: derby.md lacks %q", name, old)
		}
		os.WriteFile(post, []byte(strings.Replace(text, old, new, 1)), 0o644)
		before := files(t, out)
		log.Reset()
		st, how, err := s.Rebuild(ctx, []string{"content/posts/derby.md"})
		if err != nil || how != "content" {
			t.Fatalf("%s: %q, %v", name, how, err)
		}
		for p, b := range files(t, out) {
			if !bytes.Equal(before[p], b) {
				written++
			}
		}
		m := line.FindStringSubmatch(log.String())
		if m == nil || m[1] != fmt.Sprint(st.Files) || m[2] != fmt.Sprint(written) {
			t.Errorf("%s: patch line %q; want %d files rendered, %d written (found on disk):\n%s", name, m, st.Files, written, log.String())
		}
		return st, written
	}
	// The body: the post's page, its share image (the same bytes) and the data files.
	body, written := patch("body", "Alpha and Beta met", "Alpha and Beta clashed")
	data := body.Files - 2
	if data < 3 || written < 2 || written > body.Files-1 {
		t.Fatalf("body: %d files rendered, %d written", body.Files, written)
	}
	// The title: the lists, the pages of its two tags and two models too.
	title, _ := patch("title", "title: The small derby", "title: The little derby")
	if want := data + 2 + 3 + 2 + 2; title.Files != want {
		t.Errorf("title: %d files rendered, want %d (%d data files, 8 pages, 1 share image)", title.Files, want, data)
	}
}

// builtSession makes a copy of the test site and a session that built it into a
// new output folder, its progress lines going to log.
func builtSession(t *testing.T) (s *Session, src, out string, log *bytes.Buffer) {
	t.Helper()
	src = testSite(t)
	out = filepath.Join(t.TempDir(), "public")
	opt := options(src, out)
	log = new(bytes.Buffer)
	opt.Log = log
	s = NewSession(opt)
	if _, _, err := s.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	return s, src, out, log
}

// preparedSite computes the site root src and prepares its site, as a build does
// before rendering.
func preparedSite(t *testing.T, src string) *site.Site {
	t.Helper()
	ctx := context.Background()
	opt := options(src, "").withDefaults()
	c, err := compute(ctx, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.prepare(ctx, opt, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r.site
}
