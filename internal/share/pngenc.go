package share

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"io"
	"sync"
)

// encodePNG writes img as an 8-bit paletted PNG: IHDR, PLTE (and tRNS if a colour is
// not opaque), one IDAT with a zlib stream from the card compressor, IEND. Rows use
// filter None, as PNG recommends for palette images.
func encodePNG(w io.Writer, img *image.Paletted) error {
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	if width <= 0 || height <= 0 {
		return errors.New("empty image")
	}
	d := deflaters.Get().(*deflater)
	defer deflaters.Put(d)
	row := width + 1
	raw := grow(d.raw, row*height)
	for y := range height {
		o := (y+b.Min.Y-img.Rect.Min.Y)*img.Stride + b.Min.X - img.Rect.Min.X
		copy(raw[y*row+1:(y+1)*row], img.Pix[o:o+width])
	}
	d.raw = raw
	return d.encode(w, raw, width, height, img.Palette)
}

// encode writes a PNG of the rows in raw, each width bytes of indices into pal after
// a byte for its filter (set here to None), as a canvas lays them out. The rows are
// compressed span by span (see compressSpan); without spans, as one.
func (d *deflater) encode(w io.Writer, raw []byte, width, height int, pal color.Palette, spans ...span) error {
	if len(pal) == 0 || len(pal) > 256 {
		return errors.New("palette of 1 to 256 colours needed")
	}
	row := width + 1
	if len(spans) == 0 {
		spans = []span{{start: 0, end: row * height}}
	}

	out := d.out[:0]
	out = append(out, "\x89PNG\r\n\x1a\n"...)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8] = 8 // bits per index
	ihdr[9] = 3 // palette colour
	out = chunk(out, "IHDR", ihdr[:])

	if len(pal) == len(palette) && &pal[0] == &palette[0] {
		out = append(out, cardPaletteChunks()...)
	} else {
		out = paletteChunks(out, pal)
	}

	// IDAT: length and type first, the data written in place after them.
	start := len(out)
	out = append(out, 0, 0, 0, 0, 'I', 'D', 'A', 'T')
	out = append(out, 0x78, 0x01) // zlib: deflate, 32 KB window, fastest-level flag
	bw := bitWriter{out: out}
	sum := adler{s1: 1}
	for _, sp := range spans {
		d.compressSpan(&bw, &sum, raw, row, sp)
	}
	finish(&bw)
	out = binary.BigEndian.AppendUint32(bw.out, sum.value())
	binary.BigEndian.PutUint32(out[start:], uint32(len(out)-start-8))
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start+4:]))
	out = chunk(out, "IEND", nil)
	d.out = out
	_, err := w.Write(out)
	return err
}

// paletteChunks appends the PLTE chunk of pal, and a tRNS chunk if a colour is not
// opaque.
func paletteChunks(out []byte, pal color.Palette) []byte {
	rgb := make([]byte, 0, 3*len(pal))
	var trns []byte
	for i, c := range pal {
		n := color.NRGBAModel.Convert(c).(color.NRGBA)
		rgb = append(rgb, n.R, n.G, n.B)
		if n.A != 0xff && trns == nil {
			trns = make([]byte, i, len(pal))
			for j := range trns {
				trns[j] = 0xff
			}
		}
		if trns != nil {
			trns = append(trns, n.A)
		}
	}
	out = chunk(out, "PLTE", rgb)
	if trns != nil {
		out = chunk(out, "tRNS", trns)
	}
	return out
}

// cardPaletteChunks are the palette chunks of the cards' palette, made once: every
// card has them.
var cardPaletteChunks = sync.OnceValue(func() []byte { return paletteChunks(nil, palette) })

// rowsOf prepares the rows of sp for the compressor: it sets their filter bytes to
// None, notes which rows equal the row above (same) and the number of flat stretches
// of each (runs), and returns the Adler-32 sums of the span's bytes. The checksum of
// a row equal to the one above is not computed again. The rows of a blank span are
// all equal: only its first is compared with the row above.
func (d *deflater) rowsOf(raw []byte, row int, sp span) adlerRow {
	height := len(raw) / row
	same, runs := grow(d.same, height), grow(d.runs, height)
	d.same, d.runs = same, runs
	var sum adler
	var rs adlerRow
	for y := sp.start / row; y < sp.end/row; y++ {
		line := raw[y*row : (y+1)*row]
		line[0] = 0
		if sp.blank && y > sp.start/row {
			same[y] = true
		} else {
			same[y] = y > 0 && bytes.Equal(line, raw[(y-1)*row:y*row])
		}
		if same[y] && y > sp.start/row {
			runs[y] = runs[y-1]
		} else {
			runs[y] = countRuns(line, maxRuns)
			rs = rowSum(line)
		}
		sum.add(rs, row)
	}
	return adlerRow{sum.s1, sum.s2}
}

// chunk appends a PNG chunk: length, type, data, CRC of type and data.
func chunk(out []byte, typ string, data []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	start := len(out)
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}

func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}

