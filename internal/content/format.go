package content

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// chroma's HTML formatter, as this site configures it (classes, no line numbers,
// no highlighted lines, not standalone), writes a block as
//
//	<pre class="chroma"><code><span class="line"><span class="cl">…</span></span>…</code></pre>
//
// one line span per line of code, each token escaped and, when its type has a
// class, in a span of that class. It gets there through fmt for every token and
// every line, a slice of all tokens and another of the lines. formatCode writes
// the same bytes directly; the tests hold it to chroma's formatter byte for byte.

// tokenClass is the class chroma gives a token type: the type's own standard
// class, else its parent's, and so on ("" when the nearest has none).
func tokenClass(t chroma.TokenType) string {
	for t != 0 {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
		t = t.Parent()
	}
	return chroma.StandardTypes[t]
}

// The fixed parts of a block, made from the same classes chroma uses.
var (
	codeOpen  = "<pre" + classAttr(tokenClass(chroma.PreWrapper)) + "><code>"
	codeClose = "</code></pre>"
	lineOpen  = "<span" + classAttr(tokenClass(chroma.Line)) + "><span" + classAttr(tokenClass(chroma.CodeLine)) + ">"
	lineClose = "</span></span>"
)

// classAttr is ` class="cls"`, or "" for no class.
func classAttr(cls string) string {
	if cls == "" {
		return ""
	}
	return ` class="` + cls + `"`
}

// tokenClasses holds the class of every type of chroma's table, made once and
// only read afterwards.
var tokenClasses = func() map[chroma.TokenType]string {
	m := make(map[chroma.TokenType]string, len(chroma.StandardTypes))
	for t := range chroma.StandardTypes {
		m[t] = tokenClass(t)
	}
	return m
}()

// classOf returns the class of t; types outside chroma's table (which lexers do
// not emit) are worked out each time.
func classOf(t chroma.TokenType) string {
	if cls, ok := tokenClasses[t]; ok {
		return cls
	}
	return tokenClass(t)
}

// formatCode appends to dst the HTML chroma's formatter writes for the tokens of
// it (up to its EOF), and returns it.
func formatCode(dst []byte, it chroma.Iterator) []byte {
	dst = append(dst, codeOpen...)
	inLine := false    // a line is open: its opening spans are written
	lineStart := 0     // where the open line's spans begin in dst
	lineTokens := 0    // tokens in the open line
	lastEmpty := false // the open line's last token had an empty value
	put := func(t chroma.TokenType, v string) {
		if !inLine {
			inLine, lineStart, lineTokens = true, len(dst), 0
			dst = append(dst, lineOpen...)
		}
		lineTokens++
		lastEmpty = v == ""
		if cls := classOf(t); cls != "" {
			dst = append(dst, `<span class="`...)
			dst = append(dst, cls...)
			dst = append(dst, `">`...)
			dst = appendEscaped(dst, v)
			dst = append(dst, "</span>"...)
		} else {
			dst = appendEscaped(dst, v)
		}
	}
	for tok := it(); tok != chroma.EOF; tok = it() {
		v := tok.Value
		for {
			i := strings.IndexByte(v, '\n')
			if i < 0 {
				break
			}
			// The line ends with the head of the token, through its newline.
			put(tok.Type, v[:i+1])
			dst = append(dst, lineClose...)
			inLine = false
			v = v[i+1:]
			if v == "" {
				break
			}
		}
		if v != "" || strings.IndexByte(tok.Value, '\n') < 0 {
			put(tok.Type, v)
		}
	}
	if inLine {
		if lineTokens == 1 && lastEmpty {
			// chroma drops a last line that is one empty token.
			dst = dst[:lineStart]
		} else {
			dst = append(dst, lineClose...)
		}
	}
	return append(dst, codeClose...)
}

// appendEscaped appends s escaped as html.EscapeString escapes it.
func appendEscaped(dst []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '"':
			esc = "&#34;"
		default:
			continue
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, esc...)
		last = i + 1
	}
	return append(dst, s[last:]...)
}
