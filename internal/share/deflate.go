package share

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
	"sync"
)

// A deflate compressor (RFC 1951) made for share images. A card is mostly flat colour
// with antialiased text, and its rows are filtered with PNG filter None, so its bytes
// repeat in three ways: a run of one colour (distance 1), the row above (distance one
// row), and the same glyph edge a little earlier (found through chains of positions
// with the same hash of four bytes). Rows equal to the row above, most of a card, are
// coded without comparing them again: stretch by stretch when they are a few flat
// stretches, else as copies of the row above. At other positions the compressor
// takes a run or a copy from above of eight bytes or more as it comes, and otherwise
// the longest of the candidates (waiting a byte when the next position has a longer
// one). Tokens are coded in dynamic Huffman blocks of some two thousand, which end
// where a span of rows ends (see span), so that a span's blocks can be kept and sent
// again at any bit position of a later stream. On cards it writes streams some 25%
// smaller than compress/flate at its fastest level, in well under half the time. The
// output is plain deflate: every decoder reads it.
//
// Why not a library: github.com/klauspost/compress/zlib, the fast deflate the Go
// community uses, was measured in its place (level 5, pooled writers, the same PNG
// chunks): per card it took about twice the CPU (h2h 2.6 against 1.2 ms, post 4.8
// against 2.7 ms, drawing included) for files 15-28% larger (h2h 13.7 against
// 11.6 KB), because it compares the rows a card repeats again and again.

const (
	minMatch   = 3
	maxMatch   = 258
	maxDist    = 32768
	hashBits   = 12
	window     = 1 << 13 // how far back the hash chains look (deflate allows 32 KB)
	numLitLen  = 286     // 0–255 literals, 256 end of block, 257–285 lengths
	numDist    = 30
	numCodeLen = 19
	endOfBlock = 256
	matchFlag  = 1 << 31
)

// deflater holds the buffers of one compression, reused through a pool.
type deflater struct {
	raw     []byte
	same    []bool
	runs    []int
	huff    huffman
	clItems []uint16
	tokens  []uint32
	syms    []uint32 // of the block being written (see blockSyms)
	head    [1 << hashBits]int32
	prev    [window]int32
	out     []byte
	hints   *rowHints // the glyph repeats of the card being compressed (see scan)
}

// token layout: a literal is its byte; a match is matchFlag | (length-3)<<16 | (dist-1).
func matchToken(length, dist int) uint32 {
	return matchFlag | uint32(length-minMatch)<<16 | uint32(dist-1)
}

// matchLen is how many bytes from a and b agree, at most maxMatch; a is the
// shorter or equal one. It compares eight bytes a step.
func matchLen(a, b []byte) int {
	n := min(len(a), len(b), maxMatch)
	a, b = a[:n], b[:n]
	i := 0
	for ; i <= n-16; i += 16 {
		x := binary.LittleEndian.Uint64(a[i:i+8]) ^ binary.LittleEndian.Uint64(b[i:i+8])
		if x != 0 {
			return i + bits.TrailingZeros64(x)/8
		}
		if x := binary.LittleEndian.Uint64(a[i+8:i+16]) ^ binary.LittleEndian.Uint64(b[i+8:i+16]); x != 0 {
			return i + 8 + bits.TrailingZeros64(x)/8
		}
	}
	if i <= n-8 {
		if x := binary.LittleEndian.Uint64(a[i:i+8]) ^ binary.LittleEndian.Uint64(b[i:i+8]); x != 0 {
			return i + bits.TrailingZeros64(x)/8
		}
		i += 8
	}
	for ; i < n && a[i] == b[i]; i++ {
	}
	return i
}

// prefix is matchLen for a of at most maxMatch bytes and b at least as long, small
// enough to be inlined where the search calls it most.
func prefix(a, b []byte) int {
	b = b[:len(a)]
	l := 0
	for l+8 <= len(a) {
		if x := binary.LittleEndian.Uint64(a[l:]) ^ binary.LittleEndian.Uint64(b[l:]); x != 0 {
			return l + bits.TrailingZeros64(x)/8
		}
		l += 8
	}
	for l < len(a) && a[l] == b[l] {
		l++
	}
	return l
}

func hash4(b []byte) uint32 {
	return (binary.LittleEndian.Uint32(b) * 0x1e35a7bd) >> (32 - hashBits)
}

// Search effort, chosen on the sample cards: four candidates per hash chain, lazy
// matching and hashing inside short matches made them some 13% smaller than one
// candidate and greedy matching; sixteen candidates gained under 1% more, and no
// lazy matching cost 5% in size. Most of a text row equals the row above: a match of
// eight bytes or more from the byte before or above is taken without searching the
// chains or waiting a byte (32 and 16 before: files 2% smaller, the compressor about
// a fifth slower). Positions inside matches of ten bytes or more are not hashed
// (sixteen before: 4–6% more instructions per card for files 1.0–1.6% smaller).
const (
	maxChain    = 4  // earlier positions with the same hash tried per position
	lazyLimit   = 8  // a match shorter than this is compared with one starting a byte later
	insertLimit = 10 // positions inside a match shorter than this are hashed too
	goodMatch   = 8  // a match this long from the byte before or above ends the search
)

// parseSpan appends the tokens of data[start:end] to d.tokens. Its matches reach
// back at most to the row above start and never past end, and the hash chains start
// empty, so the tokens depend on data[start-row:end] alone, and in the body of a
// card on its glyph repeats (see spans and scan).
func (d *deflater) parseSpan(data []byte, start, end, row int, same []bool, runs []int) {
	clear(d.head[:])
	data = data[:end]
	for i := start; i < end; {
		y := i / row
		if y > 0 && same[y] && row <= maxDist {
			// From here to the end of a run of rows equal to the ones above. Rows
			// of a few flat stretches are coded stretch by stretch at distance 1,
			// whose codes are the cheapest; other rows as copies of the row above.
			stop := min((y+1)*row, end)
			for stop < end && same[stop/row] {
				stop = min(stop+row, end)
			}
			if runs[y] <= maxRuns {
				d.flat(data, i, stop, row)
			} else {
				d.copies(data, i, stop, row)
			}
			i = stop
			continue
		}
		if d.hints != nil && row == Width+1 && y >= bodyTop && y < footerTop {
			i = d.scan(data, i, min((y+1)*row, end), row, max(0, start-row), d.hints.row(y))
			continue
		}
		i = d.search(data, i, min((y+1)*row, end), row)
	}
}

