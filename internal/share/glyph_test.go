package share

import (
	"bytes"
	"image"
	"testing"
)

// crafted draws what the cards do not but a glyph may meet: text across the edge of
// a panel (two papers under one row of a glyph), over a gold band, over other text
// (an edge colour as paper), and cut by every side of the canvas.
func crafted(cv *canvas) {
	cv.clear()
	cv.fill(image.Rect(300, 200, 700, 260), turf)
	cv.fill(image.Rect(0, 300, Width, 330), gold)
	f := cv.face(bold, 50)
	cv.text(f, "Panel edge: mmm", 200, 240, white)
	cv.text(f, "Gold band", 40, 320, pitch)
	cv.text(f, "Overlap", 400, 420, white)
	cv.text(f, "Overlap", 403, 423, gold)
	cv.text(f, "Left", -20, 480, white)
	cv.text(f, "Right edge", Width-120, 480, muted)
	cv.text(f, "Top", 500, 10, white)
	cv.text(f, "Bottom", 500, Height+20, white)
	cv.text(cv.face(regular, 30), "ÆØÅ ← →", 800, 380, white)
}

// TestGlyphRowsCopied: a glyph's rows copied from its box drawn once over the paper
// give the pixels that blending each pixel gives, on every sample card and on
// crafted drawings where the paper under a glyph is not one colour.
func TestGlyphRowsCopied(t *testing.T) {
	defer func() { fastGlyphs = true }()
	draws := map[string]func(*canvas){"crafted": crafted}
	for _, name := range sampleNames() {
		c := samples[name]
		draws[name] = c.drawOn
	}
	for name, draw := range draws {
		var got [2][]byte
		for i, fast := range []bool{false, true} {
			fastGlyphs = fast
			cv := newCanvas()
			draw(cv)
			got[i] = bytes.Clone(cv.raw)
		}
		if !bytes.Equal(got[0], got[1]) {
			t.Errorf("%s: copied glyph rows differ from blended pixels", name)
		}
	}
	// The crafted drawing does take both ways: rows over one paper and rows over two.
	fastGlyphs = true
	cv := newCanvas()
	crafted(cv)
	g := cv.face(bold, 50).glyph('m', 0, 0)
	if g.inked[int(idx(white))*numBase+int(idx(turf))].Load() == nil {
		t.Error("no glyph was copied over the panel")
	}
}
