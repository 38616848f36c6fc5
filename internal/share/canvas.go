package share

import (
	"image"
	"image/color"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The colours of a card: a night pitch, the site's green and gold, white ink. Every
// ink is blended over every paper it is drawn on in a fixed number of steps, and the
// palette holds exactly those colours, so antialiased text stays smooth while the PNG
// stays paletted and small.
var (
	pitch = color.RGBA{0x0e, 0x1a, 0x15, 0xff} // background
	turf  = color.RGBA{0x17, 0x2a, 0x22, 0xff} // panels
	green = color.RGBA{0x0f, 0x6b, 0x43, 0xff} // header band
	night = color.RGBA{0x08, 0x10, 0x0d, 0xff} // footer band
	gold  = color.RGBA{0xf4, 0xc4, 0x30, 0xff}
	white = color.RGBA{0xff, 0xff, 0xff, 0xff}
	muted = color.RGBA{0xa3, 0xb5, 0xac, 0xff}
)

// steps is how many levels of coverage a glyph edge gets between paper and ink.
const steps = 4

// pairs are the inks drawn on each paper.
var pairs = []struct{ paper, ink color.RGBA }{
	{pitch, white}, {pitch, gold}, {pitch, muted},
	{turf, white}, {turf, gold}, {turf, muted},
	{green, white}, {green, gold},
	{night, muted}, {night, white},
	{gold, pitch},
}

// palette holds the base colours, then the blends of every pair.
var palette, blendTable = func() (color.Palette, map[[2]uint8]*[steps + 1]uint8) {
	base := []color.RGBA{pitch, turf, green, night, gold, white, muted}
	var pal color.Palette
	index := map[color.RGBA]uint8{}
	addColor := func(c color.RGBA) uint8 {
		if i, ok := index[c]; ok {
			return i
		}
		index[c] = uint8(len(pal))
		pal = append(pal, c)
		return index[c]
	}
	for _, c := range base {
		addColor(c)
	}
	table := map[[2]uint8]*[steps + 1]uint8{}
	for _, p := range pairs {
		var ramp [steps + 1]uint8
		for s := 0; s <= steps; s++ {
			ramp[s] = addColor(mix(p.paper, p.ink, s, steps))
		}
		table[[2]uint8{index[p.paper], index[p.ink]}] = &ramp
	}
	if len(pal) > 256 {
		panic("share: palette over 256 colours")
	}
	return pal, table
}()

// mix blends ink over paper at coverage num/den, rounding to nearest.
func mix(paper, ink color.RGBA, num, den int) color.RGBA {
	m := func(a, b uint8) uint8 { return uint8((int(a)*(den-num) + int(b)*num + den/2) / den) }
	return color.RGBA{m(paper.R, ink.R), m(paper.G, ink.G), m(paper.B, ink.B), 0xff}
}

// idx is the palette index of a base colour.
func idx(c color.RGBA) uint8 { return uint8(palette.Index(c)) }

// The three Go fonts a card uses, parsed once.
var fonts = sync.OnceValue(func() map[weight]*sfnt.Font {
	out := map[weight]*sfnt.Font{}
	for w, ttf := range map[weight][]byte{bold: gobold.TTF, medium: gomedium.TTF, regular: goregular.TTF} {
		f, err := opentype.Parse(ttf)
		if err != nil {
			panic("share: the embedded Go font does not parse: " + err.Error())
		}
		out[w] = f
	}
	return out
})

type weight int

const (
	regular weight = iota
	medium
	bold
)

// canvas is one image being drawn, with the faces it has made.
type canvas struct {
	img   *image.Paletted
	faces map[faceKey]font.Face
	buf   sfnt.Buffer
}

type faceKey struct {
	w    weight
	size int
}

func newCanvas() *canvas {
	img := image.NewPaletted(image.Rect(0, 0, Width, Height), palette)
	return &canvas{img: img, faces: map[faceKey]font.Face{}}
}

// face returns the font of a weight at a pixel size.
func (cv *canvas) face(w weight, size int) font.Face {
	k := faceKey{w, size}
	if f := cv.faces[k]; f != nil {
		return f
	}
	f, err := opentype.NewFace(fonts()[w], &opentype.FaceOptions{Size: float64(size), DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic("share: face of an embedded Go font: " + err.Error())
	}
	cv.faces[k] = f
	return f
}

// fill paints a rectangle.
func (cv *canvas) fill(r image.Rectangle, c color.RGBA) {
	r = r.Intersect(cv.img.Rect)
	i := idx(c)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := cv.img.Pix[y*cv.img.Stride+r.Min.X : y*cv.img.Stride+r.Max.X]
		for x := range row {
			row[x] = i
		}
	}
}

// clean replaces the characters the fonts lack with "?" and line breaks and tabs
// with spaces, and trims the ends.
func (cv *canvas) clean(s string) string {
	f := fonts()[regular]
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			r = ' '
		case r < ' ' || r == utf8.RuneError:
			r = '?'
		default:
			if g, err := f.GlyphIndex(&cv.buf, r); err != nil || g == 0 {
				r = '?'
			}
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// width measures a string in whole pixels, rounded up.
func width(f font.Face, s string) int { return font.MeasureString(f, s).Ceil() }

// text draws s with its baseline at y, starting at x, in ink, and returns its width.
// The paper under each pixel decides the blend, so text may cross panels.
func (cv *canvas) text(f font.Face, s string, x, y int, ink color.RGBA) int {
	inkIdx := idx(ink)
	dot := fixed.P(x, y)
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += f.Kern(prev, r)
		}
		dr, mask, mp, adv, ok := f.Glyph(dot, r)
		if ok {
			cv.glyph(dr, mask, mp, inkIdx)
		}
		dot.X += adv
		prev = r
	}
	return (dot.X - fixed.I(x)).Ceil()
}

