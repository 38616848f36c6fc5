package config

import (
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"strings"

	"github.com/ai-league/ai-league/internal/diag"
	"github.com/ai-league/ai-league/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

// Categories are the values a feed's category may take.
var Categories = []string{"release", "policy", "benchmark", "research"}

// Load reads site.yaml (usually name is "site.yaml") from fsys over the defaults of
// Default. A file that cannot be read gives a wrapped error; problems in its content
// are all reported together as a diag.List, each with its line and column.
//
// An explicit `divisions` list replaces the default divisions (an empty or null one
// leaves only the overall table). base_url may be absent, for a build that gets it
// from the -base-url flag; when given it is normalised to end in "/".
func Load(fsys fs.FS, name string) (Config, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", name, err)
	}
	c := Default()
	d := &decoder{yamlnode.Decoder{File: name}}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, col, msg := yamlnode.Explain(src, err)
		d.Errs.Add(name, line, col, "%s", msg)
		return Config{}, d.Errs.Err()
	}
	if len(doc.Content) > 0 {
		d.site(doc.Content[0], &c)
	}
	if err := d.Errs.Err(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// BasePath returns the URL path of the base URL, always ending in "/": "/" for
// https://example.org/ and "/repo/" for https://user.github.io/repo/.
func (c Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// decoder reads the nodes of site.yaml; its methods decode the parts of Config.
type decoder struct{ yamlnode.Decoder }

// site decodes the top-level mapping into c.
func (d *decoder) site(n *yaml.Node, c *Config) {
	d.Fields(n, "", map[string]func(*yaml.Node){
		"title":       func(v *yaml.Node) { c.Title = d.Str(v, "") },
		"description": func(v *yaml.Node) { c.Description = d.Str(v, "") },
		"base_url": func(v *yaml.Node) {
			c.BaseURL = d.baseURL(v)
		},
		"language": func(v *yaml.Node) {
			if s := d.Str(v, ""); s != "" {
				c.Language = s
			}
		},
		"author": func(v *yaml.Node) { c.Author = d.Str(v, "") },
		"cname": func(v *yaml.Node) {
			c.CNAME = d.Str(v, "")
			if strings.ContainsAny(c.CNAME, "/:") {
				d.Errorf(v, "", "cname must be a host name like \"league.example.com\", not %q", c.CNAME)
			}
		},
		"feed_limit": func(v *yaml.Node) {
			if n, ok := d.Int(v, "feed_limit"); ok {
				if n < 1 {
					d.Errorf(v, "", "feed_limit must be at least 1, got %d", n)
				}
				c.FeedLimit = n
			}
		},
		"h2h_pages": func(v *yaml.Node) {
			s := d.Str(v, "")
			if !slices.Contains(H2HChoices, s) {
				d.Errorf(v, "", "h2h_pages must be one of %s, got %q", strings.Join(H2HChoices, ", "), s)
				return
			}
			c.H2HPages = s
		},
		"h2h_places": func(v *yaml.Node) {
			if n, ok := d.Int(v, "h2h_places"); ok {
				if n < 1 {
					d.Errorf(v, "", "h2h_places must be at least 1, got %d", n)
				}
				c.H2HPlaces = n
			}
		},
		"max_file_mb": func(v *yaml.Node) {
			if n, ok := d.Int(v, "max_file_mb"); ok {
				if n < 1 || n > 4096 {
					d.Errorf(v, "", "max_file_mb must be from 1 to 4096 (MiB), got %d", n)
				}
				c.MaxFileMB = n
			}
		},
		"league": func(v *yaml.Node) { d.league(v, &c.League) },
		"feeds":  func(v *yaml.Node) { c.Feeds = d.feeds(v) },
		"results_urls": func(v *yaml.Node) {
			c.ResultsURLs = nil
			for i, item := range d.List(v, "results_urls") {
				ctx := fmt.Sprintf("results_urls %d: ", i+1)
				if u := d.Str(item, ctx); u != "" && d.HTTPURL(item, ctx, u) {
					c.ResultsURLs = append(c.ResultsURLs, u)
				}
			}
		},
	})
}

// baseURL checks and normalises base_url.
func (d *decoder) baseURL(v *yaml.Node) string {
	s := d.Str(v, "")
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		d.Errorf(v, "", "base_url must be an absolute http(s) URL like \"https://user.github.io/repo/\", got %q", s)
		return ""
	case u.RawQuery != "" || u.Fragment != "":
		d.Errorf(v, "", "base_url must not have a query or fragment, got %q", s)
		return ""
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s
}

// league decodes the league: mapping.
func (d *decoder) league(n *yaml.Node, l *League) {
	d.Fields(n, "league: ", map[string]func(*yaml.Node){
		"min_shared": func(v *yaml.Node) {
			if n, ok := d.Int(v, "min_shared"); ok {
				if n < 1 {
					d.Errorf(v, "", "min_shared must be at least 1, got %d", n)
				}
				l.MinShared = n
			}
		},
		"divisions": func(v *yaml.Node) { l.Divisions = d.divisions(v) },
	})
}

// divisions decodes the division list: unique ids, increasing bounds, and only the
// last may be unbounded.
func (d *decoder) divisions(n *yaml.Node) []Division {
	items := d.List(n, "divisions")
	divs := []Division{}
	first := map[string]int{}
	prevMax := 0.0
	for i, item := range items {
		ctx := fmt.Sprintf("division %d: ", i+1)
		var div Division
		hasMax := false
		seen := d.Fields(item, ctx, map[string]func(*yaml.Node){
			"id":   func(v *yaml.Node) { div.ID = d.Str(v, ctx) },
			"name": func(v *yaml.Node) { div.Name = d.Str(v, ctx) },
			"max_params_b": func(v *yaml.Node) {
				f, ok := d.Float(v, ctx+"max_params_b")
				if !ok {
					return
				}
				hasMax = true
				div.MaxParamsB = f
				if f <= prevMax {
					if i == 0 {
						d.Errorf(v, ctx, "max_params_b must be above 0, got %v", f)
					} else {
						d.Errorf(v, ctx, "max_params_b must be above the previous division's %v, got %v", prevMax, f)
					}
				}
				prevMax = max(prevMax, f)
			},
		})
		if seen == nil {
			continue
		}
		d.Require(item, ctx, seen, "id", "name")
		if v := seen["id"]; v != nil && div.ID != "" {
			d.ID(v, ctx, div.ID)
			if div.ID == "overall" {
				d.Errorf(v, ctx, "id \"overall\" is reserved for the table of all models")
			}
			if line, dup := first[div.ID]; dup {
				d.Errorf(v, ctx, "duplicate id %q (first at line %d)", div.ID, line)
			} else {
				first[div.ID] = v.Line
			}
		}
		if !hasMax && i < len(items)-1 {
			d.Errorf(item, ctx, "only the last division may omit max_params_b")
		}
		divs = append(divs, div)
	}
	return divs
}

// feeds decodes the feed list.
func (d *decoder) feeds(n *yaml.Node) []Feed {
	var feeds []Feed
	first := map[string]int{}
	for i, item := range d.List(n, "feeds") {
		ctx := fmt.Sprintf("feed %d: ", i+1)
		var f Feed
		seen := d.Fields(item, ctx, map[string]func(*yaml.Node){
			"id":   func(v *yaml.Node) { f.ID = d.Str(v, ctx) },
			"name": func(v *yaml.Node) { f.Name = d.Str(v, ctx) },
			"url": func(v *yaml.Node) {
				if f.URL = d.Str(v, ctx); f.URL != "" {
					d.HTTPURL(v, ctx, f.URL)
				}
			},
			"category": func(v *yaml.Node) {
				f.Category = d.Str(v, ctx)
				if f.Category != "" && !slices.Contains(Categories, f.Category) {
					d.Errorf(v, ctx, "unknown category %q%s; use one of %s",
						f.Category, diag.DidYouMean(f.Category, Categories), strings.Join(Categories, ", "))
				}
			},
			"include": func(v *yaml.Node) { f.Include = d.Strs(v, ctx+"include") },
			"exclude": func(v *yaml.Node) { f.Exclude = d.Strs(v, ctx+"exclude") },
		})
		if seen == nil {
			continue
		}
		d.Require(item, ctx, seen, "id", "url", "category")
		if v := seen["id"]; v != nil {
			if f.ID != "" && d.ID(v, ctx, f.ID) {
				if line, dup := first[f.ID]; dup {
					d.Errorf(v, ctx, "duplicate id %q (first at line %d)", f.ID, line)
				} else {
					first[f.ID] = v.Line
				}
			}
		}
		if f.Name == "" {
			f.Name = f.ID
		}
		feeds = append(feeds, f)
	}
	return feeds
}
