package share

import (
	"encoding/binary"
	"image"
	"image/color"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

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
	for _, c := range baseColors {
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

// baseColors are the palette's first entries, the only inks.
var baseColors = [numBase]color.RGBA{pitch, turf, green, night, gold, white, muted}

// numBase is the number of base colours.
const numBase = 7

// idx is the palette index of a colour: a base colour's place, found without
// palette.Index, whose conversion to color.Color allocates (every text and fill
// drawn asks for one).
func idx(c color.RGBA) uint8 {
	for i, b := range baseColors {
		if b == c {
			return uint8(i)
		}
	}
	return uint8(palette.Index(c))
}

// blends[ink][paper][s] is the palette colour of ink at coverage step s over paper,
// for every colour of the palette as paper (see blend).
var blends = func() *[numBase][256][steps + 1]uint8 {
	var t [numBase][256][steps + 1]uint8
	for ink := range numBase {
		for p := range palette {
			for s := range steps + 1 {
				t[ink][p][s] = blendStep(uint8(p), uint8(ink), s)
			}
		}
	}
	return &t
}()

// canvas is one image being drawn. Its rows lie in raw with a spare byte before
// each, where the PNG encoder writes the row's filter type: the pixels are
// compressed where they were drawn, without a copy. A canvas is reused from card to
// card, and notes the rows it drew on, so that only those are painted over with the
// background for the next card, and what it drew on each (see touch), so that the
// compressor finds the rows it has met before without hashing their pixels.
type canvas struct {
	img   *image.Paletted
	raw   []byte
	drawn [Height]bool   // rows that may differ from the background
	ops   [Height]uint64 // a hash of the drawing on each row since the last clear

	spanBuf []span // see spans

	// The glyphs drawn again (see text and makeHints): the repeats of this card,
	// and for each rune below 256 where the card last drew it (card tells this
	// card's entries from older ones).
	repeats []repeat
	lastAt  [256]struct {
		g    *glyph
		x, y int32
		ink  uint8
		card uint32
	}
	card  uint32
	hints rowHints
}

// repeat is a glyph drawn again in the same ink with its box at the same height:
// columns x0 to x1-1 of rows y0 to y1-1 hold what the columns dist to the left hold,
// unless other drawing overlaps one of the two boxes. The compressor tries that
// copy first (see scan) and compares the bytes, so an overlap costs only a miss.
type repeat struct{ x0, x1, y0, y1, dist int32 }

func newCanvas() *canvas {
	raw := make([]byte, (Width+1)*Height)
	img := &image.Paletted{Pix: raw[1:], Stride: Width + 1, Rect: image.Rect(0, 0, Width, Height), Palette: palette}
	cv := &canvas{img: img, raw: raw}
	for y := range cv.drawn {
		cv.drawn[y] = true
	}
	return cv
}

// clear paints the background over the rows drawn on since the last clear.
func (cv *canvas) clear() {
	bg := background()
	const row = Width + 1
	zero := zeroRows()
	for y, d := range cv.drawn {
		if d {
			if zero[y] {
				clear(cv.raw[y*row : (y+1)*row]) // no need to read the background
			} else {
				copy(cv.raw[y*row:(y+1)*row], bg[y*row:(y+1)*row])
			}
			cv.drawn[y] = false
			cv.ops[y] = 0
		}
	}
	cv.repeats = cv.repeats[:0]
	cv.card++
}

// zeroRows says which rows of the background are all zero bytes (the pitch is the
// palette's first colour, and the filter byte is 0).
var zeroRows = sync.OnceValue(func() (z *[Height]bool) {
	z = new([Height]bool)
	bg := background()
	const row = Width + 1
	for y := range z {
		z[y] = !slices.ContainsFunc(bg[y*row:(y+1)*row], func(b byte) bool { return b != 0 })
	}
	return z
})

// touch notes that rows y0 to y1-1 are drawn on by op, a hash of the drawing
// operation and of all it depends on but the pixels under it (see opOf). A row's ops
// then hash everything drawn on it, in order: two rows at one place with the same
// ops hold the same pixels, as the background under them is the same.
func (cv *canvas) touch(y0, y1 int, op uint64) {
	for y := max(y0, 0); y < min(y1, Height); y++ {
		cv.drawn[y] = true
		cv.ops[y] = mixOp(cv.ops[y], op)
	}
}

// The kinds of drawing operation, for opOf.
const (
	opFill = iota + 1
	opGlyph
	opMask
	opRepeat
)

// opOf hashes a drawing operation: its kind and four numbers that say what it
// draws where (see touch).
func opOf(kind, a, b, c, d uint64) uint64 {
	return mixOp(mixOp(mixOp(mixOp(kind, a), b), c), d)
}

// mixOp adds v to the hash h; the order of the values counts.
func mixOp(h, v uint64) uint64 {
	return bits.RotateLeft64((h^v)*0x9e3779b97f4a7c15, 29)
}

// face returns the font of a weight at a pixel size.
func (cv *canvas) face(w weight, size int) *face { return faceOf(w, size) }

// fill paints a rectangle.
func (cv *canvas) fill(r image.Rectangle, c color.RGBA) {
	r = r.Intersect(cv.img.Rect)
	if r.Empty() {
		return
	}
	i := idx(c)
	cv.touch(r.Min.Y, r.Max.Y, opOf(opFill, uint64(r.Min.X), uint64(r.Max.X), uint64(i), 0))
	first := cv.img.Pix[r.Min.Y*cv.img.Stride+r.Min.X : r.Min.Y*cv.img.Stride+r.Max.X]
	for x := range first {
		first[x] = i
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		copy(cv.img.Pix[y*cv.img.Stride+r.Min.X:y*cv.img.Stride+r.Max.X], first)
	}
}

// latinRunes says which runes below 256 the fonts draw, looked up once.
var latinRunes = sync.OnceValue(func() (t *[256]bool) {
	t = new([256]bool)
	f := typefaces()[regular].f
	var buf sfnt.Buffer
	for r := range t {
		g, err := f.GlyphIndex(&buf, rune(r))
		t[r] = err == nil && g != 0
	}
	return t
})

// hasRune reports whether the fonts draw r.
func hasRune(r rune) bool {
	if r >= 0 && r < 256 {
		return latinRunes()[r]
	}
	var buf sfnt.Buffer
	g, err := typefaces()[regular].f.GlyphIndex(&buf, r)
	return err == nil && g != 0
}

// clean replaces the characters the fonts lack with "?" and line breaks and tabs
// with spaces, and trims the ends.
func (cv *canvas) clean(s string) string {
	if alreadyClean(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			r = ' '
		case r < ' ' || r == utf8.RuneError:
			r = '?'
		case !hasRune(r):
			r = '?'
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// alreadyClean reports whether clean would return s as it is: printable ASCII
// the fonts draw, single spaces between words, none at the ends.
func alreadyClean(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	drawn := latinRunes()
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			if s[i-1] == ' ' {
				return false
			}
			continue
		}
		if c < ' ' || c >= 0x7f || !drawn[c] {
			return false
		}
	}
	return true
}

// text draws s with its baseline at y, starting at x, in ink, and returns its width.
// The paper under each pixel decides the blend, so text may cross panels.
func (cv *canvas) text(f *face, s string, x, y int, ink color.RGBA) int {
	ii := idx(ink)
	lut := &blends[ii]
	dot := fixed.P(x, y)
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += f.kern(prev, r)
		}
		g := f.glyph(r, dot.X&63, dot.Y&63)
		if g.ok {
			x0, y0 := dot.X.Floor()+g.off.X, dot.Y.Floor()+g.off.Y
			cv.glyph(g, ii, lut, x0, y0)
			if r < 256 {
				at := &cv.lastAt[r]
				if at.card == cv.card && at.g == g && at.y == int32(y0) && at.ink == ii && int32(x0) > at.x {
					cv.repeats = append(cv.repeats, repeat{int32(x0), int32(x0 + g.w), int32(y0), int32(y0 + g.h), int32(x0) - at.x})
				}
				at.g, at.x, at.y, at.ink, at.card = g, int32(x0), int32(y0), ii, cv.card
			}
		}
		dot.X += g.adv
		prev = r
	}
	return (dot.X - fixed.I(x)).Ceil()
}

