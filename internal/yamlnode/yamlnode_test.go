package yamlnode

import (
	"errors"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// thing is what the tests decode: every kind of value a Decoder reads.
type thing struct {
	ID, Name, Home string
	Tags           []string
	Count          int
	Weight         float64
}

// decode reads src as a thing, in the way the loaders do, and returns the problems.
func decode(t *testing.T, src string) (thing, string) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	d := &Decoder{File: "x.yaml"}
	var th thing
	const ctx = "thing 1: "
	seen := d.Fields(doc.Content[0], ctx, map[string]func(*yaml.Node){
		"id":     func(v *yaml.Node) { th.ID = d.Str(v, ctx) },
		"name":   func(v *yaml.Node) { th.Name = d.Str(v, ctx) },
		"tags":   func(v *yaml.Node) { th.Tags = d.Strs(v, ctx+"tags") },
		"count":  func(v *yaml.Node) { th.Count, _ = d.Int(v, ctx+"count") },
		"weight": func(v *yaml.Node) { th.Weight, _ = d.Float(v, ctx+"weight") },
		"home": func(v *yaml.Node) {
			if th.Home = d.Str(v, ctx); th.Home != "" {
				d.HTTPURL(v, ctx, th.Home)
			}
		},
	})
	if seen != nil {
		d.Require(doc.Content[0], ctx, seen, "id", "name")
		if v := seen["id"]; v != nil && th.ID != "" {
			d.ID(v, ctx, th.ID)
		}
	}
	if err := d.Errs.Err(); err != nil {
		return th, err.Error()
	}
	return th, ""
}

