package share

import (
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// hasRune agrees with the Go font's own character map on the first 384 runes, the
// controls it lacks among them, and on both sides of the table kept for runes below 256.
func TestHasRuneAgreesWithTheFont(t *testing.T) {
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	lacks := 0
	for r := rune(0); r < 384; r++ {
		g, err := f.GlyphIndex(&buf, r)
		want := err == nil && g != 0
		if !want && r < 256 {
			lacks++
		}
		if got := hasRune(r); got != want {
			t.Errorf("hasRune(%U) = %v, the font's map says %v", r, got, want)
		}
	}
	if lacks == 0 {
		t.Error("the font draws every rune below 256: the test checks nothing missing")
	}
	for _, r := range []rune{'A', 'é', 'ÿ', 'Ā', '€'} {
		if !hasRune(r) {
			t.Errorf("hasRune(%q) = false", r)
		}
	}
	if hasRune(0x7f) || hasRune(0x9f) {
		t.Error("hasRune says the font draws DEL or a C1 control")
	}
}

// text returns the width it drew: the advances (and kerning, which the Go fonts do not
// have) measured by x/image/font on a face of its own, wherever the text starts.
func TestTextWidth(t *testing.T) {
	tf, err := opentype.Parse(gobold.TTF)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := opentype.NewFace(tf, &opentype.FaceOptions{Size: 30, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	cv := newCanvas()
	f := cv.face(bold, 30)
	for _, s := range []string{"A", "AV", "To", "Wa", "LT Yo", "Premier AVATAR"} {
		want := font.MeasureString(ref, s)
		for _, x := range []int{0, 37, 600} {
			if got := cv.text(f, s, x, 300, white); got != want.Ceil() {
				t.Errorf("text(%q) at x=%d: width %d, want %d", s, x, got, want.Ceil())
			}
		}
	}
}

// fit keeps the first size at which the text fits, a text exactly as wide as the room
// included.
func TestFitExactWidth(t *testing.T) {
	cv := newCanvas()
	for _, s := range []string{"Premier", "North Lab's Alpha 7B"} {
		big := cv.face(bold, 40)
		w := width(big, s)
		if f, got := cv.fit(bold, s, w, 40, 30); f != big || got != s {
			t.Errorf("fit(%q, %d): height %d, %q; want the size 40 face, the text", s, w, f.height, got)
		}
		if f, got := cv.fit(bold, s, w-1, 40, 30); f != cv.face(bold, 30) || got != s {
			t.Errorf("fit(%q, %d): height %d, %q; want the size 30 face, the text", s, w-1, f.height, got)
		}
	}
}

// cut against its rule, measured by x/image/font: the longest head of whole words
// (trailing spaces and punctuation dropped) that fits with "…" when it keeps at least
// 60 % of the room, else the longest head of characters that fits with "…".
func TestCutAgainstItsRule(t *testing.T) {
	tf, err := opentype.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := opentype.NewFace(tf, &opentype.FaceOptions{Size: 28, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	widths := map[string]int{}
	measure := func(s string) int {
		w, ok := widths[s]
		if !ok {
			w = font.MeasureString(ref, s).Ceil()
			widths[s] = w
		}
		return w
	}
	trim := func(r []rune) []rune {
		for len(r) > 0 && strings.ContainsRune(" ,.;:–-·", r[len(r)-1]) {
			r = r[:len(r)-1]
		}
		return r
	}
	exact := 0 // cases where the words kept are exactly 60 % of the room
	want := func(s string, maxW int) string {
		if measure(s) <= maxW {
			return s
		}
		runes := []rune(s)
		for n := len(runes) - 1; n > 0; n-- {
			if runes[n] != ' ' {
				continue
			}
			if h := trim(runes[:n]); len(h) > 0 && measure(string(h)+"…") <= maxW {
				if measure(string(h)+"…")*10 == maxW*6 {
					exact++
				}
				if measure(string(h)+"…")*10 >= maxW*6 {
					return string(h) + "…"
				}
				break
			}
		}
		for n := len(runes) - 1; n > 0; n-- {
			if h := trim(runes[:n]); len(h) > 0 && measure(string(h)+"…") <= maxW {
				return string(h) + "…"
			}
		}
		return "…"
	}
	f := faceOf(regular, 28)
	texts := []string{"North Lab's Alpha 7B tops the table", "Supercalifragilistic expialidocious", "a, b; c: d – e", "Wide", "x"}
	for _, a := range []string{"a", "be", "cat", "dove", "eagle", "falcon"} {
		for _, b := range []string{"in", "owl", "wren", "heron", "pelican", "flamingos"} {
			texts = append(texts, a+" "+b+" and more words after them")
		}
	}
	for _, s := range texts {
		for maxW := 0; maxW <= measure(s)+2; maxW++ {
			if got, w := cut(f, s, maxW), want(s, maxW); got != w {
				t.Fatalf("cut(%q, %d) = %q, want %q", s, maxW, got, w)
			}
		}
	}
	if exact == 0 {
		t.Error("no case keeps exactly 60 % of the room")
	}
}
