package content

import (
	"os"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
	"github.com/dlclark/regexp2/v2/syntax"
)

// matchTexts are texts the native matchers are run over at every position: the
// lexer samples, and runs of what simple expressions meet (words, spaces, line
// ends, digits, quotes, escapes, characters beyond ASCII).
var matchTexts = append([]string{
	"if x_1 == 0x1F { return \"a\\\"b\" } // é\n\n\tfor  i := range xs {}\r\n",
	"'it''s' \"\" `` \\\\ \\n \\\"q\\\" 1.5e-3 -2 +3 .5 5. 0b101 0o17 1_000 ___ __init__\n",
	"<!-- c --> <a href='x'>&amp;</a> /* x */ #! ## ### -- ++ => -> :: ... ?? !== ===\n",
	"ß ǅ Σσς İı ﬀ K Å µ 世界 \u200d\u200c \u00a0\u2028 🙂 x\u0301\n",
}, quickSamples...)

// TestNativeMatchesRegexp2 checks that every native matcher of the lexers of
// quickLanguages matches where regexp2 matches, with the same groups, and fails where
// it fails, at every position of the first two matchTexts. With AILEAGUE_ALL_LEXERS=1 it
// checks every lexer chroma knows over every matchTexts and quickSamples (minutes).
func TestNativeMatchesRegexp2(t *testing.T) {
	all := os.Getenv("AILEAGUE_ALL_LEXERS") == "1"
	var texts [][]rune
	for _, s := range matchTexts[:2] {
		texts = append(texts, []rune(s))
	}
	var ls []chroma.Lexer
	if all {
		ls = lexers.GlobalLexerRegistry.Lexers
		texts = texts[:0]
		for _, s := range matchTexts {
			texts = append(texts, []rune(s))
		}
	} else {
		for _, lang := range quickLanguages {
			ls = append(ls, lexers.Get(lang))
		}
	}
	rules, natives := 0, 0
	seen := map[*regexp2.Regexp]bool{}
	var sc matchScratch
	for _, l := range ls {
		// Without a time limit, as lexerFor uses them: with chroma's 250 ms a busy
		// machine made regexp2 give up on a match and report none (seen at load 46).
		lexerMu.Lock()
		noMatchTimeout(l)
		lexerMu.Unlock()
		for state, rs := range compiledRuleMap(l) {
			for i, r := range rs {
				if r.Regexp == nil || seen[r.Regexp] {
					continue
				}
				seen[r.Regexp] = true
				rules++
				nv := newNative(r)
				if nv == nil {
					continue
				}
				natives++
				for _, text := range texts {
					for pos := range text {
						got := matchBoth(t, nv, string(text), text, pos, &sc)
						want := regexp2Groups(r, text, pos)
						if !reflect.DeepEqual(got, want) {
							t.Fatalf("%s %s.%d %q at %d of %q:\n got %q\nwant %q",
								l.Config().Name, state, i, r.Regexp.String(), pos, string(text), got, want)
						}
					}
				}
			}
		}
	}
	t.Logf("%d of %d rules matched natively", natives, rules)
	if natives*10 < rules*9 {
		t.Errorf("only %d of %d rules have a native matcher", natives, rules)
	}
}

// matchBoth returns the groups of nv at pos of text (the characters of s): as the
// quick lexer takes them (matchIn, values cut from s, frames kept from the last
// try), after checking that they are those of match (values made from the
// characters, frames of its own).
func matchBoth(t *testing.T, nv *native, s string, text []rune, pos int, sc *matchScratch) []string {
	t.Helper()
	got := nv.matchIn(newMText(s, text), pos, sc)
	if want := nv.match(text, pos); !reflect.DeepEqual(got, want) {
		t.Fatalf("at %d of %q: matchIn gives %q, match %q", pos, s, got, want)
	}
	return got
}

