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
