package content

import (
	"fmt"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// The chroma styles of highlighted code: light by default, dark when the
// reader's system prefers it.
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

// HighlightCSS returns the CSS of the chroma style named style (e.g. "github",
// "github-dark") for the class names that highlighted code blocks carry
// (<pre class="chroma">…). An unknown style is an error.
func HighlightCSS(style string) (string, error) {
	s, ok := styles.Registry[style]
	if !ok {
		return "", fmt.Errorf("highlight css: unknown chroma style %q", style)
	}
	var b strings.Builder
	if err := chromahtml.New(chromahtml.WithClasses(true)).WriteCSS(&b, s); err != nil {
		return "", fmt.Errorf("highlight css: style %q: %w", style, err)
	}
	// Drop the bare ".bg" rule: a class that generic would style the site's
	// own elements; the ".chroma" rule carries the same background.
	var out strings.Builder
	for _, line := range strings.SplitAfter(b.String(), "\n") {
		if !strings.Contains(line, "*/ .bg {") {
			out.WriteString(line)
		}
	}
	return out.String(), nil
}

// HighlightStylesheet returns the CSS a stylesheet needs for highlighted code:
// the light "github" style, then "github-dark" inside
// @media (prefers-color-scheme: dark).
func HighlightStylesheet() string {
	light, err := HighlightCSS(lightStyle)
	if err != nil {
		panic(err) // both styles are compiled into chroma
	}
	dark, err := HighlightCSS(darkStyle)
	if err != nil {
		panic(err)
	}
	var b strings.Builder
	b.WriteString("/* code highlighting: chroma " + lightStyle + " */\n")
	b.WriteString(light)
	b.WriteString("/* code highlighting: chroma " + darkStyle + " */\n")
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	for _, line := range strings.SplitAfter(dark, "\n") {
		if line != "" {
			b.WriteString("  " + line)
		}
	}
	b.WriteString("}\n")
	return b.String()
}
