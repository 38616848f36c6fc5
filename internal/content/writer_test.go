package content

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	goldhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// TestTextWriterCases: what textWriter writes, worked out by hand: the five bytes
// goldmark escapes, entity and character references resolved, backslash escapes
// removed (text with '\\', '&' or NUL goes through goldmark's own writer).
func TestTextWriterCases(t *testing.T) {
	for _, c := range []struct{ in, write, raw string }{
		{"", "", ""},
		{"plain words", "plain words", "plain words"},
		{`a "b" <c> d`, "a &quot;b&quot; &lt;c&gt; d", "a &quot;b&quot; &lt;c&gt; d"},
		{"<<>>", "&lt;&lt;&gt;&gt;", "&lt;&lt;&gt;&gt;"},
		{"x\x00y", "x\ufffdy", "x\ufffdy"},
		{"\x00", "\ufffd", "\ufffd"},
		{"fish & chips", "fish &amp; chips", "fish &amp; chips"},
		{"&copy; &#65; &#x42; &nope;", "© A B &amp;nope;", "&amp;copy; &amp;#65; &amp;#x42; &amp;nope;"},
		{`a\*b\c`, `a*b\c`, `a\*b\c`},
		{"é and 漢字 <", "é and 漢字 &lt;", "é and 漢字 &lt;"},
		{`"`, "&quot;", "&quot;"},
	} {
		var w, r htmlBuf
		tw := &textWriter{goldhtml.DefaultWriter}
		tw.Write(&w, []byte(c.in))
		tw.RawWrite(&r, []byte(c.in))
		if w.String() != c.write {
			t.Errorf("Write(%q) = %q, want %q", c.in, w.String(), c.write)
		}
		if r.String() != c.raw {
			t.Errorf("RawWrite(%q) = %q, want %q", c.in, r.String(), c.raw)
		}
	}
}

// TestTextWriterMatchesGoldmark compares textWriter with goldmark's default writer
// (Write, RawWrite and SecureWrite) on every byte value and on random texts made of
// the bytes that matter.
func TestTextWriterMatchesGoldmark(t *testing.T) {
	tw := &textWriter{goldhtml.DefaultWriter}
	same := func(in []byte) {
		t.Helper()
		for _, m := range []struct {
			name      string
			got, want func(util.BufWriter, []byte)
		}{
			{"Write", tw.Write, goldhtml.DefaultWriter.Write},
			{"RawWrite", tw.RawWrite, goldhtml.DefaultWriter.RawWrite},
			{"SecureWrite", tw.SecureWrite, goldhtml.DefaultWriter.SecureWrite},
		} {
			var g, w htmlBuf
			m.got(&g, in)
			m.want(&w, in)
			if g.String() != w.String() {
				t.Errorf("%s(%q) = %q, goldmark writes %q", m.name, in, g.String(), w.String())
			}
		}
	}
	for b := 0; b < 256; b++ {
		same([]byte{byte(b)})
		same([]byte{'a', byte(b), 'b'})
	}
	rng := rand.New(rand.NewSource(9))
	pieces := []string{"a", "b c", "\\", "&", ";", "#", "x", "41", "amp", "copy", "<", ">", "\"", "'", "\x00", "é", "*", "\n", " "}
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		for k := rng.Intn(20); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		same([]byte(b.String()))
	}
}

// TestSiteHTMLMatchesGoldmark renders every markdown file of the repository and
// texts full of escapes, tables and links with the site's goldmark and with one that
// differs only in goldmark's own writer, table cells (alignment as the site's
// classes, set as attributes) and links: the HTML is the same.
func TestSiteHTMLMatchesGoldmark(t *testing.T) {
	plain := goldmark.New(goldmark.WithExtensions(
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
		extension.Strikethrough, extension.TaskList, extension.Footnote, extension.Typographer,
		extension.Linkify, cellClasses{}))
	site := goldmark.New(goldmark.WithExtensions(
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
		extension.Strikethrough, extension.TaskList, extension.Footnote, extension.Typographer,
		extension.Linkify, siteCells{}),
		goldmark.WithRendererOptions(goldhtml.WithWriter(&textWriter{goldhtml.DefaultWriter})))
	compare := func(name string, src []byte) {
		t.Helper()
		sameHTML(t, plain, site, name, src)
	}
	compare("escapes", []byte("a \\*b\\* &amp; &copy; &#65; \"q\" <x> `c <d> & \"e\"` [l](/a?b=1&c=\"2\" \"t&amp;\") ![i](x.png \"<t>\")\x00\n"))
	compare("table", []byte("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n| *x* | `y` | | z |\n"))
	compare("table in a list", []byte("- item\n\n  | h |\n  |--:|\n  | v |\n"))
	compare("links", []byte("[a](JavaScript:alert(1)) [b](vbscript:x \"t\") [c](FILE:///etc) [d](data:text/html,x)\n"+
		"[e](data:image/png;base64,AA) [f](DATA:IMAGE/GIF;x) [g](data:image/svg+xml,x) [h](data:image/) [i](/x%20y?a=1&b=\"2\")\n"+
		"[j](<a b> 'it''s') [k](java\\script:x) [l](&#106;avascript:x) [m](javascr\u0130pt:x) [n](\u212aile:x) [o]()\n"+
		"<https://e.com/a?b&c> <JAVASCRIPT:x> <a@b.com> <MAILTO:a@b.com> www.e.com/x https://e.org/y ftp://f.net/z x@y.org\n"+
		"![p](javascript:x \"t\") [q](<javascript:x>) [*r* `s`](/t \"&amp;\")\n"))
	if eachRepoMarkdown(t, compare) == 0 {
		t.Error("no markdown file found")
	}
}

