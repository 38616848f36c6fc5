package content

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/ai-league/ai-league/internal/diag"
	"github.com/ai-league/ai-league/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

// The front matter keys a post and a page may set.
var (
	postKeys = []string{"date", "draft", "models", "slug", "summary", "tags", "title"}
	pageKeys = []string{"summary", "title"}
)

// meta is what front matter says, before it becomes a Post or a Page.
type meta struct {
	ok                   bool // the front matter was a mapping
	title, summary, slug string
	date, time           string
	tags, models         []string
	draft                bool
	dateNode, slugNode   *yaml.Node
}

// slugPos is where the slug was set, or the top of the file.
func (m meta) slugPos() (line, col int) {
	if m.slugNode != nil {
		return fmPos(m.slugNode)
	}
	return 1, 1
}

// fmPos turns a yaml.Node position into one in the .md file, whose first line
// is the opening "---".
func fmPos(n *yaml.Node) (line, col int) {
	return n.Line + 1, n.Column
}

// splitFrontMatter cuts src into the YAML between the leading "---" lines and
// the body, and gives the 1-based line the body starts on. fm is nil (and the
// problem reported) when there is no closed front matter.
func splitFrontMatter(file string, src []byte, errs *diag.List) (fm, body []byte, bodyLine int) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t\r")) != "---" {
		errs.Add(file, 1, 1, "missing front matter: the file must start with a line \"---\", then YAML with at least a title, then \"---\"")
		return nil, nil, 0
	}
	line := 2
	start := len(first) + 1
	for len(rest) > 0 {
		l, next, found := bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(l, " \t\r")) == "---" {
			fm = src[start : len(src)-len(rest)]
			if !found {
				return fm, nil, line + 1
			}
			return fm, next, line + 1
		}
		rest = next
		line++
	}
	errs.Add(file, 1, 1, "unclosed front matter: no line \"---\" ends the YAML opened on line 1")
	return nil, nil, 0
}

// decodeFrontMatter checks fm against the allowed keys and reads their values.
// known, when non-nil, is the set of model ids models: may name.
func decodeFrontMatter(file string, fm []byte, keys []string, known map[string]bool, errs *diag.List) meta {
	var m meta
	doc, quick := quickFrontMatter(fm)
	if !quick {
		doc = new(yaml.Node)
		if err := yaml.Unmarshal(fm, doc); err != nil {
			line, col, msg := yamlnode.Explain(fm, err)
			if line > 0 {
				line++ // line 1 of the file is the "---"
			}
			errs.Add(file, line, col, "front matter: %s", msg)
			return m
		}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		errs.Add(file, 1, 1, "front matter: missing title")
		return m
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		line, col := fmPos(root)
		errs.Add(file, line, col, "front matter: want key: value lines, got %s", yamlnode.Describe(root))
		return m
	}
	m.ok = true

	allowed := map[string]bool{}
	for _, k := range keys {
		allowed[k] = true
	}
	seen := map[string]bool{}
	var titleNode *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		line, col := fmPos(k)
		key := k.Value
		if !allowed[key] && slices.Contains(postKeys, key) {
			errs.Add(file, line, col, "front matter: key %q is for posts only; a page takes %s", key, strings.Join(keys, " and "))
			continue
		}
		if !allowed[key] {
			errs.Add(file, line, col, "front matter: unknown key %q%s", key, diag.DidYouMean(key, keys))
			continue
		}
		if seen[key] {
			errs.Add(file, line, col, "front matter: duplicate key %q", key)
			continue
		}
		seen[key] = true
		switch key {
		case "title":
			titleNode = v
			m.title, _ = str(file, key, v, errs)
		case "summary":
			m.summary, _ = str(file, key, v, errs)
		case "date":
			m.dateNode = v
			m.date, m.time = date(file, v, errs)
		case "slug":
			m.slugNode = v
			if s, ok := str(file, key, v, errs); ok {
				switch {
				case len(s) > yamlnode.MaxIDLen:
					line, col := fmPos(v)
					errs.Add(file, line, col, "front matter: slug %s is %d characters long; a slug has at most %d", yamlnode.Short(s), len(s), yamlnode.MaxIDLen)
				case slugRE.MatchString(s):
					m.slug = s
				default:
					line, col := fmPos(v)
					errs.Add(file, line, col, "front matter: slug %q: want lowercase letters, digits and hyphens only", s)
				}
			}
		case "draft":
			line, col := fmPos(v)
			if v.Kind != yaml.ScalarNode || v.Decode(&m.draft) != nil {
				errs.Add(file, line, col, "front matter: draft: want true or false, got %s", yamlnode.Describe(v))
			}
		case "tags":
			for _, t := range strs(file, key, v, errs) {
				tag := tagSlug(t.Value)
				if tag == "" {
					line, col := fmPos(t)
					errs.Add(file, line, col, "front matter: tag %q has no letters or digits", t.Value)
					continue
				}
				if len(tag) > yamlnode.MaxIDLen {
					line, col := fmPos(t)
					errs.Add(file, line, col, "front matter: tag %s is %d characters long as a slug; a tag has at most %d", yamlnode.Short(t.Value), len(tag), yamlnode.MaxIDLen)
					continue
				}
				m.tags = appendNew(m.tags, tag)
			}
		case "models":
			var ids []string
			if known != nil {
				for id := range known {
					ids = append(ids, id)
				}
				sort.Strings(ids)
			}
			for _, n := range strs(file, key, v, errs) {
				if known != nil && !known[n.Value] {
					line, col := fmPos(n)
					errs.Add(file, line, col, "front matter: models: unknown model %q%s", n.Value, diag.DidYouMean(n.Value, ids))
					continue
				}
				m.models = appendNew(m.models, n.Value)
			}
		}
	}
	if titleNode == nil {
		errs.Add(file, 1, 1, "front matter: missing title")
	} else if m.title == "" && titleNode.Kind == yaml.ScalarNode {
		line, col := fmPos(titleNode)
		errs.Add(file, line, col, "front matter: title is empty")
	}
	return m
}

