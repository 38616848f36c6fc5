package share

import (
	"bytes"
	"compress/flate"
	"errors"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// decodePaletted decodes a PNG and wants a paletted image back.
func decodePaletted(t *testing.T, b []byte) *image.Paletted {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	p, ok := img.(*image.Paletted)
	if !ok {
		t.Fatalf("decoded as %T, want *image.Paletted", img)
	}
	return p
}

// samePixels reports whether two paletted images show the same colours everywhere.
func samePixels(a, b *image.Paletted) bool {
	if a.Bounds().Size() != b.Bounds().Size() {
		return false
	}
	ab, bb := a.Bounds(), b.Bounds()
	if slices.Equal(a.Palette, b.Palette) {
		// Same palette: the same indices, row by row.
		for y := 0; y < ab.Dy(); y++ {
			ra := a.Pix[a.PixOffset(ab.Min.X, ab.Min.Y+y):][:ab.Dx()]
			rb := b.Pix[b.PixOffset(bb.Min.X, bb.Min.Y+y):][:ab.Dx()]
			if !bytes.Equal(ra, rb) {
				return false
			}
		}
		return true
	}
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			ca := a.Palette[a.ColorIndexAt(ab.Min.X+x, ab.Min.Y+y)]
			cb := b.Palette[b.ColorIndexAt(bb.Min.X+x, bb.Min.Y+y)]
			r1, g1, b1, a1 := ca.RGBA()
			r2, g2, b2, a2 := cb.RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

// TestCardsDecode: every sample card decodes (zlib checksum included) to exactly the
// image Draw makes, and gives the same bytes when the pooled canvas drew any other
// card just before (the background is painted back over only the rows that card
// drew on).
func TestCardsDecode(t *testing.T) {
	for _, name := range sampleNames() {
		want := samples[name].Draw()
		first, err := samples[name].PNG()
		if err != nil {
			t.Fatal(err)
		}
		got := decodePaletted(t, first)
		if !samePixels(got, want) || len(got.Palette) != len(want.Palette) {
			t.Fatalf("%s: decoded pixels differ from the drawing", name)
		}
		for _, before := range sampleNames() {
			if _, err := samples[before].PNG(); err != nil {
				t.Fatal(err)
			}
			b, err := samples[name].PNG()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, first) {
				t.Errorf("%s after %s: other bytes than the first time", name, before)
			}
		}
	}
}

// testImages are images made to reach every path of the compressor: runs, rows equal
// to the row above, blank rows, noise (literals), repeats at a distance, sizes at
// and around the match limits, a palette with transparency, a sub-image.
func testImages() map[string]*image.Paletted {
	r := rand.New(rand.NewPCG(7, 11))
	pal := color.Palette{color.RGBA{0, 0, 0, 255}, color.RGBA{255, 255, 255, 255}, color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}}
	mk := func(w, h int, f func(x, y int) uint8) *image.Paletted {
		img := image.NewPaletted(image.Rect(0, 0, w, h), pal)
		for y := range h {
			for x := range w {
				img.Pix[y*img.Stride+x] = f(x, y)
			}
		}
		return img
	}
	out := map[string]*image.Paletted{
		"1x1":         mk(1, 1, func(x, y int) uint8 { return 0 }),
		"1x1 colour":  mk(1, 1, func(x, y int) uint8 { return 3 }),
		"2x1":         mk(2, 1, func(x, y int) uint8 { return uint8(x) }),
		"1x300":       mk(1, 300, func(x, y int) uint8 { return uint8(y / 7 % 4) }),
		"blank":       mk(300, 200, func(x, y int) uint8 { return 0 }),
		"flat colour": mk(300, 200, func(x, y int) uint8 { return 2 }),
		"bands":       mk(257, 90, func(x, y int) uint8 { return uint8(y / 10 % 4) }),
		"stripes":     mk(259, 90, func(x, y int) uint8 { return uint8(x / 3 % 4) }),
		"noise":       mk(200, 120, func(x, y int) uint8 { return uint8(r.IntN(4)) }),
		"noise rows": mk(180, 120, func(x, y int) uint8 {
			return uint8((x*7 + (y/5)*13) % 4)
		}),
		"wide": mk(40000, 3, func(x, y int) uint8 { return uint8((x / 100) % 4 * (y % 2)) }),
		"tail": mk(258, 7, func(x, y int) uint8 {
			if y == 6 && x > 250 {
				return 1
			}
			return 0
		}),
	}
	// Repeats at a distance: a random tile drawn again across the row.
	tile := make([]uint8, 37)
	for i := range tile {
		tile[i] = uint8(r.IntN(4))
	}
	out["tiles"] = mk(600, 50, func(x, y int) uint8 { return tile[(x+y)%len(tile)] })
	// Transparent colours and a sub-image that does not start at 0,0.
	tr := mk(64, 64, func(x, y int) uint8 { return uint8((x ^ y) % 4) })
	tr.Palette = color.Palette{color.NRGBA{0, 0, 0, 0}, color.NRGBA{255, 255, 255, 128}, color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}}
	out["transparent"] = tr
	big := mk(100, 100, func(x, y int) uint8 { return uint8((x/10 + y/10) % 4) })
	out["sub-image"] = big.SubImage(image.Rect(13, 17, 91, 60)).(*image.Paletted)
	return out
}

