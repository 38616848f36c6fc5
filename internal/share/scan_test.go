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
		start := row * r.IntN(rows)         // from the first row (no byte before, no row above) on
		end := len(data) - r.IntN(20)*(n%2) // spans end at a row's end; the data may end early
		lo := max(0, start-row)
		var d deflater
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

// TestCandidateAboveFromTheFirstRow: with empty hash chains and no hints, the
// candidate at the first byte of the second of three rows of ten (the second a copy of
// the first, whose last byte differs from the second's first) is the whole row above,
// also when that row is the lowest matches may reach; one byte later the row above
// still (9 bytes against 3 of the byte before); in the third row, the byte before
// (worked out by hand).
func TestCandidateAboveFromTheFirstRow(t *testing.T) {
	const row = 10
	a := []byte{0, 0, 0, 0, 5, 6, 7, 8, 9, 1}
	data := slices.Concat(a, a, []byte{2, 2, 2, 2, 2, 3, 4, 2, 3, 4})
	for _, tc := range []struct{ i, best, dist int }{
		{row, row, row},         // 0 0 0 0 5 6 7 8 9 1 over the row above; 1 before
		{row + 1, row - 1, row}, // 9 bytes above; 0 0 0 before
		{2*row + 1, 4, 1},       // 2 2 2 2 after a 2; 0 above
	} {
		var d deflater
		if best, dist := d.candidate(data, tc.i, row, 0, nil, 0); best != tc.best || dist != tc.dist {
			t.Errorf("candidate at %d: %d bytes at distance %d, want %d at %d", tc.i, best, dist, tc.best, tc.dist)
		}
	}
}

// TestCandidateChoices: candidate's choices among the byte before, the row above,
// the hints and the hash chain, each case built on random bytes (where nothing
// repeats by chance) and worked out by hand. Rows are 1,000 bytes, so the row above
// is out of reach unless a case says so; x is the position itself.
func TestCandidateChoices(t *testing.T) {
	const row = 1000
	base := func() []byte {
		r := rand.New(rand.NewPCG(6, 6))
		data := make([]byte, 10*row)
		for i := range data {
			data[i] = byte(r.IntN(256))
		}
		return data
	}
	// rep copies n bytes from src to dst and makes the byte after them differ.
	rep := func(d []byte, dst, src, n int) {
		copy(d[dst:dst+n], d[src:src+n])
		d[dst+n] = d[src+n] + 1
	}
	type want struct{ best, dist int }
	for _, tc := range []struct {
		name  string
		edit  func(data []byte) []byte
		i, lo int
		segs  []hintSeg
		chain []int // positions put in the hash chains first
		want  want
	}{
		{"a hint after one that ends before x", func(d []byte) []byte { rep(d, 110, 10, 20); return d },
			110, 0, []hintSeg{{105, 108, 7}, {108, 130, 100}}, nil, want{20, 100}},
		{"a hint that ends at x is not tried", func(d []byte) []byte { rep(d, 110, 10, 20); return d },
			110, 0, []hintSeg{{100, 110, 100}}, nil, want{0, 0}},
		{"a hint reaching the lowest byte allowed", func(d []byte) []byte { rep(d, 110, 10, 20); return d },
			110, 10, []hintSeg{{100, 130, 100}}, nil, want{20, 100}},
		{"a hint reaching below it is not tried", func(d []byte) []byte { rep(d, 110, 10, 20); return d },
			110, 11, []hintSeg{{100, 130, 100}}, nil, want{0, 0}},
		{"a hint as long as the run: the run", func(d []byte) []byte {
			copy(d[109:115], []byte{7, 7, 7, 7, 7, 7})
			copy(d[10:15], []byte{7, 7, 7, 7, 7})
			return d
		}, 110, 0, []hintSeg{{100, 130, 100}}, nil, want{5, 1}},
		{"a short hint, then a longer chain match", func(d []byte) []byte {
			rep(d, 110, 10, 20)
			rep(d, 50, 110, 4) // 4 bytes at distance 60 through the hint
			return d
		}, 110, 0, []hintSeg{{100, 130, 60}}, []int{10}, want{20, 100}},
		{"the row above as long as the run: the run", func(d []byte) []byte {
			copy(d[row+9:row+15], []byte{7, 7, 7, 7, 7, 7})
			copy(d[10:15], []byte{7, 7, 7, 7, 7})
			return d
		}, row + 10, 0, nil, nil, want{5, 1}},
		{"a run of goodMatch ends the search", func(d []byte) []byte {
			copy(d[109:118], []byte{7, 7, 7, 7, 7, 7, 7, 7, 7})
			copy(d[10:30], d[110:130])
			return d
		}, 110, 0, []hintSeg{{100, 130, 100}}, nil, want{8, 1}},
		{"the chain from the lowest byte allowed", func(d []byte) []byte { rep(d, 110, 10, 20); return d },
			110, 10, nil, []int{10}, want{20, 100}},
		{"the chain a window back is out of reach", func(d []byte) []byte { rep(d, 10+window, 10, 20); return d },
			10 + window, 0, nil, []int{10}, want{0, 0}},
		{"the chain a byte less than a window back", func(d []byte) []byte { rep(d, 11+window-2, 10, 20); return d },
			9 + window, 0, nil, []int{10}, want{20, window - 1}},
		{"the chain four bytes from the end", func(d []byte) []byte {
			d = d[:row]
			copy(d[row-4:], d[10:14])
			return d
		}, row - 4, 0, nil, []int{10}, want{4, row - 14}},
	} {
		data := tc.edit(base())
		var d deflater
		for _, p := range tc.chain {
			d.insertRange(data, p, p+1)
		}
		best, dist := d.candidate(data, tc.i, row, tc.lo, tc.segs, int32(tc.i))
		if best < minMatch {
			best, dist = 0, 0
		}
		if (want{best, dist}) != tc.want {
			t.Errorf("%s: %d bytes at distance %d, want %d at %d", tc.name, best, dist, tc.want.best, tc.want.dist)
		}
	}
}