// glyph draws g in the base colour ink (whose blends are lut) with its box's corner at
// x0, y0. A row all of one base paper (the one at the row's right end, which the
// next glyph has not reached yet), as most are, is copied from the glyph drawn over
// that paper once (see paperRows, and narrowRows for glyphs under 8 pixels wide). In
// other rows of glyphs 8 pixels wide or more, eight pixels of that paper are copied
// likewise and the others (the paper changes under them, or is the edge of the glyph
// before) blended pixel by pixel (see mixedRow); other rows of narrower glyphs are
// blended pixel by pixel. Both give the same colours.
func (cv *canvas) glyph(g *glyph, ink uint8, lut *[256][steps + 1]uint8, x0, y0 int) {
	if !fastGlyphs || !image.Rect(x0, y0, x0+g.w, y0+g.h).In(cv.img.Rect) || g.w < 4 {
		cv.mask(x0, y0, g.w, g.h, g.cov, lut, g.op(ink, x0, y0))
		return
	}
	cv.touch(y0, y0+g.h, g.op(ink, x0, y0))
	pix, stride, w := cv.img.Pix, cv.img.Stride, g.w
	// o and c are where row y of the glyph starts in pix and in its box.
	for y, o, c := 0, y0*stride+x0, 0; y < g.h; {
		n := 1
		if p := pix[o+w-1]; p >= numBase {
			blendRow(pix[o:o+w], g.cov[c:c+w], lut)
		} else if src := g.inkedOn(ink, p); w < 8 {
			if n = narrowRows(pix[o:], stride, src[c:], w); n == 0 {
				blendRow(pix[o:o+w], g.cov[c:c+w], lut)
				n = 1
			}
		} else if n = paperRows(pix[o:], stride, src[c:], w); n == 0 {
			mixedRow(pix[o:o+w], src[c:c+w], g.cov[c:c+w], p, lut)
			n = 1
		}
		y, o, c = y+n, o+n*stride, c+n*w
	}
}

