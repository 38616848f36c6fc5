package news

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/diag"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/yamlnode"
)

// CuratedFile is the hand-curated news list, relative to the site root. It is
// optional. It is a YAML list of items with the keys title, url, date (YYYY-MM-DD),
// source, category (release | policy | benchmark | research) and models (model ids).
const CuratedFile = "data/news.yaml"

// curatedKeys are the keys of one item of news.yaml.
var curatedKeys = []string{"category", "date", "models", "source", "title", "url"}

// loadCurated reads news.yaml, if there is one. Items carry their explicit models
// and those models' clubs.
func loadCurated(fsys fs.FS, models []league.Model) ([]Item, diag.List) {
	var errs diag.List
	data, err := fs.ReadFile(fsys, CuratedFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		errs.Add(CuratedFile, 0, 0, "%v", err)
		return nil, errs
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, col, msg := yamlnode.Explain(data, err)
		errs.Add(CuratedFile, line, col, "%s", msg)
		return nil, errs
	}
	if len(doc.Content) == 0 {
		return nil, nil // an empty file
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.SequenceNode {
		errs.Add(CuratedFile, root.Line, root.Column, "expected a list of news items, got %s", yamlnode.Describe(root))
		return nil, errs
	}

	clubOf := map[string]string{}
	var modelIDs []string
	for _, m := range models {
		clubOf[m.ID] = m.Club
		modelIDs = append(modelIDs, m.ID)
	}
	var items []Item
	firstLine := map[string]int{} // url -> line of its first item
	for i, n := range root.Content {
		n = yamlnode.Resolve(n)
		ctx := fmt.Sprintf("item %d: ", i+1)
		if n.Kind != yaml.MappingNode {
			errs.Add(CuratedFile, n.Line, n.Column, "%sexpected a mapping of keys to values, got %s", ctx, yamlnode.Describe(n))
			continue
		}
		var it Item
		seen := map[string]*yaml.Node{}
		ok := true
		fail := func(n *yaml.Node, format string, args ...any) {
			errs.Add(CuratedFile, n.Line, n.Column, "%s", ctx+fmt.Sprintf(format, args...))
			ok = false
		}
		for j := 0; j+1 < len(n.Content); j += 2 {
			k, v := n.Content[j], yamlnode.Resolve(n.Content[j+1])
			if first := seen[k.Value]; first != nil {
				fail(k, "key %q repeated (first at line %d)", k.Value, first.Line)
				continue
			}
			seen[k.Value] = k
			text := func() string {
				if v.Kind != yaml.ScalarNode {
					fail(v, "%s: expected text, got %s", k.Value, yamlnode.Describe(v))
					return ""
				}
				if v.Tag == "!!null" {
					return ""
				}
				return strings.TrimSpace(v.Value)
			}
			switch k.Value {
			case "title":
				it.Title = collapseSpace(text())
			case "url":
				s := text()
				if u, err := url.Parse(s); s != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
					fail(v, "url %q is not an absolute http(s) URL", s)
				}
				it.URL, it.ID = s, s
			case "date":
				s := text()
				if s != "" && !yamlnode.ValidDate(s) {
					fail(v, "date %s: expected %s", yamlnode.Short(s), yamlnode.DateRule)
				} else if s != "" {
					d, _ := time.Parse(time.DateOnly, s)
					it.Date = d.UTC().Format(time.RFC3339)
				}
			case "source":
				it.Source = collapseSpace(text())
			case "category":
				s := text()
				if s != "" && !slices.Contains(config.Categories, s) {
					fail(v, "unknown category %q (want one of %s)%s", s, strings.Join(config.Categories, ", "), diag.DidYouMean(s, config.Categories))
				}
				it.Category = s
			case "models":
				if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
					continue
				}
				if v.Kind != yaml.SequenceNode {
					fail(v, "models: expected a list of model ids, got %s", yamlnode.Describe(v))
					continue
				}
				for _, m := range v.Content {
					m = yamlnode.Resolve(m)
					if m.Kind != yaml.ScalarNode {
						fail(m, "models: expected a model id, got %s", yamlnode.Describe(m))
						continue
					}
					club, known := clubOf[m.Value]
					if !known {
						fail(m, "unknown model %q%s", m.Value, diag.DidYouMean(m.Value, modelIDs))
						continue
					}
					it.Models = append(it.Models, m.Value)
					if club != "" {
						it.Clubs = append(it.Clubs, club)
					}
				}
			default:
				fail(k, "unknown key %q%s", k.Value, diag.DidYouMean(k.Value, curatedKeys))
			}
		}
		for _, req := range []struct{ key, value string }{
			{"title", it.Title}, {"url", it.URL}, {"date", it.Date}, {"source", it.Source}, {"category", it.Category},
		} {
			switch k := seen[req.key]; {
			case k == nil:
				fail(n, "missing %q", req.key)
			case req.value == "" && ok:
				fail(k, "%s is empty", req.key)
			}
		}
		if !ok {
			continue
		}
		if line, dup := firstLine[it.URL]; dup {
			fail(seen["url"], "url %q already listed by the item at line %d", it.URL, line)
			continue
		}
		firstLine[it.URL] = n.Line
		it.Models = sortedSet(it.Models)
		it.Clubs = sortedSet(it.Clubs)
		items = append(items, it)
	}
	return items, errs
}

// sortedSet returns the distinct strings of list, sorted; nil when empty.
func sortedSet(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	out := append([]string(nil), list...)
	sort.Strings(out)
	w := 0
	for i, s := range out {
		if i == 0 || s != out[w-1] {
			out[w] = s
			w++
		}
	}
	return out[:w]
}

// collapseSpace trims s and turns each run of white space into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