// TestScanAtTheEnd: in the last seven bytes of the data (taken the general way) a
// glyph repeat is still found through its hint, with the hash chains emptied: 7 and
// 3 bytes at distance 300 as one match each (3 bytes the shortest match).
func TestScanAtTheEnd(t *testing.T) {
	const row = Width + 1
	r := rand.New(rand.NewPCG(8, 8))
	for _, n := range []int{7, 3} {
		data := make([]byte, 2*row-7+n)
		for i := range data {
			data[i] = byte(r.IntN(256))
		}
		end := len(data)
		at := 2*row - 7
		copy(data[at:end], data[at-300:at-300+n])
		x := int32(at - row - 1) // pixel of the second row
		segs := []hintSeg{{x - 2, x + 20, 300}}
		var d deflater
		d.scan(data, row, at, row, 0, segs)
		clear(d.head[:])
		d.tokens = d.tokens[:0]
		d.scan(data, at, end, row, 0, segs)
		if len(d.tokens) != 1 || d.tokens[0] != matchToken(n, 300) {
			t.Errorf("%d bytes at the end: tokens %x, want one match of %d at 300", n, d.tokens, n)
		}
	}
}

// TestScanCopiesTheRowAbove: a row of random bytes under its copy is coded as copies
// of the row above from its first byte on, the row above being the lowest row the
// matches may reach: 1,201 bytes as four matches of 258 and one of 169 at distance
// 1,201.
func TestScanCopiesTheRowAbove(t *testing.T) {
	const row = Width + 1
	r := rand.New(rand.NewPCG(10, 10))
	data := make([]byte, 2*row)
	for i := range row {
		data[i] = byte(r.IntN(256))
	}
	copy(data[row:], data[:row])
	var d deflater
	d.scan(data, row, 2*row, row, 0, nil)
	want := []uint32{matchToken(258, row), matchToken(258, row), matchToken(258, row), matchToken(258, row), matchToken(169, row)}
	if !slices.Equal(d.tokens, want) {
		t.Errorf("tokens %x, want %x", d.tokens, want)
	}
}

