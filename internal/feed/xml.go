package feed

import (
	"bytes"
	"encoding/xml"
)

// xmlWriter writes an indented XML document token by token. It goes through
// xml.Encoder for escaping (text and attributes, with characters XML cannot
// hold replaced) but leaves newlines in text as they are, so HTML content
// stays readable. The first error sticks and is returned by bytes.
type xmlWriter struct {
	buf bytes.Buffer
	enc *xml.Encoder
	err error
}

// newXMLWriter starts a document with the XML declaration.
func newXMLWriter() *xmlWriter {
	w := &xmlWriter{}
	w.buf.WriteString(xml.Header)
	w.enc = xml.NewEncoder(&w.buf)
	w.enc.Indent("", "  ")
	return w
}

// token encodes one token unless an earlier one failed.
func (w *xmlWriter) token(t xml.Token) {
	if w.err == nil {
		w.err = w.enc.EncodeToken(t)
	}
}

// start opens element name with attributes given as name, value pairs;
// pairs with an empty value are left out. Prefixed names ("atom:link",
// "xml:lang") are written as given: the caller declares the prefixes.
func (w *xmlWriter) start(name string, attrs ...string) {
	el := xml.StartElement{Name: xml.Name{Local: name}}
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] != "" {
			el.Attr = append(el.Attr, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: attrs[i+1]})
		}
	}
	w.token(el)
}

// end closes element name.
func (w *xmlWriter) end(name string) {
	w.token(xml.EndElement{Name: xml.Name{Local: name}})
}

// elem writes <name attrs...>text</name>.
func (w *xmlWriter) elem(name, text string, attrs ...string) {
	w.start(name, attrs...)
	if text != "" {
		w.token(xml.CharData(text))
	}
	w.end(name)
}

// optElem writes elem only when text is not empty.
func (w *xmlWriter) optElem(name, text string, attrs ...string) {
	if text != "" {
		w.elem(name, text, attrs...)
	}
}

// bytes finishes the document.
func (w *xmlWriter) bytes() ([]byte, error) {
	if w.err == nil {
		w.err = w.enc.Flush()
	}
	if w.err != nil {
		return nil, w.err
	}
	w.buf.WriteByte('\n')
	return w.buf.Bytes(), nil
}
