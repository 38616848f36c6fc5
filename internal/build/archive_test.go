package build

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ai-league/ai-league/internal/pull"
)

// labFeed is an RSS feed of the items given as (guid, title, RFC 1123 date).
func labFeed(items ...[3]string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Lab blog</title><link>https://lab.example/</link>`)
	for _, it := range items {
		b.WriteString("<item><title>" + it[1] + "</title><link>https://lab.example/" + it[0] + "</link><guid>lab-" + it[0] +
			"</guid><pubDate>" + it[2] + "</pubDate><description>&lt;p&gt;" + it[1] + ".&lt;/p&gt;</description></item>")
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// dated lists the dated snapshots' standings.json files of a built site with their bytes.
func dated(t *testing.T, out string) map[string]string {
	t.Helper()
	got := map[string]string{}
	files, _ := filepath.Glob(filepath.Join(out, "standings", "2*", "standings.json"))
	for _, f := range files {
		got[filepath.Base(filepath.Dir(f))] = read(t, f)
	}
	return got
}

// TestArchiveTwoPulls plays a publisher's daily build against a feed host over two
// days: a feed whose items rotate out and one of which changes, a second feed that is
// down on the second day, a results URL replaced by a later version that drops an
// old result, and a takedown by the publisher between the pulls. Nothing pulled is
// lost, every dated snapshot stays byte for byte, and an offline build from the
// archive gives the same site as the online build that wrote it.
func TestArchiveTwoPulls(t *testing.T) {
	day := 1
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/lab.xml" && day < 6:
			w.Write([]byte(labFeed(
				[3]string{"a", "Alpha 7B tops the quiz", "Tue, 20 Jan 2026 09:00:00 GMT"},
				[3]string{"b", "Beta 9B announced", "Sun, 25 Jan 2026 09:00:00 GMT"},
				[3]string{"c", "A wrong story about Gamma 70B", "Wed, 28 Jan 2026 09:00:00 GMT"})))
		case r.URL.Path == "/lab.xml":
			w.Write([]byte(labFeed( // a rotated out; b's title changed; d is new
				[3]string{"b", "Beta 9B released with open weights", "Sun, 25 Jan 2026 09:00:00 GMT"},
				[3]string{"c", "A wrong story about Gamma 70B", "Wed, 28 Jan 2026 09:00:00 GMT"},
				[3]string{"d", "Delta 120B joins the league", "Wed, 04 Feb 2026 09:00:00 GMT"})))
		case r.URL.Path == "/wire.xml" && day < 6:
			w.Write([]byte(strings.ReplaceAll(labFeed([3]string{"e", "Wire: Gamma 70B on the code board", "Mon, 26 Jan 2026 09:00:00 GMT"}), "lab.example", "wire.example")))
		case r.URL.Path == "/wire.xml":
			http.Error(w, "down", http.StatusServiceUnavailable)
		case r.URL.Path == "/board.json" && day < 6:
			w.Write([]byte(`{"source": {"name": "Board", "url": "https://board.example/", "kind": "independent"}, "date": "2025-12-01",
 "results": [{"model": "alpha-7b", "benchmark": "errors", "score": 10}, {"model": "beta-9b", "benchmark": "errors", "score": 12},
  {"model": "alpha-7b", "benchmark": "maths", "score": 50}, {"model": "beta-9b", "benchmark": "maths", "score": 55}]}`))
		case r.URL.Path == "/board.json":
			w.Write([]byte(`{"source": {"name": "Board", "url": "https://board.example/", "kind": "independent"}, "date": "2026-02-05",
 "results": [{"model": "alpha-7b", "benchmark": "errors", "score": 9}, {"model": "beta-9b", "benchmark": "errors", "score": 11},
  {"model": "beta-9b", "benchmark": "errors", "score": 8, "date": "2026-01-15"}]}`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	src := testSite(t)
	cfg := strings.Replace(read(t, filepath.Join(src, "site.yaml")), "feeds: []",
		"feeds:\n  - {id: lab, name: Lab blog, url: \""+srv.URL+"/lab.xml\", category: release}\n  - {id: wire, name: Wire, url: \""+srv.URL+"/wire.xml\", category: research}", 1)
	cfg = strings.Replace(cfg, "results_urls: []", "results_urls: [\""+srv.URL+"/board.json\"]", 1)
	if err := os.WriteFile(filepath.Join(src, "site.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	var log bytes.Buffer
	online := func(d int) {
		t.Helper()
		day = d
		log.Reset()
		opt := options(src, out)
		opt.Offline = false
		opt.Log = &log
		opt.Now = func() time.Time { return time.Date(2026, 2, d, 6, 17, 0, 0, time.UTC) }
		build(t, opt)
	}

	// Day 2: the first pull.
	online(2)
	first := dated(t, out)
	if _, ok := first["2025-12-01"]; !ok {
		t.Fatalf("no snapshot of 2025-12-01 after the first pull: %v", keys(first))
	}
	news := read(t, filepath.Join(out, "news/index.html"))
	for _, want := range []string{"Alpha 7B tops the quiz", "Beta 9B announced", "A wrong story about Gamma 70B", "Wire: Gamma 70B on the code board"} {
		if !strings.Contains(news, want) {
			t.Errorf("day 2: /news/ lacks %q", want)
		}
	}
	labArchive := filepath.Join(src, "data/archive/news/lab.json")
	archived := read(t, labArchive)
	if !strings.Contains(archived, `"first_seen": "2026-02-02"`) || !strings.Contains(archived, `"summary_html": "<p>Alpha 7B tops the quiz.</p>"`) {
		t.Errorf("the archive lacks the item's day or its summary as HTML:\n%s", archived)
	}

	// The publisher takes a story down between the pulls.
	archived = strings.Replace(archived, `"id": "lab-c",`, `"id": "lab-c",
      "hidden": "wrong story, retracted by the publisher",`, 1)
	if err := os.WriteFile(labArchive, []byte(archived), 0o644); err != nil {
		t.Fatal(err)
	}

	// Day 6: the second pull. a left the feed, b changed, c is still in the feed,
	// wire is down, and the board was replaced by a version without its 2025-12-01
	// results and with a correction dated back to 2026-01-15.
	online(6)
	if want := "warning: feed wire (" + srv.URL + "/wire.xml): HTTP 503 Service Unavailable; using cached copy " + filepath.ToSlash(src) + "/data/cache/feeds/wire.xml from 2026-02-02"; !strings.Contains(log.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, log.String())
	}
	news = read(t, filepath.Join(out, "news/index.html"))
	for _, want := range []string{"Alpha 7B tops the quiz", "Beta 9B released with open weights", "Delta 120B joins the league", "Wire: Gamma 70B on the code board"} {
		if !strings.Contains(news, want) {
			t.Errorf("day 6: /news/ lacks %q", want)
		}
	}
	for _, gone := range []string{"Beta 9B announced", "A wrong story about Gamma 70B"} {
		if strings.Contains(news, gone) {
			t.Errorf("day 6: /news/ still shows %q", gone)
		}
	}
	archived = read(t, labArchive)
	if n := strings.Count(archived, `"guid": "lab-b"`); n != 1 {
		t.Errorf("item b is archived %d times, want once (updated, not duplicated)", n)
	}
	for _, want := range []string{`"hidden": "wrong story, retracted by the publisher"`, `"title": "Beta 9B released with open weights"`,
		`"first_seen": "2026-02-02",
      "last_seen": "2026-02-06"`} {
		if !strings.Contains(archived, want) {
			t.Errorf("the archive lacks %s:\n%s", want, archived)
		}
	}

	second := dated(t, out)
	for date, body := range first {
		if second[date] != body {
			t.Errorf("/standings/%s/standings.json changed after the second pull", date)
		}
	}
	if got, want := strings.Join(keys(second), " "), strings.Join(append(keys(first), "2026-02-06"), " "); got != want {
		t.Errorf("dated snapshots after the second pull: %s, want %s (the old ones, and the day the new version came into force)", got, want)
	}
	versions, _ := filepath.Glob(filepath.Join(src, "data/archive/results/*/*.json"))
	if len(versions) != 2 {
		t.Errorf("archived versions: %v, want 2", versions)
	}

	// An offline build from the archive gives the same site.
	offline := filepath.Join(t.TempDir(), "offline")
	build(t, options(src, offline))
	sameTree(t, out, offline)

	// A third pull of the same sources on the same day writes the same bytes.
	before := snapshotTree(t, filepath.Join(src, "data"))
	online(6)
	if after := snapshotTree(t, filepath.Join(src, "data")); !equalMaps(before, after) {
		t.Error("pulling the same sources again changed data/")
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// snapshotTree reads every file under dir.
func snapshotTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		got[rel] = read(t, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// sameTree fails unless two built sites hold the same files with the same bytes.
func sameTree(t *testing.T, a, b string) {
	t.Helper()
	ta, tb := snapshotTree(t, a), snapshotTree(t, b)
	for k, v := range ta {
		if w, ok := tb[k]; !ok {
			t.Errorf("%s: only in the online build", k)
		} else if w != v {
			t.Errorf("%s differs between the online and the offline build", k)
		}
	}
	for k := range tb {
		if _, ok := ta[k]; !ok {
			t.Errorf("%s: only in the offline build", k)
		}
	}
}

// TestArchiveErrorsWithTheRest: a broken archive is an input error reported in the
// same run as the league's own.
func TestArchiveErrorsWithTheRest(t *testing.T) {
	src := testSite(t)
	const u = "https://board.example/results.json"
	cfg := strings.Replace(read(t, filepath.Join(src, "site.yaml")), "results_urls: []", "results_urls: [\""+u+"\"]", 1)
	sha := strings.Repeat("0", 64)
	index := `{"url": "` + u + `", "versions": [{"fetched": "2026-01-01", "sha256": "` + sha + `"}]}`
	files := map[string]string{
		"site.yaml": cfg,
		"data/archive/results/board.example-results-" + resultsHash(u) + ".json": index,
		"data/results/typo.json": `[{"model": "alpha-7b", "benchmark": "quizz", "score": 50, "date": "2026-01-01"}]`,
	}
	for name, data := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Build(t.Context(), options(src, filepath.Join(t.TempDir(), "out")))
	if err == nil {
		t.Fatal("the build passed")
	}
	for _, want := range []string{
		"data/archive/results/board.example-results-" + resultsHash(u) + ".json: version 1: data/archive/results/board.example-results-" + resultsHash(u) + "/" + sha + ".json is missing",
		`data/results/typo.json:1:37: result 1: unknown benchmark "quizz" (did you mean "quiz"?)`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

// resultsHash is the hash part of a results URL's cache name.
func resultsHash(u string) string {
	name := pull.ResultsCacheName(u)
	return name[len(name)-len("1a2b3c4d5e.json") : len(name)-len(".json")]
}