func TestDecoder(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"valid", "{id: a-1, name: A, tags: [x, y], count: 3, weight: 1.5, home: https://a.example/}", ""},
		{"unknown key", "{id: a, name: A, nmae: B}", `x.yaml:1:18: thing 1: unknown key "nmae" (did you mean "name"?)`},
		{"repeated key", "id: a\nname: A\nid: b\n", `x.yaml:3:1: thing 1: key "id" repeated (first at line 1)`},
		{"not a mapping", "[a, b]", `x.yaml:1:1: thing 1: expected a mapping of keys to values, got a list`},
		{"missing and empty", "{id: a, name: }", `x.yaml:1:1: thing 1: missing "name"`},
		{"missing null", "{id: a, name: null}", `x.yaml:1:1: thing 1: missing "name"`},
		{"text got mapping", "{id: a, name: {x: 1}}", `x.yaml:1:15: thing 1: expected text, got a mapping`},
		{"chart marker", "{id: a, name: a__f__b}", `x.yaml:1:15: thing 1: text must not contain "__f__" (it corrupts charts)`},
		{"list got text", "{id: a, name: A, tags: x}", `x.yaml:1:24: thing 1: tags must be a list, got "x"`},
		{"list item got list", "{id: a, name: A, tags: [x, [y]]}", `x.yaml:1:28: thing 1: tags: expected text, got a list`},
		{"int got float", "{id: a, name: A, count: 1.5}", `x.yaml:1:25: thing 1: count must be a whole number, got "1.5"`},
		{"int got text", "{id: a, name: A, count: many}", `x.yaml:1:25: thing 1: count must be a whole number, got "many"`},
		{"int overflow", "{id: a, name: A, count: 99999999999999999999}", `x.yaml:1:25: thing 1: count must be a whole number, got "99999999999999999999"`},
		{"float got text", "{id: a, name: A, weight: heavy}", `x.yaml:1:26: thing 1: weight must be a number, got "heavy"`},
		{"float got null", "{id: a, name: A, weight: ~}", `x.yaml:1:26: thing 1: weight must be a number, got nothing`},
		{"bad id", "{id: A_b, name: A}", `x.yaml:1:6: thing 1: id "A_b" must be lowercase letters, digits, ".", "-" or "_", starting with a letter or digit`},
		{"relative url", "{id: a, name: A, home: /about}", `x.yaml:1:24: thing 1: "/about" is not an absolute http(s) URL`},
		{"ftp url", "{id: a, name: A, home: 'ftp://a.example/'}", `x.yaml:1:24: thing 1: "ftp://a.example/" is not an absolute http(s) URL`},
		{"longest id", "{id: " + strings.Repeat("a", 100) + ", name: A}", ""},
		{"id too long", "{id: " + strings.Repeat("a", 101) + ", name: A}", `x.yaml:1:6: thing 1: id "` + strings.Repeat("a", 40) + `"… is 101 characters long; an id has at most 100`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, got := decode(t, tc.src); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestAliasesResolved(t *testing.T) {
	src := "base: &b {tags: [&t x, *t], count: &n 2, weight: *n}\nuse: *b\n"
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	use := doc.Content[0].Content[3]
	if use.Kind != yaml.AliasNode || Resolve(use).Kind != yaml.MappingNode {
		t.Fatalf("Resolve(*b) is %s, want a mapping", Describe(Resolve(use)))
	}
	d := &Decoder{File: "x.yaml"}
	var tags []string
	var count int
	var weight float64
	d.Fields(use, "", map[string]func(*yaml.Node){
		"tags":   func(v *yaml.Node) { tags = d.Strs(v, "tags") },
		"count":  func(v *yaml.Node) { count, _ = d.Int(v, "count") },
		"weight": func(v *yaml.Node) { weight, _ = d.Float(v, "weight") },
	})
	if len(d.Errs) != 0 {
		t.Fatalf("errors: %v", d.Errs)
	}
	if len(tags) != 2 || tags[0] != "x" || tags[1] != "x" || count != 2 || weight != 2 {
		t.Errorf("got tags %q, count %d, weight %v; want [x x], 2, 2", tags, count, weight)
	}
}

func TestValidID(t *testing.T) {
	for s, want := range map[string]bool{
		"a": true, "gpt-4.1": true, "0x_1": true, "z9": true, "a.": true, "a-": true, "a_": true,
		"": false, "-a": false, ".a": false, "_a": false, "A": false, "a b": false, "a/b": false, "é": false,
		// The characters just outside the ranges a-z and 0-9.
		"`": false, "{": false, "/": false, ":": false, "a`": false, "a{": false, "a/": false, "a:": false,
		strings.Repeat("a", 100): true, strings.Repeat("a", 101): false,
	} {
		if got := ValidID(s); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestSyntaxError(t *testing.T) {
	for _, tc := range []struct {
		src      string
		wantLine int
		wantMsg  string
	}{
		{"a: 1\nb: [\n", 2, "did not find expected node content"},
		{"a: 1\n\tb: 2\n", 2, "found a tab character that violates indentation"},
	} {
		var doc yaml.Node
		err := yaml.Unmarshal([]byte(tc.src), &doc)
		if err == nil {
			t.Fatalf("%q parsed", tc.src)
		}
		line, msg := SyntaxError(err)
		if line != tc.wantLine || msg != tc.wantMsg {
			t.Errorf("SyntaxError(%q) = %d, %q; want %d, %q", err, line, msg, tc.wantLine, tc.wantMsg)
		}
	}
	if line, msg := SyntaxError(errors.New("yaml: something odd")); line != 0 || msg != "something odd" {
		t.Errorf("SyntaxError without a line = %d, %q; want 0, \"something odd\"", line, msg)
	}
}

func TestDescribe(t *testing.T) {
	for _, tc := range []struct {
		n    *yaml.Node
		want string
	}{
		{&yaml.Node{Kind: yaml.MappingNode}, "a mapping"},
		{&yaml.Node{Kind: yaml.SequenceNode}, "a list"},
		{&yaml.Node{Kind: yaml.AliasNode}, "an alias"},
		{&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "~"}, "nothing"},
		{&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: `say "hi"`}, `"say \"hi\""`},
		{&yaml.Node{Kind: yaml.DocumentNode}, "something else"},
	} {
		if got := Describe(tc.n); got != tc.want {
			t.Errorf("Describe(kind %v) = %s, want %s", tc.n.Kind, got, tc.want)
		}
	}
}

func TestValidDate(t *testing.T) {
	for s, want := range map[string]bool{
		"2026-06-04": true, "1000-01-01": true, "9999-12-31": true, "2024-02-29": true,
		"0999-12-31": false, "2026-02-29": false, "2026-13-01": false, "2026-6-4": false, "": false,
	} {
		if got := ValidDate(s); got != want {
			t.Errorf("ValidDate(%q) = %v, want %v", s, got, want)
		}
	}
	// Years past 9999 cannot be parsed from YYYY-MM-DD; InYearRange says so for times.
	for y, want := range map[int]bool{999: false, 1000: true, 9999: true, 10000: false} {
		if got := InYearRange(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)); got != want {
			t.Errorf("InYearRange(year %d) = %v, want %v", y, got, want)
		}
	}
}

func TestShort(t *testing.T) {
	forty := strings.Repeat("é", 40)
	for _, tc := range []struct{ in, want string }{
		{"", `""`},
		{`a"b`, `"a\"b"`},
		{forty, `"` + forty + `"`},
		{forty + "x", `"` + forty + `"…`},
	} {
		if got := Short(tc.in); got != tc.want {
			t.Errorf("Short(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestResolveDanglingAlias(t *testing.T) {
	// An alias node whose target is unknown (nil) is returned as it is.
	n := &yaml.Node{Kind: yaml.AliasNode}
	if got := Resolve(n); got != n {
		t.Errorf("Resolve(alias to nothing) = %v, want the alias itself", got)
	}
	m := &yaml.Node{Kind: yaml.MappingNode}
	if got := Resolve(m); got != m {
		t.Errorf("Resolve(mapping) = %v, want the mapping itself", got)
	}
}
