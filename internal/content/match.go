package content

import (
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/dlclark/regexp2/v2/syntax"
)

// Most tries of a lexer's rules are of simple expressions ("\s+", "[{}()]",
// "(if|for|func)\b", "[a-zA-Z_]\w*"), and a try through regexp2 costs far more
// than the expression: a runner taken from a pool, a match set up, its groups
// allocated. A native matcher runs such an expression itself, over the tree regexp2
// parsed it into, with the same backtracking semantics: alternatives in order,
// greedy loops longest first and lazy ones shortest first, atomic groups and
// lookaheads committed to their first match, a group's value its last capture. An
// expression with anything else (backreferences, lookbehind, conditions, right to
// left, named or numbered groups, loops of a body that may match empty) gets no
// native matcher and is tried through regexp2 as before. Case folding ("(?i)") is
// already sets in the tree: regexp2 parses "(?i)if" as [Ii][Ff].

// A native is the matcher of one rule's expression.
type native struct {
	root   *mnode
	groups int // capture slots, group 0 included
}

// mnode is a node of a native matcher: a regexp2 tree node it can run.
type mnode struct {
	t        syntax.NodeType
	ch       rune
	set      *syntax.CharSet
	str      []rune
	min, max int // loops
	kids     []*mnode
	group    int       // captures
	ascii    [2]uint64 // set nodes: bit c is set.CharIn(c), for the characters below 128
}

// newNative returns the native matcher of a compiled chroma rule, or nil.
func newNative(r *chroma.CompiledRule) *native {
	if r.Regexp == nil {
		return nil
	}
	tree, err := syntax.Parse(r.Regexp.String(), syntax.ParseOptions{})
	if err != nil || len(tree.Capnames) > 0 || tree.Captop < 1 || tree.Captop > len(mrun{}.caps) {
		return nil
	}
	seen := make([]bool, tree.Captop)
	root, ok := nativeNode(tree.Root, seen)
	if !ok {
		return nil
	}
	for _, s := range seen {
		if !s {
			return nil // group numbers not 0 … Captop-1
		}
	}
	return &native{root: root, groups: tree.Captop}
}

// nativeNode converts one regexp2 node, or reports that it cannot.
func nativeNode(n *syntax.RegexNode, seen []bool) (*mnode, bool) {
	if n.Options&(syntax.IgnoreCase|syntax.RightToLeft|syntax.ECMAScript) != 0 {
		return nil, false
	}
	m := &mnode{t: n.T, ch: n.Ch, set: n.Set, str: n.Str, min: n.M, max: n.N}
	if n.Set != nil {
		for c := rune(0); c < 128; c++ {
			if n.Set.CharIn(c) {
				m.ascii[c>>6] |= 1 << (c & 63)
			}
		}
	}
	switch n.T {
	case syntax.NtOne, syntax.NtNotone, syntax.NtMulti,
		syntax.NtBol, syntax.NtEol, syntax.NtBoundary, syntax.NtNonboundary,
		syntax.NtBeginning, syntax.NtStart, syntax.NtEndZ, syntax.NtEnd,
		syntax.NtNothing, syntax.NtEmpty, syntax.NtUpdateBumpalong:
		return m, true
	case syntax.NtSet:
		return m, n.Set != nil
	case syntax.NtOneloop, syntax.NtNotoneloop, syntax.NtOnelazy, syntax.NtNotonelazy,
		syntax.NtOneloopatomic, syntax.NtNotoneloopatomic:
		return m, n.M >= 0 && n.N >= n.M
	case syntax.NtSetloop, syntax.NtSetlazy, syntax.NtSetloopatomic:
		return m, n.Set != nil && n.M >= 0 && n.N >= n.M
	case syntax.NtAlternate, syntax.NtConcatenate, syntax.NtGroup, syntax.NtAtomic, syntax.NtPosLook, syntax.NtNegLook:
	case syntax.NtCapture:
		// N is the group a balancing group pops: none here.
		if n.N != -1 || n.M < 0 || n.M >= len(seen) || seen[n.M] || len(n.Children) != 1 {
			return nil, false
		}
		seen[n.M] = true
		m.group = n.M
	case syntax.NtLoop, syntax.NtLazyloop:
		// An iteration that matches nothing ends a loop in regexp2 by rules this matcher
		// does not follow: such loops are left to regexp2.
		if len(n.Children) != 1 || n.M < 0 || n.N < n.M || minLen(n.Children[0]) == 0 {
			return nil, false
		}
	default:
		return nil, false
	}
	if len(n.Children) == 0 && n.T != syntax.NtAlternate && n.T != syntax.NtConcatenate {
		return nil, false
	}
	for _, c := range n.Children {
		k, ok := nativeNode(c, seen)
		if !ok {
			return nil, false
		}
		m.kids = append(m.kids, k)
	}
	return m, true
}

