package content

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// quickSamples exercise what a lexer does: keywords, strings across lines,
// comments, numbers, nested states, characters no rule matches, text beyond
// ASCII, CRLF and lone CR line ends, and a missing final newline.
var quickSamples = []string{
	"package main\n\nimport \"fmt\"\n\n// Sum adds.\nfunc main() {\n\tx := 0x1F + 3.5e-2 // note\n\ts := `raw\nstring`\n\tfmt.Println(\"héllo, 世界\", x, s, 'a')\n}\n",
	"def f(x: int) -> str:\n    \"\"\"Doc\n    string.\"\"\"\n    return f\"{x!r:>10}\" + 'é' # comment\n\n@decorator\nclass A(B):\n    pass\n",
	"#!/bin/bash\nset -euo pipefail\nfor f in *.md; do\n  echo \"${f%.md}: $(wc -l < \"$f\")\" >> out.txt\ndone\ncat <<EOF\nheredoc $HOME\nEOF\n",
	"{\n  \"name\": \"ai-league\",\n  \"n\": -12.5e+3,\n  \"ok\": true,\n  \"list\": [null, \"é\\u00e9\"]\n}",
	"# comment\nkey: value\nlist:\n  - a\n  - \"b\"\nblock: |\n  line one\n  line two\nanchor: &a {x: 1}\n",
	"use std::time::Instant;\n\n/// Doc.\nfn main() {\n    let start = Instant::now();\n    let total: u64 = (0..85855u64).map(|i| i * i).sum();\n    println!(\"{} in {:?}\", total, start.elapsed());\n}\n",
	"SELECT a, COUNT(*) AS n FROM t WHERE b = 'x''y' -- comment\nGROUP BY a;\r\n/* block\r\ncomment */\rINSERT INTO t VALUES (1);",
	"<!doctype html>\n<html><head><style>p{color:red}</style><script>let x = 1 < 2;</script></head>\n<body class=\"a\">é &amp; ™</body></html>",
	"const f = async (a, b = {}) => { return `t ${a + b}` }; /re[gex]+/g.test(x) // c\n",
	"int main(void) {\n#ifdef X\n  printf(\"%d\\n\", 42u);\n#endif\n  return 0; /* c */\n}",
	"\x00\x01 ¿§ \u2028 unmatched ✓ @@@ \\\\ ```",
	"",
}

// quickLanguages are the languages TestQuickLexerTokens runs: the usual ones of
// posts about models and their tooling.
var quickLanguages = []string{
	"go", "python", "bash", "json", "yaml", "rust", "javascript", "typescript", "html",
	"css", "c", "cpp", "java", "sql", "toml", "diff", "docker", "makefile", "ruby", "php",
	"kotlin", "swift", "csharp", "lua", "haskell", "ini", "xml", "powershell", "r", "scala",
}

