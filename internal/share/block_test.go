package share

import (
	"bytes"
	"cmp"
	"compress/flate"
	"encoding/binary"
	"io"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestBlockEveryLengthAndDistance writes blocks of tokens with every match length
// (3 to 258) and distances of every distance symbol (1 to 32768), between literals,
// and inflates them with compress/flate: the bytes must be those the tokens copy.
func TestBlockEveryLengthAndDistance(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2))
	var want []byte
	for range maxDist {
		want = append(want, byte(r.IntN(7))) // a history every distance can reach
	}
	var toks []uint32
	for _, b := range want {
		toks = append(toks, uint32(b))
	}
	dists := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 16, 17, 24, 25, 32, 33, 48, 49, 64, 65,
		96, 97, 128, 129, 192, 193, 255, 256, 257, 384, 385, 511, 512, 513, 1201, 2048,
		3072, 4096, 6144, 8192, 12288, 16384, 24576, 24577, 32767, maxDist}
	copyTok := func(length, dist int) {
		toks = append(toks, matchToken(length, dist))
		for range length {
			want = append(want, want[len(want)-dist])
		}
	}
	for l := minMatch; l <= maxMatch; l++ {
		copyTok(l, dists[l%len(dists)])
		for range r.IntN(3) {
			b := byte(r.IntN(256))
			toks = append(toks, uint32(b))
			want = append(want, b)
		}
	}
	for _, d := range dists {
		copyTok(minMatch+r.IntN(maxMatch-minMatch+1), d)
	}
	// A block of pre literals first, so that the tokens start at other bit
	// offsets of the writer's accumulator.
	for _, pre := range []uint{0, 1, 5, 13, 31} {
		var w bitWriter
		d := new(deflater)
		if pre > 0 {
			var lead []uint32
			for range pre {
				lead = append(lead, 'x')
			}
			d.blocks(&w, lead)
		}
		d.blocks(&w, toks)
		finish(&w)
		got, err := io.ReadAll(flate.NewReader(bytes.NewReader(w.out)))
		if err != nil {
			t.Fatalf("lead %d: inflate: %v", pre, err)
		}
		got = got[pre:]
		if !bytes.Equal(got, want) {
			t.Fatalf("lead %d: inflated %d bytes, want %d (first difference at %d)", pre, len(got), len(want), firstDiff(got, want))
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// treeByStableSort is huffman.tree as it was first written: leaves sorted by a
// comparison of weight, then symbol. The packed-key sort must give the same lengths,
// or the images' bytes would change.
func treeByStableSort(freq []int32, lengths []uint8) int {
	var nodes []huffNode
	for s, v := range freq {
		lengths[s] = 0
		if v > 0 {
			nodes = append(nodes, huffNode{w: int64(v), left: -1, right: -1, sym: s})
		}
	}
	switch len(nodes) {
	case 0:
		return 0
	case 1:
		lengths[nodes[0].sym] = 1
		return 1
	}
	slices.SortFunc(nodes, func(a, b huffNode) int {
		if c := cmp.Compare(a.w, b.w); c != 0 {
			return c
		}
		return cmp.Compare(a.sym, b.sym)
	})
	leaves := len(nodes)
	li, qi := 0, leaves
	pick := func() int {
		if li < leaves && (qi >= len(nodes) || nodes[li].w <= nodes[qi].w) {
			li++
			return li - 1
		}
		qi++
		return qi - 1
	}
	for len(nodes)-leaves < leaves-1 {
		a, b := pick(), pick()
		nodes = append(nodes, huffNode{w: nodes[a].w + nodes[b].w, left: a, right: b})
	}
	depth := make([]int, len(nodes))
	deepest := 0
	for i := len(nodes) - 1; i >= leaves; i-- {
		depth[nodes[i].left] = depth[i] + 1
		depth[nodes[i].right] = depth[i] + 1
	}
	for i := range leaves {
		lengths[nodes[i].sym] = uint8(depth[i])
		deepest = max(deepest, depth[i])
	}
	return deepest
}

// TestTreeTies: the tree's lengths equal those of the comparison sort, on
// frequencies full of ties (few distinct weights), large weights and every size
// up to 286 symbols.
func TestTreeTies(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 1))
	treesAsSorted(t, r, func() int32 { return int32(r.IntN(1 << 31)) }, 2000)
}

