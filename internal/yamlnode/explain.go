package yamlnode

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Explain turns a YAML parse error of src into a position and a message in plain
// words that say what to do. The parser's own line numbers point at where it
// noticed the trouble (often the line before, or the first line of the document),
// so Explain first looks through src for the usual mistakes — an unquoted ": " in
// a value, a tab in the indentation, a quote left open — and names the first one
// at its line and column. When it finds none it rewords the parser's message and
// keeps the parser's line. Line and column are 1-based; 0 means unknown.
func Explain(src []byte, err error) (line, col int, msg string) {
	if l, c, m, ok := findMistake(src); ok {
		return l, c, m
	}
	line, msg = SyntaxError(err)
	for _, w := range rewordings {
		if m := w.re.FindStringSubmatch(msg); m != nil {
			msg = w.re.ReplaceAllString(m[0], w.say)
			break
		}
	}
	return line, 0, msg
}

// rewordings says the parser's messages in plain words.
var rewordings = []struct {
	re  *regexp.Regexp
	say string
}{
	{regexp.MustCompile(`^mapping values are not allowed in this context$`), `a ": " where no key may start: quote the value, or check the indentation`},
	{regexp.MustCompile(`^did not find expected key$`), `this does not fit the lines above: check its indentation, and quote values that hold quotes`},
	{regexp.MustCompile(`^did not find expected '-' indicator$`), `list items must line up: check the indentation of the "-" lines`},
	{regexp.MustCompile(`^could not find expected ':'$`), `write key: value, with a colon and a space after the key`},
	{regexp.MustCompile(`^found a tab character.*$`), `indent with spaces, not tabs`},
	{regexp.MustCompile(`^found character that cannot start any token$`), "quote the value: it starts with a character YAML reserves (@ or `)"},
	{regexp.MustCompile(`^found unexpected end of stream$`), `a quote or a bracket is never closed`},
	{regexp.MustCompile(`^did not find expected ',' or '\]'$`), `close the list with "]", or quote the value`},
	{regexp.MustCompile(`^did not find expected ',' or '\}'$`), `close the mapping with "}", or quote the value`},
	{regexp.MustCompile(`^found unknown escape character$`), `unknown escape in double quotes: write \\ for a backslash, or use single quotes`},
	{regexp.MustCompile(`^invalid (leading|trailing) UTF-8 octet.*$`), `the file is not UTF-8 text`},
	{regexp.MustCompile(`^unknown anchor '(.*)' referenced$`), `*$1 names no anchor &$1: quote the value if the * is text`},
}

var (
	// keyLine is "key: value" or "- key: value": the indentation, the key, and the value.
	keyLine = regexp.MustCompile(`^(\s*(?:-\s+)?)([^\s#'"\[\]{}:,&*!|>@` + "`" + `-][^:#]*?|"[^"]*"|'[^']*'):(?:\s+(.*))?$`)
	// blockStart ends a line that opens a literal or folded block.
	blockStart = regexp.MustCompile(`[|>][-+0-9]*\s*(#.*)?$`)
)

// findMistake looks for the first of the usual mistakes in src.
func findMistake(src []byte) (line, col int, msg string, ok bool) {
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, size := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			off += size
		}
		l := bytes.Count(src[:off], []byte("\n")) + 1
		start := bytes.LastIndexByte(src[:off], '\n') + 1
		return l, utf8.RuneCount(src[start:off]) + 1, "the file is not UTF-8 text: save it as UTF-8", true
	}
	text := strings.TrimPrefix(string(src), "\ufeff")
	lines := strings.Split(text, "\n")
	block := -1 // indentation of the key that opened a literal block, while inside it
	for i, raw := range lines {
		l := strings.TrimRight(raw, "\r")
		trimmed := strings.TrimLeft(l, " \t")
		indent := len(l) - len(trimmed)
		if block >= 0 {
			if trimmed == "" || indent > block {
				continue
			}
			block = -1
		}
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if tab := strings.IndexByte(l[:indent], '\t'); tab >= 0 {
			return i + 1, tab + 1, "indent with spaces, not tabs", true
		}
		m := keyLine.FindStringSubmatchIndex(l)
		if m == nil {
			continue
		}
		if m[6] < 0 {
			continue // "key:" alone opens a nested block
		}
		value := l[m[6]:m[7]]
		vcol := utf8.RuneCountInString(l[:m[6]]) + 1
		if blockStart.MatchString(value) && (value[0] == '|' || value[0] == '>') {
			block = indent
			continue
		}
		if say, ok := valueMistake(value, nextIsKey(lines[i+1:], indent)); ok {
			return i + 1, vcol, say, true
		}
	}
	return 0, 0, "", false
}

