package content

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/ast"

	"github.com/ai-league/ai-league/internal/cache"
)

// Highlighting is the costliest part of rendering a post (chroma's lexers run
// regular expressions over every token), so fenced code blocks are highlighted by
// this file rather than by goldmark-highlighting's renderer: the HTML written by
// formatCode (format.go), chroma's formatter's bytes without its per-token fmt
// calls (the extension also builds a new formatter per block, which recomputes
// the style every time), one lexer per language, and the result kept in the build
// cache under the language and the code. The HTML is the same as the extension's;
// blocks with attributes ("```go {linenos=true}") and blocks whose language chroma
// does not know are still left to the extension.

var codeLexers sync.Map // language -> chroma.Lexer (coalesced), or nil when unknown

// lexerFor returns the coalesced lexer of a language, or nil.
func lexerFor(lang string) chroma.Lexer {
	if l, ok := codeLexers.Load(lang); ok {
		lx, _ := l.(chroma.Lexer)
		return lx
	}
	lexerMu.Lock()
	defer lexerMu.Unlock()
	if l, ok := codeLexers.Load(lang); ok {
		lx, _ := l.(chroma.Lexer)
		return lx
	}
	var lx chroma.Lexer
	if l := lexers.Get(lang); l != nil {
		noMatchTimeout(l)
		if q := newQuickLexer(l); q != nil {
			lx = chroma.Coalesce(q)
		} else {
			lx = chroma.Coalesce(l)
		}
	}
	codeLexers.Store(lang, lx)
	return lx
}

// lexerMu makes the first lexerFor of a language, which changes chroma's lexer,
// happen before any use of it.
var lexerMu sync.Mutex

// noMatchTimeout lifts the time limit chroma puts on every match of a lexer's
// rules (250 ms of wall-clock time, measured by a clock that a busy machine may
// not advance for that long): a match that runs out of time counts as no match,
// and the code comes out highlighted differently (an "err" token) from one build
// to the next. Chroma's lexers are written to end; the output must depend on the
// code alone. It compiles the rules (chroma does it at the first use) and sets
// each one's limit to regexp2's "none". Lexers that are not plain rule lexers are
// left as they are.
func noMatchTimeout(l chroma.Lexer) {
	for _, r := range compiledRules(l) {
		if r.Regexp != nil {
			r.Regexp.MatchTimeout = time.Duration(math.MaxInt64)
		}
	}
}

// compiledRules returns the compiled rules of a chroma rule lexer (compiling them
// first), or nil.
func compiledRules(l chroma.Lexer) []*chroma.CompiledRule {
	var out []*chroma.CompiledRule
	for _, rules := range compiledRuleMap(l) {
		out = append(out, rules...)
	}
	return out
}

// compiledRuleMap returns the compiled rules of a chroma rule lexer by state
// (compiling them first), or nil. Chroma keeps them in an unexported field: it is
// read by name and type, so that a version of chroma without it gives nil rather
// than a crash.
func compiledRuleMap(l chroma.Lexer) map[string][]*chroma.CompiledRule {
	rl, ok := l.(*chroma.RegexLexer)
	if !ok {
		return nil
	}
	if _, err := rl.Tokenise(nil, ""); err != nil {
		return nil
	}
	m, _ := unexported[map[string][]*chroma.CompiledRule](reflect.ValueOf(rl).Elem(), "rules")
	return m
}

// highlightable reports whether this file highlights the block (rather than the
// extension), and its language.
func highlightable(n *ast.FencedCodeBlock, src []byte) (string, bool) {
	if n.Info == nil {
		return "", false
	}
	lang := string(n.Language(src))
	// lexerFor also readies the lexer for the extension, which uses the same one.
	if lang == "" || lexerFor(lang) == nil {
		return "", false
	}
	if bytes.IndexByte(n.Info.Segment.Value(src), '{') >= 0 {
		return "", false
	}
	return lang, true
}

// highlight returns the HTML of code in lang, from the cache when it is there.
func highlight(c *cache.Cache, lang, code string) (string, bool) {
	key := cache.NewKey("code", []byte(lang), []byte(code))
	if b, ok := c.Get(key); ok {
		return string(b), true
	}
	it, err := lexerFor(lang).Tokenise(nil, code)
	if err != nil {
		return "", false
	}
	buf := codeBufs.Get().(*[]byte)
	defer codeBufs.Put(buf)
	*buf = formatCode((*buf)[:0], it)
	_ = c.Put(key, *buf)
	return string(*buf), true
}

// codeBufs are the buffers highlight writes a block's HTML into before it is
// copied out as a string.
var codeBufs = sync.Pool{New: func() any { return new([]byte) }}

// codeText is the text of a fenced block, line by line as goldmark read it.
func codeText(n *ast.FencedCodeBlock, src []byte) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}

// kindHighlighted is the node kind of a highlighted code block.
var kindHighlighted = ast.NewNodeKind("HighlightedCode")

// highlightedCode is a fenced code block once highlighted: HTML written as is.
type highlightedCode struct {
	ast.BaseBlock
	HTML string
}

// Kind implements ast.Node.
func (*highlightedCode) Kind() ast.NodeKind { return kindHighlighted }

// Dump implements ast.Node.
func (n *highlightedCode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
