package content

import (
	"bytes"
	"html"
	"strings"
	"sync"

	"github.com/ai-league/ai-league/internal/cache"
	"github.com/ai-league/ai-league/internal/diag"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	goldhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdown is the one goldmark instance, configured once for the package and
// safe for concurrent use. What differs per file (slug, date, embedder, base
// path, where errors go) travels in the parser.Context as a *renderState, so
// the instance itself never changes. Raw HTML stays escaped: WithUnsafe is
// not set.
var markdown = goldmark.New(
	goldmark.WithExtensions(
		// GFM: autolinks, tables, strikethrough, task lists. A table cell's alignment
		// becomes a class (see siteTransformer), not goldmark's style attribute, which
		// the pages' Content-Security-Policy (style-src 'self') would block.
		quickLinkify{},
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
		extension.Strikethrough,
		extension.TaskList,
		extension.NewFootnote(
			// Footnote ids are prefixed with the file's slug: otherwise two posts
			// shown on one page (the home page, a tag page) would both hold "fn:1".
			extension.WithFootnoteIDPrefixFunction(footnotePrefix),
		),
		extension.Typographer,
		highlighting.NewHighlighting(
			highlighting.WithStyle(lightStyle),
			highlighting.WithGuessLanguage(false),
			highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
		),
		siteExtension{},
	),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	goldmark.WithRendererOptions(goldhtml.WithWriter(siteWriter)),
)

// siteWriter is the text writer of the markdown instance and of the site's renderers.
var siteWriter = &textWriter{goldhtml.DefaultWriter}

// textWriter writes text as goldmark's default writer does, with less work for the
// usual text. goldmark's writer looks at each byte of a text for a backslash escape
// or an entity reference, and escapes byte by byte; a text without '\\' or '&' has
// nothing to resolve, and its escaping (", <, > and NUL as U+FFFD, as goldmark's
// Write and RawWrite both do) is written here a stretch at a time. Texts with those
// bytes, and SecureWrite, go to goldmark's writer.
type textWriter struct {
	goldhtml.Writer // goldmark's default writer
}

// Write writes source with references resolved and backslash escapes removed.
func (t *textWriter) Write(w util.BufWriter, source []byte) {
	if bytes.IndexByte(source, '\\') >= 0 || bytes.IndexByte(source, '&') >= 0 {
		t.Writer.Write(w, source)
		return
	}
	t.RawWrite(w, source)
}

// RawWrite writes source escaped for HTML, as goldmark's writer does (", &, <, >,
// and NUL as U+FFFD).
func (*textWriter) RawWrite(w util.BufWriter, source []byte) {
	n := 0
	for i, c := range source {
		if escapeByte[c] {
			_, _ = w.Write(source[n:i])
			_, _ = w.WriteString(htmlEscapes[c])
			n = i + 1
		}
	}
	_, _ = w.Write(source[n:])
}

// htmlEscapes is what goldmark's writers write for each byte they escape.
var htmlEscapes = [256]string{0: "\ufffd", '"': "&quot;", '&': "&amp;", '<': "&lt;", '>': "&gt;"}

// escapeByte says which bytes htmlEscapes escapes: a byte is cheaper to test than
// the length of a string.
var escapeByte = func() (t [256]bool) {
	for c, e := range htmlEscapes {
		t[c] = e != ""
	}
	return t
}()

// quickLinkify is goldmark's Linkify (extension.Linkify, its default options) with
// a cheaper first look: goldmark runs the linkify parser at every space, line start
// and "*_~(" of the text, and the parser looks for an address there each time.
// linkifyFilter answers "no link here" at once where the parser would find none:
// when what follows neither begins with "http:", "https:", "ftp:" or "www." nor
// holds an "@" within the 65 bytes an email's local part and its "@" may take
// (util.FindEmailIndex). Everywhere else goldmark's parser decides, so the
// document is the one Linkify makes.
type quickLinkify struct{}

// Extend registers the filtered linkify parser where Linkify registers its own.
func (quickLinkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(&linkifyFilter{extension.NewLinkifyParser()}, 999)))
}

// linkifyFilter is the inline parser of quickLinkify.
type linkifyFilter struct {
	parser.InlineParser // goldmark's linkify parser
}

