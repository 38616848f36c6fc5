package league

import (
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// The JSON of a results file is read without building a tree of it. The whole
// document is checked once (a scan that allocates nothing); after that a value is a
// window on the file's bytes, and the loader walks only into the lists and objects
// it needs, one child at a time. So memory stays at the file's bytes plus what the
// loader keeps — a 100 MB list of tiny values costs about 100 MB, not gigabytes —
// and messages can give the exact line and column of every value.

// jsonKind is the type of a JSON value.
type jsonKind int

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

// maxDepth bounds nesting, as a guard against files that are nothing but brackets.
const maxDepth = 200

// jsonValue is one value of a checked document: a scalar decoded, or a list or an
// object as the span of bytes that holds it.
type jsonValue struct {
	kind jsonKind
	off  int    // byte offset of the value's first byte
	end  int    // byte offset just past the value
	text string // string value, or the number as written
	b    bool
	src  []byte // the whole document, for walking lists and objects
}

// jsonError is a problem at a byte offset.
type jsonError struct {
	off int
	msg string
}

func (e *jsonError) Error() string { return e.msg }

// parseJSON checks that src is one JSON document and returns its top value.
func parseJSON(src []byte) (*jsonValue, error) {
	v, end, err := parseValue(src, 0)
	if err != nil {
		return nil, err
	}
	if end = skipSpace(src, end); end < len(src) {
		return nil, &jsonError{end, "unexpected data after the end of the JSON value"}
	}
	return v, nil
}

// parseValue reads the value that starts at or after off (after white space) and
// returns it with the offset just past it. Lists and objects are checked to their
// end but not decoded.
func parseValue(src []byte, off int) (*jsonValue, int, error) {
	off = skipSpace(src, off)
	if off >= len(src) {
		return nil, off, &jsonError{len(src), "unexpected end of JSON"}
	}
	v := &jsonValue{off: off, src: src}
	var end int
	var err error
	switch c := src[off]; {
	case c == '[' || c == '{':
		v.kind = jsonArray
		if c == '{' {
			v.kind = jsonObject
		}
		end, err = skipContainer(src, off)
	case c == '"':
		v.kind = jsonString
		v.text, end, err = parseString(src, off, true)
	case c == 't' || c == 'f':
		v.kind, v.b = jsonBool, c == 't'
		end, err = literal(src, off)
	case c == 'n':
		v.kind = jsonNull
		end, err = literal(src, off)
	case c == '-' || (c >= '0' && c <= '9'):
		v.kind = jsonNumber
		if end, err = number(src, off); err == nil {
			v.text = string(src[off:end])
		}
	default:
		err = &jsonError{off, fmt.Sprintf("invalid character %s looking for beginning of value", quoteChar(src, off))}
	}
	if err != nil {
		return nil, off, err
	}
	v.end = end
	return v, end, nil
}

// skipContainer checks the list or object that opens at off and returns the offset
// just past its closing bracket. It walks iteratively and decodes nothing.
func skipContainer(src []byte, off int) (int, error) {
	var stack []byte // the open brackets
	i := off
	for {
		// A value starts at i.
		i = skipSpace(src, i)
		if i >= len(src) {
			return 0, &jsonError{len(src), "unexpected end of JSON"}
		}
		var err error
		switch c := src[i]; {
		case c == '[' || c == '{':
			if len(stack) >= maxDepth {
				return 0, &jsonError{i, "JSON nested too deeply"}
			}
			stack = append(stack, c)
			i = skipSpace(src, i+1)
			if i < len(src) && src[i] == closer(c) {
				stack = stack[:len(stack)-1]
				i++
				break
			}
			if c == '{' {
				if i, err = objectKey(src, i, true); err != nil {
					return 0, err
				}
			}
			continue // the first value of the container
		case c == '"':
			_, i, err = parseString(src, i, false)
		case c == 't' || c == 'f' || c == 'n':
			i, err = literal(src, i)
		case c == '-' || (c >= '0' && c <= '9'):
			i, err = number(src, i)
		default:
			err = &jsonError{i, fmt.Sprintf("invalid character %s looking for beginning of value", quoteChar(src, i))}
		}
		if err != nil {
			return 0, err
		}
		// After a value: a comma, or the closing brackets of finished containers.
		for {
			if len(stack) == 0 {
				return i, nil
			}
			i = skipSpace(src, i)
			if i >= len(src) {
				return 0, &jsonError{len(src), "unexpected end of JSON"}
			}
			top := stack[len(stack)-1]
			if src[i] == closer(top) {
				stack = stack[:len(stack)-1]
				i++
				continue
			}
			if src[i] != ',' {
				after := "array element"
				if top == '{' {
					after = "object key:value pair"
				}
				return 0, &jsonError{i, fmt.Sprintf("invalid character %s after %s", quoteChar(src, i), after)}
			}
			i++
			if top == '{' {
				if i, err = objectKey(src, i, false); err != nil {
					return 0, err
				}
			}
			break
		}
	}
}

// objectKey checks a key and its colon from off (after white space) and returns the
// offset just past the colon.
func objectKey(src []byte, off int, first bool) (int, error) {
	i := skipSpace(src, off)
	if i >= len(src) {
		return 0, &jsonError{len(src), "unexpected end of JSON"}
	}
	if src[i] != '"' {
		return 0, &jsonError{i, fmt.Sprintf("invalid character %s looking for beginning of object key string", quoteChar(src, i))}
	}
	_, i, err := parseString(src, i, false)
	if err != nil {
		return 0, err
	}
	i = skipSpace(src, i)
	if i >= len(src) {
		return 0, &jsonError{len(src), "unexpected end of JSON"}
	}
	if src[i] != ':' {
		return 0, &jsonError{i, fmt.Sprintf("invalid character %s after object key", quoteChar(src, i))}
	}
	return i + 1, nil
}

func closer(open byte) byte {
	if open == '[' {
		return ']'
	}
	return '}'
}

// skipSpace returns the offset of the first byte at or after off that is not JSON
// white space.
func skipSpace(src []byte, off int) int {
	for off < len(src) {
		switch src[off] {
		case ' ', '\t', '\r', '\n':
			off++
		default:
			return off
		}
	}
	return off
}

// literal checks true, false or null at off.
func literal(src []byte, off int) (int, error) {
	var want string
	switch src[off] {
	case 't':
		want = "true"
	case 'f':
		want = "false"
	default:
		want = "null"
	}
	for k := 1; k < len(want); k++ {
		i := off + k
		if i >= len(src) {
			return 0, &jsonError{len(src), "unexpected end of JSON"}
		}
		if src[i] != want[k] {
			return 0, &jsonError{i, fmt.Sprintf("invalid character %s in literal %s (expecting '%c')", quoteChar(src, i), want, want[k])}
		}
	}
	return off + len(want), nil
}

// number checks a JSON number at off: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func number(src []byte, off int) (int, error) {
	i := off
	digit := func(i int) bool { return i < len(src) && src[i] >= '0' && src[i] <= '9' }
	bad := func(i int, where string) error {
		if i >= len(src) {
			return &jsonError{len(src), "unexpected end of JSON"}
		}
		return &jsonError{i, fmt.Sprintf("invalid character %s %s", quoteChar(src, i), where)}
	}
	if src[i] == '-' {
		i++
	}
	switch {
	case i < len(src) && src[i] == '0':
		i++
	case digit(i):
		for digit(i) {
			i++
		}
	default:
		return 0, bad(i, "in numeric literal")
	}
	if i < len(src) && src[i] == '.' {
		i++
		if !digit(i) {
			return 0, bad(i, "after decimal point in numeric literal")
		}
		for digit(i) {
			i++
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		if !digit(i) {
			return 0, bad(i, "in exponent of numeric literal")
		}
		for digit(i) {
			i++
		}
	}
	return i, nil
}

// parseString checks the string that opens at off and returns the offset just past
// its closing quote; with decode, also its value. Invalid UTF-8 and lone surrogates
// become U+FFFD, as encoding/json does.
func parseString(src []byte, off int, decode bool) (string, int, error) {
	i := off + 1
	start := i
	plain := true // no escapes and valid UTF-8 so far: the value is the bytes as they are
	var buf []byte
	for {
		if i >= len(src) {
			return "", 0, &jsonError{len(src), "unexpected end of JSON"}
		}
		c := src[i]
		switch {
		case c == '"':
			if !decode {
				return "", i + 1, nil
			}
			if plain {
				return string(src[start:i]), i + 1, nil
			}
			return string(buf), i + 1, nil
		case c < 0x20:
			return "", 0, &jsonError{i, fmt.Sprintf("invalid character %s in string literal", quoteChar(src, i))}
		case c == '\\':
			if plain && decode {
				buf = append(buf, src[start:i]...)
				plain = false
			}
			if i+1 >= len(src) {
				return "", 0, &jsonError{len(src), "unexpected end of JSON"}
			}
			e := src[i+1]
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
				i += 2
			case 'b':
				buf = append(buf, '\b')
				i += 2
			case 'f':
				buf = append(buf, '\f')
				i += 2
			case 'n':
				buf = append(buf, '\n')
				i += 2
			case 'r':
				buf = append(buf, '\r')
				i += 2
			case 't':
				buf = append(buf, '\t')
				i += 2
			case 'u':
				r, err := hex4(src, i+2)
				if err != nil {
					return "", 0, err
				}
				i += 6
				if utf16.IsSurrogate(r) {
					// A pair is two escapes in a row; anything else is a lone half.
					// (When hex4 reads four digits at i+2, src[i] and src[i+1] exist.)
					if r2, err := hex4(src, i+2); err == nil && src[i] == '\\' && src[i+1] == 'u' {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							r = dec
							i += 6
						} else {
							r = utf8.RuneError
						}
					} else {
						r = utf8.RuneError
					}
				}
				if decode {
					buf = utf8.AppendRune(buf, r)
				}
			default:
				return "", 0, &jsonError{i + 1, fmt.Sprintf("invalid character %s in string escape code", quoteChar(src, i+1))}
			}
			if !decode {
				buf = buf[:0]
			}
		case c < utf8.RuneSelf:
			if !plain {
				buf = append(buf, c)
			}
			i++
		default:
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size == 1 && plain && decode {
				buf = append(buf, src[start:i]...)
				plain = false
			}
			if !plain && decode {
				buf = utf8.AppendRune(buf, r)
			}
			i += size
		}
	}
}