// cellClasses gives aligned table cells the site's class as an attribute, which
// goldmark's table renderer writes: what the site did before it wrote the class
// itself.
type cellClasses struct{}

func (cellClasses) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(cellClasses{}, 100)))
}

func (cellClasses) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*east.TableCell); ok && entering && c.Alignment != east.AlignNone {
			c.SetAttributeString("class", []byte("align-"+c.Alignment.String()))
		}
		return ast.WalkContinue, nil
	})
}

// siteCells registers the site's table cell and link renderers alone.
type siteCells struct{}

func (siteCells) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(siteCells{}, 100)))
}

func (siteCells) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTableCell, renderTableCell)
	reg.Register(ast.KindLink, renderLink)
	reg.Register(ast.KindAutoLink, renderAutoLink)
}

// TestDangerousURL compares dangerousURL with goldmark's IsDangerousURL on crafted
// destinations (every scheme, in every case, cut short, with characters outside
// ASCII that lower to ASCII letters) and on random ones made of their pieces.
func TestDangerousURL(t *testing.T) {
	same := func(u string) {
		t.Helper()
		if got, want := dangerousURL([]byte(u)), goldhtml.IsDangerousURL([]byte(u)); got != want {
			t.Errorf("dangerousURL(%q) = %v, goldmark says %v", u, got, want)
		}
	}
	crafted := []string{"", "j", "javascript", "javascript:", "JavaScript:x", "JAVASCRIPT:", "javascript;", "vbscript:",
		"VBScript:x", "file:", "File:///", "fil:", "data:", "DATA:x", "data", "data:image/", "data:image/png;", "data:image/png",
		"Data:Image/PNG;base64", "data:image/gif;", "data:image/jpeg;", "data:image/webp;", "data:image/svg+xml;", "data:image/jpg;",
		"data:imagE/webP;", "https://javascript:", " javascript:", "javascrİpt:", "Kavascript:", "fiİe:",
		"data:İmage/png;", "data:image/pİg;", "jaÿvascript:", "Ä", "javascriptÄ:", "@javascript:", "[javascript:",
		"`javascript:", "{javascript:", "Zfile:"}
	for _, u := range crafted {
		same(u)
	}
	for b := 0; b < 256; b++ {
		same("javascrip" + string(rune(b)) + ":")
		same(string([]byte{'j', 'a', 'v', 'a', 's', 'c', 'r', 'i', 'p', 't', byte(b)}))
		same(string([]byte{byte(b)}) + "ile:")
	}
	rng := rand.New(rand.NewSource(3))
	pieces := []string{"java", "JAVA", "script", "SCRIPT", "vb", "VB", "file", "FILE", "data", "DATA", ":", ";", "/", "image",
		"IMAGE", "png", "PNG", "gif", "jpeg", "webp", "WebP", "İ", "K", "ÿ", "a", "%20", "x"}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for k := rng.Intn(6); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		same(b.String())
	}
}

