package share

import (
	"bytes"
	"image/png"
	"io"
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

// BenchmarkPNG measures what a build pays per card: drawing and encoding.
func BenchmarkPNG(b *testing.B) {
	for _, name := range benchKinds {
		c := samples[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var n int
			start := cpuTime()
			for b.Loop() {
				p, err := c.PNG()
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
