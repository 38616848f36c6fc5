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

// The pull's progress line counts its warnings and those of the archive's caps; an
// offline build names the pulled sources it takes from disk, and says nothing when
// the site has none.
func TestPullAndOfflineLines(t *testing.T) {
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>Lab blog</title><link>https://lab.example/</link>
<item><title>Gamma 70B is out</title><link>https://lab.example/gamma</link><guid>https://lab.example/gamma</guid>
<pubDate>Sun, 01 Feb 2026 09:00:00 GMT</pubDate><description>North Lab ships Gamma 70B.</description></item>
</channel></rss>`
	results := `{"source": {"name": "Lab card", "url": "https://lab.example/card", "kind": "self-reported"},
 "date": "2026-01-25",
 "results": [{"model": "alpha-7b", "benchmark": "quiz", "score": 61}]}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/results.json" {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(results))
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(feed))
	}))
	defer srv.Close()

	src := testSite(t)
	out := filepath.Join(t.TempDir(), "public")
	opt := options(src, out)
	var log bytes.Buffer
	opt.Log = &log
	build(t, opt)
	if strings.Contains(log.String(), "offline:") {
		t.Errorf("offline build of a site without pulled sources:\n%s", log.String())
	}

	cfg := read(t, filepath.Join(src, "site.yaml"))
	cfg = strings.Replace(cfg, "feeds: []", "feeds:\n  - {id: lab, name: Lab blog, url: \""+srv.URL+"/feed.xml\", category: release}", 1)
	cfg = strings.Replace(cfg, "results_urls: []", "results_urls:\n  - \""+srv.URL+"/results.json\"\n  - \""+srv.URL+"/results.json?v=2\"", 1)
	os.WriteFile(filepath.Join(src, "site.yaml"), []byte(cfg), 0o644)
	// An archive already at its cap (a sparse file of 64 MiB + 1 byte): the pulled
	// feed and both results URLs are not archived, each with a warning.
	os.MkdirAll(filepath.Join(src, "data/archive"), 0o755)
	pad, err := os.Create(filepath.Join(src, "data/archive/pad"))
	if err != nil {
		t.Fatal(err)
	}
	if err := pad.Truncate(64<<20 + 1); err != nil {
		t.Fatal(err)
	}
	pad.Close()
	opt.Offline = false
	opt.Now = func() time.Time { return time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC) }
	log.Reset()
	build(t, opt)
	for _, want := range []string{"warning: archive: full", "\npull     1 feeds, 2 results URLs; 3 warnings "} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, log.String())
		}
	}

	opt.Offline = true
	log.Reset()
	build(t, opt)
	if want := "offline: 1 feeds and 2 results URLs come from data/archive/ and data/cache/\n"; !strings.Contains(log.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, log.String())
	}
}