// minLen is the fewest characters n can match (0 when unsure).
func minLen(n *syntax.RegexNode) int {
	switch n.T {
	case syntax.NtOne, syntax.NtNotone, syntax.NtSet:
		return 1
	case syntax.NtMulti:
		return len(n.Str)
	case syntax.NtOneloop, syntax.NtNotoneloop, syntax.NtSetloop, syntax.NtOnelazy, syntax.NtNotonelazy,
		syntax.NtSetlazy, syntax.NtOneloopatomic, syntax.NtNotoneloopatomic, syntax.NtSetloopatomic:
		return max(n.M, 0)
	case syntax.NtConcatenate:
		s := 0
		for _, c := range n.Children {
			s += minLen(c)
		}
		return s
	case syntax.NtAlternate:
		least := -1
		for _, c := range n.Children {
			if l := minLen(c); least < 0 || l < least {
				least = l
			}
		}
		return max(least, 0)
	case syntax.NtCapture, syntax.NtGroup, syntax.NtAtomic:
		if len(n.Children) == 1 {
			return minLen(n.Children[0])
		}
	case syntax.NtLoop, syntax.NtLazyloop:
		if len(n.Children) == 1 {
			return max(n.M, 0) * minLen(n.Children[0])
		}
	}
	return 0
}

// What a continuation frame does with its node.
const (
	frameRun        = iota // match the node
	frameCaptureEnd        // close the group of the capture node, opened at from
	frameLoopNext          // one more iteration of the loop node is done
)

// cont is what remains to match after a node: a frame, then the frame at next.
// Frames live on the try's stack of frames (mrun.frames), referred to by index;
// noCont is the end of the expression. A frame lives as long as the call that
// pushed it: once that call returns, whether it matched or not, nothing reads it
// again, so the stack is cut back there.
type cont struct {
	n    *mnode
	kind int
	next int32
	from int // frameCaptureEnd: where the group began
	done int // frameLoopNext: iterations done
}

// noCont is the continuation after the whole expression.
const noCont = -1

// mtext is the text a native matcher runs over: its characters, and the string
// they came from when a group's value can be cut from it.
type mtext struct {
	runes []rune
	cut   bool    // values are cut from str: the text is valid UTF-8
	str   string  // the text, when cut
	offs  []int32 // when cut: the byte offset of each character and of the end; nil when str is ASCII
}

// newMText returns the mtext of text; runes must be []rune(text).
func newMText(text string, runes []rune) *mtext {
	t := &mtext{runes: runes}
	if !utf8.ValidString(text) {
		return t // []rune made each bad byte U+FFFD: the values are cut from runes
	}
	t.cut, t.str = true, text
	if len(runes) == len(text) {
		return t
	}
	t.offs = make([]int32, 0, len(runes)+1)
	for i := range text {
		t.offs = append(t.offs, int32(i))
	}
	t.offs = append(t.offs, int32(len(text)))
	return t
}

// value is the text of characters a to b, the string string(runes[a:b]) makes.
func (t *mtext) value(a, b int) string {
	switch {
	case !t.cut:
		return string(t.runes[a:b])
	case t.offs == nil:
		return t.str[a:b]
	}
	return t.str[t.offs[a]:t.offs[b]]
}

