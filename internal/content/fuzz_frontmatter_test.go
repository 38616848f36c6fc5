package content

import (
	"strings"
	"testing"
	"time"

	"github.com/ai-league/ai-league/internal/diag"
	"github.com/ai-league/ai-league/internal/yamlnode"
)

// FuzzFrontMatter reads arbitrary text as a post's front matter: it must never
// panic, every problem must name the file, and what is accepted must be sound —
// a date of four-digit years, a slug and tags that fit in a URL.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: T\ndate: 2026-06-04\nslug: a-b\ntags: [x, Y z]\nmodels: [m]\ndraft: false\n---\nbody",
		"\ufeff---\ntitle: Gemma 4: the review\n---\n",
		"---\ntitle: T\ndate: 9999-12-31T23:59:59-23:59\n---\n",
		"---\ntitle: T\ndate: 0001-01-01\n---\n",
		"---\n\ttitle: 'it's'\n---\n",
		"---\ntitle: [a\nsummary: \"b\\q\"\n---\n",
		"---\r\ntitle: T\r\ndate: 2026-06-04T09:30:00Z\r\n---\r\n",
	} {
		f.Add(s)
	}
	known := map[string]bool{"m": true}
	f.Fuzz(func(t *testing.T, src string) {
		var errs diag.List
		fm, _, _ := splitFrontMatter("p.md", []byte(src), &errs)
		if fm == nil {
			if len(errs) == 0 {
				t.Fatal("no front matter and no error")
			}
			return
		}
		m := decodeFrontMatter("p.md", fm, postKeys, known, &errs)
		for _, e := range errs {
			if e.File != "p.md" || e.Msg == "" {
				t.Fatalf("error without its file or text: %+v", e)
			}
		}
		if m.date != "" {
			d, err := time.Parse(time.DateOnly, m.date)
			if err != nil || !yamlnode.InYearRange(d) {
				t.Fatalf("accepted date %q", m.date)
			}
			if !strings.HasPrefix(m.time, m.date) {
				t.Fatalf("time %q is not on date %q", m.time, m.date)
			}
		}
		if m.slug != "" && (len(m.slug) > yamlnode.MaxIDLen || !slugRE.MatchString(m.slug)) {
			t.Fatalf("accepted slug %q", m.slug)
		}
		for _, tag := range m.tags {
			if len(tag) > yamlnode.MaxIDLen || !slugRE.MatchString(tag) {
				t.Fatalf("accepted tag %q", tag)
			}
		}
		for _, id := range m.models {
			if !known[id] {
				t.Fatalf("accepted unknown model %q", id)
			}
		}
	})
}

// FuzzLeagueBlock feeds arbitrary lines to the ```league directive parser: it must
// never panic, must report each bad line at a line of the post, and must pass on
// only well-formed directives.
func FuzzLeagueBlock(f *testing.F) {
	for _, s := range []string{
		"standings laptop",
		"h2h gemma-4-12b qwen3.5-9b\nstandings overall",
		"",
		"  \n\t\nfoo bar\nh2h a",
		"standings\x00",
		"h2h a a\n```\nstandings x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, block string) {
		src := "---\ntitle: T\ndate: 2026-06-04\n---\nIntro\n\n```league\n" + block + "\n```\n"
		lines := strings.Count(src, "\n") + 1
		embed := func(kind string, args []string, date string) (string, error) {
			spec, ok := directiveArgs[kind]
			if !ok || len(args) != spec.n {
				t.Fatalf("directive %q %q passed on", kind, args)
			}
			for _, a := range args {
				if a == "" || strings.ContainsAny(a, " \t\n") {
					t.Fatalf("argument %q passed on", a)
				}
			}
			if date != "2026-06-04" {
				t.Fatalf("date %q, want the post's", date)
			}
			return "<div></div>", nil
		}
		var errs diag.List
		readPost(nil, "content/posts/p.md", []byte(src), Options{Embed: embed}, "/", &errs)
		for _, e := range errs {
			if e.File != "content/posts/p.md" || e.Line < 1 || e.Line > lines {
				t.Fatalf("error at a place outside the post: %+v (post of %d lines)", e, lines)
			}
		}
	})
}
