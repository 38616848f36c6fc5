package share

import (
	"image"
	"image/color"
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
