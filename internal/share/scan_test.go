package share

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

// replay decodes tokens that follow data[:start], failing on a match that reaches
// before lo, is not 3 to 258 bytes long, or more than maxDist back.
func replay(t *testing.T, data []byte, start, lo int, toks []uint32) []byte {
	t.Helper()
	out := slices.Clone(data[:start])
	for _, tok := range toks {
		if tok&matchFlag == 0 {
			out = append(out, byte(tok))
			continue
		}
		l, d := int(tok>>16&0x7fff)+3, int(tok&0xffff)+1
		if l < minMatch || l > maxMatch || d > maxDist || len(out)-d < lo {
			t.Fatalf("match of %d bytes at distance %d from %d (lowest allowed %d)", l, d, len(out), lo)
		}
		for range l {
			out = append(out, out[len(out)-d])
		}
	}
	return out[start:]
}

// TestEqLen: eqLen counts the bytes that agree, up to the limit, for every length
// up to 40 and a difference at every place (compared with a byte-by-byte count).
func TestEqLen(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for lim := range 41 {
		for diff := 0; diff <= lim; diff++ {
			data := make([]byte, 100)
			for i := range 50 {
				data[i] = byte(r.IntN(256))
			}
			copy(data[50:], data[10:10+lim])
			if diff < lim {
				data[50+diff] ^= byte(1 + r.IntN(255))
			}
			if got := eqLen(data, 50, 10, lim); got != diff {
				t.Fatalf("lim %d, first difference at %d: eqLen %d", lim, diff, got)
			}
		}
	}
}

// TestScanDecodes: scan's tokens decode to the rows they code, never reach before
// the row above the span nor past its end, whatever the hints say (right, wrong,
// pointing before the span or out of the row), on random rows of a few colours with
// repeated stretches, as text rows have.
func TestScanDecodes(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 7))
	const row = Width + 1
	for n := range 300 {
		rows := 2 + r.IntN(4)
		data := make([]byte, rows*row)
		for i := range data {
			switch {
			case i%row == 0:
				data[i] = 0 // filter byte
			case r.IntN(4) == 0:
				data[i] = byte(r.IntN(3))
			case i >= row && r.IntN(2) == 0:
				data[i] = data[i-row]
			case i%row > 40 && r.IntN(3) == 0:
				data[i] = data[i-37]
			default:
				data[i] = data[i-1]
			}
		}
		var segs []hintSeg
		for x := 0; x < Width; x += 1 + r.IntN(60) {
			w := 1 + r.IntN(30)
			segs = append(segs, hintSeg{int32(x), int32(x + w), int32(1 + r.IntN(x+row))})
		}
		start := row * (1 + r.IntN(rows-1))
		end := len(data) - r.IntN(20)*(n%2) // spans end at a row's end; the data may end early
		lo := start - row
		var d deflater
		clear(d.head[:])
		i := start
		for i < end {
			y := i / row
			i = d.scan(data[:end], i, min((y+1)*row, end), row, lo, segs)
		}
		if got := replay(t, data, start, lo, d.tokens); !bytes.Equal(got, data[start:end]) {
			t.Fatalf("case %d: the tokens decode to other bytes", n)
		}
	}
}

// TestScanTakesTheRepeat: a row of random bytes that holds 20 of its bytes again
// 300 bytes on is coded there with one match of 20 bytes at distance 300: with a
// hint for that stretch even when the hash chains are emptied right before, and
// through the hash chains without a hint; with neither, with a literal.
func TestScanTakesTheRepeat(t *testing.T) {
	const row = Width + 1
	r := rand.New(rand.NewPCG(2, 2))
	data := make([]byte, 2*row)
	for i := range data {
		data[i] = byte(r.IntN(256))
	}
	data[row] = 0
	copy(data[row+301:row+321], data[row+1:row+21])
	for _, tc := range []struct {
		hint, chains bool
		want         uint32
	}{
		{true, false, matchToken(20, 300)},
		{false, true, matchToken(20, 300)},
		{false, false, uint32(data[row+301])},
	} {
		var segs []hintSeg
		if tc.hint {
			segs = []hintSeg{{300, 320, 300}}
		}
		var d deflater
		if i := d.scan(data, row, row+301, row, 0, segs); i != row+301 {
			t.Fatalf("random bytes: scan stopped at %d, want %d", i, row+301)
		}
		if !tc.chains {
			clear(d.head[:])
		}
		d.tokens = d.tokens[:0]
		d.scan(data, row+301, row+302, row, 0, segs)
		if d.tokens[0] != tc.want {
			t.Errorf("hint %v, chains %v: token %x, want %x", tc.hint, tc.chains, d.tokens[0], tc.want)
		}
	}
}