// str reads a scalar value as a string; null is "".
func str(file, key string, v *yaml.Node, errs *diag.List) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		line, col := fmPos(v)
		errs.Add(file, line, col, "front matter: %s: want a string, got %s", key, yamlnode.Describe(v))
		return "", false
	}
	if v.Tag == "!!null" {
		return "", true
	}
	return strings.TrimSpace(v.Value), true
}

// strs reads a list of scalars; null is an empty list.
func strs(file, key string, v *yaml.Node, errs *diag.List) []*yaml.Node {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		line, col := fmPos(v)
		errs.Add(file, line, col, "front matter: %s: want a list such as [a, b], got %s", key, yamlnode.Describe(v))
		return nil
	}
	var out []*yaml.Node
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode || item.Tag == "!!null" || strings.TrimSpace(item.Value) == "" {
			line, col := fmPos(item)
			errs.Add(file, line, col, "front matter: %s: want a non-empty string, got %s", key, yamlnode.Describe(item))
			continue
		}
		out = append(out, item)
	}
	return out
}

// date reads YYYY-MM-DD or RFC 3339 and gives the UTC date and RFC 3339 time.
func date(file string, v *yaml.Node, errs *diag.List) (day, stamp string) {
	line, col := fmPos(v)
	if v.Kind != yaml.ScalarNode {
		errs.Add(file, line, col, "front matter: date: want YYYY-MM-DD or RFC 3339, got %s", yamlnode.Describe(v))
		return "", ""
	}
	s := strings.TrimSpace(v.Value)
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t, err = time.Parse(time.RFC3339, s)
	}
	if err != nil {
		errs.Add(file, line, col, "front matter: date %q: want YYYY-MM-DD or RFC 3339 (2026-06-04T09:30:00Z)", s)
		return "", ""
	}
	// An offset is turned into UTC, as every date of the site is; the result must
	// still have four digits of year (the year 9999 written with an offset behind
	// UTC can fall in 10000).
	local := t
	t = t.UTC()
	switch {
	case !yamlnode.InYearRange(local):
		errs.Add(file, line, col, "front matter: date %q: the year must be from 1000 to 9999", s)
		return "", ""
	case !yamlnode.InYearRange(t):
		errs.Add(file, line, col, "front matter: date %q is %s in UTC: the year must be from 1000 to 9999", s, t.Format(time.RFC3339))
		return "", ""
	}
	return t.Format(time.DateOnly), t.Format(time.RFC3339)
}

// tagSlug lowercases s and turns every run of other characters than a-z and
// 0-9 into one hyphen: "Open Weights!" is "open-weights".
func tagSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// appendNew appends s unless list holds it already.
func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
