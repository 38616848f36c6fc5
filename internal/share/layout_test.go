package share

import (
	"strings"
	"testing"
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
