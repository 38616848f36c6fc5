package config

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/ai-league/ai-league/internal/diag"
)

func load(t *testing.T, src string) (Config, error) {
	t.Helper()
	return Load(fstest.MapFS{"site.yaml": {Data: []byte(src)}}, "site.yaml")
}

func TestLoadDefaults(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"empty file", ""},
		{"comment only", "# nothing yet\n"},
		{"empty mapping", "{}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := load(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(c, Default()) {
				t.Errorf("got %+v, want the defaults %+v", c, Default())
			}
		})
	}
}

func TestLoadFull(t *testing.T) {
	src := `title: AI League
description: Open-weight models, ranked like a football league.
base_url: https://example.github.io/ai-league
language: de
author: The League
cname: league.example.com
feed_limit: 20
h2h_pages: all
h2h_places: 12
max_file_mb: 8
league:
  min_shared: 4
  divisions:
    - {id: small, name: Small, max_params_b: 10}
    - {id: big, name: Big}
feeds:
  - {id: gemma-blog, name: Google Developers Blog, url: "https://developers.googleblog.com/feed", category: release}
  - id: policy
    url: https://www.whitehouse.gov/feed/
    category: policy
    include: [executive order, AI]
    exclude: [crypto]
results_urls: ["https://example.org/results.json"]
`
	c, err := load(t, src)
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		Title:       "AI League",
		Description: "Open-weight models, ranked like a football league.",
		BaseURL:     "https://example.github.io/ai-league/",
		Language:    "de",
		Author:      "The League",
		CNAME:       "league.example.com",
		FeedLimit:   20,
		H2HPages:    H2HAll,
		H2HPlaces:   12,
		MaxFileMB:   8,
		League: League{MinShared: 4, Divisions: []Division{
			{ID: "small", Name: "Small", MaxParamsB: 10},
			{ID: "big", Name: "Big"},
		}},
		Feeds: []Feed{
			{ID: "gemma-blog", Name: "Google Developers Blog", URL: "https://developers.googleblog.com/feed", Category: "release"},
			{ID: "policy", Name: "policy", URL: "https://www.whitehouse.gov/feed/", Category: "policy",
				Include: []string{"executive order", "AI"}, Exclude: []string{"crypto"}},
		},
		ResultsURLs: []string{"https://example.org/results.json"},
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got  %+v\nwant %+v", c, want)
	}
}