// treesAsSorted checks huffman.tree against treeByStableSort on 600 random weight
// sets of every size up to 286 symbols: each weight unused, a tie (1 to 3), heavy()
// or from 1 to most, by turns at random.
func treesAsSorted(t *testing.T, r *rand.Rand, heavy func() int32, most int) {
	t.Helper()
	var h huffman
	for n := range 600 {
		f := make([]int32, 1+n%numLitLen)
		for i := range f {
			switch r.IntN(4) {
			case 0: // unused
			case 1:
				f[i] = int32(1 + r.IntN(3)) // ties
			case 2:
				f[i] = heavy()
			default:
				f[i] = int32(1 + r.IntN(most))
			}
		}
		got, want := make([]uint8, len(f)), make([]uint8, len(f))
		gd, wd := h.tree(f, got), treeByStableSort(f, want)
		if gd != wd || !bytes.Equal(got, want) {
			t.Fatalf("case %d: depth %d, lengths %v; want %d, %v", n, gd, got, wd, want)
		}
	}
}

// TestBlockLongestCodes: tokens of the most bits a block writes — a 15-bit length
// code with 5 extra bits and a 15-bit distance code with 13 extra bits, 48 bits in
// all — inflate to the bytes they copy, whatever the bit offset the block starts at.
// The symbols' counts are Fibonacci numbers, so that the rare symbols sit 15 levels
// deep in their trees (checked here on the counts with huffLengths).
func TestBlockLongestCodes(t *testing.T) {
	var want []byte
	var toks []uint32
	var litFreq [numLitLen]int32
	var distFreq [numDist]int32
	lit := func(b byte) {
		toks = append(toks, uint32(b))
		want = append(want, b)
		litFreq[b]++
	}
	match := func(length, dist int) {
		toks = append(toks, matchToken(length, dist))
		for range length {
			want = append(want, want[len(want)-dist])
		}
		s, _, _ := lengthCode(length)
		ds, _, _ := distCode(dist)
		litFreq[s]++
		distFreq[ds]++
	}
	fib := []int{1, 1}
	for len(fib) < 20 {
		fib = append(fib, fib[len(fib)-1]+fib[len(fib)-2])
	}
	// Literals 1 to 13 fib(2) to fib(14) times; then copies of 258 bytes at the
	// largest distance of distance symbols 0 to 14, fib(0) to fib(15) times.
	for k := range 13 {
		for range fib[k+2] {
			lit(byte(k + 1))
		}
	}
	largest := []int{1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192}
	for k, dist := range largest {
		for range fib[k+1] {
			match(maxMatch, dist)
		}
	}
	// Length 257 is symbol 284 with 5 extra bits (all ones); distance 32768 is
	// symbol 29 with 13 extra bits (all ones): once each, the rarest symbols.
	match(257, maxDist)
	litFreq[endOfBlock] = 1
	ll, dl := huffLengths(litFreq[:], 15), huffLengths(distFreq[:], 15)
	if ll[284] != 15 || dl[29] != 15 {
		t.Fatalf("symbols of the longest token get %d and %d bits, want 15 and 15 (the test's counts)", ll[284], dl[29])
	}
	d := new(deflater)
	for pre := range 8 + 1 {
		lead := make([]uint32, pre)
		for i := range lead {
			lead[i] = 'x'
		}
		var w bitWriter
		if pre > 0 {
			d.blocks(&w, lead) // a block before: the next starts at another bit
		}
		d.blocks(&w, toks)
		finish(&w)
		got, err := io.ReadAll(flate.NewReader(bytes.NewReader(w.out)))
		if err != nil {
			t.Fatalf("lead %d: inflate: %v", pre, err)
		}
		if got = got[pre:]; !bytes.Equal(got, want) {
			t.Fatalf("lead %d: inflated %d bytes, want %d (first difference at %d)", pre, len(got), len(want), firstDiff(got, want))
		}
	}
}

