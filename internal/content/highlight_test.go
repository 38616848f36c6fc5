package content

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2/lexers"
)

func TestHighlightCSS(t *testing.T) {
	tests := []struct {
		style   string
		want    string // a substring
		wantErr string
	}{
		{style: "github", want: ".chroma .kd {"},
		{style: "github-dark", want: ".chroma .kd {"},
		{style: "githb", wantErr: `highlight css: unknown chroma style "githb"`},
	}
	for _, tt := range tests {
		t.Run(tt.style, func(t *testing.T) {
			css, err := HighlightCSS(tt.style)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(css, tt.want) || strings.Contains(css, ".bg {") {
				t.Errorf("css lacks %q or holds the bare .bg rule:\n%s", tt.want, css)
			}
		})
	}
}

func TestHighlightStylesheet(t *testing.T) {
	css := HighlightStylesheet()
	light, _ := HighlightCSS("github")
	dark, _ := HighlightCSS("github-dark")
	i := strings.Index(css, "@media (prefers-color-scheme: dark) {\n")
	if i < 0 || !strings.HasPrefix(css[strings.Index(css, "\n")+1:], light) || !strings.HasSuffix(css, "}\n") {
		t.Fatalf("stylesheet layout wrong:\n%s", css)
	}
	firstDark := strings.SplitN(dark, "\n", 2)[0]
	if !strings.Contains(css[i:], "  "+firstDark+"\n") {
		t.Errorf("dark rules not indented inside the media query:\n%s", css[i:])
	}
	if css != HighlightStylesheet() {
		t.Error("stylesheet is not deterministic")
	}
}

// Chroma gives each match of a lexer's rules 250 ms of wall-clock time and takes a
// match that runs out as no match: on a busy machine the same code came out with
// "err" tokens in one build and not in the next. The lexers used have no limit.
func TestLexersHaveNoMatchTimeout(t *testing.T) {
	for _, lang := range []string{"go", "python", "bash", "json", "rust", "yaml"} {
		if lexerFor(lang) == nil {
			t.Fatalf("no lexer for %s", lang)
		}
		rules := compiledRules(lexers.Get(lang))
		if len(rules) == 0 {
			t.Fatalf("%s: no compiled rules found", lang)
		}
		for _, r := range rules {
			if r.Regexp != nil && r.Regexp.MatchTimeout != time.Duration(math.MaxInt64) {
				t.Fatalf("%s: rule %q has a match timeout of %v", lang, r.Pattern, r.Regexp.MatchTimeout)
			}
		}
	}
}
