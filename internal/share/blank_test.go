package share

import (
	"bytes"
	"compress/flate"
	"hash/adler32"
	"io"
	"math/rand/v2"
	"testing"
)

func clearBlankMemo() {
	blankMemo.Lock()
	clear(blankMemo.m)
	blankMemo.Unlock()
}

// inflateSpan inflates a span's blocks on their own, as the start of a stream.
func inflateSpan(t *testing.T, code *spanCode) []byte {
	t.Helper()
	var w bitWriter
	w.putBits(code.bits, code.nbits)
	finish(&w)
	got, err := io.ReadAll(flate.NewReader(bytes.NewReader(w.out)))
	if err != nil {
		t.Fatalf("inflate: %v", err)
	}
	return got
}

// TestBlankSpanCode: the blank spans of every sample card are coded without a match
// into the rows before them, so their blocks inflate on their own to the span's
// bytes; their sums are Adler-32's; the same bits come out whatever the row above
// holds; the second card takes them from the memo.
func TestBlankSpanCode(t *testing.T) {
	clearBlankMemo()
	defer clearBlankMemo()
	const row = Width + 1
	r := rand.New(rand.NewPCG(5, 5))
	blanks := 0
	for _, name := range sampleNames() {
		cv := newCanvas()
		vary(samples[name], 4).drawOn(cv)
		for _, sp := range cv.spans() {
			if !sp.blank {
				continue
			}
			blanks++
			clearBlankMemo()
			var d deflater
			code := d.blankSpan(cv.raw, row, sp)
			if code == nil {
				t.Fatalf("%s: blank span %d–%d not coded", name, sp.start/row, sp.end/row)
			}
			span := cv.raw[sp.start:sp.end]
			for y := 0; y < len(span); y += row {
				if span[y] != 0 {
					t.Fatalf("%s: row %d: filter byte %d, want 0 (None)", name, (sp.start+y)/row, span[y])
				}
			}
			if got := inflateSpan(t, code); !bytes.Equal(got, span) {
				t.Fatalf("%s: blank span %d–%d inflates to other bytes (%d, want %d)", name, sp.start/row, sp.end/row, len(got), len(span))
			}
			sum := adler{s1: 1}
			sum.add(code.sum, len(span))
			if got, want := sum.value(), adler32.Checksum(span); got != want {
				t.Fatalf("%s: blank span sum %08x, want %08x", name, got, want)
			}
			// Another row above (noise), memo cleared: the same bits.
			saved := bytes.Clone(cv.raw[sp.start-row : sp.start])
			for i := sp.start - row + 1; i < sp.start; i++ {
				cv.raw[i] = byte(r.IntN(40))
			}
			clearBlankMemo()
			again := d.blankSpan(cv.raw, row, sp)
			copy(cv.raw[sp.start-row:sp.start], saved)
			if again == nil || again.nbits != code.nbits || !bytes.Equal(again.bits, code.bits) {
				t.Fatalf("%s: blank span %d–%d: other bits under another row above", name, sp.start/row, sp.end/row)
			}
			if kept := d.blankSpan(cv.raw, row, sp); kept != again {
				t.Fatalf("%s: blank span %d–%d not taken from the memo", name, sp.start/row, sp.end/row)
			}
		}
	}
	if blanks < len(sampleNames()) {
		t.Errorf("only %d blank spans in %d cards", blanks, len(sampleNames()))
	}
}

