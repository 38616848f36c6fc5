package share

import (
	"encoding/binary"
	"image"
	"sync"
	"sync/atomic"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// A card is drawn from a few dozen glyphs at a dozen sizes, and a build draws
// thousands of cards. So a face (one font at one size) is made once per process and
// shared by every card, on any goroutine: a glyph is rasterised the first time it is
// needed, and its advance and its coverage mask, already cut to the palette's steps,
// are kept. Drawing a glyph is then a table lookup per pixel.

type weight int

const (
	regular weight = iota
	medium
	bold
)

// typeface is one of the Go fonts, parsed once.
type typeface struct {
	f    *sfnt.Font
	kern bool // the font has a kern or GPOS table
}

var typefaces = sync.OnceValue(func() map[weight]*typeface {
	out := map[weight]*typeface{}
	for w, ttf := range map[weight][]byte{bold: gobold.TTF, medium: gomedium.TTF, regular: goregular.TTF} {
		f, err := opentype.Parse(ttf)
		if err != nil {
			panic("share: the embedded Go font does not parse: " + err.Error())
		}
		out[w] = &typeface{f: f, kern: hasTable(ttf, "kern") || hasTable(ttf, "GPOS")}
	}
	return out
})

// hasTable reports whether a TrueType file lists a table with the tag.
func hasTable(ttf []byte, tag string) bool {
	if len(ttf) < 12 {
		return false
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+4 > len(ttf) {
			return false
		}
		if string(ttf[rec:rec+4]) == tag {
			return true
		}
	}
	return false
}

// face is one typeface at one pixel size, safe for concurrent use.
type face struct {
	ascent, descent, height int // whole pixels, rounded up

	tf *typeface

	mu    sync.Mutex // guards ot, kerns and more
	ot    font.Face  // rasterises the glyphs not yet kept
	kerns map[[2]rune]fixed.Int26_6
	more  map[glyphKey]*glyph // runes from 256 on, or drawn off the pixel grid

	latin [256]atomic.Pointer[glyph] // runes below 256 at whole-pixel positions
}

type glyphKey struct {
	r      rune
	fx, fy fixed.Int26_6 // the dot's position within its pixel
}

// glyph is a rasterised glyph: its advance and its coverage in steps (0 to steps)
// over the rectangle at off from the dot's pixel.
type glyph struct {
	id   uint64 // unique in the process
	adv  fixed.Int26_6
	ok   bool // the face could draw it
	off  image.Point
	w, h int
	cov  []uint8

	// inked[ink*numBase+paper] is the glyph's box drawn in a base ink over a base
	// paper, made when first needed (see canvas.glyph).
	inked [numBase * numBase]atomic.Pointer[[]uint8]
}

// glyphIDs numbers the glyphs of the process (see glyph.op).
var glyphIDs atomic.Uint64

// op is the drawing of the glyph in ink with its box's corner at x0, y0, for
// canvas.touch: the glyph's number stands for its face, rune and coverage.
func (g *glyph) op(ink uint8, x0, y0 int) uint64 {
	return opOf(opGlyph, g.id, uint64(ink), uint64(x0), uint64(y0))
}

// inkedOn returns the glyph's box as palette colours: ink at each pixel's coverage
// over paper, both base colours.
func (g *glyph) inkedOn(ink, paper uint8) []uint8 {
	slot := &g.inked[int(ink)*numBase+int(paper)]
	if b := slot.Load(); b != nil {
		return *b
	}
	ramp := &blends[ink][paper]
	b := make([]uint8, len(g.cov))
	for i, s := range g.cov {
		b[i] = ramp[s]
	}
	slot.Store(&b) // goroutines that race here store the same bytes
	return b
}

type faceKey struct {
	w    weight
	size int
}

var (
	facesMu sync.Mutex
	faces   = map[faceKey]*face{}
)

// faceOf returns the shared face of a weight at a pixel size.
func faceOf(w weight, size int) *face {
	facesMu.Lock()
	defer facesMu.Unlock()
	k := faceKey{w, size}
	if f := faces[k]; f != nil {
		return f
	}
	tf := typefaces()[w]
	ot, err := opentype.NewFace(tf.f, &opentype.FaceOptions{Size: float64(size), DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic("share: face of an embedded Go font: " + err.Error())
	}
	m := ot.Metrics()
	f := &face{tf: tf, ot: ot, ascent: m.Ascent.Ceil(), descent: m.Descent.Ceil(), height: m.Height.Ceil(),
		kerns: map[[2]rune]fixed.Int26_6{}, more: map[glyphKey]*glyph{}}
	faces[k] = f
	return f
}

// glyph returns the glyph of r drawn with the dot at a position whose fraction of a
// pixel is fx, fy.
func (f *face) glyph(r rune, fx, fy fixed.Int26_6) *glyph {
	whole := fx == 0 && fy == 0 && r >= 0 && r < 256
	if whole {
		if g := f.latin[r].Load(); g != nil {
			return g
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	k := glyphKey{r, fx, fy}
	if whole {
		if g := f.latin[r].Load(); g != nil {
			return g
		}
	} else if g := f.more[k]; g != nil {
		return g
	}
	g := &glyph{id: glyphIDs.Add(1)}
	// Rasterise with the dot 64 pixels in, so the mask's rectangle is never negative.
	dot := fixed.Point26_6{X: fixed.I(64) + fx, Y: fixed.I(64) + fy}
	dr, mask, mp, adv, ok := f.ot.Glyph(dot, r)
	g.adv, g.ok = adv, ok
	if ok {
		g.off = dr.Min.Sub(image.Pt(64, 64))
		g.w, g.h = dr.Dx(), dr.Dy()
		g.cov = make([]uint8, g.w*g.h)
		for y := range g.h {
			for x := range g.w {
				_, _, _, a := mask.At(mp.X+x, mp.Y+y).RGBA()
				g.cov[y*g.w+x] = uint8(coverageStep(uint8(a >> 8)))
			}
		}
	} else {
		g.adv, _ = f.ot.GlyphAdvance(r)
	}
	if whole {
		f.latin[r].Store(g)
	} else {
		f.more[k] = g
	}
	return g
}

// kern is the kerning between two runes (none in the Go fonts as shipped). It is
// small enough to be inlined where text is measured and drawn, rune by rune.
func (f *face) kern(a, b rune) fixed.Int26_6 {
	if !f.tf.kern {
		return 0
	}
	return f.kernPair(a, b)
}

// kernPair is kern for a face whose font has kerning, looked up once per pair.
func (f *face) kernPair(a, b rune) fixed.Int26_6 {
	f.mu.Lock()
	defer f.mu.Unlock()
	k, ok := f.kerns[[2]rune{a, b}]
	if !ok {
		k = f.ot.Kern(a, b)
		f.kerns[[2]rune{a, b}] = k
	}
	return k
}

// advance measures s in 26.6 fixed point: the sum of the advances and kerning.
func (f *face) advance(s string) fixed.Int26_6 { return f.advanceAfter(-1, s) }

// advanceAfter measures s drawn right after the rune prev (-1 for none): the kerning
// between prev and s's first rune is counted, prev's advance is not.
func (f *face) advanceAfter(prev rune, s string) fixed.Int26_6 {
	var adv fixed.Int26_6
	for _, r := range s {
		if prev >= 0 {
			adv += f.kern(prev, r)
		}
		adv += f.glyph(r, 0, 0).adv
		prev = r
	}
	return adv
}

// width measures a string in whole pixels, rounded up.
func width(f *face, s string) int { return f.advance(s).Ceil() }