// TestRepeatsOfACard: the canvas notes a glyph drawn again in the same ink at the
// same height, in one text call or another, and nothing else; the hints file them by
// row in order of x, and the span's key changes with them.
func TestRepeatsOfACard(t *testing.T) {
	cv := newCanvas()
	cv.clear()
	f := cv.face(bold, 40)
	cv.text(f, "abab", 100, 300, white) // two repeats: the second a and b
	cv.text(f, "a", 500, 300, white)    // a again, another call: 1 more
	cv.text(f, "a", 600, 300, gold)     // another ink: none
	cv.text(f, "a", 700, 301, white)    // another height: none
	ga := f.glyph('a', 0, 0)
	gb := f.glyph('b', 0, 0)
	wa, wb := ga.adv.Round(), gb.adv.Round()
	xa := 100 + ga.off.X
	xb := 100 + wa + gb.off.X
	want := []repeat{
		{int32(xa + wa + wb), int32(xa + wa + wb + ga.w), int32(300 + ga.off.Y), int32(300 + ga.off.Y + ga.h), int32(wa + wb)},
		{int32(xb + wa + wb), int32(xb + wa + wb + gb.w), int32(300 + gb.off.Y), int32(300 + gb.off.Y + gb.h), int32(wa + wb)},
		{int32(500 + ga.off.X), int32(500 + ga.off.X + ga.w), int32(300 + ga.off.Y), int32(300 + ga.off.Y + ga.h), int32(500 + ga.off.X - (xa + wa + wb))},
	}
	if !slices.Equal(cv.repeats, want) {
		t.Fatalf("repeats %v, want %v", cv.repeats, want)
	}
	spans := cv.spans()
	y := 300 + ga.off.Y // a row of the a's box (the b's box starts higher or lower)
	segs := cv.hints.row(y)
	var wantSegs []hintSeg
	for _, rp := range []repeat{want[0], want[1], want[2]} {
		if rp.y0 <= int32(y) && int32(y) < rp.y1 {
			wantSegs = append(wantSegs, hintSeg{rp.x0, rp.x1, rp.dist})
		}
	}
	slices.SortFunc(wantSegs, func(a, b hintSeg) int { return int(a.x0 - b.x0) })
	if !slices.Equal(segs, wantSegs) {
		t.Errorf("row %d: segments %v, want %v", y, segs, wantSegs)
	}
	// The hints enter the key of the span: the same ops with other hints give
	// another key.
	const row = Width + 1
	i := slices.IndexFunc(spans, func(sp span) bool { return sp.start <= y*row && y*row < sp.end })
	sp := spans[i]
	if again := cv.shared(sp.start/row, sp.end/row); again != sp {
		t.Fatalf("the span of row %d made again: %v, want %v", y, again, sp)
	}
	cv.hints.sig[cv.hints.band[y]] ^= 1
	if other := cv.shared(sp.start/row, sp.end/row); other.sig == sp.sig {
		t.Error("the key of a span does not depend on its hints")
	}
	// A new card forgets the last one's glyphs.
	cv.clear()
	cv.text(f, "a", 100, 300, white)
	if len(cv.repeats) != 0 {
		t.Errorf("after clear: repeats %v, want none", cv.repeats)
	}
}

// TestHintsByRow: on every sample card and a crafted drawing, the segments of each
// row are the repeats that cover it, in order of x0 (stable: in drawing order where
// x0 ties), worked out row by row from the list of repeats.
func TestHintsByRow(t *testing.T) {
	draws := map[string]func(*canvas){"crafted": crafted}
	for _, name := range sampleNames() {
		draws[name] = samples[name].drawOn
	}
	for name, draw := range draws {
		cv := newCanvas()
		draw(cv)
		cv.spans()
		if len(cv.repeats) == 0 {
			t.Fatalf("%s: no repeats", name)
		}
		for y := range Height {
			var want []hintSeg
			for _, r := range cv.repeats {
				if r.y0 <= int32(y) && int32(y) < r.y1 {
					want = append(want, hintSeg{r.x0, r.x1, r.dist})
				}
			}
			slices.SortStableFunc(want, func(a, b hintSeg) int { return int(a.x0 - b.x0) })
			if got := cv.hints.row(y); !slices.Equal(got, want) {
				t.Fatalf("%s, row %d: segments %v, want %v", name, y, got, want)
			}
		}
	}
}

// TestAlreadyClean: a string is taken as it is exactly when cleaning it changes
// nothing, for strings of printable ASCII, spaces, tabs, control bytes and DEL
// (cleaning " "+s, which the quick check refuses, gives what cleaning s does).
func TestAlreadyClean(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	alphabet := []byte("ab Z0?. \t\x01\x7f~")
	var cv canvas
	for n := range 20000 {
		b := make([]byte, n%12)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		s := string(b)
		slow := cv.clean(" " + s)
		if got, want := alreadyClean(s), slow == s; got != want {
			t.Fatalf("%q: alreadyClean %v, cleaned %q", s, got, slow)
		}
		if cv.clean(s) != slow {
			t.Fatalf("%q: cleaned %q, want %q", s, cv.clean(s), slow)
		}
	}
}
