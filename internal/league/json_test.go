package league

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestParseJSONStrings decodes strings, as list items and as object keys, and
// compares them with encoding/json: escapes, hex digits of both cases, surrogate
// pairs, lone and broken halves, invalid UTF-8 before and after an escape.
func TestParseJSONStrings(t *testing.T) {
	for _, lit := range []string{
		`"plain"`,
		`""`,
		`"q\"b\\s\/b\bf\fn\nr\rt\t"`,
		`"\u0030\u0039\u0061\u0066\u0041\u0046\u00e9\u00C9\uabcd\uABCD\uFfFf"`,
		`"smile \ud83d\ude00 done"`,
		`"\uD83D\uDE00"`,
		`"lone \ud800x"`,
		`"lone at end \ud800"`,
		`"high then newline \ud800\n"`,
		`"high then letter \ud800\u0041"`,
		`"two highs \ud800\ud800"`,
		`"high, two letters, then a low \ud800xxdc00"`,
		`"low alone \udc00"`,
		`"low then high \udc00\ud800"`,
		`"é after escape \n é"`,
		"\"bad \xff before\"",
		"\"bad \xff then escape \\n é\"",
		"\"escape \\n then bad \xff\"",
		"\"bad \xe2\x82 cut\"",
	} {
		var want string
		if err := json.Unmarshal([]byte(lit), &want); err != nil {
			t.Fatalf("%s: encoding/json: %v", lit, err)
		}
		src := `[` + lit + `, {` + lit + `: 1}]`
		v, err := parseJSON([]byte(src))
		if err != nil {
			t.Errorf("%s: %v", lit, err)
			continue
		}
		var got []string
		v.items(func(_ int, item *jsonValue) bool {
			switch item.kind {
			case jsonString:
				got = append(got, item.text)
			case jsonObject:
				item.members(func(key string, _ int, _ *jsonValue) bool {
					got = append(got, key)
					return true
				})
			}
			return true
		})
		if len(got) != 2 || got[0] != want || got[1] != want {
			t.Errorf("%s: decoded %q, want %q twice", lit, got, want)
		}
	}
}

// TestParseJSONErrors checks the message and offset of each kind of malformed
// document.
func TestParseJSONErrors(t *testing.T) {
	tests := []struct {
		src  string
		off  int
		want string
	}{
		{`[1 2]`, 3, `invalid character '2' after array element`},
		{`{"a": 1 "b": 2}`, 8, `invalid character '"' after object key:value pair`},
		{`[{"a": 1} "b"]`, 10, `invalid character '"' after array element`},
		{`{"a": [1] 2}`, 10, `invalid character '2' after object key:value pair`},
		{`{"a": 1,}`, 8, `invalid character '}' looking for beginning of object key string`},
		{`{"a"`, 4, `unexpected end of JSON`},
		{`{"a" `, 5, `unexpected end of JSON`},
		{`{"a": 1, `, 9, `unexpected end of JSON`},
		{`[1,`, 3, `unexpected end of JSON`},
		{`[1 `, 3, `unexpected end of JSON`},
		{`"a` + "\x01" + `"`, 2, `invalid character '\x01' in string literal`},
		{`"a\x"`, 3, `invalid character 'x' in string escape code`},
		{`"\u12g4"`, 5, `invalid character 'g' in \u hexadecimal character escape`},
		{`"\u/000"`, 3, `invalid character '/' in \u hexadecimal character escape`},
		{`"\u:000"`, 3, `invalid character ':' in \u hexadecimal character escape`},
		{`"\u@000"`, 3, `invalid character '@' in \u hexadecimal character escape`},
		{`"\uG000"`, 3, `invalid character 'G' in \u hexadecimal character escape`},
		{"\"\\u`000\"", 3, "invalid character '`' in \\u hexadecimal character escape"},
		{`"\u12`, 5, `unexpected end of JSON`},
		{`"\u1x`, 4, `invalid character 'x' in \u hexadecimal character escape`},
		{`"\`, 2, `unexpected end of JSON`},
		{`"\ud800\`, 8, `unexpected end of JSON`},
		{`"\ud800\u12`, 11, `unexpected end of JSON`},
		{`tru`, 3, `unexpected end of JSON`},
		{`nul!`, 3, `invalid character '!' in literal null (expecting 'l')`},
		{`fals`, 4, `unexpected end of JSON`},
		{`-`, 1, `unexpected end of JSON`},
		{`-x`, 1, `invalid character 'x' in numeric literal`},
		{`1.`, 2, `unexpected end of JSON`},
		{`1.e`, 2, `invalid character 'e' after decimal point in numeric literal`},
		{`1e`, 2, `unexpected end of JSON`},
		{`1e+`, 3, `unexpected end of JSON`},
		{`1E-x`, 3, `invalid character 'x' in exponent of numeric literal`},
		{`'a'`, 0, `invalid character '\'' looking for beginning of value`},
		{`[1] x`, 4, `unexpected data after the end of the JSON value`},
	}
	for _, tt := range tests {
		_, err := parseJSON([]byte(tt.src))
		e, ok := err.(*jsonError)
		if !ok {
			t.Errorf("%s: got %v, want %q at %d", tt.src, err, tt.want, tt.off)
			continue
		}
		if e.msg != tt.want || e.off != tt.off {
			t.Errorf("%s: got %q at %d, want %q at %d", tt.src, e.msg, e.off, tt.want, tt.off)
		}
		if json.Valid([]byte(tt.src)) {
			t.Errorf("%s: encoding/json accepts it", tt.src)
		}
	}
}

// TestParseJSONNumbers: the numbers JSON allows, with their text and value.
func TestParseJSONNumbers(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want float64
	}{
		{`0`, 0}, {`-0`, 0}, {`7`, 7}, {`-12.5`, -12.5}, {`1e2`, 100}, {`1E+2`, 100},
		{`25e-1`, 2.5}, {`0.125`, 0.125}, {`9876543210`, 9876543210}, {` 3 `, 3},
	} {
		v, err := parseJSON([]byte(tt.src))
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if f, ok := v.number(); !ok || f != tt.want || v.describe() != strings.TrimSpace(tt.src) {
			t.Errorf("%s: got %v (%v), described %s; want %v", tt.src, f, ok, v.describe(), tt.want)
		}
	}
	for src, want := range map[string]string{`true`: "true", `false`: "false", `null`: "null", `"a"`: `"a"`, `[1]`: "a list", `{}`: "an object"} {
		if v, err := parseJSON([]byte(src)); err != nil || v.describe() != want {
			t.Errorf("%s: described %q (%v), want %q", src, v.describe(), err, want)
		}
	}
	if _, err := parseJSON([]byte(`01`)); err == nil || err.Error() != "unexpected data after the end of the JSON value" {
		t.Errorf("01: got %v, want unexpected data after the end", err)
	}
}