// paperRows copies rows of a glyph box drawn over one base paper, the first at the
// start of pix and each stride after the one before, from src, as long as their
// pixels are all that paper (as most are): the paper of the first row's last pixel.
// It returns how many rows it copied, at most len(src)/w (rows of w pixels, w at
// least 8). The rows are read and written eight pixels a step, the last eight
// overlapping the ones before: rows of at most 16 or 32 pixels, most glyphs', in two
// or four steps without a loop. Each step goes through a slice of eight bytes, so
// that one bounds check covers it. It calls nothing, so that its loop keeps its
// values in registers.
func paperRows(pix []byte, stride int, src []uint8, w int) int {
	pat := uint64(pix[w-1]) * 0x0101010101010101
	last := w - 8
	rows := len(src) / w
	if w <= 16 {
		// Two steps a row, the first eight and the last eight.
		for r := range rows {
			o, c := r*stride, r*w
			if (binary.LittleEndian.Uint64(pix[o:o+8])^pat)|(binary.LittleEndian.Uint64(pix[o+last:o+last+8])^pat) != 0 {
				return r
			}
			a, b := binary.LittleEndian.Uint64(src[c:c+8]), binary.LittleEndian.Uint64(src[c+last:c+last+8])
			binary.LittleEndian.PutUint64(pix[o:o+8], a)
			binary.LittleEndian.PutUint64(pix[o+last:o+last+8], b)
		}
		return rows
	}
	if w <= 32 {
		// Four steps a row: the first sixteen, then the eight from mid (16, or less
		// when the row is narrower) and the last eight.
		mid := min(16, last)
		for r := range rows {
			o, c := r*stride, r*w
			if (binary.LittleEndian.Uint64(pix[o:o+8])^pat)|(binary.LittleEndian.Uint64(pix[o+8:o+16])^pat)|
				(binary.LittleEndian.Uint64(pix[o+mid:o+mid+8])^pat)|(binary.LittleEndian.Uint64(pix[o+last:o+last+8])^pat) != 0 {
				return r
			}
			a, b := binary.LittleEndian.Uint64(src[c:c+8]), binary.LittleEndian.Uint64(src[c+8:c+16])
			m, e := binary.LittleEndian.Uint64(src[c+mid:c+mid+8]), binary.LittleEndian.Uint64(src[c+last:c+last+8])
			binary.LittleEndian.PutUint64(pix[o:o+8], a)
			binary.LittleEndian.PutUint64(pix[o+8:o+16], b)
			binary.LittleEndian.PutUint64(pix[o+mid:o+mid+8], m)
			binary.LittleEndian.PutUint64(pix[o+last:o+last+8], e)
		}
		return rows
	}
	for r := range rows {
		o, c := r*stride, r*w
		other := binary.LittleEndian.Uint64(pix[o+last:o+last+8]) ^ pat
		for x := 0; x < last; x += 8 {
			other |= binary.LittleEndian.Uint64(pix[o+x:o+x+8]) ^ pat
		}
		if other != 0 {
			return r
		}
		for x := 0; x < last; x += 8 {
			binary.LittleEndian.PutUint64(pix[o+x:o+x+8], binary.LittleEndian.Uint64(src[c+x:c+x+8]))
		}
		binary.LittleEndian.PutUint64(pix[o+last:o+last+8], binary.LittleEndian.Uint64(src[c+last:c+last+8]))
	}
	return rows
}