func TestEncodePNGRoundTrip(t *testing.T) {
	for name, img := range testImages() {
		var buf bytes.Buffer
		if err := encodePNG(&buf, img); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := decodePaletted(t, buf.Bytes())
		if !samePixels(got, img) {
			t.Errorf("%s: decoded image differs", name)
		}
		// The same image gives the same bytes (the pooled buffers keep nothing).
		var again bytes.Buffer
		if err := encodePNG(&again, img); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Errorf("%s: a second encoding differs", name)
		}
	}
}

// TestDeflateStreams compresses raw bytes without the PNG around them and inflates
// them with compress/flate: random bytes (all 256 literals), text, long runs.
func TestDeflateStreams(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	inputs := map[string][]byte{
		"empty":    {},
		"one":      {42},
		"random":   make([]byte, 70000),
		"text":     []byte(strings.Repeat("the quick brown fox jumps over the lazy dog; ", 900)),
		"run":      bytes.Repeat([]byte{9}, 100000),
		"two runs": append(bytes.Repeat([]byte{1}, 1000), bytes.Repeat([]byte{2}, 259)...),
	}
	for i := range inputs["random"] {
		inputs["random"][i] = byte(r.IntN(256))
	}
	for name, in := range inputs {
		d := new(deflater)
		rows := max(1, len(in)/100)
		same := make([]bool, rows+1)
		runs := make([]int, rows+1)
		d.parseSpan(in, 0, len(in), 100, same, runs)
		var w bitWriter
		d.blocks(&w, d.tokens)
		finish(&w)
		got, err := io.ReadAll(flate.NewReader(bytes.NewReader(w.out)))
		if err != nil {
			t.Fatalf("%s: inflate: %v", name, err)
		}
		if !bytes.Equal(got, in) {
			t.Errorf("%s: inflated %d bytes differ from the %d put in", name, len(got), len(in))
		}
	}
}

// TestHuffLengths: lengths within the limit, a complete prefix code (Kraft sum one)
// whenever two or more symbols are used, no code for unused symbols.
func TestHuffLengths(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 9))
	var cases [][]int32
	fib := make([]int32, 40) // Fibonacci weights make the deepest trees
	fib[0], fib[1] = 1, 1
	for i := 2; i < len(fib); i++ {
		fib[i] = fib[i-1] + fib[i-2]
	}
	cases = append(cases, fib, []int32{5}, []int32{0, 0, 3, 0}, []int32{1, 1}, make([]int32, 19))
	for range 200 {
		f := make([]int32, 2+r.IntN(290))
		for i := range f {
			if r.IntN(3) > 0 {
				f[i] = int32(r.ExpFloat64() * float64(1+r.IntN(100000)))
			}
		}
		cases = append(cases, f)
	}
	for _, maxBits := range []int{7, 15} {
		for ci, f := range cases {
			if len(f) > 1<<maxBits {
				continue
			}
			lengths := huffLengths(f, maxBits)
			used := 0
			kraft := 0.0
			for s, l := range lengths {
				if (f[s] == 0) != (l == 0) {
					t.Fatalf("case %d: symbol %d of frequency %d has length %d", ci, s, f[s], l)
				}
				if int(l) > maxBits {
					t.Fatalf("case %d: length %d over %d", ci, l, maxBits)
				}
				if l > 0 {
					used++
					kraft += 1 / float64(uint(1)<<l)
				}
			}
			if used >= 2 && kraft != 1 {
				t.Errorf("case %d (limit %d): Kraft sum %v, want a complete code", ci, maxBits, kraft)
			}
			if used == 1 && kraft != 0.5 {
				t.Errorf("case %d: a lone symbol should get one bit", ci)
			}
		}
	}
}

