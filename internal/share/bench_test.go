package share

import (
	"bytes"
	"image/png"
	"testing"
)

func BenchmarkDraw(b *testing.B) {
	c := samples["table"]
	for b.Loop() {
		c.Draw()
	}
}

func BenchmarkPNG(b *testing.B) {
	c := samples["table"]
	for b.Loop() {
		if _, err := c.PNG(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeDefault(b *testing.B) {
	img := samples["table"].Draw()
	for b.Loop() {
		var buf bytes.Buffer
		png.Encode(&buf, img)
	}
}
