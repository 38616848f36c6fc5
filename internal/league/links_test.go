package league

import (
	"fmt"
	"strings"
	"testing"
)

// linkCases are the URLs every URL field is checked with: the ones a page may
// link to (absolute http or https with a host) and the ones it must not.
var linkCases = []struct {
	url string
	ok  bool
}{
	{"https://e.org/x", true},
	{"http://e.org", true},
	{"HTTPS://E.ORG/", true}, // schemes are case-insensitive
	{"https://e.org:8443/a?b=c#d", true},
	{"javascript:alert(1)", false},
	{"javascript://x/%0Aalert(1)", false}, // has a host, but not http(s)
	{"ftp://e.org/", false},
	{"data:text/html,x", false},
	{"mailto:a@e.org", false},
	{"//e.org/x", false}, // no scheme
	{"e.org", false},
	{"/about/", false},
	{"https://", false},          // no host
	{"https:///x", false},        // no host
	{"https://e.org/%zz", false}, // does not parse
	{" https://e.org/", false},   // does not parse
}

// TestLinkFields checks every URL field of data/ with every link case: what is
// accepted, and the exact message, at the value's line and column, for the rest.
func TestLinkFields(t *testing.T) {
	fields := []struct {
		name string
		file string
		// line is the file's content around the URL, given as JSON-safe text.
		text func(u string) string
		// want is the message for a rejected URL at line:col.
		want func(u string, line, col int) string
	}{
		{"club homepage", ClubsFile,
			func(u string) string { return testClubs + fmt.Sprintf("- {id: x, name: X, homepage: %q}\n", u) },
			func(u string, line, col int) string {
				return fmt.Sprintf("data/clubs.yaml:%d:%d: club 3: %q is not an absolute http(s) URL", line, col, u)
			}},
		{"model source", ModelsFile,
			func(u string) string {
				return testModels + fmt.Sprintf("- {id: x, name: X, club: google, source: %q}\n", u)
			},
			func(u string, line, col int) string {
				return fmt.Sprintf("data/models.yaml:%d:%d: model 3: %q is not an absolute http(s) URL", line, col, u)
			}},
		{"benchmark url", BenchmarksFile,
			func(u string) string {
				return testBenchmarks + fmt.Sprintf("- {id: x, name: X, higher_is_better: true, url: %q}\n", u)
			},
			func(u string, line, col int) string {
				return fmt.Sprintf("data/benchmarks.yaml:%d:%d: benchmark 5: %q is not an absolute http(s) URL", line, col, u)
			}},
		{"result source", "data/results/x.json",
			func(u string) string {
				return fmt.Sprintf(`[{"model": "qwen3.5-9b", "benchmark": "ifeval", "score": 1, "date": "2026-03-02", "source": %q}]`, u)
			},
			func(u string, line, col int) string {
				return fmt.Sprintf("data/results/x.json:%d:%d: result 1: source %q is not an absolute http(s) URL", line, col, u)
			}},
		{"result source url", "data/results/x.json",
			func(u string) string {
				return fmt.Sprintf(`[{"model": "qwen3.5-9b", "benchmark": "ifeval", "score": 1, "date": "2026-03-02", "source": {"name": "n", "url": %q}}]`, u)
			},
			func(u string, line, col int) string {
				return fmt.Sprintf("data/results/x.json:%d:%d: result 1: source: url %q is not an absolute http(s) URL", line, col, u)
			}},
		{"file source", "data/results/x.json",
			func(u string) string {
				return fmt.Sprintf(`{"source": %q, "date": "2026-03-02", "results": [{"model": "qwen3.5-9b", "benchmark": "ifeval", "score": 1}]}`, u)
			},
			func(u string, line, col int) string {
				return fmt.Sprintf("data/results/x.json:%d:%d: source %q is not an absolute http(s) URL", line, col, u)
			}},
		{"file source url", "data/results/x.json",
			func(u string) string {
				return fmt.Sprintf(`{"source": {"url": %q}, "date": "2026-03-02", "results": [{"model": "qwen3.5-9b", "benchmark": "ifeval", "score": 1}]}`, u)
			},
			func(u string, line, col int) string {
				return fmt.Sprintf("data/results/x.json:%d:%d: source: url %q is not an absolute http(s) URL", line, col, u)
			}},
	}
	for _, f := range fields {
		for _, c := range linkCases {
			t.Run(f.name+"/"+c.url, func(t *testing.T) {
				text := f.text(c.url)
				d, err := Load(site(map[string]string{f.file: text}))
				if c.ok {
					if err != nil {
						t.Fatalf("rejected: %v", err)
					}
					if got := linkOf(d, f.name); got != c.url {
						t.Errorf("loaded %q, want %q", got, c.url)
					}
					return
				}
				// The value starts at its opening quote on the last line.
				lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
				last := lines[len(lines)-1]
				quoted := fmt.Sprintf("%q", c.url)
				col := len([]rune(last[:strings.LastIndex(last, quoted)])) + 1
				if want := f.want(c.url, len(lines), col); err == nil || err.Error() != want {
					t.Errorf("error = %v\nwant    %s", err, want)
				}
			})
		}
	}
}

// linkOf returns the URL a field test put into the data.
func linkOf(d *Data, field string) string {
	switch field {
	case "club homepage":
		return d.Clubs[len(d.Clubs)-1].Homepage
	case "model source":
		return d.Models[len(d.Models)-1].Source
	case "benchmark url":
		return d.Benchmarks[len(d.Benchmarks)-1].URL
	}
	if len(d.Results) != 1 {
		return fmt.Sprintf("%d results", len(d.Results))
	}
	return d.Results[0].Source.URL
}