// TestQuickLexerTokens checks that the quick lexer gives chroma's own tokens.
func TestQuickLexerTokens(t *testing.T) {
	for _, lang := range quickLanguages {
		l := lexers.Get(lang)
		if l == nil {
			t.Fatalf("%s: chroma has no lexer", lang)
		}
		q := newQuickLexer(l)
		if q == nil {
			t.Errorf("%s: no quick lexer for %T", lang, l)
			continue
		}
		for i, text := range quickSamples {
			want, err := chroma.Tokenise(chroma.Coalesce(l), nil, text)
			if err != nil {
				t.Fatalf("%s, sample %d: chroma: %v", lang, i, err)
			}
			got, err := chroma.Tokenise(chroma.Coalesce(q), nil, text)
			if err != nil {
				t.Fatalf("%s, sample %d: %v", lang, i, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, sample %d: tokens differ from chroma's:\n got %v\nwant %v", lang, i, got, want)
			}
		}
	}
}

// TestQuickLexerOptions checks that options other than chroma's defaults go to
// chroma itself.
func TestQuickLexerOptions(t *testing.T) {
	q := newQuickLexer(lexers.Get("go"))
	opts := &chroma.TokeniseOptions{State: "root", Nested: true}
	got, err := chroma.Tokenise(q, opts, "x := 1")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := chroma.Tokenise(lexers.Get("go"), opts, "x := 1")
	if !reflect.DeepEqual(got, want) || len(got) == 0 || strings.HasSuffix(got[len(got)-1].Value, "\n") {
		t.Errorf("nested tokens = %v, want chroma's %v (no newline added)", got, want)
	}
	// Without EnsureLF, chroma keeps the "\r" of "\r\n".
	opts = &chroma.TokeniseOptions{State: "root"}
	got, err = chroma.Tokenise(q, opts, "x := 1\r\ny := 2\r\n")
	if err != nil {
		t.Fatal(err)
	}
	want, _ = chroma.Tokenise(lexers.Get("go"), opts, "x := 1\r\ny := 2\r\n")
	if !reflect.DeepEqual(got, want) || !strings.Contains(fmt.Sprint(got), "\r") {
		t.Errorf("tokens without EnsureLF = %q, want chroma's %q (with the \\r)", got, want)
	}
}

// TestEnsureLF checks line ends made "\n" anywhere in the text.
func TestEnsureLF(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "x": "x", "\r": "\n", "\rx": "\nx", "\r\nx\r\n": "\nx\n", "a\r\r\nb\rc\n": "a\n\nb\nc\n",
	} {
		if got := ensureLF(in); got != want {
			t.Errorf("ensureLF(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestQuickLexerRefusesOthers checks that lexers that are not plain rule lexers
// are left to chroma.
func TestQuickLexerRefusesOthers(t *testing.T) {
	for _, lang := range []string{"markdown", "erb", "go-html-template"} {
		if q := newQuickLexer(lexers.Get(lang)); q != nil {
			t.Errorf("%s: got a quick lexer for %T", lang, lexers.Get(lang))
		}
	}
	if newQuickLexer(chroma.Coalesce(lexers.Get("go"))) != nil {
		t.Error("a coalesced lexer got a quick lexer")
	}
}

// TestQuickLexerNamedGroups checks a lexer whose mutators read the named groups of
// a match (Raku's quoting constructs).
func TestQuickLexerNamedGroups(t *testing.T) {
	l := lexers.Get("raku")
	q := newQuickLexer(l)
	if q == nil {
		t.Fatalf("no quick lexer for %T", l)
	}
	// The last two lines: a method call inside an interpolating string (a rule whose
	// emitter reads the named groups while its mutator is a plain Push) and an
	// embedded comment (a plain token type whose mutator reads them).
	text := "my $s = Q:to/END/;\nhello\nEND\nsay q{a {b} c} ~ qq:w[x y];\n=begin pod\ntext\n=end pod\nsay \"got $obj.name() here\";\nmy $x = #`{ embedded } 1;\n"
	want, err := chroma.Tokenise(chroma.Coalesce(l), nil, text)
	if err != nil {
		t.Fatal(err)
	}
	got, err := chroma.Tokenise(chroma.Coalesce(q), nil, text)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokens differ from chroma's:\n got %v\nwant %v", got, want)
	}
}

// unexported reads a field only when it is there with the type asked for.
func TestUnexported(t *testing.T) {
	v := reflect.ValueOf(&struct {
		a string
		n int
	}{"x", 7}).Elem()
	if got, ok := unexported[int](v, "n"); !ok || got != 7 {
		t.Errorf("n: %v, %v; want 7, true", got, ok)
	}
	if got, ok := unexported[string](v, "a"); !ok || got != "x" {
		t.Errorf("a: %q, %v; want \"x\", true", got, ok)
	}
	if got, ok := unexported[int](v, "a"); ok || got != 0 {
		t.Errorf("a as an int: %v, %v; want 0, false", got, ok)
	}
	if got, ok := unexported[int](v, "missing"); ok || got != 0 {
		t.Errorf("missing: %v, %v; want 0, false", got, ok)
	}
}

// TestQuickLexerEdges runs a lexer made for the paths real lexers seldom take, and
// compares the quick lexer's tokens with chroma's: an Ignore token before others at
// the end of the text, a rule of the Ignore type (its tokens dropped), the root
// state popped (the rest is one error token), an
// unmatched newline in another state (back to root), a state with no rules, and
// mutators that change the rules of a state while lexing (the state's filter no
// longer fits them): fewer rules from the same array, the same number in another
// array, a state the lexer did not have.
func TestQuickLexerEdges(t *testing.T) {
	setRules := func(change func(m chroma.CompiledRules)) chroma.Mutator {
		return chroma.MutatorFunc(func(s *chroma.LexerState) error {
			m := chroma.CompiledRules{}
			for k, v := range s.Rules {
				m[k] = v
			}
			change(m)
			s.Rules = m
			return nil
		})
	}
	l := chroma.MustNewLexer(&chroma.Config{Name: "edges"}, func() chroma.Rules {
		return chroma.Rules{
			"root": {
				{Pattern: `(a)(b)`, Type: chroma.ByGroups(chroma.Ignore, chroma.Keyword)},
				{Pattern: `<`, Type: chroma.Punctuation, Mutator: chroma.Push("inner")},
				{Pattern: `!`, Type: chroma.Keyword, Mutator: chroma.Pop(1)},
				{Pattern: `~`, Type: chroma.Punctuation, Mutator: chroma.Push("void")},
				{Pattern: `\^`, Type: chroma.Operator, Mutator: setRules(func(m chroma.CompiledRules) { m["root"] = m["root"][:4] })},
				{Pattern: `%`, Type: chroma.Operator, Mutator: setRules(func(m chroma.CompiledRules) {
					r := m["root"]
					rev := make([]*chroma.CompiledRule, len(r))
					for i := range r {
						rev[i] = r[len(r)-1-i]
					}
					m["root"] = rev
				})},
				{Pattern: `&`, Type: chroma.Operator, Mutator: chroma.Mutators(
					setRules(func(m chroma.CompiledRules) { m["extra"] = m["inner"] }), chroma.Push("extra"))},
				{Pattern: `\d+`, Type: chroma.Number},
				{Pattern: `[a-z]+`, Type: chroma.Name},
				{Pattern: `\s+`, Type: chroma.Text},
				{Pattern: `\$+`, Type: chroma.Ignore},
			},
			"inner": {
				{Pattern: `[a-z]+`, Type: chroma.String},
				{Pattern: `>`, Type: chroma.Punctuation, Mutator: chroma.Pop(1)},
			},
			"void": {},
		}
	})
	q := newQuickLexer(l)
	if q == nil {
		t.Fatal("no quick lexer")
	}
	for _, text := range []string{
		"x ab", "ab ab\n", "<cd\nef 12", "<cd>ab", "xy!rest of it", "x ~yz\nab", "x ^ 12 ab x", "x % ab 12 x", "& cd>x 1", "x $$ ab$",
	} {
		want, err := chroma.Tokenise(l, nil, text)
		if err != nil {
			t.Fatal(err)
		}
		got, err := chroma.Tokenise(q, nil, text)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: tokens differ from chroma's:\n got %v\nwant %v", text, got, want)
		}
	}
}

// TestTokenGroups checks which emitters the quick lexer splits itself: chroma's
// ByGroups of token types (a nil among them emitting nothing), no other.
func TestTokenGroups(t *testing.T) {
	k, s := chroma.Keyword, chroma.LiteralString
	if got := tokenGroups(chroma.ByGroups(k, nil, s)); !reflect.DeepEqual(got, []chroma.Emitter{k, nil, s}) {
		t.Errorf("ByGroups(k, nil, s): got %v", got)
	}
	for name, e := range map[string]chroma.Emitter{
		"token type":       k,
		"empty ByGroups":   chroma.ByGroups(),
		"ByGroups, using":  chroma.ByGroups(k, chroma.UsingSelf("root")),
		"nested ByGroups":  chroma.ByGroups(chroma.ByGroups(k)),
		"ByGroupNames":     chroma.ByGroupNames(map[string]chroma.Emitter{"a": k}),
		"an emitter func":  chroma.EmitterFunc(func([]string, *chroma.LexerState) chroma.Iterator { return nil }),
		"using":            chroma.Using("go"),
		"no emitter (nil)": nil,
	} {
		if got := tokenGroups(e); got != nil {
			t.Errorf("%s: got %v, want nil", name, got)
		}
	}
}

// TestQuickLexerByGroups runs a lexer of ByGroups rules, of token types with a
// group that emits nothing, an ignored group and an empty group, and of a token type
// with another emitter, against chroma.
func TestQuickLexerByGroups(t *testing.T) {
	l := chroma.MustNewLexer(&chroma.Config{Name: "bygroups"}, func() chroma.Rules {
		return chroma.Rules{"root": {
			{Pattern: `(if)(\s*)(\()`, Type: chroma.ByGroups(chroma.Keyword, nil, chroma.Punctuation)},
			{Pattern: `(")([^"]*)(")`, Type: chroma.ByGroups(chroma.Punctuation, chroma.Ignore, chroma.Punctuation)},
			{Pattern: `(x)(y?)`, Type: chroma.ByGroups(chroma.Name, chroma.NameBuiltin)},
			{Pattern: `(f)(\w+)`, Type: chroma.ByGroups(chroma.Keyword, chroma.UsingSelf("root"))},
			{Pattern: `\s+`, Type: chroma.Text},
			{Pattern: `\w`, Type: chroma.Name},
			{Pattern: `.`, Type: chroma.Punctuation},
		}}
	})
	q := newQuickLexer(l)
	if q == nil {
		t.Fatal("no quick lexer")
	}
	for _, name := range []string{"root"} {
		if f := q.states[name]; f == nil || f.split[0] == nil || f.split[3] != nil || f.quick[0] == nil {
			t.Fatalf("state %s: the first rule should be split and matched natively, the fourth not split", name)
		}
	}
	for _, text := range []string{"if (a)", "if(\"skip\" x xy x\"\")", "fif if  (  \"", "é if\n(", ""} {
		want, err := chroma.Tokenise(l, nil, text)
		if err != nil {
			t.Fatal(err)
		}
		got, err := chroma.Tokenise(q, nil, text)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: tokens differ from chroma's:\n got %v\nwant %v", text, got, want)
		}
	}
}
