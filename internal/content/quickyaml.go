package content

import (
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// quickFrontMatter reads the usual shape of front matter without the YAML parser,
// which costs about a tenth of a millisecond a post: lines of "key: value" starting at
// the first column, each value a double-quoted string without escapes, a plain word
// or phrase, true or false, a date or a UTC date and time, or a one-line flow list of
// such strings and words. It returns the document node yaml.v3 makes of such text
// (same kinds, tags, styles, values, lines and columns), and false for anything
// else (comments, escapes, block lists, other scalars, tabs, carriage returns, blank
// lines, repeated keys...), which the caller hands to yaml.v3.
func quickFrontMatter(fm []byte) (*yaml.Node, bool) {
	root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	seen := map[string]bool{}
	line := 0
	for rest := fm; len(rest) > 0; {
		line++
		l := rest
		if i := indexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		k := 0
		for k < len(l) && (l[k] >= 'a' && l[k] <= 'z' || l[k] == '_' || k > 0 && l[k] >= '0' && l[k] <= '9') {
			k++
		}
		if k == 0 || k+1 >= len(l) || l[k] != ':' || l[k+1] != ' ' {
			return nil, false
		}
		key := string(l[:k])
		if seen[key] || key == "true" || key == "false" || key == "null" {
			return nil, false
		}
		seen[key] = true
		v := k + 1
		for v < len(l) && l[v] == ' ' {
			v++
		}
		if v == len(l) || l[len(l)-1] == ' ' {
			return nil, false
		}
		var value *yaml.Node
		if l[v] == '[' {
			value = quickFlowList(l, v, line)
		} else if end, n := quickScalar(l, v, line, false); end == len(l) {
			value = n
		}
		if value == nil {
			return nil, false
		}
		root.Content = append(root.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: line, Column: 1}, value)
	}
	if len(root.Content) == 0 {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: 1, Column: 1, Content: []*yaml.Node{root}}, true
}

// quickFlowList reads the flow list that opens at l[at] and ends the line, or
// returns nil.
func quickFlowList(l []byte, at, line int) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq", Line: line, Column: column(l, at)}
	i := at + 1
	for {
		for i < len(l) && l[i] == ' ' {
			i++
		}
		if i < len(l) && l[i] == ']' && len(seq.Content) == 0 {
			break
		}
		end, n := quickScalar(l, i, line, true)
		if n == nil {
			return nil
		}
		seq.Content = append(seq.Content, n)
		i = end
		for i < len(l) && l[i] == ' ' {
			i++
		}
		if i < len(l) && l[i] == ',' {
			i++
			continue
		}
		if i < len(l) && l[i] == ']' {
			break
		}
		return nil
	}
	if i+1 != len(l) {
		return nil
	}
	return seq
}

// quickScalar reads the scalar that starts at l[at] and returns where it ends and
// its node, or a nil node when it is not of the shapes quickFrontMatter reads. In a
// flow list (inList) a plain scalar ends before a comma or a closing bracket, with
// the spaces before them not part of it.
func quickScalar(l []byte, at, line int, inList bool) (int, *yaml.Node) {
	if at >= len(l) {
		return at, nil
	}
	col := column(l, at)
	if l[at] == '"' {
		i := at + 1
		for i < len(l) && l[i] != '"' {
			c := l[i]
			if c < utf8.RuneSelf {
				if c < 0x20 || c == 0x7f || c == '\\' {
					return at, nil
				}
				i++
				continue
			}
			r, size := utf8.DecodeRune(l[i:])
			if !printable(r) {
				return at, nil
			}
			i += size
		}
		if i == len(l) {
			return at, nil
		}
		return i + 1, &yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Tag: "!!str",
			Value: string(l[at+1 : i]), Line: line, Column: col}
	}
	if !(l[at] >= 'a' && l[at] <= 'z' || l[at] >= 'A' && l[at] <= 'Z' || l[at] >= '0' && l[at] <= '9') {
		return at, nil
	}
	i := at
	for i < len(l) {
		c := l[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '/' || c == ' ' {
			i++
			continue
		}
		if inList && (c == ',' || c == ']') {
			break
		}
		if c == ':' && isDateTime(l[at:]) {
			i++
			continue
		}
		return at, nil
	}
	end := i
	for end > at && l[end-1] == ' ' {
		end--
	}
	value := string(l[at:end])
	tag := "!!str"
	switch {
	case value == "true" || value == "false":
		tag = "!!bool"
	case isDate(value) || isDateTime([]byte(value)):
		// A timestamp when the date is a real one, as yaml.v3 decides.
		layout := "2006-1-2"
		if len(value) > len("2006-01-02") {
			layout = "2006-1-2T15:4:5.999999999Z07:00"
		}
		if _, err := time.Parse(layout, value); err != nil {
			return at, nil
		}
		tag = "!!timestamp"
	case l[at] >= '0' && l[at] <= '9' || plainSpecial(value):
		return at, nil // numbers and the rest of YAML's plain scalars are the parser's
	}
	return i, &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value, Line: line, Column: col}
}

// plainSpecial reports whether a plain scalar that starts with a letter has a
// meaning to YAML other than a string (null and the other spellings of true and
// false).
func plainSpecial(v string) bool {
	switch v {
	case "null", "Null", "NULL", "True", "TRUE", "False", "FALSE":
		return true
	}
	return false
}

// isDate reports whether v is YYYY-MM-DD.
func isDate(v string) bool {
	if len(v) != 10 || v[4] != '-' || v[7] != '-' {
		return false
	}
	for i, c := range []byte(v) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// isDateTime reports whether v starts with YYYY-MM-DDTHH:MM:SSZ and, when longer,
// goes on with a comma, a bracket or a space (in a flow list).
func isDateTime(v []byte) bool {
	const shape = "dddd-dd-ddTdd:dd:ddZ"
	if len(v) < len(shape) {
		return false
	}
	for i := range len(shape) {
		c := v[i]
		if shape[i] == 'd' {
			if c < '0' || c > '9' {
				return false
			}
		} else if c != shape[i] {
			return false
		}
	}
	return len(v) == len(shape)
}

// printable reports whether YAML takes r as it is inside a double-quoted string on
// one line (no line break of its own, nothing it refuses).
func printable(r rune) bool {
	switch {
	case r == utf8.RuneError, r == 0xFEFF, r == 0x2028, r == 0x2029:
		return false
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

// column is the 1-based column of l[at], counted in characters as YAML counts.
func column(l []byte, at int) int {
	return utf8.RuneCount(l[:at]) + 1
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}