// TestLinkRenderersMatchGoldmark renders links and autolinks made by hand, with and
// without titles and attributes, and entering and leaving, with the site's renderers
// and goldmark's: the same bytes.
func TestLinkRenderersMatchGoldmark(t *testing.T) {
	src := []byte("https://e.com/a?b&c javascript:x a@b.c MAILTO:a@b.c")
	seg := func(a, b int) *ast.Text { return ast.NewTextSegment(text.NewSegment(a, b)) }
	var nodes []ast.Node
	for _, dest := range []string{"/a b", "JavaScript:x", "data:image/png;x", "", `x"<y>&amp;`} {
		for _, title := range []string{"", `t "&amp;" <x>`} {
			for _, attrs := range []bool{false, true} {
				l := ast.NewLink()
				l.Destination = []byte(dest)
				if title != "" {
					l.Title = []byte(title)
				}
				if attrs {
					l.SetAttributeString("rel", []byte("me & you"))
					l.SetAttributeString("onclick", []byte("x")) // not a link attribute: left out
				}
				l.AppendChild(l, seg(0, 5))
				nodes = append(nodes, l)
			}
		}
	}
	for _, c := range []struct {
		typ  ast.AutoLinkType
		a, b int
	}{{ast.AutoLinkURL, 0, 19}, {ast.AutoLinkURL, 20, 32}, {ast.AutoLinkEmail, 33, 38}, {ast.AutoLinkEmail, 39, 51}} {
		for _, attrs := range []bool{false, true} {
			l := ast.NewAutoLink(c.typ, seg(c.a, c.b))
			if attrs {
				l.SetAttributeString("target", []byte("_blank"))
			}
			nodes = append(nodes, l)
		}
	}
	plain := renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(goldhtml.NewRenderer(), 1000)))
	site := renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(goldhtml.NewRenderer(), 1000),
		util.Prioritized(siteCells{}, 100)))
	for _, n := range nodes {
		doc := ast.NewDocument()
		p := ast.NewParagraph()
		doc.AppendChild(doc, p)
		p.AppendChild(p, n)
		var w, g bytes.Buffer
		if err := plain.Render(&w, src, doc); err != nil {
			t.Fatal(err)
		}
		if err := site.Render(&g, src, doc); err != nil {
			t.Fatal(err)
		}
		if w.String() != g.String() || !strings.Contains(g.String(), "<a href=") {
			t.Errorf("%s: got %s, goldmark writes %s", n.Kind(), g.String(), w.String())
		}
	}
}

// TestRenderTableCell: the tags and classes of cells, worked out by hand, and a
// cell with attributes of its own keeps them after the class.
func TestRenderTableCell(t *testing.T) {
	head, row := east.NewTableHeader(east.NewTableRow(nil)), east.NewTableRow(nil)
	cell := func(parent ast.Node, a east.Alignment) *east.TableCell {
		c := east.NewTableCell()
		c.Alignment = a
		if parent != nil {
			parent.AppendChild(parent, c)
		}
		return c
	}
	withID := cell(head, east.AlignLeft)
	withID.SetAttributeString("id", []byte("x&y"))
	for _, c := range []struct {
		n          *east.TableCell
		open, shut string
	}{
		{cell(head, east.AlignNone), "<th>", "</th>\n"},
		{cell(head, east.AlignLeft), `<th class="align-left">`, "</th>\n"},
		{cell(row, east.AlignCenter), `<td class="align-center">`, "</td>\n"},
		{cell(row, east.AlignRight), `<td class="align-right">`, "</td>\n"},
		{cell(row, east.AlignNone), "<td>", "</td>\n"},
		{cell(nil, east.AlignRight), `<td class="align-right">`, "</td>\n"},
		{withID, `<th class="align-left" id="x&amp;y">`, "</th>\n"},
	} {
		var open, shut htmlBuf
		if s, err := renderTableCell(&open, nil, c.n, true); err != nil || s != ast.WalkContinue {
			t.Fatalf("entering: %v, %v", s, err)
		}
		if s, err := renderTableCell(&shut, nil, c.n, false); err != nil || s != ast.WalkContinue {
			t.Fatalf("leaving: %v, %v", s, err)
		}
		if open.String() != c.open || shut.String() != c.shut {
			t.Errorf("cell %v: %q … %q, want %q … %q", c.n.Alignment, open.String(), shut.String(), c.open, c.shut)
		}
	}
}

// TestHTMLBuf: the buffer goldmark's renderer writes into holds every write at once.
func TestHTMLBuf(t *testing.T) {
	var b htmlBuf
	_, _ = b.WriteString("a")
	_ = b.WriteByte('b')
	_, _ = b.WriteRune('é')
	_, _ = b.Write([]byte("<"))
	if b.Buffered() != 0 || b.Flush() != nil || b.String() != "abé<" {
		t.Errorf("buffered %d, flush %v, holds %q", b.Buffered(), b.Flush(), b.String())
	}
	var _ util.BufWriter = &b
}

// TestRawWriteEveryPosition: each byte goldmark escapes (and bytes next to them in
// value), at every position of texts of 0 to 40 bytes, alone and after another, is
// escaped where goldmark's RawWrite escapes it.
func TestRawWriteEveryPosition(t *testing.T) {
	tw := &textWriter{goldhtml.DefaultWriter}
	for size := 0; size <= 40; size++ {
		for pos := 0; pos < size; pos++ {
			for _, c := range []byte{0, '"', '&', '<', '>', 1, '!', '%', ';', '=', '?', 0x80, 0xff, 'a'} {
				in := bytes.Repeat([]byte("abcdefg "), 6)[:size]
				in[pos] = c
				for _, text := range [][]byte{in, append(append([]byte{}, in...), '<'), append([]byte{'>'}, in...)} {
					var g, w htmlBuf
					tw.RawWrite(&g, text)
					goldhtml.DefaultWriter.RawWrite(&w, text)
					if g.String() != w.String() {
						t.Fatalf("RawWrite(%q) = %q, goldmark writes %q", text, g.String(), w.String())
					}
				}
			}
		}
	}
}