// mrun is one try of a native matcher at a position.
type mrun struct {
	text   []rune
	start  int
	end    int       // where the whole match ended, once it has
	caps   [8][2]int // per group: start and end of its last capture; start -1 when none
	frames []cont
}

// push puts a frame on the stack and returns its index.
func (r *mrun) push(c cont) int32 {
	r.frames = append(r.frames, c)
	return int32(len(r.frames) - 1)
}

// match tries nv at pos of text and returns the groups of the match, as chroma hands
// them to emitters, or nil.
func (nv *native) match(text []rune, pos int) []string {
	return nv.matchIn(&mtext{runes: text}, pos, &matchScratch{})
}

// matchScratch is what the tries of one tokenisation reuse: the stack of frames and
// the groups of the last match. A tokenisation takes it from scratchPool and gives
// it back at its end, so the stack grows to its depth once, not per code block.
type matchScratch struct {
	frames []cont
	groups []string
}

var scratchPool = sync.Pool{New: func() any { return new(matchScratch) }}

// matchIn is match over t, its frames kept in sc for the next try. The groups it
// returns are sc.groups: the next try overwrites them.
func (nv *native) matchIn(t *mtext, pos int, sc *matchScratch) []string {
	r := mrun{text: t.runes, start: pos, frames: sc.frames[:0]}
	for i := range nv.groups {
		r.caps[i][0] = -1
	}
	ok := r.run(nv.root, pos, noCont)
	sc.frames = r.frames
	if !ok {
		return nil
	}
	if cap(sc.groups) < nv.groups {
		sc.groups = make([]string, len(r.caps))
	}
	groups := sc.groups[:nv.groups]
	for i := range groups {
		groups[i] = ""
		if c := r.caps[i]; c[0] >= 0 {
			groups[i] = t.value(c[0], c[1])
		}
	}
	return groups
}

// next matches what remains after a node that ended at pos.
func (r *mrun) next(pos int, k int32) bool {
	if k == noCont {
		r.end = pos
		return true
	}
	f := r.frames[k]
	switch f.kind {
	case frameCaptureEnd:
		g := f.n.group
		old := r.caps[g]
		r.caps[g] = [2]int{f.from, pos}
		if r.next(pos, f.next) {
			return true
		}
		r.caps[g] = old
		return false
	case frameLoopNext:
		return r.loop(f.n, pos, f.done, f.next)
	}
	return r.run(f.n, pos, f.next)
}

// one reports whether a single-character node matches c. A set answers for ASCII
// from its bits, without regexp2's look through the set's ranges.
func (n *mnode) one(c rune) bool {
	switch n.t {
	case syntax.NtOne, syntax.NtOneloop, syntax.NtOnelazy, syntax.NtOneloopatomic:
		return c == n.ch
	case syntax.NtNotone, syntax.NtNotoneloop, syntax.NtNotonelazy, syntax.NtNotoneloopatomic:
		return c != n.ch
	}
	if uint32(c) < 128 {
		return n.ascii[c>>6]>>(c&63)&1 != 0
	}
	return n.set.CharIn(c)
}