// search appends the tokens of data from i on, found by searching for matches, up
// to the first token that reaches stop, and returns where the next token starts.
func (d *deflater) search(data []byte, i, stop, row int) int {
	n := len(data)
	for i < stop {
		h := hashAt(data, i)
		length, dist := d.find(data, i, row, h)
		d.insertHash(i, h)
		for length >= minMatch && length < lazyLimit && i+1 < n {
			h2 := hashAt(data, i+1)
			l2, d2 := d.find(data, i+1, row, h2)
			if l2 <= length {
				break
			}
			d.tokens = append(d.tokens, uint32(data[i]))
			i++
			d.insertHash(i, h2)
			length, dist = l2, d2
		}
		if length < minMatch {
			d.tokens = append(d.tokens, uint32(data[i]))
			i++
			continue
		}
		d.tokens = append(d.tokens, matchToken(length, dist))
		if length < insertLimit {
			d.insertRange(data, i+1, i+length)
		}
		i += length
	}
	return i
}

// span is a part of an image's rows compressed on its own (see parseSpan): its
// deflate blocks end where it ends, so its bits are the same whatever comes before
// it. Those of a span marked shared are kept for the next image with the same bytes
// there.
type span struct {
	start, end int
	shared     bool
	blank      bool   // rows the card left as the background drew them, all equal
	sig        uint64 // of a shared span: what was drawn there (see canvas.shared)
}

// spanCode is a span compressed: deflate blocks, none of them final, which may start
// and end anywhere in a byte, and the Adler-32 sums of the span's bytes.
type spanCode struct {
	key   []byte // the span's bytes and the row above
	bits  []byte // least significant bit first, the last byte padded with zeros
	nbits int
	sum   adlerRow
}

// spanMemo keeps the compressed shared spans by a hash of what was drawn on them
// (see canvas.shared), so their pixels need not be hashed; a kept span's bytes (the
// span and the row above it) are compared before it is used, so a wrong hash costs
// only a compression. The header and footer of cards of one kind are equal from card
// to card, and so are some lines of their bodies (a head-to-head's division, its
// note). A span is kept the second time it is met, so that lines only one card has
// (a post's title) do not fill the memo; seen knows the spans met (see metBefore).
var spanMemo = struct {
	sync.RWMutex
	m    map[uint64]*spanCode
	seen map[uint64]struct{}
	size int
}{m: map[uint64]*spanCode{}, seen: map[uint64]struct{}{}}

// spanMemoMax bounds the bytes the memo keeps (keys and bits); spanSeenMax the spans
// it remembers having met once (past it, it forgets them all and starts again).
const (
	spanMemoMax = 16 << 20
	spanSeenMax = 1 << 18
)

// compressSpan writes the deflate blocks of raw[sp.start:sp.end] (whole rows of
// length row) to w, and adds the span's bytes to the checksum; a shared span seen
// before is copied from the memo.
func (d *deflater) compressSpan(w *bitWriter, sum *adler, raw []byte, row int, sp span) {
	n := sp.end - sp.start
	if sp.blank {
		if code := d.blankSpan(raw, row, sp); code != nil {
			w.putBits(code.bits, code.nbits)
			sum.add(code.sum, n)
			return
		}
	}
	if !sp.shared {
		s := d.rowsOf(raw, row, sp)
		d.tokens = d.tokens[:0]
		d.parseSpan(raw, sp.start, sp.end, row, d.same, d.runs)
		d.blocks(w, d.tokens)
		sum.add(s, n)
		return
	}
	for y := sp.start / row; y < sp.end/row; y++ {
		raw[y*row] = 0 // filter None, also in the memo's key
	}
	if !metBefore(sp.sig) {
		d.compressSpan(w, sum, raw, row, span{start: sp.start, end: sp.end})
		return
	}
	key := raw[max(0, sp.start-row):sp.end]
	code := memoized(sp.sig, key)
	if code == nil {
		s := d.rowsOf(raw, row, sp)
		d.tokens = d.tokens[:0]
		d.parseSpan(raw, sp.start, sp.end, row, d.same, d.runs)
		var own bitWriter
		d.blocks(&own, d.tokens)
		code = &spanCode{nbits: 8*len(own.out) + int(own.nacc), sum: s}
		own.flush()
		code.bits = slices.Clone(own.out) // without the room writeSyms made
		spanMemo.Lock()
		if _, ok := spanMemo.m[sp.sig]; !ok && spanMemo.size+len(key)+len(code.bits) <= spanMemoMax {
			code.key = slices.Clone(key)
			spanMemo.m[sp.sig] = code
			spanMemo.size += len(key) + len(code.bits)
		}
		spanMemo.Unlock()
	}
	w.putBits(code.bits, code.nbits)
	sum.add(code.sum, n)
}

// blankMemo keeps the compressed blank spans (see blankSpan) by their first and last
// row. Their rows are the background's, and their tokens do not look at the rows
// before them, so their bits depend on their place alone: cards of one kind have
// the same few.
var blankMemo = struct {
	sync.RWMutex
	m map[[2]int]*spanCode
}{m: map[[2]int]*spanCode{}}

// blankMemoMax bounds the blank spans kept (each some hundred bytes).
const blankMemoMax = 4096