// Parse returns nil where goldmark's linkify parser would find no link, and what
// that parser returns elsewhere. Where an "@" may be is looked up in the document's
// atScan rather than in the 65 bytes after each space.
func (f *linkifyFilter) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	// goldmark calls an inline parser at a character of a line it peeked, so the
	// line is the source from the reader's position to the end of its segment, what
	// block.PeekLine gives, here without PeekLine's call to copy-aware Value.
	_, seg := block.Position()
	if seg.Padding != 0 || seg.Start >= seg.Stop {
		// Not bytes of the source as they are (a tab partly taken as indentation; not
		// seen in inline text, whose lines goldmark trims), or no line: goldmark's
		// parser decides.
		return f.InlineParser.Parse(parent, block, pc)
	}
	src := block.Source()
	line := src[seg.Start:seg.Stop]
	skip := 0
	switch line[0] {
	case ' ', '*', '_', '~', '(':
		skip = 1
	}
	rest := line[skip:]
	if len(rest) > 0 {
		switch rest[0] {
		case 'h', 'f', 'w':
			if bytes.HasPrefix(rest, []byte("http:")) || bytes.HasPrefix(rest, []byte("https:")) ||
				bytes.HasPrefix(rest, []byte("ftp:")) || bytes.HasPrefix(rest, []byte("www.")) {
				return f.InlineParser.Parse(parent, block, pc)
			}
		}
	}
	from := seg.Start + skip
	if nextAt(pc, src, from) >= from+min(len(rest), 65) {
		return nil
	}
	return f.InlineParser.Parse(parent, block, pc)
}

// atScan is where the last "@" lookup of a document's linkify filter found one.
type atScan struct {
	src      []byte // the document the lookup was in
	from, at int    // the first "@" of src at or after from is at (len(src) when none)
}

var atKey = parser.NewContextKey()

// nextAt returns the index of the first "@" of src at or after pos (len(src) when
// there is none). It looks again only when pos is past the "@" found last, or
// before where that lookup began: a document with no "@" is looked through once.
func nextAt(pc parser.Context, src []byte, pos int) int {
	s, _ := pc.Get(atKey).(*atScan)
	if s == nil {
		s = &atScan{}
		pc.Set(atKey, s)
	}
	if s.src == nil || len(s.src) != len(src) || &s.src[0] != &src[0] || pos < s.from || pos > s.at {
		s.src, s.from, s.at = src, pos, len(src)
		if i := bytes.IndexByte(src[pos:], '@'); i >= 0 {
			s.at = pos + i
		}
	}
	return s.at
}

// renderState is what one file's conversion needs to know and where its
// problems go.
type renderState struct {
	file       string
	slug       string
	date       string // the post's date, "" on a page
	lineOffset int    // lines before the body in the file (front matter)
	embed      Embedder
	base       string // "/" or "/repo/"
	errs       *diag.List
	cache      *cache.Cache // nil: no build cache

	embedded bool // set by the transformer: the body has ```league blocks
}

var stateKey = parser.NewContextKey()

// metaSlug is the Document meta key holding the file's slug for footnote ids.
const metaSlug = "content-slug"

// render converts one body. Problems are added to st.errs; the HTML is still
// returned so that every problem of the file is found in one pass.
//
// A body is kept in the build cache under its bytes, slug (footnote ids) and base
// path (links), unless it embeds league data (which changes with the results, not
// with the body) or had problems: so an unchanged post costs a hash and a read.
func render(body []byte, st renderState) (html string, embedded bool) {
	if st.cache == nil {
		return convert(body, &st), st.embedded
	}
	key := cache.NewKey("body", []byte(st.slug), []byte(st.base), body)
	if b, ok := st.cache.Get(key); ok {
		return string(b), false
	}
	before := len(*st.errs)
	html = convert(body, &st)
	if !st.embedded && len(*st.errs) == before {
		_ = st.cache.Put(key, []byte(html))
	}
	return html, st.embedded
}

// convert runs goldmark over one body.
func convert(body []byte, st *renderState) string {
	pc := parser.NewContext()
	pc.Set(stateKey, st)
	doc := markdown.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	buf := htmlBufs.Get().(*htmlBuf)
	defer htmlBufs.Put(buf)
	buf.Reset()
	if err := markdown.Renderer().Render(buf, body, doc); err != nil {
		st.errs.Add(st.file, 0, 0, "render markdown: %v", err)
	}
	return buf.String()
}

// htmlBufs are the buffers convert renders into: the HTML is copied out into a
// string of its size, and the buffer, grown once to the longest post, serves the
// next (a buffer of its own per post grew from nothing each time, through
// doublings that allocated twice the HTML).
var htmlBufs = sync.Pool{New: func() any { return new(htmlBuf) }}

// htmlBuf is a bytes.Buffer that goldmark's renderer writes into directly: it is a
// util.BufWriter, so the renderer does not put a bufio.Writer of its own (4 KiB per
// post) in front of it and copy the whole HTML through that.
type htmlBuf struct{ bytes.Buffer }

// Buffered is 0: nothing waits to be flushed.
func (*htmlBuf) Buffered() int { return 0 }

// Flush does nothing: every write is already in the buffer.
func (*htmlBuf) Flush() error { return nil }