// countRuns counts the stretches of equal bytes in p, up to limit+1: beyond the
// limit the number does not matter.
func countRuns(p []byte, limit int) int {
	n := 1
	for i := runEnd(p, 0, p[0]); i < len(p) && n <= limit; i = runEnd(p, i, p[i]) {
		n++
	}
	return n
}

// adler is an Adler-32 checksum (RFC 1950) being summed row by row: a row's own sums
// are computed once and added at its place, so equal rows cost nothing.
type adler struct{ s1, s2 uint64 }

const adlerMod = 65521

// adlerRow holds the sums of one row counted from zero: a is the sum of its bytes,
// b the sum of the running sums.
type adlerRow struct{ a, b uint64 }

// rowSum returns the Adler-32 sums of a row: 16 bytes a step by sum16 (on amd64 with
// SSE2), the rest by sumWords. Sums of consecutive parts X and Y add up as
// a = aX+aY, b = bX + len(Y)·aX + bY.
func rowSum(p []byte) adlerRow {
	var a, b uint64
	for len(p) >= 16 {
		n := min(len(p), maxSum16) &^ 15
		pa, pb := sum16(p[:n])
		b += uint64(n)*a + pb
		a += pa
		p = p[n:]
	}
	pa, pb := sumWords(p)
	b += uint64(len(p))*a + pb
	a += pa
	return adlerRow{a % adlerMod, b % adlerMod}
}

// maxSum16 is the most bytes sum16 takes at once: its 32-bit lanes of weighted sums
// grow by at most (16+15+8+7)·255 = 11,730 for each 16 bytes, so 2^16 steps stay
// below 2^32.
const maxSum16 = 1 << 20

// sumWords returns the sums a and b (as in adlerRow, not reduced) of p in blocks of
// 128 bytes (see blockSum), then the rest eight bytes at a time: for bytes x0…x7, b
// grows by 8a plus 8x0+7x1+…+1x7 and a by their sum; the weighted sums come from
// multiplying the even and the odd bytes, spread into 16-bit lanes, by the lane
// weights; then byte by byte. A row is short enough (at most some 30,000 bytes) for
// the sums to stay far below 2^64.
func sumWords(p []byte) (a, b uint64) {
	const lanes = 0x00ff00ff00ff00ff
	for len(p) >= sumBlock {
		ba, bb := blockSum(p[:sumBlock])
		b += sumBlock*a + bb
		a += ba
		p = p[sumBlock:]
	}
	for len(p) >= 8 {
		w := binary.LittleEndian.Uint64(p)
		even, odd := w&lanes, w>>8&lanes
		b += 8*a + (even*0x0008000600040002)>>48 + (odd*0x0007000500030001)>>48
		a += ((even + odd) * 0x0001000100010001) >> 48
		p = p[8:]
	}
	for _, x := range p {
		a += uint64(x)
		b += a
	}
	return a, b
}

// sumBlock is the length of the blocks blockSum sums: sixteen words of eight bytes,
// few enough for its 16-bit lanes never to overflow.
const sumBlock = 128

// blockSum returns the sums a and b (as in adlerRow, not reduced) of sumBlock bytes.
// It adds the words of eight bytes in eight 16-bit lanes, one per place j in a word
// (even places in one uint64, odd ones in another): col holds each place's sum, acc
// the sum of col after each word, so that acc weighs word k by 16-k, the number of
// words from it to the block's end. Byte j of word k comes 128-8k-j bytes before the
// end, so b = 8·Σ acc − Σ j·col_j. A lane of col reaches at most 16·255 = 4,080,
// one of acc 136·255 = 34,680. The lane products summed by multiplying (see sumWords)
// are largest when every byte is 255, and stay below 2^16 at every lane then (Σ j·col_j
// over the odd places 16·4,080 = 65,280), so no carry spills into the lane read.
func blockSum(p []byte) (a, b uint64) {
	const lanes = 0x00ff00ff00ff00ff
	p = p[:sumBlock]
	var colE, colO, accE, accO uint64
	for k := 0; k < sumBlock; k += 8 {
		w := binary.LittleEndian.Uint64(p[k : k+8])
		colE += w & lanes
		colO += w >> 8 & lanes
		accE += colE
		accO += colO
	}
	a = ((colE + colO) * 0x0001000100010001) >> 48 // lanes of at most 8,160: no overflow
	weighted := (colE*0x0000000200040006)>>48 + (colO*0x0001000300050007)>>48
	acc := accE&0x0000ffff0000ffff + accE>>16&0x0000ffff0000ffff + accO&0x0000ffff0000ffff + accO>>16&0x0000ffff0000ffff
	b = 8*(acc&0xffffffff+acc>>32) - weighted
	return a, b
}

// add appends a row of n bytes with sums r.
func (s *adler) add(r adlerRow, n int) {
	s.s2 = (s.s2 + uint64(n)%adlerMod*s.s1 + r.b) % adlerMod
	s.s1 = (s.s1 + r.a) % adlerMod
}

func (s *adler) value() uint32 { return uint32(s.s2<<16 | s.s1) }

var deflaters = sync.Pool{New: func() any { return new(deflater) }}