// blankSpan returns the compressed rows of a blank span: equal rows of at most
// maxRuns flat stretches, coded as a literal for the first byte and then stretch by
// stretch (see flat), without a match into the rows before the span. It returns nil
// when the span's rows are not flat enough; the caller then compresses it as any.
// A kept span is used only if its first row is the same (key).
func (d *deflater) blankSpan(raw []byte, row int, sp span) *spanCode {
	first := raw[sp.start : sp.start+row]
	first[0] = 0 // filter None
	k := [2]int{sp.start, sp.end}
	blankMemo.RLock()
	code := blankMemo.m[k]
	blankMemo.RUnlock()
	if code != nil && bytes.Equal(code.key, first) {
		return code
	}
	if countRuns(first, maxRuns) > maxRuns {
		return nil
	}
	var a adler
	rs := rowSum(first)
	for y := sp.start; y < sp.end; y += row {
		raw[y] = 0
		a.add(rs, row)
	}
	d.tokens = append(d.tokens[:0], uint32(first[0]))
	d.flat(raw[:sp.end], sp.start+1, sp.end, row)
	var own bitWriter
	d.blocks(&own, d.tokens)
	code = &spanCode{key: slices.Clone(first), nbits: 8*len(own.out) + int(own.nacc), sum: adlerRow{a.s1, a.s2}}
	own.flush()
	code.bits = slices.Clone(own.out)
	blankMemo.Lock()
	if len(blankMemo.m) < blankMemoMax {
		blankMemo.m[k] = code
	}
	blankMemo.Unlock()
	return code
}

// maxRuns is the most flat stretches a row may have to be coded stretch by stretch
// (a band of one colour, a panel with a margin either side); a copy of the row above
// costs about nine extra bits per 258 bytes, a stretch at distance 1 none.
const maxRuns = 3

// flat codes data[i:end] as stretches of one byte: each a literal (unless the byte
// before has its value) then a match at distance 1. From i's row to end the rows
// are equal, of at most maxRuns stretches each: the stretches are read from i's row
// once and followed from row to row, not found by comparing every byte.
func (d *deflater) flat(data []byte, i, end, row int) {
	y := i / row
	t := data[y*row : (y+1)*row] // every row from y up to end holds these bytes
	var bnd [maxRuns + 1]int     // where t's stretches start, then len(t)
	nb := 0
	for o := 0; o < row; o = runEnd(t, o+1, t[o]) {
		bnd[nb] = o
		nb++
	}
	bnd[nb] = row
	for i < end {
		base, k := i-i%row, 0
		for bnd[k+1] <= i-base {
			k++
		}
		v := t[bnd[k]]
		j := base + bnd[k+1]
		if j < end && k == nb-1 && t[0] == v {
			// The stretch goes on into the next row: over whole rows if t is
			// one stretch, else over the next row's first stretch.
			if nb == 1 {
				j = end
			} else {
				j += bnd[1]
			}
		}
		j = min(j, end)
		if data[i-1] != v {
			d.tokens = append(d.tokens, uint32(v))
			i++
		}
		d.copies(data, i, j, 1)
		i = j
	}
}

// copies codes data[i:end] as matches at distance dist (literals for a tail of
// fewer than three bytes).
func (d *deflater) copies(data []byte, i, end, dist int) {
	for left := end - i; left > 0; {
		l := min(left, maxMatch)
		if left-l < minMatch && left > maxMatch {
			l = left - minMatch // leave a tail long enough to be a match
		}
		if l < minMatch {
			for k := range l {
				d.tokens = append(d.tokens, uint32(data[i+k]))
			}
		} else {
			d.tokens = append(d.tokens, matchToken(l, dist))
		}
		i += l
		left -= l
	}
}

// runEnd returns the first index from i on where p holds another byte than v, or
// len(p); it compares eight bytes a step.
func runEnd(p []byte, i int, v byte) int {
	pat := uint64(v) * 0x0101010101010101
	for ; i+8 <= len(p); i += 8 {
		if x := binary.LittleEndian.Uint64(p[i:i+8]) ^ pat; x != 0 {
			return i + bits.TrailingZeros64(x)/8
		}
	}
	if i >= len(p) {
		return len(p)
	}
	if k := len(p) - 8; k >= 0 {
		// The last eight bytes, less the k-i first (before i) shifted out.
		if x := (binary.LittleEndian.Uint64(p[k:]) ^ pat) >> (8 * (i - k)); x != 0 {
			return i + bits.TrailingZeros64(x)/8
		}
		return len(p)
	}
	for ; i < len(p) && p[i] == v; i++ {
	}
	return i
}

// insertRange adds the positions from i to end-1 to the hash chains, in order, as
// insertHash does one by one (positions less than four bytes from the end of data
// have no hash and are left out). The hashes of four positions are taken from one
// load of eight bytes.
func (d *deflater) insertRange(data []byte, i, end int) {
	end = min(end, len(data)-3)
	for ; i+4 <= end && i+8 <= len(data); i += 4 {
		v := binary.LittleEndian.Uint64(data[i:])
		for k := range 4 {
			h := (uint32(v>>(8*k)) * 0x1e35a7bd) >> (32 - hashBits)
			d.prev[(i+k)&(window-1)] = d.head[h]
			d.head[h] = int32(i + k + 1)
		}
	}
	for ; i < end; i++ {
		h := hash4(data[i:])
		d.prev[i&(window-1)] = d.head[h]
		d.head[h] = int32(i + 1)
	}
}

// hashAt is the hash of the four bytes at i, or -1 near the end.
func hashAt(data []byte, i int) int {
	if i+4 > len(data) {
		return -1
	}
	return int(hash4(data[i:]))
}

// insertHash adds position i with hash h to the hash chains (none if h < 0).
func (d *deflater) insertHash(i, h int) {
	if h < 0 {
		return
	}
	d.prev[i&(window-1)] = d.head[h]
	d.head[h] = int32(i + 1)
}

