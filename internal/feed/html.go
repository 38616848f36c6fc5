package feed

import (
	"bytes"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// urlAttrs are the attributes whose value is a single URL, on any element.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "poster": true, "cite": true, "data": true,
	"action": true, "longdesc": true, "xlink:href": true,
}

// AbsoluteHTML returns the HTML fragment h with every relative URL in href,
// src, srcset (and imagesrcset), poster, cite, data, action, longdesc and
// xlink:href attributes resolved against pageURL, the absolute URL of the
// page the fragment belongs to. Root-relative URLs ("/repo/models/x/") take pageURL's origin, which is
// right because the site's own links already include its base path;
// fragments ("#rules") become pageURL#rules. URLs with a scheme (https:,
// mailto:, javascript:, data:), empty values and values net/url cannot parse
// are left as they are: this is not a sanitiser.
//
// Tags that are rewritten are re-rendered (attribute names lower-cased,
// values re-escaped); every other byte of h is kept as it was. When pageURL
// is not an absolute URL, h is returned unchanged.
func AbsoluteHTML(h, pageURL string) string {
	base, err := url.Parse(pageURL)
	if err != nil || !base.IsAbs() || h == "" {
		return h
	}
	var out bytes.Buffer
	changed := false
	read := 0 // bytes of h the tokenizer has returned
	z := html.NewTokenizer(strings.NewReader(h))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				return h // cannot happen with a strings.Reader; keep the input
			}
			// A tag cut off by the end of input is no token; keep its bytes.
			out.WriteString(h[read:])
			break
		}
		raw := z.Raw()
		read += len(raw)
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(raw)
			continue
		}
		// Copy raw first: Token() may reuse the tokenizer's buffer.
		raw = append([]byte(nil), raw...)
		tok := z.Token()
		if !absoluteAttrs(tok.Attr, base) {
			out.Write(raw)
			continue
		}
		changed = true
		out.WriteString(tok.String())
	}
	if !changed {
		return h
	}
	return out.String()
}

// absoluteAttrs rewrites the URL attributes in attrs in place and reports
// whether any value changed.
func absoluteAttrs(attrs []html.Attribute, base *url.URL) bool {
	changed := false
	for i, a := range attrs {
		if a.Namespace != "" {
			continue
		}
		var v string
		switch {
		case urlAttrs[a.Key]:
			v = resolve(base, a.Val)
		case a.Key == "srcset" || a.Key == "imagesrcset":
			v = resolveSrcset(base, a.Val)
		default:
			continue
		}
		if v != a.Val {
			attrs[i].Val = v
			changed = true
		}
	}
	return changed
}

// resolve makes one URL absolute against base; see AbsoluteHTML for what is
// left alone.
func resolve(base *url.URL, v string) string {
	s := strings.TrimSpace(v)
	if s == "" || schemeRE.MatchString(s) {
		return v
	}
	ref, err := url.Parse(s)
	if err != nil {
		return v
	}
	return base.ResolveReference(ref).String()
}

// resolveSrcset makes every candidate URL of a srcset value absolute,
// keeping each candidate's descriptor ("2x", "640w").
func resolveSrcset(base *url.URL, v string) string {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(v)), "data:") {
		return v // a data: URL may itself contain commas
	}
	cands := strings.Split(v, ",")
	for i, c := range cands {
		fields := strings.Fields(c)
		if len(fields) == 0 {
			cands[i] = strings.TrimSpace(c)
			continue
		}
		fields[0] = resolve(base, fields[0])
		cands[i] = strings.Join(fields, " ")
	}
	out := strings.Join(cands, ", ")
	if sameCandidates(out, v) {
		return v // only spacing would change: keep the author's spelling
	}
	return out
}

// sameCandidates reports whether two srcset values differ only in spacing.
func sameCandidates(a, b string) bool {
	return strings.Join(strings.Fields(strings.ReplaceAll(a, ",", " , ")), " ") ==
		strings.Join(strings.Fields(strings.ReplaceAll(b, ",", " , ")), " ")
}
