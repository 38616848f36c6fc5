package yamlnode

import (
	"fmt"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestExplain(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"colon in a value", "title: a\nsummary: Why: because\n", `2:10: quote the value: it contains ": "`},
		{"colon in the first value", "title: Gemma 4: the review\ndate: 2026-06-04\n", `1:8: quote the value: it contains ": "`},
		{"colon at the end", "title: Note:\n  x: y\n", `1:8: quote the value: it contains ": "`},
		{"colon in a list item", "- title: a\n  source: Blog: post\n", `2:11: quote the value: it contains ": "`},
		{"tab indentation", "league:\n\tmin_shared: 3\n", `2:1: indent with spaces, not tabs`},
		{"unclosed list", "title: a\ntags: [x, y\ndate: 2026-06-04\n", `2:7: close the list with "]", or quote the value`},
		{"unclosed mapping", "a: {b: c\nd: e\n", `1:4: close the mapping with "}", or quote the value`},
		{"extra bracket", "title: a # ok\nx: [a, b]]\n", `2:4: one closing bracket too many: remove it, or quote the value`},
		{"unclosed double quote", "title: \"abc\ndate: 1\n", `1:8: close the quote: the value opens with " and has no closing "`},
		{"unclosed single quote", "title: 'abc\ndate: 1\n", `1:8: close the quote: the value opens with ' and has no closing '`},
		{"apostrophe in single quotes", "title: 'it's'\n", `1:8: a ' inside single quotes must be doubled (''), or use double quotes`},
		{"unknown escape", "title: \"a\\q\"\n", `1:8: unknown escape in double quotes: write \\ for a backslash, or use single quotes`},
		{"at sign", "title: @home\n", `1:8: quote the value: it starts with @, which YAML reserves`},
		{"backtick", "title: `x`\n", "1:8: quote the value: it starts with `, which YAML reserves"},
		{"not UTF-8", "title: ok\nsummary: caf\xe9\n", `2:13: the file is not UTF-8 text: save it as UTF-8`},
		{"block scalar skipped", "summary: |\n  Why: because\ntitle: [\n", `3:8: close the list with "]", or quote the value`},
		// Mistakes not found by looking: the parser's message, reworded.
		{"indented key", "title: a\n  date: b\n", `2: a ": " where no key may start: quote the value, or check the indentation`},
		{"missing colon", "title: a\ntitle2 b\nc: d\n", `2: write key: value, with a colon and a space after the key`},
		{"list items misaligned", "- id: a\n  name: b\n - id: c\n", `2: list items must line up: check the indentation of the "-" lines`},
		{"unknown anchor", "key: *nope\n", `0: *nope names no anchor &nope: quote the value if the * is text`},
		{"empty value, then a line without a colon", "0: \n0\n", `2: write key: value, with a colon and a space after the key`},
		{"list after a mapping", "title: a\n- b\n", `1: this does not fit the lines above: check its indentation, and quote values that hold quotes`},
		// What findMistake skips, and what it must not skip.
		{"whole document indented", "  a: b\n  c: Why: because\n", `2:6: quote the value: it contains ": "`},
		{"key line inside a literal block", "summary: |\n  title: Why: because\ntitle: [\n", `3:8: close the list with "]", or quote the value`},
		{"key line inside a folded block", "summary: >-\n  a: b: c\nx: [\n", `3:4: close the list with "]", or quote the value`},
		{"nested line after a block", "summary: |\n  text\nitems:\n  - t: a: b\n", `4:8: quote the value: it contains ": "`},
		{"plain value ending in a bar", "a: x |\n  b: Why: c\n", `2:6: quote the value: it contains ": "`},
		{"comment indented by a tab", "a: 1\n\t# note\nb: Why: because\n", `3:4: quote the value: it contains ": "`},
		{"list item without a key", "- a\n- b: Why: c\n", `2:6: quote the value: it contains ": "`},
		{"quote continued after a blank line", "title: \"abc\n\n  def\"\nx: Why: c\n", `4:4: quote the value: it contains ": "`},
		{"list continued by a deeper key", "a: [x,\n  y: z]\nb: Why: c\n", `3:4: quote the value: it contains ": "`},
		{"valid escapes", "title: \"a\\n\\\"b\\\\\"\nx: Why: c\n", `2:4: quote the value: it contains ": "`},
		{"doubled single quote", "title: 'it''s ok'\nx: Why: c\n", `2:4: quote the value: it contains ": "`},
		{"single quote then a comment", "title: 'a' # note\nx: Why: c\n", `2:4: quote the value: it contains ": "`},
		{"closed list", "tags: [x, y]\nx: Why: c\n", `2:4: quote the value: it contains ": "`},
		{"brackets inside quotes", "tags: [\"a\\\"[\", 'b\\']\nx: Why: c\n", `2:4: quote the value: it contains ": "`},
		{"brackets in a comment", "tags: [a, b] #]]\nx: Why: c\n", `2:4: quote the value: it contains ": "`},
		{"hash inside a word", "tags: [a#]]\n", `1:7: one closing bracket too many: remove it, or quote the value`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n yaml.Node
			err := yaml.Unmarshal([]byte(tt.src), &n)
			if err == nil {
				t.Fatal("the YAML parses")
			}
			line, col, msg := Explain([]byte(tt.src), err)
			got := fmt.Sprintf("%d:%d: %s", line, col, msg)
			if col == 0 {
				got = fmt.Sprintf("%d: %s", line, msg)
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s\n(parser: %v)", got, tt.want, err)
			}
		})
	}
}