// find returns the longest match for position i among the byte before, the byte
// above and the earlier positions with the same hash (length 0 if none).
func (d *deflater) find(data []byte, i, row, h int) (best, dist int) {
	rest := data[i:]
	if i >= 1 && data[i-1] == rest[0] {
		best, dist = matchLen(rest, data[i-1:]), 1
	}
	limit := min(len(rest), maxMatch)
	if best < limit && i >= row && row > 1 && row <= maxDist && data[i-row+best] == rest[best] {
		if l := matchLen(rest, data[i-row:]); l > best {
			best, dist = l, row
		}
	}
	if best >= goodMatch || h < 0 {
		return best, dist
	}
	cand := int(d.head[h]) - 1
	for tries := 0; cand >= 0 && i-cand < window && tries < maxChain; tries++ {
		if best < limit && data[cand+best] == rest[best] {
			if l := prefix(rest[:limit], data[cand:]); l > best {
				best, dist = l, i-cand
				if best >= limit {
					break
				}
			}
		}
		next := int(d.prev[cand&(window-1)]) - 1
		if next >= cand {
			break
		}
		cand = next
	}
	return best, dist
}

// lengthCode returns the length symbol, its extra bits and their value.
func lengthCode(length int) (sym, nb, extra int) {
	l := length - minMatch
	switch {
	case l < 8:
		return 257 + l, 0, 0
	case length == maxMatch:
		return 285, 0, 0
	}
	nb = bits.Len(uint(l)) - 3
	return 257 + 4*nb + (l>>nb)&3 + 4, nb, l & (1<<nb - 1)
}

// distCode returns the distance symbol, its extra bits and their value.
func distCode(dist int) (sym, nb, extra int) {
	x := dist - 1
	if x < 4 {
		return x, 0, 0
	}
	nb = bits.Len(uint(x)) - 2
	return 2*nb + (x>>nb)&1 + 2, nb, x & (1<<nb - 1)
}

// symbol is a length or distance symbol, the number of its extra bits, and the
// smallest value it codes (a length less 3, a distance less 1).
type symbol struct {
	sym  uint16
	nb   uint8
	base uint16
}

// lengthSymbols[l-3] and distSymbols (read through distSymbol) hold lengthCode and
// distCode as tables for the inner loop of block.
var lengthSymbols, distSymbols = func() (ls [maxMatch - minMatch + 1]symbol, ds [512]symbol) {
	for l := range ls {
		s, nb, x := lengthCode(l + minMatch)
		ls[l] = symbol{uint16(s), uint8(nb), uint16(l - x)}
	}
	for i := range 256 {
		s, nb, x := distCode(i + 1)
		ds[i] = symbol{uint16(s), uint8(nb), uint16(i - x)}
		// From 256 on a symbol covers whole multiples of 128.
		s, nb, x = distCode(i<<7 + 1)
		ds[256+i] = symbol{uint16(s), uint8(nb), uint16(i<<7 - x)}
	}
	return ls, ds
}()

// distSymbol returns the symbol of a distance less 1 (below maxDist).
func distSymbol(x uint32) *symbol {
	return &distSymbols[distIndex(x)]
}

// distIndex is where distSymbols holds the symbol of x, a distance less 1 (below
// maxDist): x below 256, else 256 + x/128. It takes no branch (big is all ones when
// x is 256 or more), as a branch on distances, short and long by turns, is
// mispredicted often.
func distIndex(x uint32) uint32 {
	big := uint32(int32(255-x) >> 31)
	return (x^(256+x>>7))&big ^ x
}

// huffLengths returns code lengths for freq, none longer than maxBits (see
// huffman.build).
func huffLengths(freq []int32, maxBits int) []uint8 {
	var h huffman
	lengths := make([]uint8, len(freq))
	h.build(freq, maxBits, lengths)
	return lengths
}

// huffman holds the buffers for building Huffman codes, reused from block to block.
type huffman struct {
	f     []int32
	keys  []uint64
	tmp   []uint64 // room for sortLeaves
	nodes []huffNode
	depth []int
}

type huffNode struct {
	w           int64
	left, right int // children in nodes, or -1 for a leaf
	sym         int
}

// build writes into lengths code lengths for freq, none longer than maxBits, from a
// Huffman tree. Symbols of frequency zero get no code. When the tree is too deep
// the frequencies are halved (never below one) and the tree built again: a little
// less than optimal, always valid, and deterministic. There must be at most
// 2^maxBits symbols in use.
func (h *huffman) build(freq []int32, maxBits int, lengths []uint8) {
	h.f = append(h.f[:0], freq...)
	for {
		if h.tree(h.f, lengths) <= maxBits {
			return
		}
		ones := true
		for i, v := range h.f {
			if v > 0 {
				h.f[i] = max(1, v/2)
				ones = ones && h.f[i] == 1
			}
		}
		if ones && h.tree(h.f, lengths) > maxBits {
			panic("share: more symbols than codes of the length limit")
		}
	}
}