// footnotePrefix gives "<slug>-" for footnote ids.
func footnotePrefix(n ast.Node) []byte {
	doc, ok := n.(*ast.Document)
	if !ok {
		doc = n.OwnerDocument()
	}
	if doc == nil {
		return nil
	}
	if s, ok := doc.Meta()[metaSlug].(string); ok && s != "" {
		return []byte(s + "-")
	}
	return nil
}

// alignClass is the class attribute of a table cell of each alignment, made once:
// the renderer only reads it.
var alignClass = map[east.Alignment]string{
	east.AlignLeft:   ` class="align-` + east.AlignLeft.String() + `"`,
	east.AlignRight:  ` class="align-` + east.AlignRight.String() + `"`,
	east.AlignCenter: ` class="align-` + east.AlignCenter.String() + `"`,
}

// siteExtension adds what this site needs on top of GFM: league blocks,
// heading self-links and base-path-aware links.
type siteExtension struct{}

// Extend registers the transformer and the renderers of the extension.
func (siteExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(siteTransformer{}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(siteRenderer{}, 100)))
}

// siteTransformer rewrites the parsed document of one file.
type siteTransformer struct{}

// Transform replaces ```league blocks by their embedded HTML, appends a
// self-link to each heading, and prefixes root-relative links with the base path.
func (siteTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*renderState)
	if st == nil {
		st = &renderState{base: "/", errs: &diag.List{}}
	}
	doc.AddMeta(metaSlug, st.slug)
	src := reader.Source()

	var found siteNodes
	found.visit(doc, src, st.base)
	leagues, code, headings := found.leagues, found.code, found.headings
	st.embedded = len(leagues) > 0
	for _, b := range leagues {
		embed := &leagueEmbed{HTML: leagueHTML(b, src, st)}
		b.Parent().ReplaceChild(b.Parent(), b, embed)
	}
	for _, b := range code {
		lang, ok := highlightable(b, src)
		if !ok {
			continue
		}
		if h, ok := highlight(st.cache, lang, codeText(b, src)); ok {
			b.Parent().ReplaceChild(b.Parent(), b, &highlightedCode{HTML: h})
		}
	}
	for _, h := range headings {
		id, ok := h.AttributeString("id")
		if !ok {
			continue
		}
		idb, _ := id.([]byte)
		if len(idb) == 0 {
			continue
		}
		h.AppendChild(h, &headingAnchor{ID: string(idb), Label: plainText(h, src)})
	}
}

// siteNodes are the nodes of a document the transformer rewrites, in document order.
type siteNodes struct {
	leagues, code []*ast.FencedCodeBlock // ```league blocks; other fenced code blocks
	headings      []*ast.Heading
}

// visit collects the fenced code blocks and headings of n and its descendants, and
// prefixes root-relative link and image destinations with base: ast.Walk's order,
// without its two calls of a function per node.
func (f *siteNodes) visit(n ast.Node, src []byte, base string) {
	switch n := n.(type) {
	case *ast.FencedCodeBlock:
		if string(n.Language(src)) == "league" {
			f.leagues = append(f.leagues, n)
		} else {
			f.code = append(f.code, n)
		}
	case *ast.Heading:
		f.headings = append(f.headings, n)
	case *ast.Link:
		n.Destination = withBase(n.Destination, base)
	case *ast.Image:
		n.Destination = withBase(n.Destination, base)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		f.visit(c, src, base)
	}
}

// withBase prefixes a root-relative destination ("/x", not "//host/x") with base.
func withBase(dest []byte, base string) []byte {
	if base == "/" || len(dest) == 0 || dest[0] != '/' || bytes.HasPrefix(dest, []byte("//")) {
		return dest
	}
	return append([]byte(base), dest[1:]...)
}

// plainText is the text of a heading without markup, for its anchor's label.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			// Typographer output such as "&rsquo;" is an entity: decode it.
			b.WriteString(html.UnescapeString(string(c.Value)))
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// kindLeagueEmbed and kindHeadingAnchor are the node kinds this package adds.
var (
	kindLeagueEmbed   = ast.NewNodeKind("LeagueEmbed")
	kindHeadingAnchor = ast.NewNodeKind("HeadingAnchor")
)

// leagueEmbed is a ```league block once embedded: HTML written as is.
type leagueEmbed struct {
	ast.BaseBlock
	HTML string
}

// Kind implements ast.Node.
func (*leagueEmbed) Kind() ast.NodeKind { return kindLeagueEmbed }

// Dump implements ast.Node.
func (n *leagueEmbed) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// headingAnchor is the visible "#" self-link at the end of a heading.
type headingAnchor struct {
	ast.BaseInline
	ID    string
	Label string
}