// TestLengthAndDistanceCodes checks the symbols against RFC 1951's tables (3.2.5).
func TestLengthAndDistanceCodes(t *testing.T) {
	lenBase := []int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lenExtra := []int{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	for l := minMatch; l <= maxMatch; l++ {
		sym, nb, extra := lengthCode(l)
		i := sym - 257
		if i < 0 || i >= len(lenBase) || nb != lenExtra[i] || lenBase[i]+extra != l || extra >= 1<<nb && nb > 0 || nb == 0 && extra != 0 {
			t.Fatalf("length %d: symbol %d, %d extra bits of value %d", l, sym, nb, extra)
		}
	}
	distBase := []int{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	for d := 1; d <= maxDist; d++ {
		sym, nb, extra := distCode(d)
		wantNB := max(0, sym/2-1)
		if sym < 0 || sym >= numDist || nb != wantNB || distBase[sym]+extra != d || extra >= 1<<nb && nb > 0 || nb == 0 && extra != 0 {
			t.Fatalf("distance %d: symbol %d, %d extra bits of value %d", d, sym, nb, extra)
		}
	}
	// The tables the compressor reads agree with the functions.
	for l := minMatch; l <= maxMatch; l++ {
		sym, nb, extra := lengthCode(l)
		s := lengthSymbols[l-minMatch]
		if int(s.sym) != sym || int(s.nb) != nb || l-minMatch-int(s.base) != extra {
			t.Fatalf("length %d: table has %+v, want symbol %d, %d extra bits of value %d", l, s, sym, nb, extra)
		}
	}
	for d := 1; d <= maxDist; d++ {
		sym, nb, extra := distCode(d)
		s := distSymbol(uint32(d - 1))
		if int(s.sym) != sym || int(s.nb) != nb || d-1-int(s.base) != extra {
			t.Fatalf("distance %d: table has %+v, want symbol %d, %d extra bits of value %d", d, *s, sym, nb, extra)
		}
		// blockSyms's table: the symbol from bit 9 on, the extra bits' value from 14.
		if v := distSyms[d-1]; int(v>>9&31) != sym || int(v>>14) != extra || v&511 != 0 || int(distExtra[sym]) != nb {
			t.Fatalf("distance %d: distSyms has %#x (symbol %d, extra %d), distExtra %d; want symbol %d, %d extra bits of value %d", d, v, v>>9&31, v>>14, distExtra[sym], sym, nb, extra)
		}
	}
	// block's ranges: each length symbol's first length, count and extra bits.
	covered := 0
	for i, r := range lengthRanges {
		n := 1 << lenExtra[i]
		if i == 27 {
			n-- // symbol 284's last value would be 258, symbol 285's
		}
		if int(r.base) != lenBase[i]-minMatch || int(r.n) != n || int(r.nb) != lenExtra[i] || int(r.base) != covered {
			t.Fatalf("length symbol %d: range %+v, want base %d, %d lengths, %d extra bits", 257+i, r, lenBase[i]-minMatch, n, lenExtra[i])
		}
		covered += n
	}
	if covered != maxMatch-minMatch+1 {
		t.Fatalf("length ranges cover %d lengths, want %d", covered, maxMatch-minMatch+1)
	}
	for l := minMatch; l <= maxMatch; l++ {
		if sym, _, _ := lengthCode(l); int(lengthTable[l-minMatch]) != sym {
			t.Fatalf("length %d: lengthTable has %d, want %d", l, lengthTable[l-minMatch], sym)
		}
	}
}

func TestRowChecksum(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 4))
	var all []byte
	sum := adler{s1: 1}
	for n := 0; n < 9000; n += 1 + n/5 {
		p := make([]byte, n)
		for i := range p {
			p[i] = byte(r.IntN(256))
		}
		if n%4 == 0 {
			for i := range p {
				p[i] = 255 // the largest sums
			}
		}
		one := adler{s1: 1}
		one.add(rowSum(p), len(p))
		if one.value() != adler32.Checksum(p) {
			t.Fatalf("%d bytes: %08x, want %08x", n, one.value(), adler32.Checksum(p))
		}
		all = append(all, p...)
		sum.add(rowSum(p), len(p))
	}
	if sum.value() != adler32.Checksum(all) {
		t.Errorf("rows added up: %08x, want %08x", sum.value(), adler32.Checksum(all))
	}
}

func TestEncodePNGErrors(t *testing.T) {
	pal := color.Palette{color.Black}
	big := make(color.Palette, 257)
	for i := range big {
		big[i] = color.Gray{uint8(i)}
	}
	for _, c := range []struct {
		img  *image.Paletted
		want string
	}{
		{image.NewPaletted(image.Rect(0, 0, 0, 5), pal), "empty image"},
		{image.NewPaletted(image.Rect(0, 0, 5, 5), nil), "palette of 1 to 256 colours needed"},
		{image.NewPaletted(image.Rect(0, 0, 5, 5), big), "palette of 1 to 256 colours needed"},
	} {
		if err := encodePNG(io.Discard, c.img); err == nil || err.Error() != c.want {
			t.Errorf("err = %v, want %q", err, c.want)
		}
	}
	img := image.NewPaletted(image.Rect(0, 0, 5, 5), pal)
	if err := encodePNG(failWriter{}, img); !errors.Is(err, errDiskFull) {
		t.Errorf("err = %v, want the writer's error", err)
	}
}

func TestRuns(t *testing.T) {
	for _, c := range []struct {
		p     string
		limit int
		want  int
	}{
		{"a", 3, 1}, {"aaaaaaaaaaaaaaaaaaaaa", 3, 1}, {"aaaaaaaaaaaaaaaaaaaab", 3, 2},
		{"abbbbbbbbbbbbbbbbbbbbbbbbbbbbbc", 3, 3}, {"abcdefghijklmnop", 3, 4}, {"abcdefghijklmnop", 100, 16},
	} {
		if got := countRuns([]byte(c.p), c.limit); got != c.want {
			t.Errorf("countRuns(%q, %d) = %d, want %d", c.p, c.limit, got, c.want)
		}
	}
	p := []byte("xxxxxxxxxxxxyyyyyyyyyyyyyyyyyyz")
	for i := range p {
		want := i
		for want < len(p) && p[want] == p[i] {
			want++
		}
		if got := runEnd(p, i, p[i]); got != want {
			t.Errorf("runEnd from %d = %d, want %d", i, got, want)
		}
	}
}