// TestTreeLightWeights: with every weight below 2^12, where sortLeaves counts
// instead of comparing, the tree's lengths equal those of the comparison sort, on
// ties, weights next to the limit and every size up to 286 symbols; and sortLeaves
// orders keys as slices.Sort does, on both sides of the limit.
func TestTreeLightWeights(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 4))
	treesAsSorted(t, r, func() int32 { return int32(4095 - r.IntN(3)) }, 4095) // the heaviest counted
	for _, heaviest := range []int32{1, 63, 64, 4095, 4096, 1 << 20} {
		var keys []uint64
		for s := range numLitLen {
			if w := r.Int32N(heaviest + 1); w > 0 || s == 0 {
				keys = append(keys, uint64(max(w, 1))<<9|uint64(s))
			}
		}
		keys[len(keys)/2] = uint64(heaviest)<<9 | keys[len(keys)/2]&511
		want := slices.Clone(keys)
		slices.Sort(want)
		sortLeaves(keys, make([]uint64, len(keys)), heaviest)
		if !slices.Equal(keys, want) {
			t.Fatalf("heaviest %d: sortLeaves gives %v, want %v", heaviest, keys, want)
		}
	}
}

// TestBlockHeaderCounts: a block sends only the code lengths up to the last symbol
// with a code (RFC 1951, 3.2.7: HLIT, HDIST, HCLEN), counted here by hand. Tokens
// 'a', 'b': literal 0 (given a count so that the literal code has two symbols at
// least), 'a', 'b' and end of block get 2 bits each, so HLIT = 257-257 = 0;
// distances 1 and 2 (always given a code) 1 bit each, HDIST = 2-1 = 1. Their
// lengths are sent as 2, a run of 96 zeros (18), 2, 2, runs of 138 and 19 zeros
// (18, 18), 2, then 1, 1: code length symbols 2 (four times), 18 (three) and 1
// (twice), of code lengths 1, 2 and 2; the last of them in the order
// 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1 15 is 1, the 18th, so HCLEN = 18-4 = 14.
// With a match of length 10 (symbol 264) at distance 5 (symbol 4) after them,
// HLIT = 264+1-257 = 8 and HDIST = 4+1-1 = 4.
func TestBlockHeaderCounts(t *testing.T) {
	for _, c := range []struct {
		toks               []uint32
		want               []byte
		hlit, hdist, hclen int // hclen -1: not checked
	}{
		{[]uint32{'a', 'b'}, []byte("ab"), 0, 1, 14},
		{[]uint32{'a', 'b', 'c', 'd', 'e', matchToken(10, 5)}, []byte("abcdeabcdeabcde"), 8, 4, -1},
	} {
		var w bitWriter
		new(deflater).blocks(&w, c.toks)
		finish(&w)
		h := int(binary.LittleEndian.Uint32(w.out))
		if h&7 != 2<<1 || h>>3&31 != c.hlit || h>>8&31 != c.hdist || c.hclen >= 0 && h>>13&15 != c.hclen {
			t.Errorf("%q: header final %d type %d HLIT %d HDIST %d HCLEN %d, want 0, 2, %d, %d, %d", c.want, h&1, h>>1&3, h>>3&31, h>>8&31, h>>13&15, c.hlit, c.hdist, c.hclen)
		}
		got, err := io.ReadAll(flate.NewReader(bytes.NewReader(w.out)))
		if err != nil || !bytes.Equal(got, c.want) {
			t.Errorf("%q: inflated %q, %v", c.want, got, err)
		}
	}
}
