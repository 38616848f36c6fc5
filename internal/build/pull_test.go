package build

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBuildPullsFeedsAndFallsBackToCache plays two feed hosts: a good one that later
// goes down, and a hostile one. The first build caches both; the second, with the good
// host down, warns, uses the cache and still succeeds. No payload of the hostile feed
// reaches the site as live markup.
func TestBuildPullsFeedsAndFallsBackToCache(t *testing.T) {
	good := `<?xml version="1.0"?><rss version="2.0"><channel><title>Lab blog</title><link>https://lab.example/</link>
<item><title>Gamma 70B is out</title><link>https://lab.example/gamma</link><guid>https://lab.example/gamma</guid>
<pubDate>Sun, 01 Feb 2026 09:00:00 GMT</pubDate><description>&lt;p&gt;North Lab ships Gamma 70B.&lt;/p&gt;</description></item>
</channel></rss>`
	hostile, err := os.ReadFile("../news/testdata/hostile.xml")
	if err != nil {
		t.Fatal(err)
	}
	up := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/hostile.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(hostile)
		case !up:
			http.Error(w, "down", http.StatusServiceUnavailable)
		default:
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte(good))
		}
	}))
	defer srv.Close()

	src := testSite(t)
	cfg := read(t, filepath.Join(src, "site.yaml"))
	cfg = strings.Replace(cfg, "feeds: []", "feeds:\n  - {id: lab, name: Lab blog, url: \""+srv.URL+"/feed.xml\", category: release}\n  - {id: evil, name: Evil, url: \""+srv.URL+"/hostile.xml\", category: research}", 1)
	os.WriteFile(filepath.Join(src, "site.yaml"), []byte(cfg), 0o644)
	out := filepath.Join(t.TempDir(), "public")
	day := time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC)
	opt := options(src, out)
	opt.Offline = false
	opt.Now = func() time.Time { return day }
	build(t, opt)
	if _, err := os.Stat(filepath.Join(src, "data/cache/feeds/lab.xml")); err != nil {
		t.Fatalf("the pull cached nothing: %v", err)
	}
	news := read(t, filepath.Join(out, "news/index.html"))
	if !strings.Contains(news, "Gamma 70B is out") || !strings.Contains(news, `href="/league/models/gamma-70b/"`) {
		t.Error("the pulled item, tagged with its model, is not on /news/")
	}

	up = false
	var log bytes.Buffer
	opt.Log = &log
	build(t, opt)
	want := "warning: feed lab (" + srv.URL + "/feed.xml): HTTP 503 Service Unavailable; using cached copy"
	if !strings.Contains(log.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, log.String())
	}
	if !strings.Contains(read(t, filepath.Join(out, "news/index.html")), "Gamma 70B is out") {
		t.Error("the cached item is gone after the host went down")
	}

	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := filepath.Ext(p); ext != ".html" && ext != ".xml" && ext != ".json" {
			return nil
		}
		body := strings.ToLower(read(t, p))
		for _, live := range []string{"<script>alert", "<iframe", "onerror=", "onclick=", "onmouseover=", "javascript:alert", "data:text/html", "<svg", "<style>body"} {
			if strings.Contains(body, live) {
				t.Errorf("%s holds %q from the hostile feed", p, live)
			}
		}
		return nil
	})
}
