package share

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"testing"
)

// TestEncodePNGNoRows: an image with width but no rows is refused as empty, as one
// with rows but no width is.
func TestEncodePNGNoRows(t *testing.T) {
	for _, r := range []image.Rectangle{image.Rect(0, 0, 5, 0), image.Rect(2, 3, 7, 3)} {
		if err := encodePNG(io.Discard, image.NewPaletted(r, color.Palette{color.Black})); err == nil || err.Error() != "empty image" {
			t.Errorf("%v: err = %v, want \"empty image\"", r, err)
		}
	}
}

// TestEncodePNG256Colours: a palette of 256 colours, the most a PNG index holds, is
// written, and the image reads back with its last colour.
func TestEncodePNG256Colours(t *testing.T) {
	pal := make(color.Palette, 256)
	for i := range pal {
		pal[i] = color.RGBA{uint8(i), 0, uint8(255 - i), 255}
	}
	img := image.NewPaletted(image.Rect(0, 0, 3, 2), pal)
	img.SetColorIndex(2, 1, 255)
	var buf bytes.Buffer
	if err := encodePNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if r, g, b, _ := got.At(2, 1).RGBA(); r>>8 != 255 || g != 0 || b != 0 {
		t.Errorf("pixel (2,1) = %v, want the 256th colour (255, 0, 0)", got.At(2, 1))
	}
}

// TestGrowKeepsTheArray: grow reslices a buffer whose capacity holds n, exactly n
// included, keeping its array and contents, and makes a new one only when it does
// not; so a deflater encoding images of one size keeps its buffers from one to the
// next.
func TestGrowKeepsTheArray(t *testing.T) {
	b := make([]int, 2, 4)
	b[0], b[1] = 7, 8
	for n := 0; n <= 4; n++ {
		g := grow(b, n)
		if len(g) != n || cap(g) != 4 || (n > 0 && &g[0] != &b[0]) || (n >= 2 && (g[0] != 7 || g[1] != 8)) {
			t.Errorf("grow(len 2 cap 4, %d): len %d cap %d, want the same array resliced to %d", n, len(g), cap(g), n)
		}
	}
	if g := grow(b, 5); len(g) != 5 || &g[0] == &b[0] {
		t.Errorf("grow(cap 4, 5): len %d, same array %v; want a new array of 5", len(g), &g[0] == &b[0])
	}
	var d deflater
	pal := color.Palette{color.Black, color.White}
	raw := make([]byte, 7*4)
	if err := d.encode(io.Discard, raw, 6, 4, pal); err != nil {
		t.Fatal(err)
	}
	same, runs := &d.same[0], &d.runs[0]
	if err := d.encode(io.Discard, raw, 6, 4, pal); err != nil {
		t.Fatal(err)
	}
	if &d.same[0] != same || &d.runs[0] != runs {
		t.Errorf("a second image of the same size: new row notes, want the first image's kept")
	}
}