func TestLoadDivisions(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []Division
	}{
		{"absent keeps defaults", "league: {min_shared: 2}\n", Default().League.Divisions},
		{"empty list removes them", "league: {divisions: []}\n", []Division{}},
		{"last bounded is allowed", "league:\n  divisions:\n    - {id: a, name: A, max_params_b: 5}\n    - {id: b, name: B, max_params_b: 9.5}\n",
			[]Division{{ID: "a", Name: "A", MaxParamsB: 5}, {ID: "b", Name: "B", MaxParamsB: 9.5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := load(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(c.League.Divisions, tt.want) {
				t.Errorf("got %+v, want %+v", c.League.Divisions, tt.want)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"unknown key", "title: x\n\n\nbase_url: https://e.org/\n\n\ntitel: y\n",
			`site.yaml:7:1: unknown key "titel" (did you mean "title"?)`},
		{"unknown nested key", "league:\n  min_shard: 2\n",
			`site.yaml:2:3: league: unknown key "min_shard" (did you mean "min_shared"?)`},
		{"unknown key far from any", "colour: red\n", `site.yaml:1:1: unknown key "colour"`},
		{"repeated key", "title: a\ntitle: b\n", `site.yaml:2:1: key "title" repeated (first at line 1)`},
		{"relative base_url", "base_url: /ai-league/\n",
			`site.yaml:1:11: base_url must be an absolute http(s) URL like "https://user.github.io/repo/", got "/ai-league/"`},
		{"ftp base_url", "base_url: ftp://example.org/\n",
			`site.yaml:1:11: base_url must be an absolute http(s) URL like "https://user.github.io/repo/", got "ftp://example.org/"`},
		{"base_url with query", "base_url: https://example.org/?a=1\n",
			`site.yaml:1:11: base_url must not have a query or fragment, got "https://example.org/?a=1"`},
		{"cname as URL", "cname: https://league.example.com\n",
			`site.yaml:1:8: cname must be a host name like "league.example.com", not "https://league.example.com"`},
		{"feed_limit zero", "feed_limit: 0\n", `site.yaml:1:13: feed_limit must be at least 1, got 0`},
		{"feed_limit text", "feed_limit: ten\n", `site.yaml:1:13: feed_limit must be a whole number, got "ten"`},
		{"h2h_pages unknown", "h2h_pages: every\n", `site.yaml:1:12: h2h_pages must be one of auto, neighbours, divisions, all, named, got "every"`},
		{"h2h_places zero", "h2h_places: 0\n", `site.yaml:1:13: h2h_places must be at least 1, got 0`},
		{"h2h_places text", "h2h_places: five\n", `site.yaml:1:13: h2h_places must be a whole number, got "five"`},
		{"max_file_mb zero", "max_file_mb: 0\n", `site.yaml:1:14: max_file_mb must be from 1 to 4096 (MiB), got 0`},
		{"max_file_mb huge", "max_file_mb: 5000\n", `site.yaml:1:14: max_file_mb must be from 1 to 4096 (MiB), got 5000`},
		{"max_file_mb text", "max_file_mb: 64MB\n", `site.yaml:1:14: max_file_mb must be a whole number, got "64MB"`},
		{"min_shared zero", "league:\n  min_shared: 0\n", `site.yaml:2:15: min_shared must be at least 1, got 0`},
		{"min_shared float", "league:\n  min_shared: 2.5\n", `site.yaml:2:15: min_shared must be a whole number, got "2.5"`},
		{"league not a mapping", "league: [a]\n", `site.yaml:1:9: league: expected a mapping of keys to values, got a list`},
		{"divisions not a list", "league:\n  divisions: pocket\n", `site.yaml:2:14: divisions must be a list, got "pocket"`},
		{"division duplicate id", "league:\n  divisions:\n    - {id: a, name: A, max_params_b: 5}\n    - {id: a, name: B}\n",
			`site.yaml:4:12: division 2: duplicate id "a" (first at line 3)`},
		{"division bounds not increasing", "league:\n  divisions:\n    - {id: a, name: A, max_params_b: 5}\n    - {id: b, name: B, max_params_b: 5}\n    - {id: c, name: C}\n",
			`site.yaml:4:38: division 2: max_params_b must be above the previous division's 5, got 5`},
		{"division zero bound", "league:\n  divisions:\n    - {id: a, name: A, max_params_b: 0}\n",
			`site.yaml:3:38: division 1: max_params_b must be above 0, got 0`},
		{"division unbounded before last", "league:\n  divisions:\n    - {id: a, name: A}\n    - {id: b, name: B, max_params_b: 5}\n",
			`site.yaml:3:7: division 1: only the last division may omit max_params_b`},
		{"division empty id", "league:\n  divisions:\n    - {id: \"\", name: A, max_params_b: 5}\n    - {id: \"\", name: B}\n",
			"site.yaml:3:7: division 1: missing \"id\"\nsite.yaml:4:7: division 2: missing \"id\""},
		{"division missing name", "league:\n  divisions:\n    - {id: a}\n", `site.yaml:3:7: division 1: missing "name"`},
		{"division reserved id", "league:\n  divisions:\n    - {id: overall, name: All}\n",
			`site.yaml:3:12: division 1: id "overall" is reserved for the table of all models`},
		{"division bad id", "league:\n  divisions:\n    - {id: Big Ones, name: Big}\n",
			`site.yaml:3:12: division 1: id "Big Ones" must be lowercase letters, digits, ".", "-" or "_", starting with a letter or digit`},
		{"division bound text", "league:\n  divisions:\n    - {id: a, name: A, max_params_b: lots}\n",
			`site.yaml:3:38: division 1: max_params_b must be a number, got "lots"`},
		{"feed bad category", "feeds:\n  - {id: a, url: \"https://e.org/feed\", category: relase}\n",
			`site.yaml:2:50: feed 1: unknown category "relase" (did you mean "release"?); use one of release, policy, benchmark, research`},
		{"feed empty id", "feeds:\n  - {id: \"\", url: \"https://e.org/feed\", category: policy}\n",
			`site.yaml:2:5: feed 1: missing "id"`},
		{"feed duplicate id", "feeds:\n  - {id: a, url: \"https://e.org/a\", category: policy}\n  - {id: a, url: \"https://e.org/b\", category: policy}\n",
			`site.yaml:3:10: feed 2: duplicate id "a" (first at line 2)`},
		{"feed non-http url", "feeds:\n  - {id: a, url: \"file:///etc/passwd\", category: policy}\n",
			`site.yaml:2:18: feed 1: "file:///etc/passwd" is not an absolute http(s) URL`},
		{"feed missing url and category", "feeds:\n  - {id: a}\n",
			`site.yaml:2:5: feed 1: missing "url"` + "\n" + `site.yaml:2:5: feed 1: missing "category"`},
		{"feed include not a list", "feeds:\n  - {id: a, url: \"https://e.org/a\", category: policy, include: AI}\n",
			`site.yaml:2:64: feed 1: include must be a list, got "AI"`},
		{"results url", "results_urls: [\"https://e.org/r.json\", \"e.org/r.json\"]\n",
			`site.yaml:1:40: results_urls 2: "e.org/r.json" is not an absolute http(s) URL`},
		{"chart marker", "title: Best __f__ league\n", `site.yaml:1:8: text must not contain "__f__" (it corrupts charts)`},
		{"title a list", "title: [a, b]\n", `site.yaml:1:8: expected text, got a list`},
		{"not a mapping", "- a\n- b\n", `site.yaml:1:1: expected a mapping of keys to values, got a list`},
		{"bad yaml", "title: [a\n", `site.yaml:1:8: close the list with "]", or quote the value`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(t, tt.src)
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestLoadAllErrors checks that one run reports every problem, in file order.
func TestLoadAllErrors(t *testing.T) {
	src := `titel: x
base_url: example.org
feed_limit: 0
league:
  min_shared: -1
feeds:
  - {id: a, url: "https://e.org/a", category: news}
`
	_, err := load(t, src)
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("got %v, want a diag.List", err)
	}
	want := `site.yaml:1:1: unknown key "titel" (did you mean "title"?)
site.yaml:2:11: base_url must be an absolute http(s) URL like "https://user.github.io/repo/", got "example.org"
site.yaml:3:13: feed_limit must be at least 1, got 0
site.yaml:5:15: min_shared must be at least 1, got -1
site.yaml:7:47: feed 1: unknown category "news"; use one of release, policy, benchmark, research`
	if got := err.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(fstest.MapFS{}, "site.yaml")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("got %v, want a not-exist error", err)
	}
	if want := "site.yaml: open site.yaml: file does not exist"; err.Error() != want {
		t.Errorf("got %q, want %q", err, want)
	}
}

func TestBasePath(t *testing.T) {
	tests := []struct{ base, want string }{
		{"", "/"},
		{"https://example.org", "/"},
		{"https://example.org/", "/"},
		{"https://user.github.io/repo/", "/repo/"},
		{"https://user.github.io/a/b", "/a/b/"},
		{"https://e.org/%zz", "/"}, // not a URL (a -base-url flag is not checked by Load)
		{"a/b", "/a/b/"},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			if got := (Config{BaseURL: tt.base}).BasePath(); got != tt.want {
				t.Errorf("BasePath() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLoadLimits checks the smallest and largest numbers each setting accepts.
func TestLoadLimits(t *testing.T) {
	for _, mb := range []int{1, 4096} {
		c, err := load(t, fmt.Sprintf("feed_limit: 1\nh2h_places: 1\nmax_file_mb: %d\nleague:\n  min_shared: 1\n", mb))
		if err != nil {
			t.Fatalf("max_file_mb %d: %v", mb, err)
		}
		if c.FeedLimit != 1 || c.H2HPlaces != 1 || c.MaxFileMB != mb || c.League.MinShared != 1 {
			t.Errorf("feed_limit %d, h2h_places %d, max_file_mb %d, min_shared %d; want 1, 1, %d, 1",
				c.FeedLimit, c.H2HPlaces, c.MaxFileMB, c.League.MinShared, mb)
		}
	}
}

// TestLoadByteOrderMark checks that site.yaml may start with a UTF-8 byte-order mark.
func TestLoadByteOrderMark(t *testing.T) {
	c, err := load(t, "\ufefftitle: T\nfeed_limit: 5\n")
	if err != nil || c.Title != "T" || c.FeedLimit != 5 {
		t.Fatalf("got %+v, %v", c, err)
	}
}
