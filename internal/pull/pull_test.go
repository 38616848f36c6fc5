package pull

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/ai-league/ai-league/internal/config"
)

// fixedClock is the injected clock of every pull in these tests.
func fixedClock() time.Time { return time.Date(2026, 6, 3, 7, 0, 0, 0, time.UTC) }

// Its limits on time are far above what a loopback server takes even on a busy machine
// (with 300 ms, a redirect chain timed out at load 46); the tests of the limits set
// their own.
func testOptions() Options {
	return Options{
		Now:            fixedClock,
		RequestTimeout: 10 * time.Second,
		Deadline:       30 * time.Second,
		MaxBytes:       64 << 10,
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// noTempFiles fails when a write left a temporary file behind.
func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", p)
		}
		return nil
	})
}

func TestPullGoodFeeds(t *testing.T) {
	var mu sync.Mutex
	agents := map[string]string{}
	accepts := map[string]string{}
	mux := http.NewServeMux()
	serve := func(path, file, contentType string) {
		body := mustRead(t, filepath.Join("..", "news", "testdata", file))
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			agents[path] = r.Header.Get("User-Agent")
			accepts[path] = r.Header.Get("Accept")
			mu.Unlock()
			w.Header().Set("Content-Type", contentType)
			w.Header().Set("ETag", `"`+file+`"`)
			w.Header().Set("Last-Modified", "Wed, 03 Jun 2026 06:00:00 GMT")
			w.Write(body)
		})
	}
	serve("/rss", "rss.xml", "application/rss+xml")
	serve("/atom", "atom.xml", "application/atom+xml; charset=utf-8")
	serve("/json", "feed.json", "application/feed+json")
	srv := httptest.NewServer(mux)
	defer srv.Close()

	dir := t.TempDir()
	feeds := []config.Feed{
		{ID: "rss", URL: srv.URL + "/rss"},
		{ID: "atom", URL: srv.URL + "/atom"},
		{ID: "jsonfeed", URL: srv.URL + "/json"},
	}
	warnings, err := Pull(context.Background(), feeds, nil, dir, testOptions())
	if err != nil || len(warnings) > 0 {
		t.Fatalf("Pull: warnings %v, err %v", warnings, err)
	}
	for _, c := range []struct{ id, file, src, path string }{
		{"rss", "rss.xml", "rss.xml", "/rss"},
		{"atom", "atom.xml", "atom.xml", "/atom"},
		{"jsonfeed", "jsonfeed.json", "feed.json", "/json"},
	} {
		t.Run(c.id, func(t *testing.T) {
			got := mustRead(t, filepath.Join(dir, "feeds", c.file))
			if want := mustRead(t, filepath.Join("..", "news", "testdata", c.src)); string(got) != string(want) {
				t.Errorf("cached copy differs from what was served:\n%s", got)
			}
			var meta Meta
			if err := json.Unmarshal(mustRead(t, filepath.Join(dir, "feeds", c.id+".meta.json")), &meta); err != nil {
				t.Fatal(err)
			}
			want := Meta{URL: srv.URL + c.path, ETag: `"` + c.src + `"`, LastModified: "Wed, 03 Jun 2026 06:00:00 GMT", FetchedAt: "2026-06-03T07:00:00Z"}
			meta.ContentType = ""
			if meta != want {
				t.Errorf("meta = %+v, want %+v", meta, want)
			}
			if agents[c.path] != UserAgent {
				t.Errorf("User-Agent = %q, want %q", agents[c.path], UserAgent)
			}
			if want := "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"; accepts[c.path] != want {
				t.Errorf("Accept = %q, want %q", accepts[c.path], want)
			}
		})
	}
	noTempFiles(t, dir)
}

