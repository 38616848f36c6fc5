package content

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// linkifyPair are two goldmark instances that differ only in linkify: goldmark's
// own Linkify and quickLinkify, with the other GFM extensions and typographer
// around them as the site has them.
func linkifyPair() (want, got goldmark.Markdown) {
	with := func(linkify goldmark.Extender) goldmark.Markdown {
		return goldmark.New(goldmark.WithExtensions(linkify, extension.Table, extension.Strikethrough,
			extension.TaskList, extension.Footnote, extension.Typographer))
	}
	return with(extension.Linkify), with(quickLinkify{})
}

// sameHTML fails the test when got's HTML of src differs from want's (quickLinkify's
// from Linkify's, the site's writers' from goldmark's).
func sameHTML(t *testing.T, want, got goldmark.Markdown, name string, src []byte) {
	t.Helper()
	var w, g bytes.Buffer
	if err := want.Convert(src, &w); err != nil {
		t.Fatal(err)
	}
	if err := got.Convert(src, &g); err != nil {
		t.Fatal(err)
	}
	if w.String() != g.String() {
		t.Errorf("%s: %q\n got %s\nwant %s", name, src, g.String(), w.String())
	}
}

// TestQuickLinkifyCases compares quickLinkify with goldmark's Linkify on
// addresses at every kind of place: after a space, "*", "_", "~", "(", at a line's
// start, inside links and code, emails with the "@" at the 64th and 65th byte, and
// near misses.
func TestQuickLinkifyCases(t *testing.T) {
	want, got := linkifyPair()
	local64 := strings.Repeat("a", 64)
	cases := []string{
		"see https://example.com/x?y=1. and http://a.b:80/p_(q) or ftp://files.example.org/a.",
		"www.example.com at the start\nwww.example.org/path, at a line start",
		"*www.example.com* _https://a.example_ ~ftp://x.example~ (www.x.example) (mail me@example.com)",
		"mail a.b+c@example.co.uk, x@y (no dot) and me@example.com. and me@example-.com_",
		local64 + "@example.com and " + local64 + "a@example.com",
		strings.Repeat("b", 63) + "@x.example " + strings.Repeat("c", 65) + "@x.example",
		"[a link www.example.com](https://e.example) and `code www.example.com` and <https://x.example>",
		"HTTP://UPPER.example Www.example.com https:/one-slash www.example ftp:x",
		"trailing punctuation https://example.com/a). https://example.com/a?! https://x.example/&amp;",
		"@ alone, a@, @b.example, a@b.example@c.example, é@example.com, a\t@b.example",
		"tabs\twww.example.com\tand\thttps://x.example\n\n> quoted www.example.com\n\n- item https://x.example",
		"| table | www.example.com |\n|---|---|\n| me@example.com | x |",
		"",
		"www.",
		"*",
		"a me@x.example b you@y.example c, then www.z.example and her@w.example",
		"-\tlist me@example.com\n\n\tmore www.example.com and\tyou@example.com\n",
		">\tquoted me@example.com\n>\t\tdeeper you@example.com https://x.example",
		"- a\n\n\t\tcode-ish me@example.com\n\n  \tpara you@example.com",
		"1.\tnumbered\n\n\t* inner me@example.com www.example.com\n",
	}
	for i, c := range cases {
		sameHTML(t, want, got, "case "+string(rune('a'+i)), []byte(c))
	}
}

// TestNextAt: where the first "@" at or after a position is, worked out by hand,
// whether the lookups go forward, back, or to another document.
func TestNextAt(t *testing.T) {
	pc := parser.NewContext()
	src := []byte("a@b c @d")
	for _, c := range []struct{ pos, want int }{
		{0, 1}, {1, 1}, {2, 6}, {5, 6}, {6, 6}, {7, 8}, {8, 8}, {0, 1}, {3, 6},
	} {
		if got := nextAt(pc, src, c.pos); got != c.want {
			t.Errorf("nextAt(%d) = %d, want %d", c.pos, got, c.want)
		}
	}
	// Another document of the same length, its "@" where the first had none.
	if got := nextAt(pc, []byte("ab@cd e@"), 4); got != 7 {
		t.Errorf("nextAt in a document of the same length = %d, want 7", got)
	}
	other := []byte("xy@")
	if got := nextAt(pc, other, 0); got != 2 {
		t.Errorf("nextAt in another document = %d, want 2", got)
	}
	same := []byte("a@b c @d")[:] // same length, another array
	if got := nextAt(pc, same, 2); got != 6 {
		t.Errorf("nextAt in a third document = %d, want 6", got)
	}
	none := []byte("no at sign")
	if got := nextAt(parser.NewContext(), none, 3); got != len(none) {
		t.Errorf("nextAt without an at sign = %d, want %d", got, len(none))
	}
}

// TestQuickLinkifyRandom compares both on random text made of pieces of
// addresses, spaces and markup.
func TestQuickLinkifyRandom(t *testing.T) {
	want, got := linkifyPair()
	rng := rand.New(rand.NewSource(13))
	pieces := []string{" ", "\n", "*", "_", "~", "(", ")", "@", ".", "www.", "http://", "https:", "ftp://", "example",
		"com", "a", "-", "/", "?", "!", ",", "[", "]", "`", "<", ">", "&", "é", "\t", "me", "x.y", strings.Repeat("z", 30)}
	n := 2000
	if testing.Short() {
		n = 200
	}
	for i := 0; i < n; i++ {
		var b strings.Builder
		for k := rng.Intn(40); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		sameHTML(t, want, got, "random", []byte(b.String()))
	}
}

// TestQuickLinkifyFiles compares both on every markdown file of the repository
// (content/, testdata/).
func TestQuickLinkifyFiles(t *testing.T) {
	want, got := linkifyPair()
	files := eachRepoMarkdown(t, func(p string, src []byte) {
		sameHTML(t, want, got, p, src)
	})
	if files == 0 {
		t.Error("no markdown file found")
	}
}