// tree writes the depth of each leaf of a Huffman tree over freq into lengths and
// returns the deepest. Ties are broken by symbol, so the result depends on freq
// alone.
func (h *huffman) tree(freq []int32, lengths []uint8) int {
	// The leaves by weight, then by symbol (the order a stable sort of the leaves,
	// made in symbol order, gives): sorted as weight<<9 | symbol (see sortLeaves).
	// There are at most 286 symbols.
	keys := h.keys[:0]
	var heaviest int32
	for s, v := range freq {
		lengths[s] = 0
		if v > 0 {
			keys = append(keys, uint64(v)<<9|uint64(s))
			heaviest = max(heaviest, v)
		}
	}
	h.keys = keys
	switch len(keys) {
	case 0:
		return 0
	case 1:
		lengths[keys[0]&511] = 1
		return 1
	}
	h.tmp = grow(h.tmp, len(keys))
	sortLeaves(keys, h.tmp, heaviest)
	nodes := h.nodes[:0]
	for _, k := range keys {
		nodes = append(nodes, huffNode{w: int64(k >> 9), left: -1, right: -1, sym: int(k & 511)})
	}
	// Two queues: sorted leaves, and inner nodes in the order they are made (their
	// weights never decrease). Each step takes the lighter head, a leaf when they
	// weigh the same.
	leaves := len(nodes)
	li, qi := 0, leaves
	for len(nodes)-leaves < leaves-1 {
		var pair [2]int
		for j := range pair {
			if li < leaves && (qi >= len(nodes) || nodes[li].w <= nodes[qi].w) {
				pair[j] = li
				li++
			} else {
				pair[j] = qi
				qi++
			}
		}
		a, b := pair[0], pair[1]
		nodes = append(nodes, huffNode{w: nodes[a].w + nodes[b].w, left: a, right: b})
	}
	h.nodes = nodes[:0]
	// Depths from the root (the last node) down.
	depth := grow(h.depth, len(nodes))
	h.depth = depth
	depth[len(nodes)-1] = 0
	deepest := 0
	for i := len(nodes) - 1; i >= leaves; i-- {
		n := nodes[i]
		depth[n.left] = depth[i] + 1
		depth[n.right] = depth[i] + 1
	}
	for i := range leaves {
		lengths[nodes[i].sym] = uint8(depth[i])
		deepest = max(deepest, depth[i])
	}
	return deepest
}

// sortLeaves sorts keys (weight<<9 | symbol, in symbol order) with tmp as room of
// the same length. When every weight is below 2^12, as in a block (at most
// blockTokens tokens), it sorts them by weight in stable counting passes of six
// bits each (one when every weight is below 64), which keep the symbol order of
// equal weights; heavier ones, by comparison.
func sortLeaves(keys, tmp []uint64, heaviest int32) {
	if heaviest >= 1<<12 {
		slices.Sort(keys)
		return
	}
	tmp = tmp[:len(keys)]
	shifts := []uint{9, 15}
	if heaviest < 1<<6 {
		shifts = shifts[:1] // one pass does
	}
	for _, shift := range shifts {
		var at [64]int
		for _, k := range keys {
			at[k>>shift&63]++
		}
		sum := 0
		for i, c := range at {
			at[i] = sum
			sum += c
		}
		for _, k := range keys {
			d := k >> shift & 63
			tmp[at[d]] = k
			at[d]++
		}
		keys, tmp = tmp, keys
	}
	if len(shifts) == 1 {
		copy(tmp, keys) // back into the caller's keys
	}
}

// canonical writes into codes the codes of RFC 1951's canonical Huffman code for
// lengths, bit reversed so they can be written least significant bit first, each
// with its length in the top byte (0 for a symbol without a code).
func canonical(lengths []uint8, codes []uint32) {
	var count [16]int
	for _, l := range lengths {
		count[l]++
	}
	count[0] = 0
	var next [16]uint16
	code := 0
	for b := 1; b < 16; b++ {
		code = (code + count[b-1]) << 1
		next[b] = uint16(code)
	}
	for s, l := range lengths {
		if l == 0 {
			codes[s] = 0
			continue
		}
		l &= 15
		codes[s] = uint32(bits.Reverse16(next[l])>>(16-l)) | uint32(l)<<24
		next[l]++
	}
}

// bitWriter packs bits least significant first.
type bitWriter struct {
	out  []byte
	acc  uint64
	nacc uint
}

func (w *bitWriter) put(v uint64, n uint) {
	w.acc |= v << w.nacc
	w.nacc += n
	if w.nacc >= 32 {
		w.out = binary.LittleEndian.AppendUint32(w.out, uint32(w.acc))
		w.acc >>= 32
		w.nacc -= 32
	}
}

// putBits writes the first n bits of b, least significant first.
func (w *bitWriter) putBits(b []byte, n int) {
	// The accumulator holds fewer than 32 bits (nacc) between calls: with 64 bits
	// in and 64 out it holds as many after, the top nacc bits of the word.
	if k := 8 * (n / 64); k > 0 {
		o := len(w.out)
		if w.nacc == 0 && w.acc == 0 {
			w.out = append(w.out, b[:k]...) // at a byte boundary: a copy
		} else {
			out, acc, s := slices.Grow(w.out, k)[:o+k], w.acc, w.nacc&63
			for i := 0; i < k; i += 8 {
				v := binary.LittleEndian.Uint64(b[i : i+8])
				binary.LittleEndian.PutUint64(out[o+i:o+i+8], acc|v<<s)
				acc = v >> (64 - s)
			}
			w.out, w.acc = out, acc
		}
		b, n = b[k:], n-8*k
	}
	for ; n >= 32; n -= 32 {
		w.put(uint64(binary.LittleEndian.Uint32(b)), 32)
		b = b[4:]
	}
	for ; n >= 8; n -= 8 {
		w.put(uint64(b[0]), 8)
		b = b[1:]
	}
	if n > 0 {
		w.put(uint64(b[0])&(1<<n-1), uint(n))
	}
}

func (w *bitWriter) flush() {
	for w.nacc > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.nacc -= min(w.nacc, 8)
	}
}

// The order in which code length code lengths are sent (RFC 1951, 3.2.7).
var codeLenOrder = [numCodeLen]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// rle codes a list of code lengths with the repeat symbols 16, 17 and 18: each item
// is symbol | extra<<8.
func rle(lengths []uint8, out []uint16) []uint16 {
	for i := 0; i < len(lengths); {
		l := lengths[i]
		run := 1
		for i+run < len(lengths) && lengths[i+run] == l {
			run++
		}
		i += run
		if l == 0 {
			for run >= 11 {
				n := min(run, 138)
				out = append(out, 18|uint16(n-11)<<8)
				run -= n
			}
			if run >= 3 {
				out = append(out, 17|uint16(run-3)<<8)
				run = 0
			}
		} else {
			out = append(out, uint16(l))
			run--
			for run >= 3 {
				n := min(run, 6)
				out = append(out, 16|uint16(n-3)<<8)
				run -= n
			}
		}
		for ; run > 0; run-- {
			out = append(out, uint16(l))
		}
	}
	return out
}