// TestSharedSpans: a card gives the same bytes whether its header and footer bits
// come from the memo (another card of its kind was encoded first) or are made anew,
// and cards of one kind do reuse them.
func TestSharedSpans(t *testing.T) {
	other := samples["h2h-draw"] // same header and host as h2h, another body
	for _, name := range sampleNames() {
		clearSpanMemo()
		cold, err := samples[name].PNG()
		if err != nil {
			t.Fatal(err)
		}
		clearSpanMemo()
		if _, err := other.PNG(); err != nil {
			t.Fatal(err)
		}
		warm, err := samples[name].PNG()
		if err != nil {
			t.Fatal(err)
		}
		again, _ := samples[name].PNG()
		if !bytes.Equal(cold, warm) || !bytes.Equal(cold, again) {
			t.Errorf("%s: bytes depend on the cards encoded before", name)
		}
	}
	// A span is kept when met the second time: the header and footer of the
	// second head-to-head card, the body lines when a card comes again.
	clearSpanMemo()
	memoKeys := func() []int {
		spanMemo.RLock()
		defer spanMemo.RUnlock()
		var n []int
		for _, code := range spanMemo.m {
			n = append(n, len(code.key))
		}
		slices.Sort(n)
		return n
	}
	row := Width + 1
	samples["h2h"].PNG()
	if n := memoKeys(); len(n) != 0 {
		t.Errorf("memo holds spans of %v bytes after one card, want none", n)
	}
	samples["h2h-draw"].PNG()
	if n, want := memoKeys(), []int{(Height - footerTop + 1) * row, bodyTop * row}; !slices.Equal(n, want) {
		t.Errorf("memo holds spans of %v bytes after two head-to-heads, want the header and footer %v", n, want)
	}
	samples["h2h-draw"].PNG()
	if n := memoKeys(); len(n) <= 2 {
		t.Errorf("memo holds spans of %v bytes after a card came again, want its body lines too", n)
	}
}

// TestPutBits: bits copied with putBits at every offset within a byte are the bits
// written one by one.
func TestPutBits(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	src := make([]byte, 41)
	for i := range src {
		src[i] = byte(r.IntN(256))
	}
	for lead := range 40 {
		for _, n := range []int{0, 1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 127, 128, 200, 8 * len(src)} {
			var got, want bitWriter
			for _, w := range []*bitWriter{&got, &want} {
				w.put(0x15a, uint(min(lead, 20)))
				w.put(0x3, uint(max(lead-20, 0))) // leading bits past 32: flushed before
			}
			got.putBits(src, n)
			for i := range n {
				want.put(uint64(src[i/8]>>(i%8)&1), 1)
			}
			got.flush()
			want.flush()
			if !bytes.Equal(got.out, want.out) {
				t.Fatalf("%d bits after %d: % x, want % x", n, lead, got.out, want.out)
			}
		}
	}
}

// TestSpanMemoIsUsed: a card whose header comes from the memo decodes to its
// drawing; with one bit of the kept header flipped it no longer does (the decoder
// fails, or the pixels or the checksum differ), so the memo's bits are what is sent
// and the tests would see a wrong one.
func TestSpanMemoIsUsed(t *testing.T) {
	clearSpanMemo()
	defer clearSpanMemo()
	c := samples["h2h"]
	for range 2 { // kept the second time
		if _, err := c.PNG(); err != nil {
			t.Fatal(err)
		}
	}
	spanMemo.Lock()
	var header *spanCode
	for _, code := range spanMemo.m {
		if len(code.key) == bodyTop*(Width+1) { // the first span has no row above it
			header = code
		}
	}
	spanMemo.Unlock()
	if header == nil {
		t.Fatal("the header was not kept")
	}
	want := c.Draw()
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	if got := decodePaletted(t, b); !samePixels(got, want) {
		t.Fatal("a card with its header from the memo does not decode to its drawing")
	}
	header.bits[len(header.bits)/2] ^= 0x10
	b, err = c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	if img, err := png.Decode(bytes.NewReader(b)); err == nil && samePixels(img.(*image.Paletted), want) {
		t.Error("a card decodes to its drawing with a corrupt header")
	}
}

func clearSpanMemo() {
	spanMemo.Lock()
	clear(spanMemo.m)
	clear(spanMemo.seen)
	spanMemo.size = 0
	spanMemo.Unlock()
}

