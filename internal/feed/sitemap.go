package feed

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"
)

// sitemapNS is the sitemaps.org 0.9 namespace.
const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// SitemapURL is one page listed in sitemap.xml.
type SitemapURL struct {
	Loc     string // absolute http(s) URL of the page
	LastMod string // YYYY-MM-DD, or "" to leave <lastmod> out
}

// Sitemap writes a sitemaps.org <urlset> listing urls sorted by Loc. A Loc
// given twice is listed once, with the later of its LastMod dates. Every Loc
// must be an absolute http(s) URL and every LastMod a YYYY-MM-DD date; all
// problems are reported together.
func Sitemap(urls []SitemapURL) ([]byte, error) {
	var errs []error
	byLoc := make(map[string]SitemapURL, len(urls))
	for _, u := range urls {
		if !isHTTPURL(u.Loc) {
			errs = append(errs, fmt.Errorf("sitemap: %q is not an absolute http(s) URL", u.Loc))
			continue
		}
		if u.LastMod != "" {
			if _, err := time.Parse(time.DateOnly, u.LastMod); err != nil {
				errs = append(errs, fmt.Errorf("sitemap: %s: lastmod %q is not a YYYY-MM-DD date", u.Loc, u.LastMod))
				continue
			}
		}
		if old, ok := byLoc[u.Loc]; !ok || u.LastMod > old.LastMod {
			byLoc[u.Loc] = u
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	list := make([]SitemapURL, 0, len(byLoc))
	for _, u := range byLoc {
		list = append(list, u)
	}
	slices.SortFunc(list, func(a, b SitemapURL) int { return cmp.Compare(a.Loc, b.Loc) })

	w := newXMLWriter()
	w.start("urlset", "xmlns", sitemapNS)
	for _, u := range list {
		w.start("url")
		w.elem("loc", u.Loc)
		w.optElem("lastmod", u.LastMod)
		w.end("url")
	}
	w.end("urlset")
	return w.bytes()
}

// Robots returns a robots.txt that allows every crawler everywhere and points
// them at sitemapURL.
func Robots(sitemapURL string) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + sitemapURL + "\n")
}

// SitemapLimit is the most URLs one sitemap file may list (sitemaps.org).
const SitemapLimit = 50000

// SitemapIndex writes a sitemaps.org <sitemapindex> listing the sitemap files at locs,
// in the order given. Every loc must be an absolute http(s) URL.
func SitemapIndex(locs []string) ([]byte, error) {
	var errs []error
	for _, l := range locs {
		if !isHTTPURL(l) {
			errs = append(errs, fmt.Errorf("sitemap index: %q is not an absolute http(s) URL", l))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	w := newXMLWriter()
	w.start("sitemapindex", "xmlns", sitemapNS)
	for _, l := range locs {
		w.start("sitemap")
		w.elem("loc", l)
		w.end("sitemap")
	}
	w.end("sitemapindex")
	return w.bytes()
}
