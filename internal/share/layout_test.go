package share

import (
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/opentype"
)

// headerGaps returns the widest run of header-green columns right of the site's name
// start (x = margin+48) on a drawn card, with where it starts: the gap between the
// site's name and the kicker.
func headerGap(t *testing.T, c Card) (gap, at int) {
	t.Helper()
	img := c.Draw()
	g := idx(green)
	blank := func(x int) bool {
		for y := 0; y < headerH; y++ {
			if img.ColorIndexAt(x, y) != g {
				return false
			}
		}
		return true
	}
	run := 0
	for x := margin + 48; x < Width; x++ {
		if blank(x) {
			run++
			continue
		}
		if run > gap {
			gap, at = run, x-run
		}
		run = 0
	}
	return gap, at
}

// TestSiteNameLeavesRoomForTheKicker: a site name too long for the header is cut so
// that at least 40 px of the band stay clear before the kicker (the name gets
// innerW−48−kicker−40 px from x = margin+48, the kicker ends margin from the right
// edge), and not much further from it (a cut leaves less than a glyph).
func TestSiteNameLeavesRoomForTheKicker(t *testing.T) {
	long := strings.Repeat("Wm", 60) // no spaces: cut glyph by glyph
	for _, kicker := range []string{"Head-to-head", "Standings", "Commentary"} {
		gap, at := headerGap(t, Card{Site: long, Kicker: kicker, Title: "x"})
		if gap < 40 || gap > 40+40 {
			t.Errorf("kicker %q: %d px clear between the site's name and the kicker (from x=%d), want 40 to 80", kicker, gap, at)
		}
	}
	// A short name leaves the gap wide.
	if gap, _ := headerGap(t, Card{Site: "AI League", Kicker: "Standings", Title: "x"}); gap < 300 {
		t.Errorf("a short name: %d px clear, want the rest of the band", gap)
	}
}

// footerSpans returns the first and last drawn columns of the footer band and the
// widest run of blank columns between them.
func footerSpans(t *testing.T, c Card) (first, last, gap, at int) {
	t.Helper()
	img := c.Draw()
	n := idx(night)
	blank := func(x int) bool {
		for y := footerTop; y < Height; y++ {
			if img.ColorIndexAt(x, y) != n {
				return false
			}
		}
		return true
	}
	first, last = -1, -1
	run := 0
	for x := 0; x < Width; x++ {
		if blank(x) {
			run++
			continue
		}
		if first < 0 {
			first = x
		} else if run > gap {
			gap, at = run, x-run
		}
		last, run = x, 0
	}
	return first, last, gap, at
}

// TestFooterLeavesRoomForTheHost: the host takes at most half the inner width, from
// the right margin (so it starts at x ≥ 1200−64−536 = 600), and a long footer is cut
// 40 px before it.
func TestFooterLeavesRoomForTheHost(t *testing.T) {
	long := strings.Repeat("Wm", 60)
	first, last, gap, at := footerSpans(t, Card{Footer: long, Host: long, Title: "x"})
	if first < margin || first > margin+4 || last > Width-margin || last < Width-margin-4 {
		t.Errorf("footer drawn from x=%d to %d, want from about %d to about %d", first, last, margin, Width-margin)
	}
	if host := at + gap; host < Width-margin-innerW/2 || host > Width-margin-innerW/2+40 {
		t.Errorf("the host starts at x=%d, want %d to %d", host, Width-margin-innerW/2, Width-margin-innerW/2+40)
	}
	if gap < 40 || gap > 40+40 {
		t.Errorf("%d px clear between the footer and the host (from x=%d), want 40 to 80", gap, at)
	}
}

// rowBars returns the top and bottom (exclusive) of each gold rank box of a table
// card, read down the column x = margin+4.
func rowBars(img interface{ ColorIndexAt(x, y int) uint8 }) [][2]int {
	g := idx(gold)
	var bars [][2]int
	for y := bodyTop; y < footerTop; y++ {
		if img.ColorIndexAt(margin+4, y) != g {
			continue
		}
		if n := len(bars); n > 0 && bars[n-1][1] == y {
			bars[n-1][1]++
		} else {
			bars = append(bars, [2]int{y, y + 1})
		}
	}
	return bars
}

// TestRowsFitAboveTheFooter: a table card draws as many 58 px rows, 8 px apart, as
// fit under its headline with 22 px to spare above the footer, and no more.
func TestRowsFitAboveTheFooter(t *testing.T) {
	var rows []Row
	for i := range 12 {
		rows = append(rows, Row{Rank: strings.Repeat("1", i%3+1), Name: "Model", Detail: "Club", Value: "3 pts"})
	}
	for _, c := range []Card{
		{Rows: rows},
		{Title: "One line", Rows: rows},
		{Title: "One line", Sub: "A sub line", Rows: rows},
		{Title: strings.Repeat("Two lines of a headline ", 4), Rows: rows},
		{Title: strings.Repeat("Two lines of a headline ", 4), Sub: "A sub line", Rows: rows},
		{Sub: "A sub line", Rows: rows},
	} {
		bars := rowBars(c.Draw())
		if len(bars) == 0 {
			t.Errorf("title %q, sub %q: no rows drawn", c.Title, c.Sub)
			continue
		}
		for i, b := range bars {
			if b[1]-b[0] != 58 || (i > 0 && b[0]-bars[i-1][1] != 8) {
				t.Errorf("title %q, sub %q: row %d at %v, want 58 px high, 8 px under the one before", c.Title, c.Sub, i, b)
			}
		}
		last := bars[len(bars)-1][1]
		if last > footerTop-22 || last+8+58 <= footerTop-22 {
			t.Errorf("title %q, sub %q: %d rows, the last ending at y=%d; want it at most %d, with no room for one more",
				c.Title, c.Sub, len(bars), last, footerTop-22)
		}
	}
}

// TestRowsUnderTheSubLine: a table card's rows start 12 px under its headline block;
// without a headline or sub line that block ends 26 px under the rule (bodyTop+26),
// and a sub line adds its height (the medium face's ascent and descent at 26 px,
// whole pixels rounded up, read here from x/image/font) and 8 px.
func TestRowsUnderTheSubLine(t *testing.T) {
	tf, err := opentype.Parse(gomedium.TTF)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := opentype.NewFace(tf, &opentype.FaceOptions{Size: 26, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	m := ref.Metrics()
	subH := m.Ascent.Ceil() + m.Descent.Ceil()
	rows := []Row{{Rank: "1", Name: "Model", Detail: "Club", Value: "3 pts"}}
	for _, tc := range []struct {
		c    Card
		want int
	}{
		{Card{Rows: rows}, bodyTop + 26 + 12},
		{Card{Sub: "A sub line", Rows: rows}, bodyTop + 26 + subH + 8 + 12},
	} {
		bars := rowBars(tc.c.Draw())
		if len(bars) != 1 || bars[0][0] != tc.want {
			t.Errorf("sub %q: rows at %v, want one starting at y=%d", tc.c.Sub, bars, tc.want)
		}
	}
}