// TestBlockSum: the lane sums of a block equal Adler's sums byte by byte, for the
// largest bytes (where the lanes come nearest to overflowing) and for random ones.
func TestBlockSum(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for n := range 200 {
		p := make([]byte, sumBlock)
		for i := range p {
			switch {
			case n == 0:
				p[i] = 255
			case n == 1:
				p[i] = byte(255 * (i % 2))
			default:
				p[i] = byte(r.IntN(256))
			}
		}
		var a, b uint64
		for _, x := range p {
			a += uint64(x)
			b += a
		}
		if ga, gb := blockSum(p); ga != a || gb != b {
			t.Fatalf("block %d: sums %d, %d, want %d, %d", n, ga, gb, a, b)
		}
	}
}

// TestBlankSpans: the rows of a span the card left blank are all equal, so rowsOf,
// which compares only the first with the row above, notes the rows, stretches and
// sums that comparing every row gives.
func TestBlankSpans(t *testing.T) {
	const row = Width + 1
	blanks := 0
	for _, name := range sampleNames() {
		cv := newCanvas()
		vary(samples[name], 3).drawOn(cv)
		for _, sp := range cv.spans() {
			if !sp.blank {
				continue
			}
			blanks++
			for y := sp.start/row + 1; y < sp.end/row; y++ {
				if !bytes.Equal(cv.raw[y*row+1:(y+1)*row], cv.raw[sp.start+1:sp.start+row]) {
					t.Fatalf("%s: blank span %d–%d: row %d differs from its first", name, sp.start/row, sp.end/row, y)
				}
			}
			var d, e deflater
			got := d.rowsOf(cv.raw, row, sp)
			whole := sp
			whole.blank = false
			want := e.rowsOf(cv.raw, row, whole)
			if got != want {
				t.Fatalf("%s: span %d–%d: sums %v, want %v", name, sp.start/row, sp.end/row, got, want)
			}
			for y := sp.start / row; y < sp.end/row; y++ {
				if d.same[y] != e.same[y] || d.runs[y] != e.runs[y] {
					t.Fatalf("%s: row %d: same %v runs %d, want %v %d", name, y, d.same[y], d.runs[y], e.same[y], e.runs[y])
				}
			}
		}
	}
	if blanks < len(sampleNames()) {
		t.Errorf("only %d blank spans in %d cards", blanks, len(sampleNames()))
	}
}

// TestSpanHashes: shared spans with the same hash of what was drawn on them hold the
// same bytes (the span and the row above), over many cards of every kind; spans of
// equal bytes in cards of one kind (the header and footer of two head-to-heads)
// have equal hashes, so the memo finds them; and one letter changed on a line
// changes the hash of that line's span alone.
func TestSpanHashes(t *testing.T) {
	const row = Width + 1
	type where struct{ start, end int }
	seen := map[uint64][]byte{}
	places := map[uint64]where{}
	spansOf := func(c Card) []span {
		cv := newCanvas()
		c.drawOn(cv)
		var out []span
		for _, sp := range cv.spans() {
			if !sp.shared {
				continue
			}
			out = append(out, sp)
			key := cv.raw[max(0, sp.start-row):sp.end]
			for y := 0; y < len(key); y += row {
				key[y] = 0 // as the encoder sets the filter bytes
			}
			if b, ok := seen[sp.sig]; ok && (!bytes.Equal(b, key) || places[sp.sig] != where{sp.start, sp.end}) {
				t.Fatalf("%q: span %d–%d has the hash of other bytes", c.Title, sp.start/row, sp.end/row)
			}
			seen[sp.sig] = bytes.Clone(key)
			places[sp.sig] = where{sp.start, sp.end}
		}
		return out
	}
	for _, name := range sampleNames() {
		for i := range 6 {
			spansOf(vary(samples[name], i%3)) // each card twice
		}
	}
	a, b := spansOf(samples["h2h"]), spansOf(samples["h2h-draw"])
	if a[0].sig != b[0].sig || a[len(a)-1].sig != b[len(b)-1].sig {
		t.Error("two head-to-heads' headers or footers have different hashes")
	}

	post := samples["post"]
	before := spansOf(post)
	post.Title = strings.Replace(post.Title, "executive", "executivo", 1) // the first line
	after := spansOf(post)
	if len(before) != len(after) {
		t.Fatalf("%d spans, then %d", len(before), len(after))
	}
	var changed []int
	for i := range before {
		if before[i].sig != after[i].sig {
			changed = append(changed, i)
		}
	}
	// The spans: header, the date, the title's three lines, the text's, footer.
	if want := []int{2}; !slices.Equal(changed, want) {
		t.Errorf("spans %v changed their hash, want %v", changed, want)
	}
}

// TestSpanMemoChecksBytes: a kept span found under another span's hash (as if two
// hashes were equal) is not used: the card is compressed anew, to the same bytes.
func TestSpanMemoChecksBytes(t *testing.T) {
	clearSpanMemo()
	defer clearSpanMemo()
	c := samples["h2h"]
	want, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	samples["h2h-draw"].PNG() // the header and footer are kept now
	spanMemo.Lock()
	var sigs []uint64
	for sig := range spanMemo.m {
		sigs = append(sigs, sig)
	}
	if len(sigs) != 2 {
		spanMemo.Unlock()
		t.Fatalf("%d spans kept, want the header and the footer", len(sigs))
	}
	m := spanMemo.m
	m[sigs[0]], m[sigs[1]] = m[sigs[1]], m[sigs[0]]
	spanMemo.Unlock()
	got, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("a card used kept spans of other bytes")
	}
}

