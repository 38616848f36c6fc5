package content

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary front matter and bodies through Load: it must never
// panic, and a failure must be reported as a list of file:line errors.
func FuzzLoad(f *testing.F) {
	f.Add("title: T\ndate: 2026-06-04", "# H\n\ntext[^1]\n\n[^1]: n\n")
	f.Add("title: [", "")
	f.Add("title: T\ndate: 2026-06-04T01:02:03+05:00\ntags: [a, \"\"]\nmodels: [x]\ndraft: yes", "```league\nh2h a\nstandings x\nfoo\n```\n")
	f.Add("- a", "> ```league\n> \n")
	f.Add("title: &a x\nsummary: *a\nslug: x", "| a |\n|---|\n| `b` |\n- [ ] c\n~~d~~ ![e](/f)")
	f.Fuzz(func(t *testing.T, fm, body string) {
		embed := func(kind string, args []string, date string) (string, error) {
			if strings.Contains(args[0], "x") {
				return "", errors.New("unknown " + kind)
			}
			return "<div></div>", nil
		}
		fsys := fstest.MapFS{
			"content/posts/p.md":   file("---\n" + fm + "\n---\n" + body),
			"content/page.md":      file("---\n" + fm + "\n---\n" + body),
			"content/posts/raw.md": file(fm + body),
		}
		for _, opt := range []Options{{}, {Drafts: true, Embed: embed, KnownModels: known, BasePath: "/r/"}} {
			_, _, err := Load(fsys, opt)
			if err != nil && !strings.HasPrefix(err.Error(), "content/") {
				t.Fatalf("error without a file: %v", err)
			}
		}
	})
}