func TestPullConditional(t *testing.T) {
	var mu sync.Mutex
	var gotINM, gotIMS string
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if calls > 1 {
			gotINM, gotIMS = r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
			if gotINM == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Wed, 03 Jun 2026 06:00:00 GMT")
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(mustRead(t, "../news/testdata/rss.xml"))
	}))
	defer srv.Close()

	dir := t.TempDir()
	feeds := []config.Feed{{ID: "lab", URL: srv.URL}}
	if w, err := Pull(context.Background(), feeds, nil, dir, testOptions()); err != nil || len(w) > 0 {
		t.Fatalf("first pull: %v %v", w, err)
	}
	feedBefore := mustRead(t, filepath.Join(dir, "feeds", "lab.xml"))
	metaBefore := mustRead(t, filepath.Join(dir, "feeds", "lab.meta.json"))

	opt := testOptions()
	opt.Now = func() time.Time { return fixedClock().Add(48 * time.Hour) }
	if w, err := Pull(context.Background(), feeds, nil, dir, opt); err != nil || len(w) > 0 {
		t.Fatalf("second pull: %v %v", w, err)
	}
	if gotINM != `"v1"` || gotIMS != "Wed, 03 Jun 2026 06:00:00 GMT" {
		t.Errorf("conditional headers = %q / %q, want the stored ETag and Last-Modified", gotINM, gotIMS)
	}
	if got := mustRead(t, filepath.Join(dir, "feeds", "lab.xml")); string(got) != string(feedBefore) {
		t.Error("304 changed the cached feed")
	}
	if got := mustRead(t, filepath.Join(dir, "feeds", "lab.meta.json")); string(got) != string(metaBefore) {
		t.Errorf("304 changed the metadata:\n%s", got)
	}
}

// endless writes a never-ending body until the client goes away.
func endless(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/rss+xml")
	w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel>`))
	chunk := []byte(strings.Repeat("<item><title>x</title></item>", 100))
	for r.Context().Err() == nil {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

func TestPullFailures(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/404", http.NotFound)
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/endless", endless)
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(1<<20))
		w.Write(make([]byte, 1<<20))
	})
	mux.HandleFunc("/loop-a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-b", http.StatusFound) })
	mux.HandleFunc("/loop-b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-a", http.StatusFound) })
	mux.HandleFunc("/hop/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/malformed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</titl></item>`))
	})
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html><head><title>Blog</title></head><body><h1>Not a feed</h1></body></html>`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	refusedURL := closed.URL + "/feed"
	closed.Close()

	cases := []struct {
		name, path, reason string
	}{
		{"server error", "/500", "HTTP 500 Internal Server Error"},
		{"not found", "/404", "HTTP 404 Not Found"},
		{"timeout", "/slow", "timeout after 300ms"},
		{"endless body", "/endless", "larger than the limit of 64 KiB"},
		{"declared too big", "/big", "larger than the limit of 64 KiB (Content-Length 1048576)"},
		{"redirect loop", "/loop-a", "redirect loop at " + srv.URL + "/loop-a"},
		{"too many redirects", "/hop/0", "more than 5 redirects"},
		{"redirect to file", "/to-file", "redirect to a non-http(s) URL file:///etc/passwd"},
		{"malformed XML", "/malformed", "bad feed: "},
		{"HTML page", "/html", `not an RSS, Atom or JSON feed (Content-Type "text/html; charset=utf-8")`},
		{"refused", "", "connection refused"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u := srv.URL + c.path
			if c.path == "" {
				u = refusedURL
			}
			for _, withCache := range []bool{false, true} {
				dir := t.TempDir()
				cached := filepath.Join(dir, "feeds", "policy.xml")
				old := []byte(`<rss version="2.0"><channel><title>old</title></channel></rss>`)
				if withCache {
					os.MkdirAll(filepath.Dir(cached), 0o755)
					os.WriteFile(cached, old, 0o644)
					os.WriteFile(filepath.Join(dir, "feeds", "policy.meta.json"),
						[]byte(`{"url": "`+u+`", "fetched_at": "2026-06-03T05:00:00Z"}`), 0o644)
				}
				opt := testOptions()
				if c.path == "/slow" {
					opt.RequestTimeout = 300 * time.Millisecond
				}
				warnings, err := Pull(context.Background(), []config.Feed{{ID: "policy", URL: u}}, nil, dir, opt)
				if err != nil {
					t.Fatalf("Pull error: %v", err)
				}
				if len(warnings) != 1 {
					t.Fatalf("warnings = %v, want one", warnings)
				}
				msg := warnings[0].String()
				prefix := "feed policy (" + u + "): " + c.reason
				suffix := "; no cached copy"
				if withCache {
					suffix = "; using cached copy " + filepath.ToSlash(cached) + " from 2026-06-03"
				}
				if !strings.HasPrefix(msg, prefix) || !strings.HasSuffix(msg, suffix) {
					t.Errorf("warning = %q\nwant %q…%q", msg, prefix, suffix)
				}
				if withCache {
					if got := mustRead(t, cached); string(got) != string(old) {
						t.Errorf("failed pull changed the cached copy: %s", got)
					}
				} else if _, err := os.Stat(cached); err == nil {
					t.Error("failed pull wrote a cached copy")
				}
				noTempFiles(t, dir)
			}
		})
	}
}

func TestPullOverallDeadline(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	opt := testOptions()
	opt.RequestTimeout = 2 * time.Second
	opt.Deadline = 100 * time.Millisecond
	warnings, err := Pull(context.Background(), []config.Feed{{ID: "a", URL: srv.URL}}, nil, t.TempDir(), opt)
	if err != nil || len(warnings) != 1 {
		t.Fatalf("Pull = %v, %v; want one warning", warnings, err)
	}
	if want := "no answer before the overall deadline of 100ms"; warnings[0].Reason != want {
		t.Errorf("reason = %q, want %q", warnings[0].Reason, want)
	}
}

func TestPullCharset(t *testing.T) {
	latin1 := func(s string) []byte { // the test strings hold only Latin-1 runes
		var b []byte
		for _, r := range s {
			b = append(b, byte(r))
		}
		return b
	}
	// A UTF-8 feed whose first non-ASCII byte comes after charset.NewReader's
	// 1024-byte preview: must not be read as windows-1252.
	lateUTF8 := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><!--` +
		strings.Repeat(" ", 2000) + `--><item><title>Café</title><link>https://x.example/1</link>` +
		`<pubDate>Tue, 02 Jun 2026 08:00:00 GMT</pubDate></item></channel></rss>`
	cases := []struct {
		name, contentType string
		body              []byte
	}{
		{"ISO-8859-1 in Content-Type only", "application/rss+xml; charset=ISO-8859-1",
			latin1(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Café</title><link>https://x.example/1</link><pubDate>Tue, 02 Jun 2026 08:00:00 GMT</pubDate></item></channel></rss>`)},
		{"ISO-8859-1 in the XML declaration only", "application/xml",
			latin1(`<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>t</title><item><title>Café</title><link>https://x.example/1</link><pubDate>Tue, 02 Jun 2026 08:00:00 GMT</pubDate></item></channel></rss>`)},
		{"header wins over a wrong declaration", "text/xml; charset=iso-8859-1",
			latin1(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title><item><title>Café</title><link>https://x.example/1</link><pubDate>Tue, 02 Jun 2026 08:00:00 GMT</pubDate></item></channel></rss>`)},
		{"UTF-8 without any declaration", "application/rss+xml", []byte(lateUTF8)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", c.contentType)
				w.Write(c.body)
			}))
			defer srv.Close()
			site := t.TempDir()
			cache := filepath.Join(site, filepath.FromSlash(CacheDir))
			feeds := []config.Feed{{ID: "enc", Name: "Enc", URL: srv.URL, Category: "release"}}
			if w, err := Pull(context.Background(), feeds, nil, cache, testOptions()); err != nil || len(w) > 0 {
				t.Fatalf("Pull: %v %v", w, err)
			}
			cached := mustRead(t, filepath.Join(cache, "feeds", "enc.xml"))
			if !strings.Contains(string(cached), "Café") {
				t.Errorf("cached copy is not UTF-8 with é: %q", cached)
			}
			feed, err := gofeed.NewParser().Parse(bytes.NewReader(cached))
			if err != nil {
				t.Fatal(err)
			}
			if len(feed.Items) != 1 || feed.Items[0].Title != "Café" {
				t.Errorf("items = %+v, want one titled Café", feed.Items)
			}
		})
	}
}