// TestSharedSpanHash: a span's hash changes with what is drawn on its rows and on
// the row above, and with the order of the drawing, not with what is drawn
// elsewhere.
func TestSharedSpanHash(t *testing.T) {
	cv := newCanvas()
	hash := func(draw func()) uint64 {
		cv.clear()
		draw()
		return cv.shared(200, 250).sig
	}
	f := cv.face(bold, 30)
	band := func(y0, y1 int, c color.RGBA) func() {
		return func() { cv.fill(image.Rect(100, y0, 300, y1), c) }
	}
	blank := hash(func() {})
	if hash(func() {}) != blank {
		t.Fatal("the same drawing gives two hashes")
	}
	for name, draw := range map[string]func(){
		"a band on the first row": band(200, 201, gold),
		"a band on the last row":  band(249, 250, gold),
		"a band on the row above": band(199, 200, gold),
		"a word":                  func() { cv.text(f, "word", 120, 230, white) },
		"a word in muted":         func() { cv.text(f, "word", 120, 230, muted) },
		"a word one pixel right":  func() { cv.text(f, "word", 121, 230, white) },
	} {
		if hash(draw) == blank {
			t.Errorf("%s leaves the hash unchanged", name)
		}
	}
	if hash(band(250, 260, gold)) != blank || hash(band(150, 199, gold)) != blank {
		t.Error("a band off the span and the row above changes its hash")
	}
	goldThenTurf := hash(func() { band(200, 210, gold)(); band(205, 215, turf)() })
	turfThenGold := hash(func() { band(205, 215, turf)(); band(200, 210, gold)() })
	if goldThenTurf == turfThenGold {
		t.Error("the order of the drawing does not change the hash")
	}
	if cv.shared(200, 250).sig == cv.shared(201, 250).sig {
		t.Error("spans at two places have one hash")
	}
}

// TestInsertRange: adding a range of positions to the hash chains at once leaves
// the chains as adding them one by one does, for ranges that start and end
// anywhere, up to and past the last positions that have a hash.
func TestInsertRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	for n := range 600 {
		data := make([]byte, 1+rng.IntN(80))
		for i := range data {
			if i > 0 && rng.IntN(3) > 0 {
				data[i] = data[i-1] // runs, as cards have
			} else {
				data[i] = byte(rng.IntN(4))
			}
		}
		i := rng.IntN(len(data))
		end := i + rng.IntN(len(data)-i+3)
		var got, want deflater
		// Chains that already hold some positions.
		for j := range min(i, 5) {
			got.insertHash(j, hashAt(data, j))
			want.insertHash(j, hashAt(data, j))
		}
		got.insertRange(data, i, end)
		for j := i; j < end; j++ {
			want.insertHash(j, hashAt(data, j))
		}
		if got.head != want.head || got.prev != want.prev {
			t.Fatalf("case %d: %d bytes, range %d to %d: chains differ from one by one", n, len(data), i, end)
		}
	}
}

// TestMatchLen: the length of the common prefix of two slices, at most maxMatch, for
// every prefix length up to past maxMatch and slices of any length around it, by
// matchLen and by prefix.
func TestMatchLen(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for common := range maxMatch + 20 {
		for range 4 {
			a := make([]byte, common+rng.IntN(40))
			for i := range a {
				a[i] = byte(rng.IntN(3))
			}
			b := slices.Clone(a[:min(len(a), common+rng.IntN(40))])
			if common < len(b) && common < len(a) {
				b[common] = a[common] + 1 // the first byte that differs
			}
			want := 0
			for want < min(len(a), len(b), maxMatch) && a[want] == b[want] {
				want++
			}
			if got := matchLen(a, b); got != want {
				t.Fatalf("common prefix %d of %d and %d bytes: matchLen = %d, want %d", common, len(a), len(b), got, want)
			}
			if got := matchLen(b, a); got != want {
				t.Fatalf("common prefix %d of %d and %d bytes, swapped: matchLen = %d, want %d", common, len(b), len(a), got, want)
			}
			// prefix takes the shorter first, cut to maxMatch, as the search does.
			short, long := a, b
			if len(b) < len(a) {
				short, long = b, a
			}
			if got := prefix(short[:min(len(short), maxMatch)], long); got != want {
				t.Fatalf("common prefix %d of %d and %d bytes: prefix = %d, want %d", common, len(short), len(long), got, want)
			}
		}
	}
}