// TestMTextValue checks that a value cut from the text is the string its
// characters make, for ASCII, text beyond ASCII and bytes that are not UTF-8 (which
// []rune makes U+FFFD, so they are not cut).
func TestMTextValue(t *testing.T) {
	for _, s := range []string{"", "abc", "é世界x\n", "a\xffb", "\xc3", "x\u2028y\U0001F600z", "\xed\xa0\x80"} {
		runes := []rune(s)
		mt := newMText(s, runes)
		if mt.cut != utf8.ValidString(s) {
			t.Errorf("%q: cut = %v", s, mt.cut)
		}
		for a := 0; a <= len(runes); a++ {
			for b := a; b <= len(runes); b++ {
				if got, want := mt.value(a, b), string(runes[a:b]); got != want {
					t.Errorf("%q [%d:%d]: got %q, want %q", s, a, b, got, want)
				}
			}
		}
	}
}

// regexp2Groups is what the quick lexer took from regexp2 before: the groups of a
// match at pos, or nil.
func regexp2Groups(r *chroma.CompiledRule, text []rune, pos int) []string {
	m, err := r.Regexp.FindRunesMatchStartingAt(text, pos)
	if m == nil || err != nil || m.RuneIndex != pos {
		return nil
	}
	g, _ := groupsOf(m, false)
	return g
}

// TestNativeRefuses checks the expressions a native matcher is not made for.
func TestNativeRefuses(t *testing.T) {
	for _, pattern := range []string{
		`(?<=a)b`,                  // lookbehind
		`(a)\1`,                    // backreference
		`(?<n>a)`,                  // named group
		`(?(a)b|c)`,                // condition
		`(a?)*b`,                   // a loop whose body may match nothing
		`(?:x*|y)+z`,               // the same through an alternative
		`(a)(?<1>b)`,               // a group numbered twice
		`(a)(?<2-1>b)`,             // a balancing group (numbered, so not named)
		`(a)(b)(c)(d)(e)(f)(g)(h)`, // more groups than a native matcher keeps (8 slots, group 0 included)
	} {
		re := regexp2.MustCompile(`\G(?:` + pattern + `)`)
		if nv := newNative(&chroma.CompiledRule{Regexp: re}); nv != nil {
			t.Errorf("%s: got a native matcher", pattern)
		}
	}
	if newNative(&chroma.CompiledRule{}) != nil {
		t.Error("a rule without an expression got a native matcher")
	}
}

// TestNativeCases runs native matchers of crafted expressions against regexp2 on
// crafted texts: backtracking into greedy and lazy loops, alternatives in order,
// atomic groups and lookaheads that give nothing back, groups captured in loops,
// anchors and word boundaries.
func TestNativeCases(t *testing.T) {
	patterns := []string{
		`a*ab`, `a*?ab`, `(a|ab)(c|bcd)(d*)`, `(?>a*)ab`, `(?=ab)(a)`, `(?!ab)(\w)`,
		`(ab|a)+b`, `(?:(a)|(b))+`, `(x[ab])+?b`, `^\s*#`, `(?m)^\s*#`, `\w+$`, `(?m)\w+$`,
		`\b\w+\b`, `\B\w`, `a\Z`, `a\z`, `\Aa`, `[^\n]*`, `(?s).+?x`, `.{2,3}`, `(ab){1,2}?c`,
		`[a-c]{2}`, `x{0}`, `(?:)`, `a|`, `"(\\\\|\\"|[^"])*"`, `(\d+)(\.\d+)?([eE][+-]?\d+)?`,
		`(?>(a+))b`, `(a+)(?=b)`, `((a)|b)+`, `[^\W\d]\w*`, `\p{L}+`, `[\p{L}_][\p{L}\p{N}_]*`,
		`a{2}b?`, `[^a]{2}`, `(a)(b)(c)(d)(e)(f)(g)`, `(ab){2}`, `(?:a|bc){2}?b`,
	}
	texts := []string{"", "a", "ab", "aab", "aaab", "abcd", "abbb", "ab ab", "xaxbb", "  # c\n#", "word\nend",
		"x y\n", "a\n", "\"q\\\"x\" y", "12.5e-3x", "baab", "ßx é_1", "abab b", "\n\n", "xyzzy", "a\xffb é\xc3"}
	var sc matchScratch
	for _, pattern := range patterns {
		re := regexp2.MustCompile(`\G(?:` + pattern + `)`)
		r := &chroma.CompiledRule{Regexp: re}
		nv := newNative(r)
		if nv == nil {
			t.Errorf("%s: no native matcher", pattern)
			continue
		}
		for _, s := range texts {
			text := []rune(s)
			for pos := 0; pos <= len(text); pos++ {
				if got, want := matchBoth(t, nv, s, text, pos, &sc), regexp2Groups(r, text, pos); !reflect.DeepEqual(got, want) {
					t.Errorf("%s at %d of %q: got %q, want %q", pattern, pos, s, got, want)
				}
			}
		}
	}
}

