package feed

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestSitemap(t *testing.T) {
	tests := []struct {
		name    string
		in      []SitemapURL
		want    []SitemapURL // read back, in order
		wantErr []string
	}{
		{
			name: "sorted by loc",
			in: []SitemapURL{
				{Loc: siteURL + "standings/", LastMod: "2026-06-05"},
				{Loc: siteURL},
				{Loc: siteURL + "models/a&b/", LastMod: "2026-06-01"},
			},
			want: []SitemapURL{
				{Loc: siteURL},
				{Loc: siteURL + "models/a&b/", LastMod: "2026-06-01"},
				{Loc: siteURL + "standings/", LastMod: "2026-06-05"},
			},
		},
		{
			name: "duplicates merged, latest lastmod wins",
			in: []SitemapURL{
				{Loc: siteURL + "x/", LastMod: "2026-06-01"},
				{Loc: siteURL + "x/", LastMod: "2026-06-03"},
				{Loc: siteURL + "x/"},
			},
			want: []SitemapURL{{Loc: siteURL + "x/", LastMod: "2026-06-03"}},
		},
		{name: "empty", in: nil, want: nil},
		{
			name: "errors reported together",
			in: []SitemapURL{
				{Loc: "/repo/x/"},
				{Loc: siteURL + "y/", LastMod: "2026-6-5"},
				{Loc: siteURL + "z/", LastMod: "2026-06-05T00:00:00Z"},
			},
			wantErr: []string{`"/repo/x/" is not an absolute`, `lastmod "2026-6-5"`, `lastmod "2026-06-05T00:00:00Z"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Sitemap(tt.in)
			if tt.wantErr != nil {
				if err == nil {
					t.Fatalf("no error; wrote\n%s", b)
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not mention %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var d struct {
				XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
				URLs    []struct {
					Loc     string `xml:"loc"`
					LastMod string `xml:"lastmod"`
				} `xml:"url"`
			}
			if err := xml.Unmarshal(b, &d); err != nil {
				t.Fatalf("does not parse back: %v\n%s", err, b)
			}
			if len(d.URLs) != len(tt.want) {
				t.Fatalf("%d urls, want %d:\n%s", len(d.URLs), len(tt.want), b)
			}
			for i, u := range d.URLs {
				if u.Loc != tt.want[i].Loc || u.LastMod != tt.want[i].LastMod {
					t.Errorf("url %d = %+v, want %+v", i, u, tt.want[i])
				}
			}
		})
	}
}

func TestSitemapGolden(t *testing.T) {
	b, err := Sitemap([]SitemapURL{
		{Loc: siteURL + "posts/", LastMod: "2026-06-02"},
		{Loc: siteURL, LastMod: "2026-06-05"},
	})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "sitemap.xml", b)
}

func TestRobots(t *testing.T) {
	got := string(Robots(siteURL + "sitemap.xml"))
	want := "User-agent: *\nAllow: /\n\nSitemap: " + siteURL + "sitemap.xml\n"
	if got != want {
		t.Errorf("Robots = %q, want %q", got, want)
	}
}

func TestSitemapIndex(t *testing.T) {
	b, err := SitemapIndex([]string{"https://e.org/x/sitemaps/1.xml", "https://e.org/x/sitemaps/2.xml"})
	if err != nil {
		t.Fatal(err)
	}
	want := `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://e.org/x/sitemaps/1.xml</loc></sitemap>`
	if got := strings.Join(strings.Fields(string(b)), ""); !strings.Contains(got, strings.Join(strings.Fields(want), "")) {
		t.Errorf("index:\n%s", b)
	}
	if _, err := SitemapIndex([]string{"/sitemaps/1.xml"}); err == nil || err.Error() != `sitemap index: "/sitemaps/1.xml" is not an absolute http(s) URL` {
		t.Errorf("relative loc: err = %v", err)
	}
}