// keptSpan compresses the first (header) or last (footer) span of a head-to-head
// card twice with an empty memo (a shared span is kept the second time it is met)
// and returns the canvas, the span and the code kept for it.
func keptSpan(t *testing.T, last bool) (*canvas, span, *spanCode) {
	t.Helper()
	clearSpanMemo()
	cv := newCanvas()
	samples["h2h"].drawOn(cv)
	spans := cv.spans()
	sp, want := spans[0], span{start: 0, end: bodyTop * (Width + 1)}
	if last {
		sp, want = spans[len(spans)-1], span{start: footerTop * (Width + 1), end: Height * (Width + 1)}
	}
	if !sp.shared || sp.start != want.start || sp.end != want.end {
		t.Fatalf("span %+v, want the shared one of bytes %d to %d", sp, want.start, want.end)
	}
	var d deflater
	for range 2 {
		var w bitWriter
		var sum adler
		d.compressSpan(&w, &sum, cv.raw, Width+1, sp)
	}
	spanMemo.RLock()
	code := spanMemo.m[sp.sig]
	spanMemo.RUnlock()
	if code == nil {
		t.Fatal("the span was not kept the second time")
	}
	return cv, sp, code
}

// TestSpanMemoBoundedBySize: a span is kept while the memo's bytes (each kept span's
// key, the span and the row above, and bits) stay within spanMemoMax, exactly at the
// bound too, and not one byte past it; each kept span adds its key and bits to the
// memo's size.
func TestSpanMemoBoundedBySize(t *testing.T) {
	defer clearSpanMemo()
	const row = Width + 1
	cv, sp, code := keptSpan(t, false)
	if len(code.key) != bodyTop*row {
		t.Fatalf("key of %d bytes, want the header's %d (no row above the first)", len(code.key), bodyTop*row)
	}
	need := len(code.key) + len(code.bits)
	if spanMemo.size != need {
		t.Errorf("memo size %d after one span, want its key and bits, %d", spanMemo.size, need)
	}
	for _, room := range []int{need, need - 1} {
		clearSpanMemo()
		metBefore(sp.sig)
		spanMemo.size = spanMemoMax - room
		var d deflater
		var w bitWriter
		var sum adler
		d.compressSpan(&w, &sum, cv.raw, row, sp)
		spanMemo.RLock()
		kept, size := spanMemo.m[sp.sig] != nil, spanMemo.size
		spanMemo.RUnlock()
		if want := room == need; kept != want {
			t.Errorf("room for %d bytes, span of %d: kept %v, want %v", room, need, kept, want)
		}
		want := spanMemoMax - room
		if room == need {
			want += need
		}
		if size != want {
			t.Errorf("room for %d bytes: memo size %d, want %d", room, size, want)
		}
	}
}

// TestSpanMemoWithOtherFilterBytes: a kept span is used whatever the buffer held in
// its rows' filter bytes, which compressSpan sets to None before looking it up (they
// are part of its key): the memo's bits are what is written.
func TestSpanMemoWithOtherFilterBytes(t *testing.T) {
	defer clearSpanMemo()
	const row = Width + 1
	for _, last := range []bool{false, true} {
		cv, sp, code := keptSpan(t, last)
		for i := range code.bits {
			code.bits[i] = 0xa5 // a pattern no compression of the span gives
		}
		for y := sp.start / row; y < sp.end/row; y++ {
			cv.raw[y*row] = 9
		}
		var d deflater
		var w bitWriter
		var sum adler
		d.compressSpan(&w, &sum, cv.raw, row, sp)
		w.flush()
		if n := len(code.bits) - 1; len(w.out) < n || !bytes.Equal(w.out[:n], code.bits[:n]) {
			t.Errorf("rows %d to %d: the kept span's bits were not written", sp.start/row, sp.end/row)
		}
		for y := sp.start / row; y < sp.end/row; y++ {
			if cv.raw[y*row] != 0 {
				t.Fatalf("row %d: filter byte %d, want 0 (None)", y, cv.raw[y*row])
			}
		}
	}
}

// TestCopiesFewestTokens: copies codes a stretch of n bytes that repeats at its
// distance as ceil(n/258) matches, never leaving a tail of one or two literals after
// a full match (n = 259 is 256 + 3), and a stretch shorter than a match as literals;
// the tokens, decoded after the bytes before the stretch, give the stretch.
func TestCopiesFewestTokens(t *testing.T) {
	for _, dist := range []int{1, Width + 1} {
		data := make([]byte, 3000)
		for j := range data {
			data[j] = byte(j % dist * 7) // repeats every dist bytes
		}
		for n := range 800 {
			var d deflater
			d.copies(data, 1300, 1300+n, dist)
			out := slices.Clone(data[:1300])
			lits, matches := 0, 0
			for _, tok := range d.tokens {
				if tok&matchFlag == 0 {
					lits++
					out = append(out, byte(tok))
					continue
				}
				l, dd := int(tok>>16&0x7fff)+3, int(tok&0xffff)+1
				if l < 3 || l > 258 || dd != dist {
					t.Fatalf("n=%d: a match of %d at distance %d, want 3 to 258 at %d", n, l, dd, dist)
				}
				matches++
				for range l {
					out = append(out, out[len(out)-dd])
				}
			}
			wantLits, wantMatches := 0, (n+257)/258
			if n < 3 {
				wantLits, wantMatches = n, 0
			}
			if lits != wantLits || matches != wantMatches {
				t.Fatalf("n=%d, distance %d: %d literals and %d matches, want %d and %d", n, dist, lits, matches, wantLits, wantMatches)
			}
			if !bytes.Equal(out[1300:], data[1300:1300+n]) {
				t.Fatalf("n=%d, distance %d: the tokens decode to other bytes", n, dist)
			}
		}
	}
}