// hex4 reads the four hex digits of a \u escape at off.
func hex4(src []byte, off int) (rune, error) {
	if off+4 > len(src) {
		for i := off; i < len(src); i++ {
			if !isHex(src[i]) {
				return 0, &jsonError{i, fmt.Sprintf("invalid character %s in \\u hexadecimal character escape", quoteChar(src, i))}
			}
		}
		return 0, &jsonError{len(src), "unexpected end of JSON"}
	}
	var r rune
	for i := off; i < off+4; i++ {
		c := src[i]
		if !isHex(c) {
			return 0, &jsonError{i, fmt.Sprintf("invalid character %s in \\u hexadecimal character escape", quoteChar(src, i))}
		}
		r = r<<4 | rune(hexValue(c))
	}
	return r, nil
}

func hexValue(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// quoteChar names the character at off for messages, as encoding/json does: 'x'.
func quoteChar(src []byte, off int) string {
	r, _ := utf8.DecodeRune(src[off:])
	switch {
	case r == '\'':
		return `'\''`
	case r == '"':
		return `'"'`
	case r < 0x20 || r == utf8.RuneError:
		q := strconv.Quote(string(r))
		return "'" + q[1:len(q)-1] + "'"
	}
	return "'" + string(r) + "'"
}

// members calls fn with each key of an object in file order, with the offset of the
// key, until fn returns false.
func (v *jsonValue) members(fn func(key string, keyOff int, val *jsonValue) bool) {
	if v == nil || v.kind != jsonObject {
		return
	}
	i := skipSpace(v.src, v.off+1)
	if v.src[i] == '}' {
		return
	}
	for {
		keyOff := skipSpace(v.src, i)
		key, after, err := parseString(v.src, keyOff, true)
		if err != nil {
			return // cannot happen: the document was checked
		}
		colon := skipSpace(v.src, after)
		val, end, err := parseValue(v.src, colon+1)
		if err != nil || !fn(key, keyOff, val) {
			return
		}
		i = skipSpace(v.src, end)
		if v.src[i] != ',' {
			return
		}
		i++
	}
}

// items calls fn with each item of a list in order until fn returns false.
func (v *jsonValue) items(fn func(i int, item *jsonValue) bool) {
	if v == nil || v.kind != jsonArray {
		return
	}
	i := skipSpace(v.src, v.off+1)
	if v.src[i] == ']' {
		return
	}
	for n := 0; ; n++ {
		item, end, err := parseValue(v.src, i)
		if err != nil || !fn(n, item) {
			return
		}
		i = skipSpace(v.src, end)
		if v.src[i] != ',' {
			return
		}
		i++
	}
}

// get returns the value of the first key of an object, or nil.
func (v *jsonValue) get(key string) *jsonValue {
	var found *jsonValue
	v.members(func(k string, _ int, val *jsonValue) bool {
		if k == key {
			found = val
			return false
		}
		return true
	})
	return found
}

// number returns the value as a float64 when it is a finite JSON number.
func (v *jsonValue) number() (float64, bool) {
	if v == nil || v.kind != jsonNumber {
		return 0, false
	}
	f, err := strconv.ParseFloat(v.text, 64)
	return f, err == nil
}

func (v *jsonValue) isObject() bool { return v != nil && v.kind == jsonObject }

// describe names a value for messages.
func (v *jsonValue) describe() string {
	switch v.kind {
	case jsonNull:
		return "null"
	case jsonBool:
		return strconv.FormatBool(v.b)
	case jsonNumber:
		return v.text
	case jsonString:
		return strconv.Quote(v.text)
	case jsonArray:
		return "a list"
	}
	return "an object"
}

// lineIndex turns byte offsets into 1-based lines and columns (columns count
// characters, as editors do). It remembers the last answer, so that asking for
// offsets in increasing order — as the loader does — costs one pass over the file
// in all, even when the whole file is one line.
type lineIndex struct {
	src            []byte
	off, line, col int // the last position asked for
	haveLast       bool
}

func newLineIndex(src []byte) *lineIndex {
	return &lineIndex{src: src}
}

func (x *lineIndex) pos(off int) (line, col int) {
	off = min(max(off, 0), len(x.src))
	if !x.haveLast || off < x.off {
		x.off, x.line, x.col, x.haveLast = 0, 1, 1, true
	}
	for i := x.off; i < off; {
		c := x.src[i]
		if c == '\n' {
			x.line++
			x.col = 1
			i++
			continue
		}
		if c < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRune(x.src[i:])
			i += size
		}
		x.col++
	}
	x.off = off
	return x.line, x.col
}