// narrowRows is paperRows for glyphs of 4 to 7 pixels wide, such as "i", "l", "t" or
// a comma: each row in two steps of four pixels, the last four overlapping the
// first.
func narrowRows(pix []byte, stride int, src []uint8, w int) int {
	pat := uint32(pix[w-1]) * 0x01010101
	last := w - 4
	rows := len(src) / w
	for r := range rows {
		o, c := r*stride, r*w
		if (binary.LittleEndian.Uint32(pix[o:o+4])^pat)|(binary.LittleEndian.Uint32(pix[o+last:o+last+4])^pat) != 0 {
			return r
		}
		a, b := binary.LittleEndian.Uint32(src[c:c+4]), binary.LittleEndian.Uint32(src[c+last:c+last+4])
		binary.LittleEndian.PutUint32(pix[o:o+4], a)
		binary.LittleEndian.PutUint32(pix[o+last:o+last+4], b)
	}
	return rows
}

// mixedRow draws a row of a glyph box (at least eight pixels) whose pixels are not all
// of the base paper p; src is the row drawn over p, cov its coverage steps. Eight
// pixels of paper are copied from src, others are blended pixel by pixel. The last
// eight pixels, read before any write, are copied whole when they were all paper
// (those of them copied already get the same bytes again).
func mixedRow(dst, src, cov []uint8, p uint8, lut *[256][steps + 1]uint8) {
	pat := uint64(p) * 0x0101010101010101
	w := len(dst)
	src, cov = src[:w], cov[:w]
	tail := binary.LittleEndian.Uint64(dst[w-8:]) == pat
	x := 0
	for ; x+8 <= w; x += 8 {
		if binary.LittleEndian.Uint64(dst[x:]) == pat {
			binary.LittleEndian.PutUint64(dst[x:], binary.LittleEndian.Uint64(src[x:]))
			continue
		}
		for k, s := range cov[x : x+8] {
			dst[x+k] = lut[dst[x+k]][s]
		}
	}
	if x == w {
		return
	}
	if tail {
		binary.LittleEndian.PutUint64(dst[w-8:], binary.LittleEndian.Uint64(src[w-8:]))
		return
	}
	for k, s := range cov[x:w] {
		dst[x+k] = lut[dst[x+k]][s]
	}
}