// TestNativeRefusesBadNodes gives nativeNode nodes no parse makes (loops of a
// minimum below 0 or a maximum below the minimum, a set loop without its set, groups
// numbered outside the slots): none is converted.
func TestNativeRefusesBadNodes(t *testing.T) {
	tree, err := syntax.Parse(`[ab]`, syntax.ParseOptions{}) // any set will do
	if err != nil {
		t.Fatal(err)
	}
	var cs *syntax.CharSet
	for n := tree.Root; n != nil && cs == nil; {
		if n.Set != nil {
			cs = n.Set
		} else if len(n.Children) > 0 {
			n = n.Children[0]
		} else {
			break
		}
	}
	if cs == nil {
		t.Fatal("no set in the tree of [ab]")
	}
	for _, n := range []syntax.RegexNode{
		{T: syntax.NtOneloop, Ch: 'a', M: -1, N: 2},
		{T: syntax.NtOneloop, Ch: 'a', M: 3, N: 2},
		{T: syntax.NtNotonelazy, Ch: 'a', M: 2, N: 1},
		{T: syntax.NtSetloop, Set: cs, M: -1, N: 2},
		{T: syntax.NtSetloop, Set: cs, M: 3, N: 2},
		{T: syntax.NtSetlazy, M: 0, N: 1},
	} {
		if _, ok := nativeNode(&n, nil); ok {
			t.Errorf("%+v: converted", n)
		}
	}
	one := &syntax.RegexNode{T: syntax.NtOne, Ch: 'a'}
	for _, n := range []syntax.RegexNode{
		{T: syntax.NtLoop, M: -1, N: 2, Children: []*syntax.RegexNode{one}},
		{T: syntax.NtLoop, M: 3, N: 2, Children: []*syntax.RegexNode{one}},
		{T: syntax.NtLazyloop, M: 0, N: 2},
		{T: syntax.NtGroup},
		{T: syntax.NtAtomic},
		{T: syntax.NtPosLook},
	} {
		if _, ok := nativeNode(&n, nil); ok {
			t.Errorf("%+v: converted", n)
		}
	}
	for _, n := range []syntax.RegexNode{{T: syntax.NtAlternate}, {T: syntax.NtConcatenate}} {
		if _, ok := nativeNode(&n, nil); !ok {
			t.Errorf("empty %v: not converted", n.T)
		}
	}
	for _, group := range []int{-1, 2, 5} {
		n := &syntax.RegexNode{T: syntax.NtCapture, M: group, N: -1, Children: []*syntax.RegexNode{one}}
		if _, ok := nativeNode(n, make([]bool, 2)); ok {
			t.Errorf("group %d of 2 slots: converted", group)
		}
	}
	for _, n := range []syntax.RegexNode{
		{T: syntax.NtOneloop, Ch: 'a', M: 2, N: 2},
		{T: syntax.NtSetloop, Set: cs, M: 0, N: 0},
	} {
		if _, ok := nativeNode(&n, nil); !ok {
			t.Errorf("%+v: not converted", n)
		}
	}
}

