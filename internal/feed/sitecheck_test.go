package feed

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSitecheck writes the sample feeds, a sitemap and the pages they link to
// into a small site under the base path /repo/ and runs the shared site
// checker's feed and sitemap rules on it (RSS/Atom/JSON Feed rules, RELAX NG,
// real feed readers). It needs python3, xmllint and the checker's node
// modules, so it runs only when FEED_SITECHECK names the tools directory:
//
//	FEED_SITECHECK=/work/shared/tools go test -run Sitecheck -v ./internal/feed/
//
// FEED_SITECHECK_OUT, when set, keeps the site in that directory.
func TestSitecheck(t *testing.T) {
	tools := os.Getenv("FEED_SITECHECK")
	if tools == "" {
		t.Skip("set FEED_SITECHECK to the site checker's tools directory")
	}
	dir := os.Getenv("FEED_SITECHECK_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	f := sampleFeed()
	files := map[string][]byte{
		"index.html": page("AI League", `<link rel="alternate" type="application/atom+xml" href="/repo/feed.xml">`+
			`<link rel="alternate" type="application/rss+xml" href="/repo/rss.xml">`+
			`<link rel="alternate" type="application/feed+json" href="/repo/feed.json">`, ""),
		"standings/2026-06-05/index.html": page("Standings", "", `<table id="overall"></table>`),
		"posts/week-one/index.html":       page("Week one", "", ""),
		"news/index.html":                 page("News", "", ""),
		"models/qwen3.5-27b/index.html":   page("qwen3.5-27b", "", ""),
		"methodology/index.html":          page("Methodology", "", ""),
		"img/chart.png":                   []byte("png"),
		"img/chart@2x.png":                []byte("png"),
		"robots.txt":                      Robots(siteURL + "sitemap.xml"),
	}
	for _, w := range []struct {
		name  string
		write func(Feed) ([]byte, error)
	}{{"feed.xml", Atom}, {"rss.xml", RSS}, {"feed.json", JSON}, {"posts/feed.xml", Atom}} {
		f.SelfURL = siteURL + w.name
		b, err := w.write(f)
		if err != nil {
			t.Fatal(err)
		}
		files[w.name] = b
	}
	var urls []SitemapURL
	for name := range files {
		if strings.HasSuffix(name, "index.html") {
			urls = append(urls, SitemapURL{Loc: siteURL + strings.TrimSuffix(name, "index.html"), LastMod: "2026-06-05"})
		}
	}
	sm, err := Sitemap(urls)
	if err != nil {
		t.Fatal(err)
	}
	files["sitemap.xml"] = sm
	for name, b := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	home, _ := os.UserCacheDir()
	env := append(os.Environ(), "NODE_PATH="+filepath.Join(home, "sitecheck", "node_modules"))
	for _, args := range [][]string{
		{"feeds", dir, "/repo/", siteURL, tools},
		{"sitemap", dir, "/repo/", siteURL},
	} {
		cmd := exec.Command("python3", append([]string{filepath.Join(tools, "sitecheck.py")}, args...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		t.Logf("sitecheck %s:\n%s", args[0], out)
		if err != nil {
			t.Fatalf("sitecheck %s: %v", args[0], err)
		}
		if bytes.Contains(out, []byte("@@CHECK FAIL")) {
			t.Errorf("sitecheck %s reports failures", args[0])
		}
	}
}

// page is a minimal HTML page for the end-to-end site.
func page(title, head, body string) []byte {
	return []byte("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
		"</title>" + head + "</head><body>" + body + "</body></html>\n")
}