// isWord is regexp2's word character for \b and \B (ASCII is decided here).
func isWord(c rune) bool {
	if c < 128 {
		return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	return syntax.IsWordChar(c)
}

// boundary is regexp2's \b at pos.
func (r *mrun) boundary(pos int) bool {
	return (pos > 0 && isWord(r.text[pos-1])) != (pos < len(r.text) && isWord(r.text[pos]))
}

// run matches n at pos, then k.
func (r *mrun) run(n *mnode, pos int, k int32) bool {
	text := r.text
	switch n.t {
	case syntax.NtOne, syntax.NtNotone, syntax.NtSet:
		return pos < len(text) && n.one(text[pos]) && r.next(pos+1, k)
	case syntax.NtMulti:
		if len(text)-pos < len(n.str) {
			return false
		}
		for i, c := range n.str {
			if text[pos+i] != c {
				return false
			}
		}
		return r.next(pos+len(n.str), k)
	case syntax.NtOneloop, syntax.NtNotoneloop, syntax.NtSetloop,
		syntax.NtOnelazy, syntax.NtNotonelazy, syntax.NtSetlazy,
		syntax.NtOneloopatomic, syntax.NtNotoneloopatomic, syntax.NtSetloopatomic:
		most := 0
		for most < n.max && pos+most < len(text) && n.one(text[pos+most]) {
			most++
		}
		if most < n.min {
			return false
		}
		switch n.t {
		case syntax.NtOnelazy, syntax.NtNotonelazy, syntax.NtSetlazy:
			for i := n.min; i <= most; i++ {
				if r.next(pos+i, k) {
					return true
				}
			}
			return false
		case syntax.NtOneloopatomic, syntax.NtNotoneloopatomic, syntax.NtSetloopatomic:
			return r.next(pos+most, k)
		}
		for i := most; i >= n.min; i-- {
			if r.next(pos+i, k) {
				return true
			}
		}
		return false
	case syntax.NtBol:
		return (pos == 0 || text[pos-1] == '\n') && r.next(pos, k)
	case syntax.NtEol:
		return (pos == len(text) || text[pos] == '\n') && r.next(pos, k)
	case syntax.NtBoundary:
		return r.boundary(pos) && r.next(pos, k)
	case syntax.NtNonboundary:
		return !r.boundary(pos) && r.next(pos, k)
	case syntax.NtBeginning:
		return pos == 0 && r.next(pos, k)
	case syntax.NtStart:
		return pos == r.start && r.next(pos, k)
	case syntax.NtEndZ:
		left := len(text) - pos
		return (left == 0 || left == 1 && text[pos] == '\n') && r.next(pos, k)
	case syntax.NtEnd:
		return pos == len(text) && r.next(pos, k)
	case syntax.NtNothing:
		return false
	case syntax.NtEmpty, syntax.NtUpdateBumpalong:
		return r.next(pos, k)
	case syntax.NtAlternate:
		for _, c := range n.kids {
			if r.run(c, pos, k) {
				return true
			}
		}
		return false
	case syntax.NtConcatenate:
		if len(n.kids) == 0 {
			return r.next(pos, k)
		}
		mark := len(r.frames)
		for i := len(n.kids) - 1; i > 0; i-- {
			k = r.push(cont{n: n.kids[i], next: k})
		}
		ok := r.run(n.kids[0], pos, k)
		r.frames = r.frames[:mark]
		return ok
	case syntax.NtGroup:
		return r.run(n.kids[0], pos, k)
	case syntax.NtCapture:
		mark := len(r.frames)
		ok := r.run(n.kids[0], pos, r.push(cont{n: n, kind: frameCaptureEnd, next: k, from: pos}))
		r.frames = r.frames[:mark]
		return ok
	case syntax.NtAtomic, syntax.NtPosLook, syntax.NtNegLook:
		saved, end := r.caps, r.end
		ok := r.run(n.kids[0], pos, noCont)
		after := r.end
		r.end = end
		if n.t == syntax.NtNegLook {
			r.caps = saved
			return !ok && r.next(pos, k)
		}
		if !ok {
			r.caps = saved
			return false
		}
		if n.t == syntax.NtAtomic {
			pos = after
		}
		if r.next(pos, k) {
			return true
		}
		r.caps = saved
		return false
	case syntax.NtLoop, syntax.NtLazyloop:
		return r.loop(n, pos, 0, k)
	}
	return false
}

// loop goes on with a loop of a general body after done iterations, the last of
// which ended at pos. Each iteration matches at least one character (see
// nativeNode), so a loop ends.
func (r *mrun) loop(n *mnode, pos, done int, k int32) bool {
	more := func() bool {
		if done >= n.max {
			return false
		}
		mark := len(r.frames)
		ok := r.run(n.kids[0], pos, r.push(cont{n: n, kind: frameLoopNext, next: k, done: done + 1}))
		r.frames = r.frames[:mark]
		return ok
	}
	if n.t == syntax.NtLazyloop {
		return done >= n.min && r.next(pos, k) || more()
	}
	return more() || done >= n.min && r.next(pos, k)
}
