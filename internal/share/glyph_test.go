package share

import (
	"bytes"
	"image"
	"math/rand/v2"
	"slices"
	"strings"
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
	cv.text(f, "Overlap", 398, 418, muted) // rows ending over the glyphs drawn before
	cv.text(f, "Left", -20, 480, white)
	cv.text(f, "Right edge", Width-120, 480, muted)
	cv.text(f, "Top", 500, 10, white)
	cv.text(f, "Bottom", 500, Height+20, white)
	cv.text(cv.face(regular, 30), "ÆØÅ ← →", 800, 380, white)
	// Narrow glyphs (8 to 16 pixels wide) over other narrow glyphs, from either
	// side, and across the panel's edges.
	small := cv.face(regular, 22)
	cv.text(small, "nununu rst nununu", 120, 560, white)
	cv.text(small, "nununu rst nununu", 124, 562, gold)
	cv.text(small, "nununu rst nununu", 117, 557, muted)
	cv.text(small, "nununu", 292, 225, gold)
	cv.text(small, "nununu", 660, 251, white)
	// A thin stroke under every column of a wider glyph drawn after it.
	for dx := range 24 {
		x, y := 40+dx*45, 600+dx%2*14
		cv.text(small, "|", x, y, gold)
		cv.text(small, "m", x-dx+4, y, white)
		cv.text(cv.face(bold, 40), "|", x, y-100, muted)
		cv.text(cv.face(bold, 40), "m", x-dx, y-100, white)
	}
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

// wrapWhole is wrap measuring each candidate line whole, as the lines are drawn.
func wrapWhole(f *face, s string, maxW, maxLines int) []string {
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
			line, words[0] = breakWord(f, words[0], maxW)
		}
		lines = append(lines, line)
		line = ""
		if len(lines) == maxLines {
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

// TestWrapMeasuresFromTheLineEnd: wrap, which adds each word's advance to the
// line's, breaks every text where measuring each candidate line whole does, at
// every weight and many sizes and widths, with letters of several scripts.
func TestWrapMeasuresFromTheLineEnd(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("abcdefghijklmnopqrstuvwxyzAVWTo.,-–·éßΩЖ?1234567890")
	for n := range 300 {
		var b strings.Builder
		for range 5 + r.IntN(60) {
			for range 1 + r.IntN(12) {
				b.WriteRune(alphabet[r.IntN(len(alphabet))])
			}
			b.WriteByte(' ')
		}
		s := b.String()
		f := newCanvas().face(weight(n%3), 20+n%40)
		maxW, maxLines := 80+r.IntN(900), 1+r.IntN(6)
		if got, want := wrap(f, s, maxW, maxLines), wrapWhole(f, s, maxW, maxLines); !slices.Equal(got, want) {
			t.Fatalf("wrap(%q, %d, %d) = %q, want %q", s, maxW, maxLines, got, want)
		}
	}
}

// TestRunEndEveryTail: runEnd finds the first other byte at every start, for every
// length up to three words, wherever the other byte lies (the last word is read
// overlapping the one before, and the bytes before the start must not count).
func TestRunEndEveryTail(t *testing.T) {
	for n := range 25 {
		for other := -1; other < n; other++ { // -1: none
			for from := range n + 1 {
				p := bytes.Repeat([]byte{7}, n)
				if other >= 0 {
					p[other] = 8
				}
				if from > 0 && n > 0 {
					p[0] = 9 // before the start: not looked at
				}
				want := from
				for want < n && p[want] == 7 {
					want++
				}
				if got := runEnd(p, from, 7); got != want {
					t.Fatalf("runEnd(%v, %d) = %d, want %d", p, from, got, want)
				}
			}
		}
	}
}

// flatScan is flat comparing every byte, as the stretches are defined.
func flatScan(d *deflater, data []byte, i, end int) {
	for i < end {
		v := data[i]
		j := i + 1
		for j < end && data[j] == v {
			j++
		}
		if data[i-1] != v {
			d.tokens = append(d.tokens, uint32(v))
			i++
		}
		d.copies(data, i, j, 1)
		i = j
	}
}

// TestFlatFollowsStretches: flat, which reads the stretches of one row and follows
// them from row to row, gives the tokens of comparing every byte, on rows of one to
// three stretches (the filter byte's value among them or not), from any start in
// the first row to any end.
func TestFlatFollowsStretches(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 4))
	for range 3000 {
		row := 1 + r.IntN(40)
		rows := 2 + r.IntN(6)
		line := make([]byte, row)
		cuts := []int{0, r.IntN(row + 1), r.IntN(row + 1)}
		slices.Sort(cuts)
		vals := []byte{byte(r.IntN(3)), byte(r.IntN(3)), byte(r.IntN(3))}
		for k := range 3 {
			end := row
			if k < 2 {
				end = cuts[k+1]
			}
			for x := cuts[k]; x < end; x++ {
				line[x] = vals[k]
			}
		}
		if countRuns(line, maxRuns) > maxRuns {
			continue
		}
		// A first row of anything, then equal rows.
		data := make([]byte, 0, row*(rows+1))
		for range row {
			data = append(data, byte(r.IntN(3)))
		}
		for range rows {
			data = append(data, line...)
		}
		i := row + r.IntN(row)
		end := i + 1 + r.IntN(len(data)-i)
		end -= (end - row) % row // the rows' end, as the compressor calls it
		if end <= i {
			end = len(data)
		}
		var got, want deflater
		got.flat(data, i, end, row)
		flatScan(&want, data, i, end)
		if !slices.Equal(got.tokens, want.tokens) {
			t.Fatalf("row %v ×%d, from %d to %d: tokens %v, want %v", line, rows, i, end, got.tokens, want.tokens)
		}
	}
}

// TestMetBefore: a span is met before when one with the same hash was, and only
// then.
func TestMetBefore(t *testing.T) {
	clearSpanMemo()
	defer clearSpanMemo()
	if metBefore(7) {
		t.Fatal("a first span counts as met")
	}
	if !metBefore(7) {
		t.Error("the same span again does not count as met")
	}
	if metBefore(8) {
		t.Error("another span counts as met")
	}
}

// cutWhole is cut as it was written first: each candidate measured whole.
func cutWhole(f *face, s string, maxW int) string {
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

// TestCutMeasuresByPrefix: cut, which measures each candidate from the advances of
// its prefix, cuts every text where measuring each candidate whole does: between
// words, between characters when the last fitting word leaves too little, or to the
// ellipsis alone, with punctuation and spaces trimmed before it.
func TestCutMeasuresByPrefix(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 6))
	alphabet := []rune("abcdefghijklmnopqrstuvwxyzAVWTo.,;:-–·éßΩЖ?12345  ")
	kinds := map[string]int{}
	for n := range 600 {
		var b strings.Builder
		for range 1 + r.IntN(80) {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		f := newCanvas().face(weight(n%3), 16+n%40)
		maxW := 5 + r.IntN(700)
		got, want := cut(f, s, maxW), cutWhole(f, s, maxW)
		if got != want {
			t.Fatalf("cut(%q, %d) = %q, want %q", s, maxW, got, want)
		}
		switch {
		case got == s:
			kinds["whole"]++
		case got == "…":
			kinds["ellipsis"]++
		case s[len(got)-len("…")] == ' ':
			kinds["word"]++
		default:
			kinds["other"]++
		}
	}
	for _, k := range []string{"whole", "ellipsis", "word", "other"} {
		if kinds[k] == 0 {
			t.Errorf("no text was cut as %s: %v", k, kinds)
		}
	}
}
