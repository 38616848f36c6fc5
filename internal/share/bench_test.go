package share

import (
	"bytes"
	"image/png"
	"io"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user and system time so far. On a busy machine wall time
// says little; the CPU time per card is reported next to it as cpu-ns/op.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// benchKinds are the sample cards measured by the benchmarks: one of each body.
var benchKinds = []string{"post", "h2h", "h2h-draw", "model", "table", "home"}

// BenchmarkDraw measures laying out and rasterising one card of each kind.
func BenchmarkDraw(b *testing.B) {
	for _, name := range benchKinds {
		c := samples[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				c.Draw()
			}
			reportCPU(b, start)
		})
	}
}

// BenchmarkEncode measures the PNG encoding of an already drawn card.
func BenchmarkEncode(b *testing.B) {
	for _, name := range benchKinds {
		img := samples[name].Draw()
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var n int
			start := cpuTime()
			for b.Loop() {
				var buf bytes.Buffer
				if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
					b.Fatal(err)
				}
				n = buf.Len()
			}
			reportCPU(b, start)
			b.ReportMetric(float64(n), "bytes/card")
		})
	}
}

// vary returns c with its words made its own by a number, as the cards of one kind
// in a build differ: site, kicker, footer and host stay, so the header and footer
// are compressed once as in a build, and the body anew.
func vary(c Card, i int) Card {
	tag := " " + strconv.Itoa(i)
	if c.Title != "" {
		c.Title += tag
	}
	if c.Text != "" {
		c.Text = tag + c.Text
	}
	if c.Sub != "" {
		c.Sub += tag
	}
	if m := c.Match; m != nil {
		c.Match = &Match{A: m.A + tag, B: m.B + tag, AWon: m.AWon, BWon: m.BWon, Winner: m.Winner, Note: m.Note + tag}
	}
	c.Rows = slices.Clone(c.Rows)
	for j := range c.Rows {
		c.Rows[j].Name += tag
	}
	c.Stats = slices.Clone(c.Stats)
	for j := range c.Stats {
		c.Stats[j].Value += tag
	}
	return c
}

// BenchmarkPNG measures what a build pays per card: drawing and encoding, each card
// another (see vary).
func BenchmarkPNG(b *testing.B) {
	for _, name := range benchKinds {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var n int
			i := 0
			start := cpuTime()
			for b.Loop() {
				i++
				p, err := vary(samples[name], i).PNG()
				if err != nil {
					b.Fatal(err)
				}
				n = len(p)
			}
			reportCPU(b, start)
			b.ReportMetric(float64(n), "bytes/card")
		})
	}
}

// BenchmarkPNGParallel is BenchmarkPNG on every core at once, as a build draws.
func BenchmarkPNGParallel(b *testing.B) {
	c := samples["h2h"]
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := c.Encode(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// sampleTokens returns the tokens of each span of a sample card that the card
// compressor parses (all but the blank bands), each span's list on its own.
func sampleTokens(name string) [][]uint32 {
	cv := newCanvas()
	vary(samples[name], 7).drawOn(cv)
	const row = Width + 1
	d := new(deflater)
	var out [][]uint32
	for _, sp := range cv.spans() {
		if sp.blank {
			continue
		}
		d.rowsOf(cv.raw, row, sp)
		d.tokens = d.tokens[:0]
		d.parseSpan(cv.raw, sp.start, sp.end, row, d.same, d.runs)
		out = append(out, slices.Clone(d.tokens))
	}
	return out
}

// BenchmarkBlocks measures the entropy coding alone: the deflate blocks of a card's
// spans (Huffman codes, headers, tokens' bits) from tokens parsed beforehand.
func BenchmarkBlocks(b *testing.B) {
	for _, name := range benchKinds {
		spans := sampleTokens(name)
		b.Run(name, func(b *testing.B) {
			d := new(deflater)
			var w bitWriter
			start := cpuTime()
			for b.Loop() {
				w.out = w.out[:0]
				for _, toks := range spans {
					d.blocks(&w, toks)
				}
			}
			reportCPU(b, start)
		})
	}
}

// BenchmarkRowSum measures the Adler-32 sums of one text row of the post card.
func BenchmarkRowSum(b *testing.B) {
	cv := newCanvas()
	samples["post"].drawOn(cv)
	const row = Width + 1
	line := cv.raw[300*row : 301*row]
	b.SetBytes(row)
	for b.Loop() {
		rowSum(line)
	}
}