// TestMinLen checks the fewest characters of expressions, worked out by hand, and
// 0 where minLen cannot tell.
func TestMinLen(t *testing.T) {
	for pattern, want := range map[string]int{
		`abc`: 3, `a|bc`: 1, `ab|cde`: 2, `cde|ab`: 2, `(ab|cde)x`: 3, `(?:ab|)`: 0,
		`a{3}`: 3, `[ab]{2,5}`: 2, `x*`: 0, `x+?`: 1, `(?>ab)c`: 3,
		`(ab){2}`: 4, `(ab){3,}`: 6, `(?:a|bc){2}?`: 2, `(ab)*`: 0, `\bab$`: 2,
	} {
		tree, err := syntax.Parse(pattern, syntax.ParseOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := minLen(tree.Root); got != want {
			t.Errorf("minLen(%s) = %d, want %d", pattern, got, want)
		}
	}
	one := &syntax.RegexNode{T: syntax.NtOne, Ch: 'a'}
	for _, n := range []syntax.RegexNode{
		{T: syntax.NtAlternate},
		{T: syntax.NtGroup, Children: []*syntax.RegexNode{one, one}},
		{T: syntax.NtLoop, M: 2, N: 2, Children: []*syntax.RegexNode{one, one}},
	} {
		if got := minLen(&n); got != 0 {
			t.Errorf("minLen(%+v) = %d, want 0", n, got)
		}
	}
}

// isWord decides ASCII itself: it must agree with regexp2's word characters there
// and beyond.
func TestIsWord(t *testing.T) {
	for c := rune(0); c < 0x300; c++ {
		if isWord(c) != syntax.IsWordChar(c) {
			t.Errorf("isWord(%q) = %v, regexp2 says %v", c, isWord(c), syntax.IsWordChar(c))
		}
	}
}

// TestMNodeOne: a set node of a native matcher takes or refuses every character as
// its regexp2 set does, those below 128 answered from its bits included; single
// characters are compared.
func TestMNodeOne(t *testing.T) {
	sets := 0
	var check func(n *mnode)
	check = func(n *mnode) {
		if n.set != nil {
			sets++
			for c := rune(0); c < 0x3000; c++ {
				if got, want := n.one(c), n.set.CharIn(c); got != want {
					t.Errorf("set %s: one(%q) = %v, CharIn says %v", n.set.String(), c, got, want)
				}
			}
		}
		for _, k := range n.kids {
			check(k)
		}
	}
	for _, p := range []string{`[a-z_]`, `[^\s]+`, `\w*?x`, `\d+`, `[\p{L}\d]`, `[^a-zA-Z\x7f]{2,}`, `[\x00-\x7f]`, `[\x80-\xff]`, `[^\x7fa]`} {
		nv := newNative(&chroma.CompiledRule{Regexp: regexp2.MustCompile(p)})
		if nv == nil {
			t.Fatalf("%s: no native matcher", p)
		}
		before := sets
		check(nv.root)
		if sets == before {
			t.Errorf("%s: no set node", p)
		}
	}
	for _, c := range []struct {
		t    syntax.NodeType
		c    rune
		want bool
	}{{syntax.NtOne, 'a', true}, {syntax.NtOne, 'b', false}, {syntax.NtNotoneloop, 'a', false}, {syntax.NtNotoneloop, 'é', true},
		{syntax.NtOnelazy, 'é', false}, {syntax.NtOneloopatomic, 'a', true}, {syntax.NtNotone, 'b', true}} {
		if got := (&mnode{t: c.t, ch: 'a'}).one(c.c); got != c.want {
			t.Errorf("node %v of 'a': one(%q) = %v, want %v", c.t, c.c, got, c.want)
		}
	}
}
