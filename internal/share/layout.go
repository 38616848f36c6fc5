package share

import (
	"image"
	"image/color"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/image/vector"
)

// The grid of a card: a header band with the site and the kind of page, a gold rule,
// the body, a footer band with the date and the host. Sizes are in pixels.
const (
	margin    = 64
	headerH   = 96
	ruleH     = 6
	footerTop = 566
	bodyTop   = headerH + ruleH
	innerW    = Width - 2*margin
)

// ascent and descent of a face in whole pixels.
func ascent(f *face) int  { return f.ascent }
func descent(f *face) int { return f.descent }

// background is what every card has before its words: the pitch, the header band
// with the crest, the gold rule and the footer band. It is drawn once per process
// and copied onto each card.
var background = sync.OnceValue(func() []uint8 {
	cv := newCanvas()
	cv.fill(cv.img.Rect, pitch)
	cv.fill(image.Rect(0, 0, Width, headerH), green)
	cv.fill(image.Rect(0, headerH, Width, bodyTop), gold)
	cv.fill(image.Rect(0, footerTop, Width, Height), night)
	cv.diamond(margin+16, headerH/2, 17)
	return cv.raw
})

// frame draws what every card has: background, header, rule and footer.
func (cv *canvas) frame(c Card) {
	cv.clear()
	kicker := strings.ToUpper(cv.clean(c.Kicker))
	kf, kicker := cv.fit(bold, kicker, 460, 26, 22)
	kw := width(kf, kicker)
	cv.text(kf, kicker, Width-margin-kw, headerH/2+ascent(kf)/2-2, gold)
	sf, site := cv.fit(bold, cv.clean(c.Site), innerW-48-kw-40, 36, 30, 26)
	cv.text(sf, site, margin+48, headerH/2+ascent(sf)/2-2, white)

	ff := cv.face(medium, 26)
	base := (footerTop+Height)/2 + ascent(ff)/2 - 2
	host := cut(ff, cv.clean(c.Host), innerW/2)
	hw := width(ff, host)
	cv.text(ff, host, Width-margin-hw, base, white)
	cv.text(ff, cut(ff, cv.clean(c.Footer), innerW-hw-40), margin, base, muted)
}

// diamond draws the site's crest, antialiased, in gold on the header band.
func (cv *canvas) diamond(cx, cy, r int) {
	box := image.Rect(cx-r, cy-r, cx+r, cy+r)
	z := vector.NewRasterizer(box.Dx(), box.Dy())
	fr := float32(r)
	z.MoveTo(fr, 0)
	z.LineTo(2*fr, fr)
	z.LineTo(fr, 2*fr)
	z.LineTo(0, fr)
	z.ClosePath()
	mask := image.NewAlpha(image.Rect(0, 0, box.Dx(), box.Dy()))
	z.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
	cov := make([]uint8, len(mask.Pix))
	for i, a := range mask.Pix {
		cov[i] = uint8(coverageStep(a))
	}
	cv.mask(box.Min.X, box.Min.Y, box.Dx(), box.Dy(), cov, &blends[idx(gold)],
		opOf(opMask, uint64(cx), uint64(cy), uint64(r), uint64(idx(gold))))
}

// lines draws lines of text from top, one face, and returns the y under the last.
func (cv *canvas) lines(f *face, lines []string, x, top, lineH int, ink color.RGBA) int {
	y := top
	for i, l := range lines {
		cv.text(f, l, x, top+ascent(f)+i*lineH, ink)
		y = top + ascent(f) + i*lineH + descent(f)
	}
	return y
}

// rows is the body of a table card: a headline and the top rows as broadcast bars.
func (cv *canvas) rows(c Card) {
	y := bodyTop + 26
	if t := cv.clean(c.Title); t != "" {
		f, ls := cv.fitLines(bold, t, innerW, 2, 50, 44, 38, 34)
		y = cv.lines(f, ls, margin, y, f.height, white) + 8
	}
	if s := cv.clean(c.Sub); s != "" {
		f := cv.face(medium, 26)
		y = cv.lines(f, []string{cut(f, s, innerW)}, margin, y, 0, muted) + 8
	}
	const rowH, gap = 58, 8
	y += 12
	n := min(len(c.Rows), (footerTop-22-y+gap)/(rowH+gap))
	rankF, nameF, detailF, valueF := cv.face(bold, 30), cv.face(bold, 30), cv.face(regular, 24), cv.face(bold, 30)
	for i := range n {
		r := c.Rows[i]
		top := y + i*(rowH+gap)
		cv.fill(image.Rect(margin, top, Width-margin, top+rowH), turf)
		cv.fill(image.Rect(margin, top, margin+72, top+rowH), gold)
		base := top + rowH/2 + ascent(nameF)/2 - 2
		rank := cut(rankF, cv.clean(r.Rank), 64)
		cv.text(rankF, rank, margin+36-width(rankF, rank)/2, base, pitch)

		value := cut(valueF, cv.clean(r.Value), 220)
		vw := width(valueF, value)
		cv.text(valueF, value, Width-margin-24-vw, base, gold)

		nameX, detailX := margin+96, margin+600
		detail := cv.clean(r.Detail)
		nameW := detailX - 24 - nameX
		if detail == "" {
			nameW = Width - margin - 24 - vw - 24 - nameX
		}
		cv.text(nameF, cut(nameF, cv.clean(r.Name), nameW), nameX, base, white)
		if detail != "" {
			cv.text(detailF, cut(detailF, detail, Width-margin-24-vw-24-detailX), detailX, base, muted)
		}
	}
}

