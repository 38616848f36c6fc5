// Package share draws the share images of the site: the 1200×630 PNG cards that a link
// to a page unfurls into on Reddit, Hacker News, Discord, Slack or GitHub.
//
// A Card says what to draw in plain strings and numbers; Draw lays it out and PNG
// encodes it. Nothing here knows the league: the caller fills the card. The drawing is
// pure Go (golang.org/x/image with the Go fonts), uses integer layout and a fixed
// palette, and so gives byte-identical files for the same card on every run.
//
// The Go fonts do no shaping and no wrapping, and lack many symbols: text is measured
// here, wrapped at spaces, cut with an ellipsis when it does not fit, and a character
// the fonts do not have is drawn as "?".
package share

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"io"
	"sync"
)

// Width and Height are the size of every share image, the one Open Graph and Twitter
// cards show large.
const (
	Width  = 1200
	Height = 630
)

// version changes whenever the drawing changes, so cached images made by an older
// drawing are not reused.
const version = "share-11"

// Card is what one share image says. The body drawn depends on what is set, in this
// order: Match (a head-to-head), Stats (a model), Rows (a table, the home page),
// otherwise Title, Sub and Text (a post, any other page).
type Card struct {
	Site   string `json:"site"`   // the site's name, top left
	Kicker string `json:"kicker"` // what the page is, top right: "Standings", "Head-to-head"
	Title  string `json:"title"`  // the headline
	Sub    string `json:"sub"`    // a line with the headline: a club, a post's date
	Text   string `json:"text"`   // a paragraph: a post's summary
	Rows   []Row  `json:"rows"`   // top rows of a table
	Stats  []Stat `json:"stats"`  // big figures: rank, points, record (at most four are drawn)
	Match  *Match `json:"match"`  // a head-to-head
	Footer string `json:"footer"` // bottom left: an as-of date
	Host   string `json:"host"`   // bottom right: where the site lives
}

// Row is one line of a table on a card.
type Row struct {
	Rank   string `json:"rank"`   // "1", "=3"
	Name   string `json:"name"`   // the model
	Detail string `json:"detail"` // its club, its record
	Value  string `json:"value"`  // "22 pts"
}

// Stat is one big figure with its label.
type Stat struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Match is a head-to-head: two names and the score between them.
type Match struct {
	A      string `json:"a"`
	B      string `json:"b"`
	AWon   int    `json:"a_won"`
	BWon   int    `json:"b_won"`
	Winner string `json:"winner"` // "a", "b", or "" for a draw
	Note   string `json:"note"`   // under the score: "2 drawn · 11 shared benchmarks"
}

// Key is a content address of the image the card draws: it changes when the card or
// the drawing changes, and only then. A build cache stores the PNG under it.
func (c Card) Key() string {
	b, _ := json.Marshal(c) // a Card of strings, ints and slices always marshals
	h := sha256.New()
	h.Write([]byte(version))
	h.Write([]byte{0})
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

// PNG draws the card and encodes it as a paletted PNG (8-bit palette, 10–30 KB).
func (c Card) PNG() ([]byte, error) {
	return c.AppendPNG(nil)
}

// AppendPNG is PNG appending the image to dst, so that a caller drawing many cards
// can write each into the buffer of one before.
func (c Card) AppendPNG(dst []byte) ([]byte, error) {
	w := appender{b: dst}
	if err := c.Encode(&w); err != nil {
		return nil, err
	}
	return w.b, nil
}

// appender collects what is written to it. Encode writes a card in one call, so
// the bytes are copied once into a slice of their size (a bytes.Buffer grown
// beforehand would be cleared first, and grown again for a larger card).
type appender struct{ b []byte }

func (w *appender) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

// Encode draws the card and writes it to w as a PNG. The image is drawn on a canvas
// reused from card to card and compressed by this package's own deflate compressor,
// made for cards (see deflate.go): a league of 500 models has tens of thousands of
// cards.
func (c Card) Encode(w io.Writer) error {
	cv := canvases.Get().(*canvas)
	defer canvases.Put(cv)
	c.drawOn(cv)
	d := deflaters.Get().(*deflater)
	defer deflaters.Put(d)
	spans := cv.spans()
	d.hints = &cv.hints
	defer func() { d.hints = nil }()
	if err := d.encode(w, cv.raw, Width, Height, palette, spans...); err != nil {
		return fmt.Errorf("share image %q: %w", c.Title, err)
	}
	return nil
}

// spans cuts the card's rows for the compressor: the header band and rule, the body
// in bands of rows drawn on and rows left blank, and the footer band. Cards of one
// kind share their header, mostly their footer, and some lines of their bodies (a
// head-to-head's division and note), so those are compressed once per process and
// their deflate blocks reused as they are; the blank rows are compressed with each
// card, as that is as cheap as looking them up. Blank rows of the body are equal,
// as the background has them (see background).
func (cv *canvas) spans() []span {
	const row = Width + 1
	cv.makeHints()
	out := append(cv.spanBuf[:0], cv.shared(0, bodyTop))
	start := bodyTop
	for y := bodyTop + 1; y <= footerTop; y++ {
		if y == footerTop || cv.drawn[y] != cv.drawn[start] {
			if cv.drawn[start] {
				out = append(out, cv.shared(start, y))
			} else {
				out = append(out, span{start: start * row, end: y * row, blank: true})
			}
			start = y
		}
	}
	out = append(out, cv.shared(footerTop, Height))
	cv.spanBuf = out
	return out
}

// shared returns rows y0 to y1-1 as a shared span, with the hash of its place, of
// what was drawn on its rows and the row above (see canvas.touch) and of the glyph
// repeats on its rows (see makeHints), on which its compressed bits depend.
func (cv *canvas) shared(y0, y1 int) span {
	const row = Width + 1
	sig := mixOp(uint64(y0), uint64(y1))
	for y := max(y0-1, 0); y < y1; y++ {
		sig = mixOp(sig, cv.ops[y])
		if y >= y0 {
			sig = mixOp(sig, cv.hints.sig[cv.hints.band[y]])
		}
	}
	return span{start: y0 * row, end: y1 * row, shared: true, sig: sig}
}

// canvases are reused by Encode: a card's image is 740 KB.
var canvases = sync.Pool{New: func() any { return newCanvas() }}

// Draw lays the card out on a new paletted image of Width×Height.
func (c Card) Draw() *image.Paletted {
	cv := newCanvas()
	c.drawOn(cv)
	return cv.img
}

// drawOn draws the card on cv, every pixel of it.
func (c Card) drawOn(cv *canvas) {
	cv.frame(c)
	switch {
	case c.Match != nil:
		cv.match(c)
	case len(c.Stats) > 0:
		cv.stats(c)
	case len(c.Rows) > 0:
		cv.rows(c)
	default:
		cv.article(c)
	}
}