// glyph blends a coverage mask into the image.
func (cv *canvas) glyph(dr image.Rectangle, mask image.Image, mp image.Point, ink uint8) {
	clip := dr.Intersect(cv.img.Rect)
	alpha, _ := mask.(*image.Alpha)
	for y := clip.Min.Y; y < clip.Max.Y; y++ {
		for x := clip.Min.X; x < clip.Max.X; x++ {
			mx, my := mp.X+x-dr.Min.X, mp.Y+y-dr.Min.Y
			var a uint8
			if alpha != nil {
				a = alpha.Pix[(my-alpha.Rect.Min.Y)*alpha.Stride+mx-alpha.Rect.Min.X]
			} else {
				_, _, _, a16 := mask.At(mx, my).RGBA()
				a = uint8(a16 >> 8)
			}
			if a == 0 {
				continue
			}
			p := &cv.img.Pix[y*cv.img.Stride+x]
			*p = blend(*p, ink, a)
		}
	}
}

// blend returns the palette colour of ink at coverage a over the paper colour p.
func blend(p, ink uint8, a uint8) uint8 {
	s := (int(a)*steps + 127) / 255
	if s == 0 {
		return p
	}
	if ramp := blendTable[[2]uint8{p, ink}]; ramp != nil {
		return ramp[s]
	}
	// The paper is itself an edge (glyphs touching) or an unplanned pair: take the
	// nearest colour of the palette.
	return uint8(palette.Index(mix(palette[p].(color.RGBA), palette[ink].(color.RGBA), s, steps)))
}

// fit returns the largest size from sizes at which s fits in maxW on one line, and s
// itself; when none fits, the smallest size and s cut with an ellipsis.
func (cv *canvas) fit(w weight, s string, maxW int, sizes ...int) (font.Face, string) {
	for _, size := range sizes {
		f := cv.face(w, size)
		if width(f, s) <= maxW {
			return f, s
		}
	}
	f := cv.face(w, sizes[len(sizes)-1])
	return f, cut(f, s, maxW)
}

// cut shortens s to fit in maxW and ends it with an ellipsis. It cuts between words
// when that keeps most of the line, else between characters.
func cut(f font.Face, s string, maxW int) string {
	if width(f, s) <= maxW {
		return s
	}
	runes := []rune(s)
	best := ""
	for n := len(runes) - 1; n > 0; n-- {
		if runes[n] != ' ' {
			continue
		}
		head := strings.TrimRight(string(runes[:n]), " ,.;:–-·")
		if t := head + "…"; head != "" && width(f, t) <= maxW {
			best = t
			break
		}
	}
	if best != "" && width(f, best)*10 >= maxW*6 {
		return best
	}
	for n := len(runes) - 1; n > 0; n-- {
		head := strings.TrimRight(string(runes[:n]), " ,.;:–-·")
		if t := head + "…"; head != "" && width(f, t) <= maxW {
			return t
		}
	}
	return "…"
}

// wrap breaks s into at most maxLines lines of at most maxW each, at spaces (a word
// wider than a line is broken where it must be). What does not fit is cut with an
// ellipsis on the last line.
func wrap(f font.Face, s string, maxW, maxLines int) []string {
	words := strings.Fields(s)
	var lines []string
	line := ""
	for len(words) > 0 {
		try := words[0]
		if line != "" {
			try = line + " " + words[0]
		}
		if width(f, try) <= maxW {
			line, words = try, words[1:]
			continue
		}
		if line == "" {
			// One word wider than a line: break it where it must be.
			line, words[0] = breakWord(f, words[0], maxW)
		}
		lines = append(lines, line)
		line = ""
		if len(lines) == maxLines {
			// Words are left over: end the last line with an ellipsis. Only the
			// start of the rest can show, so only that is measured.
			last := []rune(lines[maxLines-1] + " " + strings.Join(words, " "))
			lines[maxLines-1] = cut(f, string(last[:min(len(last), 200)]), maxW)
			return lines
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// breakWord splits a word that is wider than a line: after the last hyphen, slash or
// underscore that still fits, else at the last character that fits.
func breakWord(f font.Face, w string, maxW int) (string, string) {
	runes := []rune(w)
	n := 1
	for n < len(runes) && width(f, string(runes[:n+1])) <= maxW {
		n++
	}
	for k := n; k > 1; k-- {
		if strings.ContainsRune("-/_", runes[k-1]) {
			return string(runes[:k]), string(runes[k:])
		}
	}
	return string(runes[:n]), string(runes[n:])
}

// fitLines wraps s at the largest size from sizes that needs at most maxLines lines
// without cutting; when none does, the smallest size, cut.
func (cv *canvas) fitLines(w weight, s string, maxW, maxLines int, sizes ...int) (font.Face, []string) {
	for _, size := range sizes {
		f := cv.face(w, size)
		lines := wrap(f, s, maxW, maxLines+1)
		if len(lines) <= maxLines {
			return f, lines
		}
	}
	f := cv.face(w, sizes[len(sizes)-1])
	return f, wrap(f, s, maxW, maxLines)
}
