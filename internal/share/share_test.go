package share

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.txt from the sample cards")

// writeSamples is where TestGolden also writes the sample PNGs to look at them.
var writeSamples = os.Getenv("SHARE_SAMPLES")

// samplePNGs are the sample cards encoded once for the tests that read them.
var samplePNGs = sync.OnceValues(func() (map[string][]byte, error) {
	out := map[string][]byte{}
	for name, c := range samples {
		b, err := c.PNG()
		if err != nil {
			return nil, err
		}
		out[name] = b
	}
	return out, nil
})

func sampleNames() []string {
	var names []string
	for n := range samples {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// TestGolden pins the bytes of every sample card: a change to the drawing shows up as
// a changed hash (look at the images with SHARE_SAMPLES=dir, then -update).
func TestGolden(t *testing.T) {
	pngs, err := samplePNGs()
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for _, name := range sampleNames() {
		b := pngs[name]
		sum := sha256.Sum256(b)
		fmt.Fprintf(&got, "%s %s %d\n", name, hex.EncodeToString(sum[:]), len(b))
		if writeSamples != "" {
			if err := os.WriteFile(filepath.Join(writeSamples, name+".png"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join("testdata", "golden.txt")
	if *update {
		if err := os.WriteFile(path, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("share images changed (name sha256 bytes):\n got:\n%s want:\n%s", got.String(), want)
	}
}

// TestDeterministic encodes cards again, from two goroutines at once, and wants the
// same bytes as the first time (TestGolden pins them across runs).
func TestDeterministic(t *testing.T) {
	pngs, err := samplePNGs()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"h2h", "post"} {
		var wg sync.WaitGroup
		out := make([][]byte, 2)
		for i := range out {
			wg.Go(func() { out[i], _ = samples[name].PNG() })
		}
		wg.Wait()
		for i, b := range out {
			if !bytes.Equal(pngs[name], b) {
				t.Errorf("%s: draw %d differs from the first", name, i+1)
			}
		}
	}
}

func TestPNGIsSmallPalettedAndSized(t *testing.T) {
	pngs, err := samplePNGs()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range sampleNames() {
		b := pngs[name]
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if img.Bounds() != image.Rect(0, 0, 1200, 630) {
			t.Errorf("%s: bounds %v, want 1200×630", name, img.Bounds())
		}
		if _, ok := img.(*image.Paletted); !ok {
			t.Errorf("%s: decoded as %T, want a paletted image", name, img)
		}
		if len(b) > 40<<10 {
			t.Errorf("%s: %d bytes, want at most 40 KiB", name, len(b))
		}
	}
}

func TestKey(t *testing.T) {
	a := samples["h2h"]
	b := samples["h2h"]
	m := *a.Match
	b.Match = &m
	if a.Key() != b.Key() {
		t.Error("equal cards have different keys")
	}
	m.BWon++
	if a.Key() == b.Key() {
		t.Error("a different score keeps the key")
	}
	c := samples["h2h"]
	c.Host = "other.example"
	if c.Key() == a.Key() {
		t.Error("a different host keeps the key")
	}
	if len(a.Key()) != 64 {
		t.Errorf("key %q is not a hex sha256", a.Key())
	}
}

type failWriter struct{}

var errDiskFull = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestEncodeError(t *testing.T) {
	err := samples["post"].Encode(failWriter{})
	if err == nil || !strings.HasPrefix(err.Error(), `share image "The executive order`) || !strings.HasSuffix(err.Error(), "disk full") {
		t.Errorf("err = %v, want the card's title and the writer's error", err)
	}
}

// TestLongTextStaysInside draws cards whose every string is far too long and checks
// that nothing is drawn in the side margins of the body, where only background may be.
func TestLongTextStaysInside(t *testing.T) {
	long := strings.Repeat("Supercalifragilistic-expialidocious model name ", 12)
	word := strings.Repeat("W", 200)
	cards := map[string]Card{
		"rows":    {Site: long, Kicker: long, Title: long, Sub: long, Footer: long, Host: long, Rows: []Row{{Rank: "=100", Name: long, Detail: long, Value: long}, {Rank: word, Name: word, Value: word}}},
		"stats":   {Site: word, Kicker: word, Title: long, Sub: long, Stats: []Stat{{long, long}, {word, word}, {"a", "b"}, {"c", "d"}, {"e", "f"}}},
		"match":   {Title: long, Match: &Match{A: long, B: word, AWon: 123456, BWon: 7890123, Winner: "a", Note: long}},
		"article": {Sub: long, Title: long + word, Text: long + word + long},
	}
	for name, c := range cards {
		img := c.Draw()
		bg := img.Pix[(bodyTop+1)*img.Stride+1]
		for y := bodyTop; y < footerTop; y++ {
			for _, x := range []int{0, margin - 4, Width - margin + 3, Width - 1} {
				if p := img.Pix[y*img.Stride+x]; p != bg {
					t.Fatalf("%s: pixel (%d,%d) is colour %d, not the background", name, x, y, p)
				}
			}
		}
	}
}

func TestClean(t *testing.T) {
	cv := newCanvas()
	for in, want := range map[string]string{
		"Qwen3.5-9B":               "Qwen3.5-9B",
		"  two\nlines\tand  gaps ": "two lines and gaps",
		"通义千问 Qwen":                "???? Qwen",
		"Ünïcode – Ελληνικά":       "Ünïcode – Ελληνικά",
		"bad \xff byte":            "bad ? byte",
		"bell\a":                   "bell?",
	} {
		if got := cv.clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCut(t *testing.T) {
	f := newCanvas().face(bold, 30)
	s := "The quick brown fox jumps over the lazy dog"
	if got := cut(f, s, 2000); got != s {
		t.Errorf("cut of a fitting string = %q", got)
	}
	got := cut(f, s, 300)
	if !strings.HasSuffix(got, "…") || width(f, got) > 300 {
		t.Errorf("cut = %q (%d px), want an ellipsis within 300 px", got, width(f, got))
	}
	if head := strings.TrimSuffix(got, "…"); !strings.HasPrefix(s, head) || strings.HasSuffix(head, " ") || s[len(head)] != ' ' {
		t.Errorf("cut = %q, want it cut between words", got)
	}
	one := cut(f, strings.Repeat("M", 50), 200)
	if !strings.HasSuffix(one, "…") || width(f, one) > 200 || utf8.RuneCountInString(one) < 3 {
		t.Errorf("cut of one long word = %q", one)
	}
	if got := cut(f, "MMMM", 5); got != "…" {
		t.Errorf("cut to nothing = %q, want the ellipsis alone", got)
	}
}

func TestWrap(t *testing.T) {
	f := newCanvas().face(regular, 30)
	s := "The June 2026 US executive order on AI leaves open weights alone for now, but the reporting duties reach the datacenter division first."
	lines := wrap(f, s, 500, 10)
	if strings.Join(lines, " ") != s {
		t.Errorf("wrap lost words: %q", lines)
	}
	for _, l := range lines {
		if width(f, l) > 500 {
			t.Errorf("line %q is %d px, over 500", l, width(f, l))
		}
	}
	short := wrap(f, s, 500, 2)
	if len(short) != 2 || !strings.HasSuffix(short[1], "…") || short[0] != lines[0] {
		t.Errorf("wrap to 2 lines = %q, want the first line and a cut second", short)
	}
	hy := wrap(f, "DeepSeek-V4-Pro-Max-Thinking-Preview", 260, 5)
	for _, l := range hy[:len(hy)-1] {
		if !strings.HasSuffix(l, "-") {
			t.Errorf("long name broken mid-part: %q", hy)
		}
	}
	if strings.Join(hy, "") != "DeepSeek-V4-Pro-Max-Thinking-Preview" {
		t.Errorf("hyphen break lost characters: %q", hy)
	}
	letters := wrap(f, strings.Repeat("x", 100), 200, 10)
	if strings.Join(letters, "") != strings.Repeat("x", 100) || len(letters) < 2 {
		t.Errorf("a word without break points: %q", letters)
	}
	if got := wrap(f, "   ", 200, 3); len(got) != 0 {
		t.Errorf("wrap of blanks = %q", got)
	}
}

func TestPalette(t *testing.T) {
	if len(palette) > 256 {
		t.Fatalf("palette has %d colours", len(palette))
	}
	// Every planned pair has a ramp from the paper to the ink.
	for _, p := range pairs {
		r := blendTable[[2]uint8{idx(p.paper), idx(p.ink)}]
		if r == nil || palette[r[0]] != p.paper || palette[r[steps]] != p.ink {
			t.Errorf("pair %v over %v has no ramp from paper to ink", p.ink, p.paper)
		}
	}
	// An unplanned pair falls back to the nearest colour.
	if got := blend(idx(turf), idx(green), 255); got != idx(green) {
		t.Errorf("full green over turf = %d, want green %d", got, idx(green))
	}
	if got := blend(idx(pitch), idx(white), 0); got != idx(pitch) {
		t.Errorf("no coverage changed the paper to %d", got)
	}
}

// TestSpansTileTheRows: spans cuts a card into the header band and rule, the body in
// bands of rows drawn on (shared) and left blank, and the footer band, in order,
// whichever rows next to the rule were drawn on (expected lists by hand, in rows).
func TestSpansTileTheRows(t *testing.T) {
	type rows struct {
		start, end    int
		shared, blank bool
	}
	hd, ft := rows{0, bodyTop, true, false}, rows{footerTop, Height, true, false}
	for _, tc := range []struct {
		name  string
		touch [][2]int
		want  []rows
	}{
		{"nothing", nil, []rows{hd, {bodyTop, footerTop, false, true}, ft}},
		{"the rule's last row", [][2]int{{bodyTop - 1, bodyTop}}, []rows{hd, {bodyTop, footerTop, false, true}, ft}},
		{"the body's first rows", [][2]int{{bodyTop, bodyTop + 3}},
			[]rows{hd, {bodyTop, bodyTop + 3, true, false}, {bodyTop + 3, footerTop, false, true}, ft}},
		{"the rule and the body's first row", [][2]int{{bodyTop - 2, bodyTop + 1}, {300, 310}},
			[]rows{hd, {bodyTop, bodyTop + 1, true, false}, {bodyTop + 1, 300, false, true}, {300, 310, true, false}, {310, footerTop, false, true}, ft}},
		{"the body's last row", [][2]int{{footerTop - 1, footerTop + 1}},
			[]rows{hd, {bodyTop, footerTop - 1, false, true}, {footerTop - 1, footerTop, true, false}, ft}},
	} {
		cv := newCanvas()
		cv.clear()
		for _, r := range tc.touch {
			cv.touch(r[0], r[1], 1)
		}
		var got []rows
		for _, sp := range cv.spans() {
			got = append(got, rows{sp.start / (Width + 1), sp.end / (Width + 1), sp.shared, sp.blank})
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: spans %v, want %v", tc.name, got, tc.want)
		}
	}
}