// blockTokens is the most tokens of one deflate block. Blocks of about two thousand
// tokens, each with Huffman codes fitted to it, made the sample cards some 3%
// smaller than one block; smaller ones gained under 1% more for more CPU.
const blockTokens = 2048

// memoized returns the kept span with hash sig and bytes key, if any.
func memoized(sig uint64, key []byte) *spanCode {
	spanMemo.RLock()
	code := spanMemo.m[sig]
	spanMemo.RUnlock()
	if code != nil && bytes.Equal(code.key, key) {
		return code
	}
	return nil // none, or another span with the same hash: compressed anew
}

// metBefore reports whether a span with the hash sig (see canvas.shared) was met
// before, and notes that it was met. Another span with the same hash would count as
// met: it is then looked up and kept, which changes no byte of the output.
func metBefore(sig uint64) bool {
	spanMemo.RLock()
	_, met := spanMemo.seen[sig]
	spanMemo.RUnlock()
	if !met {
		spanMemo.Lock()
		if len(spanMemo.seen) >= spanSeenMax {
			clear(spanMemo.seen)
		}
		spanMemo.seen[sig] = struct{}{}
		spanMemo.Unlock()
	}
	return met
}

// blocks writes tokens as deflate blocks of at most blockTokens, none final, each
// with Huffman codes of its own, so a band of text and a band of flat rows get codes
// each.
func (d *deflater) blocks(w *bitWriter, toks []uint32) {
	for len(toks) > 0 {
		n := min(len(toks), blockTokens)
		d.block(w, toks[:n], false)
		toks = toks[n:]
	}
}

// finish ends a deflate stream with an empty final block (fixed codes: the block
// header and the end-of-block code, ten bits) and pads it to a whole byte.
func finish(w *bitWriter) {
	w.put(1, 1) // final
	w.put(1, 2) // fixed Huffman codes
	w.put(0, 7) // end of block, code 0000000
	w.flush()
}

// block writes tokens as one dynamic Huffman block. A first pass counts the symbols
// and notes each token's symbols and extra bits (see blockSyms); the second writes
// each token's bits from two tables made for the block, without branches.
func (d *deflater) block(w *bitWriter, tokens []uint32, final bool) {
	var litFreq [2 * 256]int32 // 0–255 literals, 256 end of block, 257–285 lengths
	var distFreq [32]int32     // 31 counts the literals, which have no distance
	syms := d.blockSyms(tokens, &litFreq, &distFreq)
	litFreq[endOfBlock] = 1
	// Two distance codes at least keep the distance code complete even when no or
	// one distance is used (some decoders refuse an incomplete one).
	distFreq[0] = max(distFreq[0], 1)
	distFreq[1] = max(distFreq[1], 1)
	if litFreq[0] == 0 {
		litFreq[0] = 1 // and two literal/length codes at least
	}

	var litLen [numLitLen]uint8
	var distLen [numDist]uint8
	d.huff.build(litFreq[:numLitLen], 15, litLen[:])
	d.huff.build(distFreq[:numDist], 15, distLen[:])
	nlit := numLitLen
	for nlit > 257 && litLen[nlit-1] == 0 {
		nlit--
	}
	ndist := numDist
	for ndist > 1 && distLen[ndist-1] == 0 {
		ndist--
	}
	clItems := rle(litLen[:nlit], d.clItems[:0])
	clItems = rle(distLen[:ndist], clItems)
	d.clItems = clItems
	// The code length code has two symbols at least, so it is complete: the
	// literal/length code has 257 lengths or more, which are never all the same
	// (257 is no power of two) unless some are 0, and so never all one symbol.
	var clFreq [numCodeLen]int32
	for _, it := range clItems {
		clFreq[it&0xff]++
	}
	var clLen [numCodeLen]uint8
	d.huff.build(clFreq[:], 7, clLen[:])
	nclen := numCodeLen
	for nclen > 4 && clLen[codeLenOrder[nclen-1]] == 0 {
		nclen--
	}

	if final {
		w.put(1, 1)
	} else {
		w.put(0, 1)
	}
	w.put(2, 2) // dynamic Huffman codes
	w.put(uint64(nlit-257), 5)
	w.put(uint64(ndist-1), 5)
	w.put(uint64(nclen-4), 4)
	for _, s := range codeLenOrder[:nclen] {
		w.put(uint64(clLen[s]), 3)
	}
	var clCode [numCodeLen]uint32
	canonical(clLen[:], clCode[:])
	for _, it := range clItems {
		s := it & 0xff
		w.put(uint64(clCode[s]&0xffff), uint(clCode[s]>>24))
		switch s {
		case 16:
			w.put(uint64(it>>8), 2)
		case 17:
			w.put(uint64(it>>8), 3)
		case 18:
			w.put(uint64(it>>8), 7)
		}
	}

	// first[s] codes the first part of a token of blockSyms's s: a literal's code,
	// or a length's code with its extra bits after it; the number of bits is in the
	// top byte. second[ds] is distance symbol ds's code, its length in bits 16–23
	// and the number of bits with the extra ones in the top byte; second[31], for
	// literals, codes nothing.
	var first [2 * 256]uint32
	var second [32]uint32
	var distCodes [numDist]uint32
	canonical(litLen[:], first[:numLitLen])
	canonical(distLen[:], distCodes[:])
	// The lengths: each symbol from 257 on covers the lengths from its base on,
	// one for each value of its extra bits, written after its code. The codes are
	// taken out of first before the lengths overwrite them.
	eob := first[endOfBlock]
	var lc [numLitLen - 257]uint32
	copy(lc[:], first[257:numLitLen])
	for i, c := range lc {
		r := lengthRanges[i]
		v, step := c+uint32(r.nb)<<24, uint32(1)<<(c>>24&31)
		for l := r.base; l < r.base+r.n; l++ {
			first[256+int(l)] = v
			v += step
		}
	}
	for s := range numDist {
		c := distCodes[s]
		second[s] = c&0xffff | c>>24<<16 | (c>>24+uint32(distExtra[s]))<<24
	}
	out, acc, nacc := w.out, w.acc, w.nacc
	for nacc >= 8 {
		out = append(out, byte(acc))
		acc >>= 8
		nacc -= 8
	}
	w.out, w.acc, w.nacc = writeSyms(out, acc, nacc, syms, &first, &second)
	w.put(uint64(eob&0xffff), uint(eob>>24))
}

