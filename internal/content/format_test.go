package content

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// chromaHTML is what chroma's own formatter, configured as this site's
// highlighting was before formatCode, writes for tokens.
func chromaHTML(t *testing.T, tokens []chroma.Token) string {
	t.Helper()
	var b strings.Builder
	f := chromahtml.New(chromahtml.WithClasses(true))
	if err := f.Format(&b, styles.Get(lightStyle), chroma.Literator(tokens...)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// sameAsChroma fails the test when formatCode writes other bytes than chroma for
// tokens.
func sameAsChroma(t *testing.T, name string, tokens []chroma.Token) {
	t.Helper()
	want := chromaHTML(t, tokens)
	got := string(formatCode(nil, chroma.Literator(tokens...)))
	if got != want {
		t.Errorf("%s: tokens %q\n got %s\nwant %s", name, tokens, got, want)
	}
}

// TestFormatCodeWrapper checks the fixed parts on their own, written out, so that
// a change of both formatters at once is seen too.
func TestFormatCodeWrapper(t *testing.T) {
	tokens := []chroma.Token{{Type: chroma.Keyword, Value: "if"}, {Type: chroma.Text, Value: " x\n"}, {Type: chroma.Punctuation, Value: "}"}}
	want := `<pre class="chroma"><code><span class="line"><span class="cl"><span class="k">if</span> x` + "\n" +
		`</span></span><span class="line"><span class="cl"><span class="p">}</span></span></span></code></pre>`
	if got := string(formatCode(nil, chroma.Literator(tokens...))); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got, want := string(formatCode([]byte("kept:"), chroma.Literator())), `kept:<pre class="chroma"><code></code></pre>`; got != want {
		t.Errorf("no tokens after a prefix: got %s, want %s", got, want)
	}
	sameAsChroma(t, "wrapper", tokens)
}

// TestFormatCodeEveryType writes a token of every type chroma knows, of types
// between them (whose class is a parent's) and of types it does not know.
func TestFormatCodeEveryType(t *testing.T) {
	var types []chroma.TokenType
	for tt := range chroma.StandardTypes {
		types = append(types, tt, tt+1, tt+37, tt+99, -tt)
	}
	types = append(types, 0, 1, 99, 100, 999, 1001, 123456, -7, -100)
	for _, tt := range types {
		sameAsChroma(t, "type "+tt.String(), []chroma.Token{{Type: tt, Value: "v<&>\"'"}, {Type: chroma.Text, Value: " "}})
	}
	// The classes themselves: a few checked against chroma's table by hand.
	for tt, want := range map[chroma.TokenType]string{
		chroma.Keyword: "k", chroma.KeywordType: "kt", chroma.NameFunction: "nf",
		chroma.LiteralStringDouble: "s2", chroma.Text: "", chroma.Error: "err",
		chroma.LiteralNumberInteger + 5: "m", chroma.Comment + 42: "c", 0: "",
	} {
		if got := classOf(tt); got != want {
			t.Errorf("classOf(%v) = %q, want %q", tt, got, want)
		}
	}
}

// TestFormatCodeEscaping checks every character html.EscapeString replaces, text
// beyond ASCII and bytes that are not UTF-8.
func TestFormatCodeEscaping(t *testing.T) {
	for _, v := range []string{"<", ">", "&", "'", "\"", "&amp;", "<<>>", "a<b>c&d'e\"f", "é世界\u2028", "\xff\xfe<\x80", "\x00\t\r", ""} {
		sameAsChroma(t, "escape "+v, []chroma.Token{{Type: chroma.LiteralString, Value: v}, {Type: chroma.Text, Value: v}})
		if got, want := string(appendEscaped([]byte("x"), v)), "x"+htmlEscape(v); got != want {
			t.Errorf("appendEscaped(%q) = %q, want %q", v, got, want)
		}
	}
}

// htmlEscape is html.EscapeString written out, for the test of appendEscaped.
func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", "\"", "&#34;").Replace(s)
}

// TestFormatCodeLines checks how tokens are split into lines: newlines inside,
// at the start and at the end of a token, blank lines, empty tokens, a last line
// without a newline, and a last line of one empty token (which chroma drops).
func TestFormatCodeLines(t *testing.T) {
	k, s, x := chroma.Keyword, chroma.LiteralString, chroma.Text
	for name, tokens := range map[string][]chroma.Token{
		"none":                 nil,
		"one newline":          {{Type: x, Value: "\n"}},
		"newlines":             {{Type: s, Value: "\n\n\n"}},
		"inside":               {{Type: s, Value: "a\nb\nc"}},
		"start and end":        {{Type: k, Value: "\nab\n"}, {Type: s, Value: "c"}},
		"no final newline":     {{Type: k, Value: "a"}, {Type: x, Value: " b"}},
		"empty tokens":         {{Type: k, Value: ""}, {Type: s, Value: "a\n"}, {Type: s, Value: ""}, {Type: x, Value: "b"}},
		"last empty":           {{Type: s, Value: "a\n"}, {Type: k, Value: ""}},
		"last empty, no class": {{Type: s, Value: "a\n"}, {Type: x, Value: ""}},
		"two last empty":       {{Type: s, Value: "a\n"}, {Type: k, Value: ""}, {Type: k, Value: ""}},
		"only empty":           {{Type: k, Value: ""}},
		"empty then text":      {{Type: s, Value: "a\n"}, {Type: k, Value: ""}, {Type: x, Value: "b"}},
		"text then empty":      {{Type: s, Value: "a\nb"}, {Type: k, Value: ""}},
		"eof in the middle":    {{Type: k, Value: "a"}, {}, {Type: k, Value: "b"}},
		"type 0 with a value":  {{Type: 0, Value: "a\n"}, {Type: k, Value: "b"}},
	} {
		sameAsChroma(t, name, tokens)
	}
}

