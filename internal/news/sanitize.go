package news

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// summaryPolicy is the one bluemonday policy for feed HTML: the text-level and block
// elements of a blog summary, links to http(s) only, and nothing that can run, style,
// embed or load anything (no script, style, iframe, img, form, event handler, class or
// style attribute). Built once: a Policy is safe for concurrent use once built.
var summaryPolicy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "em", "strong", "b", "i", "u", "s", "del", "ins",
		"sub", "sup", "small", "ul", "ol", "li", "blockquote", "q", "code", "pre",
		"kbd", "samp", "hr", "dl", "dt", "dd", "abbr", "cite",
		"h2", "h3", "h4", "h5", "h6")
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https")
	p.AllowRelativeURLs(false)
	p.RequireParseableURLs(true)
	p.RequireNoFollowOnLinks(true)
	return p
}()

// SanitizeHTML returns html with everything removed that could run code, load
// something or change the page around it: only plain formatting elements and
// http(s) links survive, and every link gets rel="nofollow noopener".
func SanitizeHTML(s string) string {
	out := summaryPolicy.Sanitize(s)
	// bluemonday adds noopener only together with target="_blank", which we do not
	// want. Its output escapes quotes in text, so this pattern occurs only as the
	// rel attribute it wrote itself.
	out = strings.ReplaceAll(out, `rel="nofollow"`, `rel="nofollow noopener"`)
	return strings.TrimSpace(out)
}

// skipContent are the elements whose text is not text a reader sees.
var skipContent = map[string]bool{
	"script": true, "style": true, "iframe": true, "noscript": true, "object": true,
	"template": true, "svg": true, "math": true, "title": true, "textarea": true,
	"select": true, "frameset": true, "noembed": true, "noframes": true,
}

// PlainText returns the text a reader would see in the HTML fragment s: tags removed
// (with the content of script, style and the like), entities decoded, and runs of
// white space collapsed to one space. Text that still looks like markup after
// decoding (from double-escaped feeds, "&amp;lt;script&amp;gt;") is stripped again,
// so no tag-like text survives.
func PlainText(s string) string {
	for range 3 {
		s = stripTags(s)
		if !looksLikeMarkup(s) {
			return s
		}
	}
	// Still markup after three rounds: defuse what is left rather than loop on.
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '<' && i+1 < len(s) && startsTag(s[i+1]) {
			b.WriteString("‹")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// stripTags is one round of PlainText: the text tokens of s, outside skipped
// elements, with white space collapsed.
func stripTags(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0 // depth inside skipped elements
	space := false
	write := func(text string) {
		for _, r := range text {
			if unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError {
				space = b.Len() > 0
				continue
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				write(string(z.Text()))
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			if skipContent[string(name)] {
				skip++
				// The tokenizer treats the content of script, style and the like as
				// raw text; one text token follows, then the end tag.
			}
			if blockLike[string(name)] {
				space = b.Len() > 0
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if skipContent[string(name)] && skip > 0 {
				skip--
			}
			if blockLike[string(name)] {
				space = b.Len() > 0
			}
		case html.SelfClosingTagToken:
			name, _ := z.TagName()
			if blockLike[string(name)] {
				space = b.Len() > 0
			}
		}
	}
}

// blockLike are the elements that separate words, so that "<p>a</p><p>b</p>"
// reads "a b".
var blockLike = map[string]bool{
	"p": true, "br": true, "div": true, "li": true, "ul": true, "ol": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"blockquote": true, "pre": true, "tr": true, "td": true, "th": true, "hr": true,
	"dt": true, "dd": true, "section": true, "article": true, "figure": true,
	"figcaption": true, "table": true,
}

// looksLikeMarkup reports whether s holds a "<" that starts a tag, comment or
// declaration.
func looksLikeMarkup(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '<' && startsTag(s[i+1]) {
			return true
		}
	}
	return false
}

// startsTag reports whether c, after a "<", makes it the start of markup.
func startsTag(c byte) bool {
	return c == '/' || c == '!' || c == '?' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// truncate cuts s to at most n runes at a word boundary when one is near, adding
// an ellipsis when it cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if n == 0 {
			cut = i
			break
		}
		n--
	}
	head := s[:cut]
	if sp := strings.LastIndexByte(head, ' '); sp > len(head)*3/4 {
		head = head[:sp]
	}
	return strings.TrimRight(head, " ") + "…"
}