// stats is the body of a model card: the name, a line about it, and big figures.
func (cv *canvas) stats(c Card) {
	y := bodyTop + 30
	f, title := cv.fit(bold, cv.clean(c.Title), innerW, 88, 76, 64, 54, 46)
	y = cv.lines(f, []string{title}, margin, y, 0, white) + 14
	if s := cv.clean(c.Sub); s != "" {
		sf, ls := cv.fitLines(medium, s, innerW, 1, 32, 28, 24)
		cv.lines(sf, ls, margin, y, 0, muted)
	}
	const tileH, gap = 176, 24
	n := min(len(c.Stats), 4)
	tileW := (innerW - (n-1)*gap) / n
	top := footerTop - 32 - tileH
	for i := range n {
		s := c.Stats[i]
		x := margin + i*(tileW+gap)
		cv.fill(image.Rect(x, top, x+tileW, top+tileH), turf)
		cv.fill(image.Rect(x, top, x+tileW, top+6), gold)
		lf := cv.face(bold, 24)
		cv.text(lf, cut(lf, strings.ToUpper(cv.clean(s.Label)), tileW-48), x+24, top+54, gold)
		vf, v := cv.fit(bold, cv.clean(s.Value), tileW-48, 84, 72, 60, 50, 40)
		cv.text(vf, v, x+24, top+tileH-30, white)
	}
}

// match is the body of a head-to-head card: the two names either side of the score.
func (cv *canvas) match(c Card) {
	m := c.Match
	if t := cv.clean(c.Title); t != "" {
		f := cv.face(medium, 26)
		t = cut(f, t, innerW)
		cv.text(f, t, (Width-width(f, t))/2, bodyTop+52, muted)
	}
	score := strconv.Itoa(m.AWon) + "–" + strconv.Itoa(m.BWon)
	const nameW = 350
	sf, score := cv.fit(bold, score, Width-2*margin-2*nameW-48, 170, 150, 130, 110, 90)
	mid := bodyTop + (footerTop-bodyTop)/2 - 10
	cv.text(sf, score, (Width-width(sf, score))/2, mid+ascent(sf)/2-6, white)

	// Both names at one size: the largest at which each takes at most three lines.
	names := [2]string{cv.clean(m.A), cv.clean(m.B)}
	sizes := []int{50, 44, 38, 32, 28}
	size := sizes[len(sizes)-1]
	for _, sz := range sizes {
		f := cv.face(bold, sz)
		if len(wrap(f, names[0], nameW, 4)) <= 3 && len(wrap(f, names[1], nameW, 4)) <= 3 {
			size = sz
			break
		}
	}
	f := cv.face(bold, size)
	for side, name := range names {
		won := (side == 0 && m.Winner == "a") || (side == 1 && m.Winner == "b")
		ink := white
		if m.Winner != "" && !won {
			ink = muted
		}
		ls := wrap(f, name, nameW, 3)
		lh := f.height
		blockH := (len(ls)-1)*lh + ascent(f) + descent(f)
		top := mid - blockH/2
		for i, l := range ls {
			x := margin
			if side == 1 {
				x = Width - margin - width(f, l)
			}
			cv.text(f, l, x, top+ascent(f)+i*lh, ink)
		}
		if won {
			lf := cv.face(bold, 24)
			x := margin
			if side == 1 {
				x = Width - margin - width(lf, "WINS")
			}
			cv.fill(image.Rect(x, top-30, x+width(lf, "WINS"), top-26), gold)
			cv.text(lf, "WINS", x, top-38, gold)
		}
	}
	if m.Winner == "" {
		lf := cv.face(bold, 26)
		cv.text(lf, "DRAW", (Width-width(lf, "DRAW"))/2, mid+ascent(sf)/2+50, gold)
	}
	if note := cv.clean(m.Note); note != "" {
		f := cv.face(regular, 28)
		note = cut(f, note, innerW)
		cv.text(f, note, (Width-width(f, note))/2, footerTop-34, muted)
	}
}

// article is the body of a post card and of any other page: a date line, the title
// in up to three lines, and as much of the text as fits.
func (cv *canvas) article(c Card) {
	y := bodyTop + 34
	if s := cv.clean(c.Sub); s != "" {
		f := cv.face(bold, 26)
		y = cv.lines(f, []string{cut(f, strings.ToUpper(s), innerW)}, margin, y, 0, gold) + 18
	}
	if t := cv.clean(c.Title); t != "" {
		f, ls := cv.fitLines(bold, t, innerW, 3, 68, 60, 52, 46, 40)
		y = cv.lines(f, ls, margin, y, f.height, white) + 22
	}
	if t := cv.clean(c.Text); t != "" {
		f := cv.face(regular, 30)
		lh := f.height + 4
		n := (footerTop - 28 - y - ascent(f) - descent(f)) / lh
		if n >= 0 {
			cv.lines(f, wrap(f, t, innerW, n+1), margin, y, lh, muted)
		}
	}
}