func TestPullResults(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/array.json", func(w http.ResponseWriter, r *http.Request) {
		if a := r.Header.Get("Accept"); a != "application/json" {
			http.Error(w, "Accept: "+a, http.StatusNotAcceptable)
			return
		}
		w.Write([]byte(`[{"model": "m", "benchmark": "b", "score": 1}]`))
	})
	mux.HandleFunc("/object.json", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"date": "2026-06-01", "results": []}`))
	})
	mux.HandleFunc("/broken.json", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`[{"model": "m",`))
	})
	mux.HandleFunc("/other.json", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"rows": []}`))
	})
	mux.HandleFunc("/down.json", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	t.Run("valid files are cached", func(t *testing.T) {
		dir := t.TempDir()
		urls := []string{srv.URL + "/array.json", srv.URL + "/object.json"}
		if w, err := Pull(context.Background(), nil, urls, dir, testOptions()); err != nil || len(w) > 0 {
			t.Fatalf("Pull: %v %v", w, err)
		}
		for _, u := range urls {
			if _, err := os.Stat(filepath.Join(dir, "results", ResultsCacheName(u))); err != nil {
				t.Errorf("%s not cached: %v", u, err)
			}
		}
		noTempFiles(t, dir)
	})
	cases := []struct{ name, path, err string }{
		{"invalid JSON", "/broken.json", "results " + srv.URL + "/broken.json: invalid JSON at byte 15: unexpected end of JSON input"},
		{"not a results file", "/other.json", "results " + srv.URL + `/other.json: not a results file: want a JSON array or an object with "results"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			w, err := Pull(context.Background(), nil, []string{srv.URL + c.path}, dir, testOptions())
			if err == nil || err.Error() != c.err {
				t.Errorf("err = %v, want %q", err, c.err)
			}
			if len(w) > 0 {
				t.Errorf("warnings = %v, want none", w)
			}
			if entries, _ := os.ReadDir(filepath.Join(dir, "results")); len(entries) > 0 {
				t.Errorf("an invalid file was cached: %v", entries)
			}
		})
	}
	t.Run("unreachable is a warning", func(t *testing.T) {
		u := srv.URL + "/down.json"
		w, err := Pull(context.Background(), nil, []string{u}, t.TempDir(), testOptions())
		if err != nil || len(w) != 1 {
			t.Fatalf("Pull = %v, %v", w, err)
		}
		if want := "results " + u + ": HTTP 503 Service Unavailable; no cached copy"; w[0].String() != want {
			t.Errorf("warning = %q, want %q", w[0].String(), want)
		}
	})
}

func TestPullBadInput(t *testing.T) {
	feeds := []config.Feed{
		{ID: "../etc", URL: "https://x.example/feed"},
		{ID: "ok", URL: "https://x.example/feed"},
		{ID: "ok", URL: "https://y.example/feed"},
		{ID: "later", URL: "https://z.example/feed"}, // read after a duplicate
		{ID: "Bad", URL: "https://z.example/feed"},
		{ID: "last", URL: "https://z.example/last"}, // read after a bad id
	}
	opt := testOptions()
	opt.Client = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return nil, fmt.Errorf("no network in tests")
	})}
	results := []string{"ftp://x.example/r.json", "https://r.example/b.json", "https://r.example/b.json", "https://r.example/a.json"}
	w, err := Pull(context.Background(), feeds, results, t.TempDir(), opt)
	want := `feed "../etc": id must be 1 to 64 lowercase letters, digits, '-', '_' or '.', starting with a letter or digit` + "\n" +
		`feed "Bad": id must be 1 to 64 lowercase letters, digits, '-', '_' or '.', starting with a letter or digit` + "\n" +
		"feed ok: listed twice\n" +
		"results ftp://x.example/r.json: not an absolute http(s) URL"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	// Sorted by kind, then id; a results URL listed twice is pulled once.
	wantW := []string{
		"feed last (https://z.example/last): no network in tests; no cached copy",
		"feed later (https://z.example/feed): no network in tests; no cached copy",
		"feed ok (https://x.example/feed): no network in tests; no cached copy",
		"results https://r.example/a.json: no network in tests; no cached copy",
		"results https://r.example/b.json: no network in tests; no cached copy",
	}
	var got []string
	for _, x := range w {
		got = append(got, x.String())
	}
	if !slices.Equal(got, wantW) {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantW, "\n"))
	}
}

// TestCheckFeedID checks the longest id accepted, and the message for one longer.
func TestCheckFeedID(t *testing.T) {
	if err := CheckFeedID(strings.Repeat("a", 64)); err != nil {
		t.Errorf("64 characters: %v", err)
	}
	id := strings.Repeat("a", 65)
	want := `feed "` + id + `": id must be 1 to 64 lowercase letters, digits, '-', '_' or '.', starting with a letter or digit`
	if err := CheckFeedID(id); err == nil || err.Error() != want {
		t.Errorf("65 characters: %v", err)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestResultsCacheName(t *testing.T) {
	cases := []struct{ url, prefix string }{
		{"https://example.org/league/q35.json", "example.org-league-q35-"},
		{"https://Example.org/a%20b/C.JSON?x=1", "example.org-a-b-c-"},
		{"not a url", "not-a-url-"},
		{"https://zz.example/a0/b9.json", "zz.example-a0-b9-"}, // the ends of the letters and digits kept
		{"mailto:x@y", "mailto-x-y-"},                          // no host: the whole URL
		{"https://e.org/%zz", "https-e.org-zz-"},               // does not parse: the whole URL
		{"https://e.org/--x", "e.org-x-"},
		{"", "results-"},
		{"/" + strings.Repeat("b", 70), strings.Repeat("b", 60) + "-"},                   // a leading separator takes no room
		{"https://" + strings.Repeat("a", 70) + ".org/x", strings.Repeat("a", 60) + "-"}, // at most 60 characters
	}
	seen := map[string]bool{}
	for _, c := range cases {
		t.Run(c.url, func(t *testing.T) {
			got := ResultsCacheName(c.url)
			if !strings.HasPrefix(got, c.prefix) || !strings.HasSuffix(got, ".json") || len(got) != len(c.prefix)+10+5 {
				t.Errorf("ResultsCacheName(%q) = %q, want %q + 10 hex + .json", c.url, got, c.prefix)
			}
			if got != ResultsCacheName(c.url) {
				t.Error("not stable")
			}
			if seen[got] {
				t.Errorf("%q collides", got)
			}
			seen[got] = true
		})
	}
	if got, want := ResultsCachePath("https://example.org/league/q35.json"), "data/cache/results/"+ResultsCacheName("https://example.org/league/q35.json"); got != want {
		t.Errorf("ResultsCachePath = %q, want %q", got, want)
	}
}

// TestOptionDefaults checks what the zero Options stand for.
func TestOptionDefaults(t *testing.T) {
	o := Options{}.withDefaults()
	if o.RequestTimeout != 10*time.Second || o.Deadline != 30*time.Second || o.MaxBytes != 5<<20 || o.Concurrency != 4 || o.UserAgent != UserAgent {
		t.Errorf("defaults: timeout %v, deadline %v, max bytes %d, concurrency %d, user agent %q",
			o.RequestTimeout, o.Deadline, o.MaxBytes, o.Concurrency, o.UserAgent)
	}
	if o.Client == nil || o.Client.CheckRedirect == nil {
		t.Error("no client, or one without the redirect check")
	}
	o = Options{RequestTimeout: 1, Deadline: 2, MaxBytes: 3, Concurrency: 5, UserAgent: "u"}.withDefaults()
	if o.RequestTimeout != 1 || o.Deadline != 2 || o.MaxBytes != 3 || o.Concurrency != 5 || o.UserAgent != "u" {
		t.Errorf("given options changed: %+v", o)
	}
}

// TestPullSameBytesKeepsDay: a host without conditional GET that serves the same
// feed again leaves the copy's day as it was; a changed feed takes the new day.
func TestPullSameBytesKeepsDay(t *testing.T) {
	body := mustRead(t, "../news/testdata/rss.xml")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	}))
	defer srv.Close()
	cache := filepath.Join(t.TempDir(), "cache")
	feeds := []config.Feed{{ID: "lab", URL: srv.URL, Category: "release"}}
	pullOn := func(day int) Meta {
		t.Helper()
		opt := testOptions()
		opt.Now = func() time.Time { return time.Date(2026, 6, day, 7, 0, 0, 0, time.UTC) }
		if w, err := Pull(context.Background(), feeds, nil, cache, opt); err != nil || len(w) > 0 {
			t.Fatalf("Pull: %v %v", w, err)
		}
		var m Meta
		if err := json.Unmarshal(mustRead(t, filepath.Join(cache, "feeds", "lab.meta.json")), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	if m := pullOn(1); m.FetchedOn() != "2026-06-01" {
		t.Fatalf("first pull fetched on %q", m.FetchedOn())
	}
	if m := pullOn(2); m.FetchedOn() != "2026-06-01" {
		t.Errorf("the same bytes again: fetched on %q, want the first day 2026-06-01", m.FetchedOn())
	}
	body = []byte(strings.Replace(string(body), "</channel>", "<item><title>New</title><link>https://x.example/new</link><pubDate>Wed, 03 Jun 2026 08:00:00 GMT</pubDate></item></channel>", 1))
	if m := pullOn(3); m.FetchedOn() != "2026-06-03" {
		t.Errorf("a changed feed: fetched on %q, want 2026-06-03", m.FetchedOn())
	}
	feeds[0].URL = srv.URL + "/moved"
	if m := pullOn(4); m.FetchedOn() != "2026-06-04" || m.URL != srv.URL+"/moved" {
		t.Errorf("the same bytes from a new URL: %s fetched on %q, want the new URL on 2026-06-04", m.URL, m.FetchedOn())
	}
}

// TestPullSizeLimit: a results file of exactly MaxBytes is taken, one byte more is
// not, whether the size is declared (Content-Length) or only found while reading.
func TestPullSizeLimit(t *testing.T) {
	file := func(n int) []byte { return []byte("[" + strings.Repeat(" ", n-2) + "]") }
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/%d.json", &n)
		if r.URL.Query().Get("declared") != "" {
			w.Header().Set("Content-Length", fmt.Sprint(n))
			w.Write(file(n))
			return
		}
		b := file(n)
		w.Write(b[:1])
		w.(http.Flusher).Flush() // no Content-Length from here on
		w.Write(b[1:])
	}))
	defer srv.Close()
	opt := testOptions()
	opt.MaxBytes = 100
	for _, q := range []string{"", "?declared=1"} {
		ok, big := srv.URL+"/100.json"+q, srv.URL+"/101.json"+q
		w, err := Pull(context.Background(), nil, []string{ok, big}, t.TempDir(), opt)
		if err != nil {
			t.Fatal(err)
		}
		want := "results " + big + ": larger than the limit of 100 bytes; no cached copy"
		if q != "" {
			want = "results " + big + ": larger than the limit of 100 bytes (Content-Length 101); no cached copy"
		}
		if len(w) != 1 || w[0].String() != want {
			t.Errorf("warnings = %v\nwant [%s]", w, want)
		}
	}
}

// TestPullRedirectLimit: five redirects are followed, a sixth is not.
func TestPullRedirectLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n, end int
		fmt.Sscanf(r.URL.Path, "/%d/%d", &n, &end)
		if n < end {
			http.Redirect(w, r, fmt.Sprintf("/%d/%d", n+1, end), http.StatusFound)
			return
		}
		w.Write([]byte("[]"))
	}))
	defer srv.Close()
	five, six := srv.URL+"/0/5", srv.URL+"/0/6"
	w, err := Pull(context.Background(), nil, []string{five, six}, t.TempDir(), testOptions())
	want := fmt.Sprintf("results %s: more than 5 redirects; no cached copy", six)
	if err != nil || len(w) != 1 || w[0].String() != want {
		t.Errorf("Pull = %v, %v; want one warning %q", w, err, want)
	}
}

// TestPullFormatChange: a feed that turns from RSS into a JSON Feed leaves one copy,
// the new one; pulling it again keeps that copy.
func TestPullFormatChange(t *testing.T) {
	file := "rss.xml"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(mustRead(t, filepath.Join("..", "news", "testdata", file)))
	}))
	defer srv.Close()
	cache := t.TempDir()
	feeds := []config.Feed{{ID: "lab", URL: srv.URL, Category: "release"}}
	copies := func() string {
		t.Helper()
		if w, err := Pull(context.Background(), feeds, nil, cache, testOptions()); err != nil || len(w) > 0 {
			t.Fatalf("Pull: %v %v", w, err)
		}
		var names []string
		entries, _ := os.ReadDir(filepath.Join(cache, "feeds"))
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return strings.Join(names, " ")
	}
	if got := copies(); got != "lab.meta.json lab.xml" {
		t.Fatalf("after the RSS pull: %s", got)
	}
	file = "feed.json"
	for i := range 2 {
		if got := copies(); got != "lab.json lab.meta.json" {
			t.Errorf("after JSON Feed pull %d: %s", i+1, got)
		}
	}
}

// TestWriteAtomicRenameFails: when the final rename fails (a folder has the name),
// the error is the rename's and no temporary file is left.
func TestWriteAtomicRenameFails(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "x.json")
	if err := os.MkdirAll(filepath.Join(name, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := WriteAtomic(name, []byte("[]"))
	var le *os.LinkError
	if !errors.As(err, &le) || le.Op != "rename" || le.New != name || !strings.HasPrefix(le.Old, filepath.Join(dir, ".x.json.tmp-")) {
		t.Fatalf("WriteAtomic = %v, want the rename's error", err)
	}
	noTempFiles(t, dir)
}

// TestPullStatus299: every 2xx status is a success, up to 299; 300 is not.
func TestPullStatus299(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var code int
		fmt.Sscanf(r.URL.Path, "/%d", &code)
		w.WriteHeader(code)
		w.Write([]byte("[]"))
	}))
	defer srv.Close()
	w, err := Pull(context.Background(), nil, []string{srv.URL + "/299", srv.URL + "/300"}, t.TempDir(), testOptions())
	want := "results " + srv.URL + "/300: HTTP 300 Multiple Choices; no cached copy"
	if err != nil || len(w) != 1 || w[0].String() != want {
		t.Errorf("Pull = %v, %v; want one warning %q", w, err, want)
	}
}
