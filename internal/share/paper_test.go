package share

import (
	"bytes"
	"image/color"
	"math/rand/v2"
	"testing"
)

// blendBox draws a glyph box of w columns and len(cov)/w rows on pix (rows stride
// apart) pixel by pixel, as mask does.
func blendBox(pix []byte, stride, w int, cov []uint8, lut *[256][steps + 1]uint8) {
	for r := range len(cov) / w {
		blendRow(pix[r*stride:r*stride+w], cov[r*w:(r+1)*w], lut)
	}
}

// TestPaperRowsCopiesRowsOfPaper: paperRows copies from the box drawn over the paper
// the rows that are all of that paper, from the first on, stops at the first row
// with another pixel anywhere (first, middle or last eight), and touches nothing
// outside the rows it copied; the copied rows equal blending each pixel. Every width
// from 8 to 40, so both the two-step rows and the longer ones, with their
// overlapping last eight.
func TestPaperRowsCopiesRowsOfPaper(t *testing.T) {
	const paper, ink = 0, 5 // pitch, white
	lut := &blends[ink]
	r := rand.New(rand.NewPCG(3, 4))
	for w := 8; w <= 40; w++ {
		const rows, stride = 6, 50
		cov := make([]uint8, rows*w)
		for i := range cov {
			cov[i] = uint8(r.IntN(steps + 1))
		}
		src := make([]uint8, len(cov))
		for i, s := range cov {
			src[i] = lut[paper][s]
		}
		for stop := 1; stop <= rows; stop++ { // the first row not all paper; rows: none
			for _, at := range []int{0, w / 2, w - 8, w - 1} {
				pix := bytes.Repeat([]byte{paper}, rows*stride)
				for i := range pix {
					if i%stride >= w {
						pix[i] = 9 // outside the box
					}
				}
				if stop < rows {
					pix[stop*stride+at] = 1 // turf
				}
				want := bytes.Clone(pix)
				blendBox(want, stride, w, cov[:stop*w], lut)
				n := paperRows(pix, stride, src, w)
				if n != stop {
					t.Fatalf("w %d, other pixel at row %d column %d: copied %d rows, want %d", w, stop, at, n, stop)
				}
				if !bytes.Equal(pix, want) {
					t.Fatalf("w %d, other pixel at row %d column %d: pixels differ from blending the first %d rows", w, stop, at, stop)
				}
			}
		}
	}
}

// TestNarrowRowsCopiesRowsOfPaper is TestPaperRowsCopiesRowsOfPaper for glyphs of 4 to
// 7 pixels wide, copied four pixels a step by narrowRows.
func TestNarrowRowsCopiesRowsOfPaper(t *testing.T) {
	const paper, ink = 2, 4 // green, gold
	lut := &blends[ink]
	r := rand.New(rand.NewPCG(7, 8))
	for w := 4; w < 8; w++ {
		const rows, stride = 5, 20
		cov := make([]uint8, rows*w)
		src := make([]uint8, len(cov))
		for i := range cov {
			cov[i] = uint8(r.IntN(steps + 1))
			src[i] = lut[paper][cov[i]]
		}
		for stop := 1; stop <= rows; stop++ {
			for _, at := range []int{0, w / 2, w - 4, w - 1} {
				pix := bytes.Repeat([]byte{paper}, rows*stride)
				for i := range pix {
					if i%stride >= w {
						pix[i] = 9
					}
				}
				if stop < rows {
					pix[stop*stride+at] = 0 // pitch
				}
				want := bytes.Clone(pix)
				blendBox(want, stride, w, cov[:stop*w], lut)
				if n := narrowRows(pix, stride, src, w); n != stop || !bytes.Equal(pix, want) {
					t.Fatalf("w %d, other pixel at row %d column %d: copied %d rows (want %d), pixels equal to blending: %v",
						w, stop, at, n, stop, bytes.Equal(pix, want))
				}
			}
		}
	}
}