// nextIsKey reports whether the next line that is not blank or a comment is a
// "key: value" line indented no deeper than indent, or there is none: then a quote
// or bracket left open on this line is not continued below.
func nextIsKey(lines []string, indent int) bool {
	for _, l := range lines {
		l = strings.TrimRight(l, "\r")
		trimmed := strings.TrimLeft(l, " \t")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		return len(l)-len(trimmed) <= indent && keyLine.MatchString(l)
	}
	return true
}

// valueMistake says what is wrong with the value of a "key: value" line, if it is
// one of the usual mistakes. closed says the lines below do not continue it.
func valueMistake(v string, closed bool) (string, bool) {
	v = strings.TrimRight(v, " \t")
	if v == "" {
		return "", false
	}
	switch v[0] {
	case '"':
		end := closingDoubleQuote(v)
		if end < 0 {
			if !closed {
				return "", false
			}
			return `close the quote: the value opens with " and has no closing "`, true
		}
		for i := 1; i < end; i++ {
			if v[i] == '\\' {
				if i+1 < end && !strings.ContainsRune(`0abtnvfre "/\N_LPxuU`+"\t", rune(v[i+1])) {
					return `unknown escape in double quotes: write \\ for a backslash, or use single quotes`, true
				}
				i++
			}
		}
		return "", false
	case '\'':
		for i := 1; i < len(v); i++ {
			if v[i] != '\'' {
				continue
			}
			if i+1 < len(v) && v[i+1] == '\'' {
				i++
				continue
			}
			if rest := strings.TrimSpace(v[i+1:]); rest != "" && !strings.HasPrefix(rest, "#") {
				return `a ' inside single quotes must be doubled (''), or use double quotes`, true
			}
			return "", false
		}
		if !closed {
			return "", false
		}
		return `close the quote: the value opens with ' and has no closing '`, true
	case '[', '{':
		if depth := bracketDepth(v); depth > 0 && closed {
			return map[byte]string{'[': `close the list with "]", or quote the value`, '{': `close the mapping with "}", or quote the value`}[v[0]], true
		} else if depth < 0 {
			return `one closing bracket too many: remove it, or quote the value`, true
		}
		return "", false
	case '@', '`':
		return "quote the value: it starts with " + v[:1] + ", which YAML reserves", true
	case '|', '>', '&', '*', '!', '#':
		return "", false
	}
	// A plain value: ": " would start a nested mapping, " #" a comment.
	plain := v
	if c := strings.Index(plain, " #"); c >= 0 {
		plain = plain[:c]
	}
	if strings.Contains(plain, ": ") || strings.HasSuffix(plain, ":") {
		return `quote the value: it contains ": "`, true
	}
	return "", false
}

// closingDoubleQuote returns the index of the quote that closes the double-quoted
// string opening v, or -1.
func closingDoubleQuote(v string) int {
	for i := 1; i < len(v); i++ {
		switch v[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// bracketDepth counts open minus closed brackets of a flow value, outside quotes.
func bracketDepth(v string) int {
	depth := 0
	var quote byte
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		case c == '#' && i > 0 && v[i-1] == ' ':
			return depth
		}
	}
	return depth
}