// blendRow blends coverage steps cov into the pixels dst, pixel by pixel.
func blendRow(dst, cov []uint8, lut *[256][steps + 1]uint8) {
	dst = dst[:len(cov)]
	for i, s := range cov {
		dst[i] = lut[dst[i]][s]
	}
}

// fastGlyphs lets tests draw every glyph pixel by pixel, to compare.
var fastGlyphs = true

// mask blends a coverage mask of w×h steps, placed at x0, y0, into the image; op
// says what it draws (see touch).
func (cv *canvas) mask(x0, y0, w, h int, cov []uint8, lut *[256][steps + 1]uint8, op uint64) {
	r := image.Rect(x0, y0, x0+w, y0+h).Intersect(cv.img.Rect)
	cv.touch(r.Min.Y, r.Max.Y, op)
	pix, stride := cv.img.Pix, cv.img.Stride
	for y := r.Min.Y; y < r.Max.Y; y++ {
		src := cov[(y-y0)*w+r.Min.X-x0 : (y-y0)*w+r.Max.X-x0]
		dst := pix[y*stride+r.Min.X : y*stride+r.Max.X]
		dst = dst[:len(src)]
		for i, s := range src {
			dst[i] = lut[dst[i]][s] // step 0 keeps the paper (see blendStep)
		}
	}
}

// blend returns the palette colour of ink at coverage a over the paper colour p.
func blend(p, ink uint8, a uint8) uint8 { return blendStep(p, ink, coverageStep(a)) }

// coverageStep cuts a coverage of 0–255 to the nearest of the steps.
func coverageStep(a uint8) int { return (int(a)*steps + 127) / 255 }