// TestScanChoices: scan's own (inline) candidates decide as candidate's do (see
// TestCandidateChoices), on random bytes with a copy of 20 bytes 100 back at 110 (and
// one exactly a window back); the first token is checked (at 110: pixel 109 of the
// first row of 1,000).
func TestScanChoices(t *testing.T) {
	const row = 1000
	r := rand.New(rand.NewPCG(6, 7))
	data := make([]byte, 10*row)
	for i := range data {
		data[i] = byte(r.IntN(256))
	}
	copy(data[110:130], data[10:30])
	data[130] = data[30] + 1
	copy(data[10+window:30+window], data[10:30]) // exactly a window back
	data[30+window] = data[30] + 1
	copy(data[60:66], data[10:16]) // six bytes of it at 60, met first in the chain
	data[66] = data[16] + 1
	for _, tc := range []struct {
		name   string
		i, lo  int
		segs   []hintSeg
		chain  bool // position 10 in the hash chains
		chain2 bool // then position 60, so that 10 is the second tried
		want   uint32
	}{
		{"the second of the chain from the lowest byte allowed", 110, 10, nil, true, true, matchToken(20, 100)},
		{"the second of the chain a window back is out of reach", 10 + window, 0, nil, true, true, matchToken(6, 10+window-60)},
		{"a hint after one that ends before x", 110, 0, []hintSeg{{104, 107, 7}, {107, 130, 100}}, false, false, matchToken(20, 100)},
		{"a hint that ends at x is not tried", 110, 0, []hintSeg{{99, 109, 100}}, false, false, uint32(data[110])},
		{"a hint reaching the lowest byte allowed", 110, 10, []hintSeg{{99, 130, 100}}, false, false, matchToken(20, 100)},
		{"a hint reaching below it is not tried", 110, 11, []hintSeg{{99, 130, 100}}, false, false, uint32(data[110])},
		{"the chain from the lowest byte allowed", 110, 10, nil, true, false, matchToken(20, 100)},
		{"the chain a window back is out of reach", 10 + window, 0, nil, true, false, uint32(data[10+window])},
		{"a hint that ends at x after one that covers it", 110, 0, []hintSeg{{99, 200, 7}, {100, 109, 100}}, false, false, uint32(data[110])},
		{"a hint after one that ends before x, behind one that covers it", 110, 0, []hintSeg{{99, 200, 7}, {100, 105, 50}, {105, 130, 100}}, false, false, matchToken(20, 100)},
	} {
		var d deflater
		if tc.chain {
			d.insertRange(data, 10, 11)
		}
		if tc.chain2 {
			d.insertRange(data, 60, 61)
		}
		d.scan(data, tc.i, tc.i+1, row, tc.lo, tc.segs)
		if d.tokens[0] != tc.want {
			t.Errorf("%s: token %x, want %x", tc.name, d.tokens[0], tc.want)
		}
	}
}

// TestNoRepeatInPlace: a glyph drawn twice at the same place (one over the other)
// is no repeat (a copy from distance 0 is none), and runes from 256 on are not
// followed: neither gives a repeat.
func TestNoRepeatInPlace(t *testing.T) {
	cv := newCanvas()
	cv.clear()
	f := cv.face(bold, 40)
	cv.text(f, "a", 100, 300, white)
	cv.text(f, "a", 100, 300, white)
	cv.text(f, "ĀĀ", 300, 300, white)
	if len(cv.repeats) != 0 {
		t.Errorf("repeats %v, want none", cv.repeats)
	}
}
