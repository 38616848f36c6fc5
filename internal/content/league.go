package content

import (
	"bytes"
	"html"
	"strings"

	"github.com/ai-league/ai-league/internal/diag"
	"github.com/yuin/goldmark/ast"
)

// directiveArgs is how many arguments each directive of a ```league block
// takes, and what they are.
var directiveArgs = map[string]struct {
	n    int
	what string
}{
	"standings": {1, "a table id, e.g. standings laptop"},
	"h2h":       {2, "two model ids, e.g. h2h gemma-4-12b qwen3.5-9b"},
}

// leagueHTML renders every directive of one ```league block through
// st.embed, and reports each bad directive or failed embed at its line.
func leagueHTML(b *ast.FencedCodeBlock, src []byte, st *renderState) string {
	var out strings.Builder
	directives := 0
	lines := b.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		fields := strings.Fields(string(seg.Value(src)))
		if len(fields) == 0 {
			continue
		}
		directives++
		line := st.lineOffset + lineOf(src, seg.Start)
		kind, args := fields[0], fields[1:]
		spec, ok := directiveArgs[kind]
		if !ok {
			st.errs.Add(st.file, line, 1, "league block: unknown directive %q%s (want standings or h2h)",
				kind, diag.DidYouMean(kind, []string{"h2h", "standings"}))
			continue
		}
		if len(args) != spec.n {
			st.errs.Add(st.file, line, 1, "league block: %s takes %s; got %d argument%s",
				kind, spec.what, len(args), plural(len(args)))
			continue
		}
		if st.embed == nil {
			out.WriteString(`<div class="league-embed" data-kind="` + kind + `">` +
				html.EscapeString(strings.Join(fields, " ")) + "</div>\n")
			continue
		}
		h, err := st.embed(kind, args, st.date)
		if err != nil {
			st.errs.Add(st.file, line, 1, "league block: %v", err)
			continue
		}
		out.WriteString(h)
	}
	if directives == 0 {
		line := 0
		if pos := b.Pos(); pos >= 0 {
			line = st.lineOffset + lineOf(src, pos)
		}
		st.errs.Add(st.file, line, 1, "league block: empty; write one directive a line: standings <table> or h2h <model> <model>")
	}
	return out.String()
}

// lineOf is the 1-based line of byte offset off in src.
func lineOf(src []byte, off int) int {
	off = min(max(off, 0), len(src))
	return bytes.Count(src[:off], []byte("\n")) + 1
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