// TestMixedRowBlends: a row of a glyph box partly over its paper and partly over
// other colours gets the colours blending each pixel gives, at every width from 8
// to 40 and wherever the other colours lie, including the last eight pixels (all
// paper, or not) that overlap the eight before.
func TestMixedRowBlends(t *testing.T) {
	const paper, ink = 1, 4 // turf, gold
	lut := &blends[ink]
	r := rand.New(rand.NewPCG(5, 6))
	for w := 8; w <= 40; w++ {
		for range 200 {
			cov := make([]uint8, w)
			src := make([]uint8, w)
			for i := range cov {
				cov[i] = uint8(r.IntN(steps + 1))
				src[i] = lut[paper][cov[i]]
			}
			dst := bytes.Repeat([]byte{paper}, w)
			for range 1 + r.IntN(3) {
				from := r.IntN(w)
				for x := from; x < min(w, from+1+r.IntN(6)); x++ {
					dst[x] = uint8(r.IntN(len(palette)))
				}
			}
			want := bytes.Clone(dst)
			blendRow(want, cov, lut)
			mixedRow(dst, src, cov, paper, lut)
			if !bytes.Equal(dst, want) {
				t.Fatalf("w %d: got %v, want %v", w, dst, want)
			}
		}
	}
}

// TestIdx: idx gives a base colour's place in the palette, and any other colour of
// the palette its own index, as palette.Index does.
func TestIdx(t *testing.T) {
	for i, c := range baseColors {
		if got := idx(c); got != uint8(i) || palette[i] != c {
			t.Errorf("idx(%v) = %d, want %d", c, got, i)
		}
	}
	for i := numBase; i < len(palette); i++ {
		c := palette[i].(color.RGBA)
		if got, want := idx(c), uint8(palette.Index(c)); got != want {
			t.Errorf("idx(palette[%d]) = %d, want %d", i, got, want)
		}
	}
}

// TestPaletteChunksOnce: the cards' palette chunks, made once, are those of the
// palette, and a copy of the palette (another slice, made anew) encodes the same
// bytes as the palette itself.
func TestPaletteChunksOnce(t *testing.T) {
	if !bytes.Equal(cardPaletteChunks(), paletteChunks(nil, palette)) {
		t.Fatal("the cards' palette chunks differ from the palette's")
	}
	raw := make([]byte, 9*3)
	var a, b bytes.Buffer
	var d deflater
	if err := d.encode(&a, raw, 8, 3, palette); err != nil {
		t.Fatal(err)
	}
	if err := d.encode(&b, raw, 8, 3, append(color.Palette(nil), palette...)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the palette and a copy of it encode differently")
	}
	if !bytes.Contains(a.Bytes(), paletteChunks(nil, palette)) {
		t.Error("no PLTE chunk of the palette in the image")
	}
	// Another palette of as many colours has chunks of its own.
	other := make(color.Palette, len(palette))
	for i := range other {
		other[i] = color.RGBA{uint8(i), 1, 2, 255}
	}
	var c bytes.Buffer
	if err := d.encode(&c, raw, 8, 3, other); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(c.Bytes(), paletteChunks(nil, other)) {
		t.Error("a palette as long as the cards' was written as the cards'")
	}
}

// TestPNGIsEncode: PNG returns the bytes Encode writes, each call its own slice.
func TestPNGIsEncode(t *testing.T) {
	c := samples["h2h"]
	var buf bytes.Buffer
	if err := c.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	a, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := c.PNG()
	if !bytes.Equal(a, buf.Bytes()) || !bytes.Equal(b, a) {
		t.Fatal("PNG differs from Encode")
	}
	a[0] = 0
	if b[0] == 0 {
		t.Error("two PNGs share their bytes")
	}
	var w appender
	if n, err := w.Write([]byte("ab")); n != 2 || err != nil {
		t.Errorf("Write = %d, %v, want 2, nil", n, err)
	}
	if n, _ := w.Write([]byte("c")); n != 1 || string(w.b) != "abc" {
		t.Errorf("after two writes: %q (%d), want \"abc\"", w.b, n)
	}
}