// blendStep returns the palette colour of ink at coverage step s over the paper p.
func blendStep(p, ink uint8, s int) uint8 {
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
func (cv *canvas) fit(w weight, s string, maxW int, sizes ...int) (*face, string) {
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
func cut(f *face, s string, maxW int) string {
	if width(f, s) <= maxW {
		return s
	}
	runes := []rune(s)
	// pre[n] is the advance of runes[:n], so that each candidate is measured by a
	// sum, as width measures it whole.
	pre := make([]fixed.Int26_6, len(runes)+1)
	for n, r := range runes {
		pre[n+1] = pre[n] + f.glyph(r, 0, 0).adv
		if n > 0 {
			pre[n+1] += f.kern(runes[n-1], r)
		}
	}
	ellipsis := f.advance("…")
	// shortened returns how many runes of runes[:n] are left once trailing spaces
	// and punctuation are trimmed, and the width of those with an ellipsis.
	shortened := func(n int) (m, w int) {
		m = n
		for m > 0 && strings.ContainsRune(" ,.;:–-·", runes[m-1]) {
			m--
		}
		if m == 0 {
			return 0, 0
		}
		return m, (pre[m] + f.kern(runes[m-1], '…') + ellipsis).Ceil()
	}
	for n := len(runes) - 1; n > 0; n-- {
		if runes[n] != ' ' {
			continue
		}
		if m, w := shortened(n); m > 0 && w <= maxW {
			if w*10 >= maxW*6 {
				return string(runes[:m]) + "…"
			}
			break
		}
	}
	for n := len(runes) - 1; n > 0; n-- {
		if m, w := shortened(n); m > 0 && w <= maxW {
			return string(runes[:m]) + "…"
		}
	}
	return "…"
}

// wrap breaks s into at most maxLines lines of at most maxW each, at spaces (a word
// wider than a line is broken where it must be). What does not fit is cut with an
// ellipsis on the last line.
func wrap(f *face, s string, maxW, maxLines int) []string {
	words := strings.Fields(s)
	var lines []string
	from, i := 0, 0           // the line being filled holds words[from:i]
	var lineAdv fixed.Int26_6 // its advance, kept as it grows
	for i < len(words) {
		adv := f.advanceAfter(-1, words[i])
		if i > from {
			// After the line and a space: the space's advance and the kerning
			// either side of it come in.
			last, _ := utf8.DecodeLastRuneInString(words[i-1])
			first, _ := utf8.DecodeRuneInString(words[i])
			adv += lineAdv + f.advanceAfter(last, " ") + f.kern(' ', first)
		}
		if adv.Ceil() <= maxW { // the width of the line with the word, measured from the line's end
			lineAdv = adv
			i++
			continue
		}
		var line string
		if i == from {
			// One word wider than a line: break it where it must be.
			line, words[i] = breakWord(f, words[i], maxW)
		} else {
			line = strings.Join(words[from:i], " ") // made once, when the line is full
			from = i
		}
		lines = append(lines, line)
		if len(lines) == maxLines {
			// Words are left over: end the last line with an ellipsis. Only the
			// start of the rest can show, so only that is measured.
			last := []rune(line + " " + strings.Join(words[from:], " "))
			lines[maxLines-1] = cut(f, string(last[:min(len(last), 200)]), maxW)
			return lines
		}
	}
	if i > from {
		lines = append(lines, strings.Join(words[from:i], " "))
	}
	return lines
}

// breakWord splits a word that is wider than a line: after the last hyphen, slash or
// underscore that still fits, else at the last character that fits.
func breakWord(f *face, w string, maxW int) (string, string) {
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
func (cv *canvas) fitLines(w weight, s string, maxW, maxLines int, sizes ...int) (*face, []string) {
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

// rowHints holds the repeats by row. The rows are cut in bands where a repeat
// starts or ends (a text line has a few: its capitals, its small letters, its
// descenders), so that a repeat is filed once per band, not once per row: band[y]
// is row y's band, the segments of band b are seg[start[b]:start[b+1]], ordered
// by x0, and sig[b] is a hash of them, which the memo's key of a span includes
// (see canvas.shared), as the compressed bits depend on them.
type rowHints struct {
	band  [Height]int16
	start [Height + 2]int32
	sig   [Height + 1]uint64
	seg   []hintSeg
}

// hintSeg is a repeat on one row: columns x0 to x1-1 may equal those dist to the left.
type hintSeg struct{ x0, x1, dist int32 }

// row returns the segments of row y.
func (h *rowHints) row(y int) []hintSeg {
	b := h.band[y]
	return h.seg[h.start[b]:h.start[b+1]]
}

// makeHints files the card's repeats by band of rows (see rowHints).
func (cv *canvas) makeHints() {
	h := &cv.hints
	var cut [Height + 1]bool
	for _, r := range cv.repeats {
		cut[min(max(r.y0, 0), Height)] = true
		cut[min(max(r.y1, 0), Height)] = true
	}
	nb := int16(0)
	for y := range Height {
		if cut[y] && y > 0 {
			nb++
		}
		h.band[y] = nb
	}
	clear(h.start[:nb+2])
	clear(h.sig[:nb+1])
	n := 0
	for _, r := range cv.repeats {
		y0, y1 := max(r.y0, 0), min(r.y1, Height)
		if y0 >= y1 {
			continue
		}
		for b := h.band[y0]; b <= h.band[y1-1]; b++ {
			h.start[b+1]++
			n++
		}
	}
	for b := range nb + 1 {
		h.start[b+1] += h.start[b]
	}
	h.seg = grow(h.seg, n)
	var fill [Height + 1]int32
	copy(fill[:nb+1], h.start[:nb+1])
	for _, r := range cv.repeats {
		y0, y1 := max(r.y0, 0), min(r.y1, Height)
		if y0 >= y1 {
			continue
		}
		op := opOf(opRepeat, uint64(r.x0), uint64(r.x1), uint64(r.dist), 0)
		for b := h.band[y0]; b <= h.band[y1-1]; b++ {
			// In order of x0: the text on a row need not be drawn left to right.
			k := fill[b]
			for k > h.start[b] && h.seg[k-1].x0 > r.x0 {
				h.seg[k] = h.seg[k-1]
				k--
			}
			h.seg[k] = hintSeg{r.x0, r.x1, r.dist}
			fill[b]++
			h.sig[b] = mixOp(h.sig[b], op)
		}
	}
}
