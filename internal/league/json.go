package league

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"unicode/utf8"
)

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

// jsonValue is a decoded JSON value that remembers where it starts, so that
// messages can name a line and column. encoding/json alone only gives offsets of
// syntax errors.
type jsonValue struct {
	kind    jsonKind
	off     int    // byte offset of the value's first byte
	text    string // string value, or the number as written
	b       bool
	items   []*jsonValue
	members []jsonMember
}

// jsonMember is one key of an object.
type jsonMember struct {
	key string
	off int // byte offset of the key
	val *jsonValue
}

// get returns the value of key in an object, or nil.
func (v *jsonValue) get(key string) *jsonValue {
	if v == nil || v.kind != jsonObject {
		return nil
	}
	for _, m := range v.members {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

// number returns the value as a float64 when it is a finite JSON number.
func (v *jsonValue) number() (float64, bool) {
	if v == nil || v.kind != jsonNumber {
		return 0, false
	}
	f, err := strconv.ParseFloat(v.text, 64)
	return f, err == nil
}

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

// jsonError is a problem at a byte offset.
type jsonError struct {
	off int
	msg string
}

func (e *jsonError) Error() string { return e.msg }

// maxDepth bounds nesting, so hostile input cannot exhaust the stack.
const maxDepth = 200

// parseJSON decodes one JSON document. Duplicate keys are errors, as the second
// would silently win.
func parseJSON(src []byte, lines *lineIndex) (*jsonValue, error) {
	p := &jsonParser{src: src, lines: lines, dec: json.NewDecoder(bytes.NewReader(src))}
	p.dec.UseNumber()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	end := p.start()
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, &jsonError{end, "unexpected data after the end of the JSON value"}
	}
	return v, nil
}

type jsonParser struct {
	src   []byte
	lines *lineIndex
	dec   *json.Decoder
}

// start returns the offset of the next token: the decoder's offset is just past the
// last token, before any space, comma or colon.
func (p *jsonParser) start() int {
	off := int(p.dec.InputOffset())
	for off < len(p.src) {
		switch p.src[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

func (p *jsonParser) token() (json.Token, int, error) {
	off := p.start()
	tok, err := p.dec.Token()
	if err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			// The decoder's offsets point near, not at, the offending byte; a
			// whole-document check counts up to and including it.
			var full *json.SyntaxError
			if errors.As(json.Unmarshal(p.src, new(any)), &full) && full.Offset > 0 {
				return nil, off, &jsonError{int(full.Offset) - 1, full.Error()}
			}
			return nil, off, &jsonError{off, se.Error()}
		case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
			return nil, off, &jsonError{len(p.src), "unexpected end of JSON"}
		}
		return nil, off, &jsonError{off, err.Error()}
	}
	return tok, off, nil
}

func (p *jsonParser) value(depth int) (*jsonValue, error) {
	tok, off, err := p.token()
	if err != nil {
		return nil, err
	}
	v := &jsonValue{off: off}
	switch t := tok.(type) {
	case nil:
		v.kind = jsonNull
	case bool:
		v.kind, v.b = jsonBool, t
	case json.Number:
		v.kind, v.text = jsonNumber, string(t)
	case string:
		v.kind, v.text = jsonString, t
	case json.Delim:
		if depth >= maxDepth {
			return nil, &jsonError{off, "JSON nested too deeply"}
		}
		if t == '[' {
			v.kind = jsonArray
			for p.dec.More() {
				item, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				v.items = append(v.items, item)
			}
		} else {
			v.kind = jsonObject
			first := map[string]int{}
			for p.dec.More() {
				k, koff, err := p.token()
				if err != nil {
					return nil, err
				}
				key, _ := k.(string)
				if prev, dup := first[key]; dup {
					line, _ := p.lines.pos(prev)
					return nil, &jsonError{koff, fmt.Sprintf("key %q repeated (first at line %d)", key, line)}
				}
				first[key] = koff
				val, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				v.members = append(v.members, jsonMember{key, koff, val})
			}
		}
		if _, _, err := p.token(); err != nil { // the closing ] or }
			return nil, err
		}
	}
	return v, nil
}

// lineIndex turns byte offsets into 1-based lines and columns (columns count
// characters, as editors do).
type lineIndex struct {
	src    []byte
	starts []int // offset of each line's first byte
}

func newLineIndex(src []byte) *lineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{src, starts}
}

func (x *lineIndex) pos(off int) (line, col int) {
	off = min(max(off, 0), len(x.src))
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	return i + 1, utf8.RuneCount(x.src[x.starts[i]:off]) + 1
}