// TestFormatCodeRandomTokens compares both formatters on random token streams.
func TestFormatCodeRandomTokens(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	var types []chroma.TokenType
	for tt := range chroma.StandardTypes {
		types = append(types, tt)
	}
	parts := []string{"", "a", "ab c", "\n", "\n\n", "<", "&", "'", "\"", ">", "é", "世", "\t", "\r", "\xff", "x\ny", "  "}
	n := 3000
	if testing.Short() {
		n = 300
	}
	for i := 0; i < n; i++ {
		tokens := make([]chroma.Token, rng.Intn(12))
		for j := range tokens {
			var v strings.Builder
			for k := rng.Intn(4); k > 0; k-- {
				v.WriteString(parts[rng.Intn(len(parts))])
			}
			tt := types[rng.Intn(len(types))]
			if rng.Intn(10) == 0 {
				tt = chroma.TokenType(rng.Intn(10000) - 20)
			}
			tokens[j] = chroma.Token{Type: tt, Value: v.String()}
		}
		sameAsChroma(t, "random", tokens)
	}
}

// TestFormatCodeLexedBlocks compares both formatters on the tokens of real code:
// the quick lexer's samples in the usual languages, the code blocks of the
// shared benchmark corpus's posts and every fenced block of the repository's
// markdown (content/, testdata/) in a language chroma knows, each lexed as
// highlight lexes it.
func TestFormatCodeLexedBlocks(t *testing.T) {
	check := func(name, lang, code string) {
		t.Helper()
		l := lexerFor(lang)
		if l == nil {
			return
		}
		it, err := l.Tokenise(nil, code)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sameAsChroma(t, name, it.Tokens())
	}
	for _, lang := range quickLanguages {
		for i, code := range quickSamples {
			check(lang+" sample "+string(rune('a'+i)), lang, code)
		}
	}
	for _, b := range corpusBlocks {
		check("corpus "+b.lang, b.lang, b.code)
	}
	blocks := 0
	eachRepoMarkdown(t, func(p string, src []byte) {
		doc := goldmark.DefaultParser().Parse(text.NewReader(src)) // without the site's transformer, which replaces the blocks
		err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if b, ok := n.(*ast.FencedCodeBlock); ok && entering {
				blocks++
				check(p, string(b.Language(src)), codeText(b, src))
			}
			return ast.WalkContinue, nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
	if blocks == 0 {
		t.Error("no fenced code block found in the repository's markdown")
	}
}

// corpusBlocks are code blocks as the shared benchmark's corpus generator
// (gen_corpus.py) writes them, one per language it uses.
var corpusBlocks = []struct{ lang, code string }{
	{"go", "package main\n\nimport (\n\t\"fmt\"\n\t\"time\"\n)\n\nfunc main() {\n\tstart := time.Now()\n\ttotal := 0\n\tfor i := 0; i < 4817; i++ {\n\t\ttotal += i * i\n\t}\n\tfmt.Printf(\"%d in %v\\n\", total, time.Since(start))\n}\n"},
	{"python", "import statistics\nimport time\n\ndef run(n=311):\n    t0 = time.perf_counter()\n    xs = [i * i for i in range(n)]\n    return statistics.median(xs), time.perf_counter() - t0\n\nif __name__ == \"__main__\":\n    print(run())\n"},
	{"bash", "#!/usr/bin/env bash\nset -euo pipefail\nfor i in $(seq 1 88); do\n  ./bench --run \"$i\" --out \"results/run-$i.json\"\ndone\njq -s 'map(.score) | add / length' results/*.json\n"},
	{"json", "{\n  \"model\": \"example-52\",\n  \"suite\": \"core\",\n  \"score\": 0.52,\n  \"runs\": 5,\n  \"hardware\": {\"cpu\": \"x86_64\", \"cores\": 16}\n}\n"},
	{"rust", "use std::time::Instant;\n\nfn main() {\n    let start = Instant::now();\n    let total: u64 = (0..9041u64).map(|i| i * i).sum();\n    println!(\"{} in {:?}\", total, start.elapsed());\n}\n"},
	{"yaml", "suite: core\nruns: 5\nseed: 7\ntargets:\n  - name: baseline\n    threads: 1\n  - name: parallel\n    threads: 8\n"},
}