// TestFindBeforeAndAbove: with empty hash chains, find takes the match from the byte
// before from the second byte of the data on, and the match from the row above from
// the first byte of the second row on (worked out by hand for three rows of ten bytes,
// the second a copy of the first).
func TestFindBeforeAndAbove(t *testing.T) {
	const row = 10
	a := []byte{0, 0, 0, 0, 5, 6, 7, 8, 9, 1}
	data := slices.Concat(a, a, []byte{2, 3, 4, 2, 3, 4, 2, 3, 4, 2})
	for _, tc := range []struct{ i, best, dist int }{
		{1, 3, 1},       // 0 0 0 after 0 0 0, then 5 ≠ 0
		{row, row, row}, // the whole second row over the first; the byte before (1) differs
	} {
		var d deflater
		if best, dist := d.find(data, tc.i, row, hashAt(data, tc.i)); best != tc.best || dist != tc.dist {
			t.Errorf("find at %d: %d bytes at distance %d, want %d at %d", tc.i, best, dist, tc.best, tc.dist)
		}
	}
	// The hash chains reach the data's first position: ABCDEFGH again at 11, then Z
	// where Q was; no row above (a row of 100) and S before.
	p := []byte("ABCDEFGHQRSABCDEFGHZ")
	var d deflater
	d.insertRange(p, 0, 11)
	if best, dist := d.find(p, 11, 100, hashAt(p, 11)); best != 8 || dist != 11 {
		t.Errorf("find at 11 of %q: %d bytes at distance %d, want 8 at 11", p, best, dist)
	}
}

// TestSpanSeenBounded: the memo remembers at most spanSeenMax spans met once; the
// next new one makes it forget them all, and that one is remembered.
func TestSpanSeenBounded(t *testing.T) {
	clearSpanMemo()
	defer clearSpanMemo()
	spanMemo.Lock()
	for i := range spanSeenMax {
		spanMemo.seen[uint64(i)] = struct{}{}
	}
	spanMemo.Unlock()
	if metBefore(spanSeenMax) {
		t.Fatal("a new span counted as met")
	}
	if n := len(spanMemo.seen); n != 1 || !metBefore(spanSeenMax) {
		t.Errorf("after a new span past the bound: %d remembered, want only the new one", n)
	}
}

// TestRowSumEveryLength: rowSum gives hash/adler32's checksum for rows of every
// length from 0 to 300 and around the card's row (1201) and sum16's step, of random
// bytes and of bytes 255 (the largest sums); sum16 and sumWords give the sums a and
// b counted byte by byte.
func TestRowSumEveryLength(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 16))
	var lengths []int
	for n := range 301 {
		lengths = append(lengths, n)
	}
	for n := 1201 - 40; n <= 1201+40; n++ {
		lengths = append(lengths, n)
	}
	for _, n := range lengths {
		for _, full := range []bool{false, true} {
			p := make([]byte, n)
			for i := range p {
				p[i] = byte(r.IntN(256))
				if full {
					p[i] = 255
				}
			}
			one := adler{s1: 1}
			one.add(rowSum(p), len(p))
			if got, want := one.value(), adler32.Checksum(p); got != want {
				t.Fatalf("%d bytes (255s: %v): rowSum gives %08x, want %08x", n, full, got, want)
			}
			var a, b uint64
			for _, x := range p {
				a += uint64(x)
				b += a
			}
			if ga, gb := sumWords(p); ga != a || gb != b {
				t.Fatalf("%d bytes (255s: %v): sumWords %d, %d, want %d, %d", n, full, ga, gb, a, b)
			}
			if n%16 == 0 {
				if ga, gb := sum16(p); ga != a || gb != b {
					t.Fatalf("%d bytes (255s: %v): sum16 %d, %d, want %d, %d", n, full, ga, gb, a, b)
				}
			}
		}
	}
}

// TestRowSumLongerThanOneStep: a row longer than sum16 takes at once is summed in
// parts that add up to hash/adler32's checksum.
func TestRowSumLongerThanOneStep(t *testing.T) {
	p := bytes.Repeat([]byte{255, 254, 7}, (maxSum16+100)/3)
	one := adler{s1: 1}
	one.add(rowSum(p), len(p))
	if got, want := one.value(), adler32.Checksum(p); got != want {
		t.Fatalf("%d bytes: rowSum gives %08x, want %08x", len(p), got, want)
	}
}