// Kind implements ast.Node.
func (*headingAnchor) Kind() ast.NodeKind { return kindHeadingAnchor }

// Dump implements ast.Node.
func (n *headingAnchor) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.ID}, nil)
}

// siteRenderer writes the nodes this package adds.
type siteRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (siteRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindLeagueEmbed, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(n.(*leagueEmbed).HTML)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(kindHighlighted, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(n.(*highlightedCode).HTML)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(east.KindTableCell, renderTableCell)
	reg.Register(ast.KindLink, renderLink)
	reg.Register(ast.KindAutoLink, renderAutoLink)
	reg.Register(kindHeadingAnchor, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		a := n.(*headingAnchor)
		label := "Link to this section"
		if a.Label != "" {
			label += ": " + a.Label
		}
		_, _ = w.WriteString(` <a class="anchor" href="#` + html.EscapeString(a.ID) +
			`" aria-label="` + html.EscapeString(label) + `">#</a>`)
		return ast.WalkContinue, nil
	})
}

// renderTableCell writes a table cell as goldmark's table renderer does with
// TableCellAlignNone, its alignment as a class ("align-left", "align-right",
// "align-center") instead of goldmark's style attribute, which the pages'
// Content-Security-Policy (style-src 'self') would block. The class is written
// here rather than set as an attribute of the node: goldmark gives a node its
// first attribute room for ten, and writes the tag with fmt, both per cell.
func renderTableCell(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.TableCell)
	th := n.Parent() != nil && n.Parent().Kind() == east.KindTableHeader
	if !entering {
		if th {
			_, _ = w.WriteString("</th>\n")
		} else {
			_, _ = w.WriteString("</td>\n")
		}
		return ast.WalkContinue, nil
	}
	filter := extension.TableTdCellAttributeFilter
	if th {
		_, _ = w.WriteString("<th")
		filter = extension.TableThCellAttributeFilter
	} else {
		_, _ = w.WriteString("<td")
	}
	if n.Alignment != east.AlignNone {
		_, _ = w.WriteString(alignClass[n.Alignment])
	}
	if n.Attributes() != nil {
		goldhtml.RenderAttributes(w, n, filter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// renderLink writes a link as goldmark's renderer does without WithUnsafe, a
// destination that dangerousURL refuses left empty. goldmark's own check copies and
// lowercases the destination's start once per scheme it knows, four copies per link.
func renderLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	if dest := util.URLEscape(n.Destination, true); !dangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		siteWriter.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		goldhtml.RenderAttributes(w, n, goldhtml.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// renderAutoLink writes an autolink (<https://…>, <a@b.c>, or one linkify found) as
// goldmark's renderer does without WithUnsafe, with the check of dangerousURL.
func renderAutoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	url := util.URLEscape(n.URL(source), false)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		_, _ = w.WriteString("mailto:")
	}
	if !dangerousURL(url) {
		_, _ = w.Write(util.EscapeHTML(url))
	}
	if n.Attributes() != nil {
		_ = w.WriteByte('"')
		goldhtml.RenderAttributes(w, n, goldhtml.LinkAttributeFilter)
		_ = w.WriteByte('>')
	} else {
		_, _ = w.WriteString(`">`)
	}
	_, _ = w.Write(util.EscapeHTML(n.Label(source)))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}

// dangerousURL is goldmark's html.IsDangerousURL without its copies: whether url
// begins with "javascript:", "vbscript:", "file:" or "data:" in any case, other
// than "data:image/" followed by "png;", "gif;", "jpeg;" or "webp;".
func dangerousURL(url []byte) bool {
	if asciiFoldPrefix(url, "data:image/") {
		v := url[len("data:image/"):]
		return !asciiFoldPrefix(v, "png;") && !asciiFoldPrefix(v, "gif;") &&
			!asciiFoldPrefix(v, "jpeg;") && !asciiFoldPrefix(v, "webp;")
	}
	return asciiFoldPrefix(url, "javascript:") || asciiFoldPrefix(url, "vbscript:") ||
		asciiFoldPrefix(url, "file:") || asciiFoldPrefix(url, "data:")
}

// asciiFoldPrefix reports whether s begins with prefix, a lower-case ASCII text, when
// s's ASCII capitals are taken as small letters. goldmark compares
// bytes.ToLower(s[:len(prefix)]) with prefix, the same answer: bytes.ToLower changes
// only A-Z in ASCII, and a text of len(prefix) bytes with any other byte lowers to
// something that is not prefix (a character outside ASCII lowers to one outside
// ASCII, or to a shorter one: "İ" to "i", the Kelvin sign to "k"; a byte that is not
// UTF-8 to U+FFFD).
func asciiFoldPrefix(s []byte, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}