// lengthRanges[i] is length symbol 257+i: the first length it codes less 3 (base),
// how many (n) and the number of its extra bits (nb); symbol 284's extra bits
// could code one length more, 258, which has a symbol of its own (285).
var lengthRanges = func() (r [numLitLen - 257]struct{ base, n, nb uint16 }) {
	for l := range maxMatch - minMatch + 1 {
		ls := lengthSymbols[l]
		i := ls.sym - 257
		if r[i].n == 0 {
			r[i].base, r[i].nb = uint16(l), uint16(ls.nb)
		}
		r[i].n++
	}
	return r
}()

// lengthTable[l] is the symbol of length l+3, for blockSyms.
var lengthTable = func() (lt [256]uint16) {
	for l := range lt {
		lt[l] = lengthSymbols[l].sym
	}
	return lt
}()

// distSyms[x] is a distance of x+1 as blockSyms notes it: its symbol from bit 9 on,
// the value of its extra bits from bit 14 on.
var distSyms = func() (t [maxDist]uint32) {
	for x := range t {
		ds := distSymbol(uint32(x))
		t[x] = uint32(ds.sym)<<9 | (uint32(x)-uint32(ds.base))<<14
	}
	return t
}()

// writeSyms appends the bits of the tokens noted in syms (see blockSyms) to out and
// the accumulator acc of nacc bits (fewer than 8), through block's tables first and
// second, and returns them. At most 48 bits a token (15+5 for the length, 15+13 for
// the distance) go into acc; after each token its whole bytes are stored with one
// write of eight bytes, into room made beforehand.
func writeSyms(out []byte, acc uint64, nacc uint, syms []uint32, first *[2 * 256]uint32, second *[32]uint32) ([]byte, uint64, uint) {
	n := len(out)
	out = slices.Grow(out, 6*len(syms)+8) // the stores go up to its capacity
	for _, s := range syms {
		f := first[s&511]
		acc |= uint64(f&0xffffff) << (nacc & 63)
		nacc += uint(f >> 24)
		e := second[s>>9&31]
		acc |= uint64(e&0xffff|s>>14<<(e>>16&15)) << (nacc & 63)
		nacc += uint(e >> 24)
		binary.LittleEndian.PutUint64(out[n:n+8], acc)
		n += int(nacc >> 3)
		acc >>= nacc & 56
		nacc &= 7
	}
	return out[:n], acc, nacc
}

// distExtra[ds] is the number of extra bits of distance symbol ds.
var distExtra = func() (nb [numDist]uint8) {
	for s := range numDist {
		nb[s] = uint8(max(0, s/2-1))
	}
	return nb
}()

// blockSyms counts the literal/length and distance symbols of tokens into litFreq
// and distFreq (distFreq[31] the literals) and returns for each token, in d.syms,
// the index of its first part in block's first table (a literal's byte, or 256 and
// the length less 3), its distance symbol (31 for a literal) from bit 9 on and the
// value of the distance's extra bits from bit 14 on.
func (d *deflater) blockSyms(tokens []uint32, litFreq *[512]int32, distFreq *[32]int32) []uint32 {
	syms := grow(d.syms, len(tokens))
	d.syms = syms
	syms = syms[:len(tokens)]
	// Without branches, which a mix of literals and matches would mispredict:
	// match is all ones for a match, zero for a literal. A literal's distance
	// symbol is 31, which s carries too.
	for i, t := range tokens {
		match := uint32(int32(t) >> 31)
		l := t >> 16 & 0xff
		s := (256+l|distSyms[t&(maxDist-1)])&match | (t|31<<9)&^match
		litFreq[(uint32(lengthTable[l])&match|t&^match)&511]++
		distFreq[s>>9&31]++
		syms[i] = s
	}
	return syms
}

// eqLen returns how many bytes of data from i on equal those from j on, at most lim
// (i+lim <= len(data), j < i).
func eqLen(data []byte, i, j, lim int) int {
	a := data[i : i+lim]
	b := data[j:]
	b = b[:len(a)]
	l := 0
	for len(a) >= 8 {
		if x := binary.LittleEndian.Uint64(a) ^ binary.LittleEndian.Uint64(b); x != 0 {
			return l + bits.TrailingZeros64(x)/8
		}
		a, b = a[8:], b[8:]
		l += 8
	}
	for k := range a {
		if a[k] != b[k] {
			return l + k
		}
	}
	return l + len(a)
}

// candidate returns the longest match at i among the byte before, the row above,
// the glyph repeats segs that cover pixel x, and earlier positions with the same
// hash, and adds i to the hash chains if it looked there.
func (d *deflater) candidate(data []byte, i, row, lo int, segs []hintSeg, x int32) (best, dist int) {
	n := len(data)
	lim := min(n-i, maxMatch)
	if i > 0 && data[i-1] == data[i] {
		best, dist = eqLen(data, i, i-1, lim), 1
	}
	if j := i - row; j >= lo && best < lim && data[j+best] == data[i+best] {
		if l := eqLen(data, i, j, lim); l > best {
			best, dist = l, row
		}
	}
	if best >= goodMatch || best >= lim {
		return best, dist
	}
	for q := 0; q < len(segs) && segs[q].x0 <= x; q++ {
		if x >= segs[q].x1 {
			continue
		}
		if j := i - int(segs[q].dist); j >= lo && data[j+best] == data[i+best] {
			if l := eqLen(data, i, j, lim); l > best {
				best, dist = l, int(segs[q].dist)
				if best >= lim {
					return best, dist
				}
			}
		}
	}
	if best >= goodMatch || i+4 > n {
		return best, dist
	}
	h := hash4(data[i:])
	cand := int(d.head[h]) - 1
	for tries := 0; cand >= lo && i-cand < window && tries < textChain; tries++ {
		if data[cand+best] == data[i+best] {
			if l := eqLen(data, i, cand, lim); l > best {
				best, dist = l, i-cand
				if best >= lim {
					break
				}
			}
		}
		next := int(d.prev[cand&(window-1)]) - 1
		if next >= cand {
			break
		}
		cand = next
	}
	d.prev[i&(window-1)] = d.head[h]
	d.head[h] = int32(i + 1)
	return best, dist
}