// TestBlankSpanMemoChecksRows: a kept blank span is not used for a span at the same
// place whose rows are other bytes; rows of more than maxRuns stretches are left to
// the general compressor (nil); a span of one row, of rows of one byte, of rows of
// exactly maxRuns stretches inflate to their bytes.
func TestBlankSpanMemoChecksRows(t *testing.T) {
	clearBlankMemo()
	defer clearBlankMemo()
	const row, rows = 301, 40
	mk := func(f func(x int) byte) []byte {
		raw := make([]byte, row*rows)
		for y := range rows {
			for x := 1; x < row; x++ {
				raw[y*row+x] = f(x)
			}
		}
		return raw
	}
	sp := span{start: 3 * row, end: 20 * row, blank: true}
	var d deflater
	plain := mk(func(int) byte { return 7 })
	a := d.blankSpan(plain, row, sp)
	if a == nil || !bytes.Equal(inflateSpan(t, a), plain[sp.start:sp.end]) {
		t.Fatal("rows of one byte: not coded, or other bytes")
	}
	three := mk(func(x int) byte { return byte(x / 150) }) // filter byte 0, then 0, 1, 2
	b := d.blankSpan(three, row, sp)
	if b == nil || b == a {
		t.Fatal("rows of other bytes at the same place: the kept span was used")
	}
	if !bytes.Equal(inflateSpan(t, b), three[sp.start:sp.end]) {
		t.Fatal("rows of three stretches inflate to other bytes")
	}
	five := mk(func(x int) byte { return byte(1 + x/100) }) // 0, then 1, 2, 3, 4
	clearBlankMemo()
	if c := d.blankSpan(five, row, sp); c != nil {
		t.Fatal("rows of five stretches were coded as flat")
	}
	one := span{start: 5 * row, end: 6 * row, blank: true}
	if c := d.blankSpan(plain, row, one); c == nil || !bytes.Equal(inflateSpan(t, c), plain[one.start:one.end]) {
		t.Fatal("a span of one row: not coded, or other bytes")
	}
}

// TestBlankMemoBounded: past blankMemoMax spans the memo keeps no more, and the
// spans are still coded.
func TestBlankMemoBounded(t *testing.T) {
	clearBlankMemo()
	defer clearBlankMemo()
	const row = 21
	raw := bytes.Repeat(append([]byte{0}, bytes.Repeat([]byte{3}, row-1)...), 8)
	var d deflater
	blankMemo.Lock()
	for i := range blankMemoMax {
		blankMemo.m[[2]int{-1, i}] = &spanCode{}
	}
	blankMemo.Unlock()
	sp := span{start: row, end: 4 * row, blank: true}
	c := d.blankSpan(raw, row, sp)
	if c == nil || !bytes.Equal(inflateSpan(t, c), raw[sp.start:sp.end]) {
		t.Fatal("span past the bound: not coded, or other bytes")
	}
	blankMemo.RLock()
	n, kept := len(blankMemo.m), blankMemo.m[[2]int{sp.start, sp.end}]
	blankMemo.RUnlock()
	if n != blankMemoMax || kept != nil {
		t.Errorf("memo holds %d spans (kept the new one: %v), want %d", n, kept != nil, blankMemoMax)
	}
}

// TestBlankSpanOfAnyRows: blankSpan codes equal rows of any bytes (not only the
// background's zeros), sets their filter bytes to None whatever they held, and sums
// them as Adler-32 does.
func TestBlankSpanOfAnyRows(t *testing.T) {
	clearBlankMemo()
	defer clearBlankMemo()
	const row = 50
	line := append([]byte{0}, bytes.Repeat([]byte{3}, 20)...)
	line = append(line, bytes.Repeat([]byte{7}, row-len(line))...)
	raw := bytes.Repeat([]byte{1, 2, 3, 4, 5}, row/5) // a row above of other bytes
	for range 5 {
		raw = append(raw, line...)
	}
	for y := 2; y < 6; y++ {
		raw[y*row] = 9 // filter bytes left over
	}
	sp := span{start: row, end: 6 * row, blank: true}
	var d deflater
	code := d.blankSpan(raw, row, sp)
	if code == nil {
		t.Fatal("equal rows of two stretches: not coded")
	}
	want := bytes.Repeat(line, 5)
	if !bytes.Equal(raw[sp.start:sp.end], want) {
		t.Error("the filter bytes were not all set to None")
	}
	if got := inflateSpan(t, code); !bytes.Equal(got, want) {
		t.Errorf("inflates to %d other bytes, want the 5 rows", len(got))
	}
	sum := adler{s1: 1}
	sum.add(code.sum, len(want))
	if got, w := sum.value(), adler32.Checksum(want); got != w {
		t.Errorf("sum %08x, want %08x", got, w)
	}
}