// Search effort in the rows of text of a card (see scan), where the glyph repeats
// find most copies from the same text line: two candidates per hash chain, a byte's
// wait only for matches shorter than five bytes, no positions hashed inside matches.
// On the sample cards this takes some 25% fewer instructions than search's effort
// (a post card's body, cachegrind) for cards 3–5.5% larger.
const (
	textChain = 2
	textLazy  = 5
)

// scan is search for the rows of text of a card: it appends the tokens of data from
// i on up to the first token that reaches stop, and returns where the next token
// starts. Its candidates are the byte before, the row above, the glyph repeats segs
// of the row (see rowHints: the canvas knows where it drew a glyph again on the same
// line, so the copy that a hash chain would have to find is tried first) and
// textChain earlier positions with the same hash; matches are compared eight bytes
// at a time, the first eight inline. Only the positions where a token starts are
// hashed. Matches reach back no further than lo.
func (d *deflater) scan(data []byte, i, stop, row, lo int, segs []hintSeg) int {
	n := len(data)
	base := i - i%row + 1
	k := 0
	toks := d.tokens
	for i < stop {
		if i+8 > n || i < 1 {
			// Near the ends: one position the general way.
			x := int32(i - base)
			for k < len(segs) && segs[k].x1 <= x {
				k++
			}
			best, dist := d.candidate(data, i, row, lo, segs[k:], x)
			if best < minMatch {
				toks = append(toks, uint32(data[i]))
				i++
				continue
			}
			toks = append(toks, matchToken(best, dist))
			i += best
			continue
		}
		lim := min(n-i, maxMatch)
		cur := binary.LittleEndian.Uint64(data[i : i+8])
		best, dist := 0, 0
		// The byte before.
		if v := cur ^ binary.LittleEndian.Uint64(data[i-1:i+7]); v != 0 {
			best = bits.TrailingZeros64(v) >> 3
		} else {
			// Nine bytes of one value: the match runs as far as the value does.
			best = runEnd(data[:i+lim], i+8, byte(cur)) - i
		}
		dist = 1
		// The row above.
		if j := i - row; j >= lo && best < lim {
			if best < 8 {
				if v := cur ^ binary.LittleEndian.Uint64(data[j:j+8]); v != 0 {
					if l := bits.TrailingZeros64(v) >> 3; l > best {
						best, dist = l, row
					}
				} else if l := 8 + eqLen(data, i+8, j+8, lim-8); l > best {
					best, dist = l, row
				}
			} else if data[j+best] == data[i+best] {
				if l := eqLen(data, i, j, lim); l > best {
					best, dist = l, row
				}
			}
		}
		if best < goodMatch {
			x := int32(i - base)
			for k < len(segs) && segs[k].x1 <= x {
				k++
			}
			for q := k; q < len(segs) && segs[q].x0 <= x; q++ {
				j := i - int(segs[q].dist)
				if x >= segs[q].x1 || j < lo {
					continue
				}
				if v := cur ^ binary.LittleEndian.Uint64(data[j:j+8]); v != 0 {
					if l := bits.TrailingZeros64(v) >> 3; l > best {
						best, dist = l, int(segs[q].dist)
					}
				} else if l := 8 + eqLen(data, i+8, j+8, lim-8); l > best {
					best, dist = l, int(segs[q].dist)
				}
			}
			if best < goodMatch {
				h := (uint32(cur) * 0x1e35a7bd) >> (32 - hashBits)
				// The latest textChain positions with the hash, unrolled for two.
				if cand := int(d.head[h]) - 1; cand >= lo && i-cand < window {
					if v := cur ^ binary.LittleEndian.Uint64(data[cand:cand+8]); v != 0 {
						if l := bits.TrailingZeros64(v) >> 3; l > best {
							best, dist = l, i-cand
						}
					} else if l := 8 + eqLen(data, i+8, cand+8, lim-8); l > best {
						best, dist = l, i-cand
					}
					if next := int(d.prev[cand&(window-1)]) - 1; next < cand && next >= lo && i-next < window {
						if v := cur ^ binary.LittleEndian.Uint64(data[next:next+8]); v != 0 {
							if l := bits.TrailingZeros64(v) >> 3; l > best {
								best, dist = l, i-next
							}
						} else if l := 8 + eqLen(data, i+8, next+8, lim-8); l > best {
							best, dist = l, i-next
						}
					}
				}
				d.prev[i&(window-1)] = d.head[h]
				d.head[h] = int32(i + 1)
			}
		}
		best = min(best, lim)
		if best >= minMatch && best < textLazy && i+1 < n {
			x := int32(i + 1 - base)
			for k < len(segs) && segs[k].x1 <= x {
				k++
			}
			if b2, d2 := d.candidate(data, i+1, row, lo, segs[k:], x); b2 > best {
				toks = append(toks, uint32(cur&0xff))
				i++
				best, dist = b2, d2
			}
		}
		if best < minMatch {
			toks = append(toks, uint32(cur&0xff))
			i++
			continue
		}
		toks = append(toks, matchToken(best, dist))
		i += best
	}
	d.tokens = toks
	return i
}
