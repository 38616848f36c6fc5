package league

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/ai-league/ai-league/internal/diag"
	"github.com/ai-league/ai-league/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

// The data files, relative to the site root.
const (
	ClubsFile      = "data/clubs.yaml"
	ModelsFile     = "data/models.yaml"
	BenchmarksFile = "data/benchmarks.yaml"
	ResultsDir     = "data/results"
)

// Defaults for fields a data file may leave out.
const (
	DefaultMax   = 100.0 // Benchmark.Max
	DefaultScale = 100.0 // LMEval.Scale
)

// decoder reads the nodes of one data file; its problems go to Errs, which the
// loader takes when the file is done.
type decoder struct{ yamlnode.Decoder }

// readList reads a YAML file holding a list and returns its items, or nil after
// reporting why it cannot.
func readList(fsys fs.FS, path string) (*decoder, []*yaml.Node) {
	d := &decoder{yamlnode.Decoder{File: path}}
	src, err := fs.ReadFile(fsys, path)
	if errors.Is(err, fs.ErrNotExist) {
		d.Errs.Add(path, 0, 0, "missing file")
		return d, nil
	}
	if err != nil {
		d.Errs.Add(path, 0, 0, "cannot read: %v", err)
		return d, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, col, msg := yamlnode.Explain(src, err)
		d.Errs.Add(path, line, col, "%s", msg)
		return d, nil
	}
	if len(doc.Content) == 0 {
		return d, nil
	}
	return d, d.List(doc.Content[0], "the file")
}

// ids checks that each id is valid and unique within one file.
type ids map[string]int

func (seen ids) check(d *decoder, v *yaml.Node, ctx, id string) bool {
	if id == "" || !d.ID(v, ctx, id) {
		return false
	}
	if line, dup := seen[id]; dup {
		d.Errorf(v, ctx, "duplicate id %q (first at line %d)", id, line)
		return false
	}
	seen[id] = v.Line
	return true
}

// clubs reads data/clubs.yaml.
func (l *loader) clubs() []Club {
	d, items := readList(l.fsys, ClubsFile)
	seen := ids{}
	var clubs []Club
	for i, item := range items {
		ctx := fmt.Sprintf("club %d: ", i+1)
		var c Club
		f := d.Fields(item, ctx, map[string]func(*yaml.Node){
			"id":      func(v *yaml.Node) { c.ID = d.Str(v, ctx) },
			"name":    func(v *yaml.Node) { c.Name = d.Str(v, ctx) },
			"country": func(v *yaml.Node) { c.Country = d.Str(v, ctx) },
			"homepage": func(v *yaml.Node) {
				if c.Homepage = d.Str(v, ctx); c.Homepage != "" {
					d.HTTPURL(v, ctx, c.Homepage)
				}
			},
		})
		if f == nil {
			continue
		}
		d.Require(item, ctx, f, "id", "name")
		if f["id"] != nil && seen.check(d, f["id"], ctx, c.ID) {
			clubs = append(clubs, c)
		} else if l.refuse(c.ID) {
			l.refused.Clubs = append(l.refused.Clubs, c)
		}
	}
	l.errs = append(l.errs, d.Errs...)
	return clubs
}

// models reads data/models.yaml; clubs must be known. Aliases may not collide, even
// by case, with another model's id or alias, as lm-eval files are matched by them.
func (l *loader) models(clubs []Club) []Model {
	clubIDs := make([]string, len(clubs))
	for i, c := range clubs {
		clubIDs[i] = c.ID
	}
	d, items := readList(l.fsys, ModelsFile)
	seen := ids{}
	var models []Model
	type alias struct {
		model, name string
		node        *yaml.Node
	}
	var aliases []alias
	for i, item := range items {
		ctx := fmt.Sprintf("model %d: ", i+1)
		var m Model
		size := func(dst *float64, key string) func(*yaml.Node) {
			return func(v *yaml.Node) {
				if f, ok := d.Float(v, ctx+key); ok {
					if f < 0 {
						d.Errorf(v, ctx, "%s must not be negative, got %v", key, f)
					}
					*dst = f
				}
			}
		}
		var aliasNodes []*yaml.Node
		f := d.Fields(item, ctx, map[string]func(*yaml.Node){
			"id":   func(v *yaml.Node) { m.ID = d.Str(v, ctx) },
			"name": func(v *yaml.Node) { m.Name = d.Str(v, ctx) },
			"club": func(v *yaml.Node) {
				m.Club = d.Str(v, ctx)
				if m.Club != "" && !slices.Contains(clubIDs, m.Club) && !l.broken[m.Club] {
					d.Errorf(v, ctx, "unknown club %q%s", m.Club, diag.DidYouMean(m.Club, clubIDs))
				}
			},
			"params_b":           size(&m.ParamsB, "params_b"),
			"active_params_b":    size(&m.ActiveParamsB, "active_params_b"),
			"effective_params_b": size(&m.EffectiveParamsB, "effective_params_b"),
			"license":            func(v *yaml.Node) { m.License = d.Str(v, ctx) },
			"released": func(v *yaml.Node) {
				if m.Released = d.Str(v, ctx); m.Released != "" && !yamlnode.ValidDate(m.Released) {
					d.Errorf(v, ctx, "released %s is not a valid date (%s)", yamlnode.Short(m.Released), yamlnode.DateRule)
				}
			},
			"context_tokens": func(v *yaml.Node) {
				if n, ok := d.Int(v, ctx+"context_tokens"); ok {
					if n < 0 {
						d.Errorf(v, ctx, "context_tokens must not be negative, got %d", n)
					}
					m.ContextTokens = n
				}
			},
			"context_label": func(v *yaml.Node) { m.ContextLabel = d.Str(v, ctx) },
			"modalities":    func(v *yaml.Node) { m.Modalities = d.Strs(v, ctx+"modalities") },
			"source": func(v *yaml.Node) {
				if m.Source = d.Str(v, ctx); m.Source != "" {
					d.HTTPURL(v, ctx, m.Source)
				}
			},
			"aliases": func(v *yaml.Node) {
				aliasNodes = d.List(v, ctx+"aliases")
				for _, a := range aliasNodes {
					m.Aliases = append(m.Aliases, d.Str(a, ctx))
				}
			},
		})
		if f == nil {
			continue
		}
		d.Require(item, ctx, f, "id", "name", "club")
		if f["id"] == nil || !seen.check(d, f["id"], ctx, m.ID) {
			if l.refuse(m.ID) {
				l.refused.Models = append(l.refused.Models, m)
			}
			continue
		}
		for j, a := range m.Aliases {
			if a == "" {
				d.Errorf(aliasNodes[j], ctx, "alias must not be empty")
				continue
			}
			aliases = append(aliases, alias{m.ID, a, aliasNodes[j]})
		}
		models = append(models, m)
	}

	owner := map[string]string{} // lowercased id or alias -> model id
	for _, m := range models {
		owner[strings.ToLower(m.ID)] = m.ID
	}
	for _, a := range aliases {
		key := strings.ToLower(a.name)
		if o, taken := owner[key]; taken && o != a.model {
			d.Errorf(a.node, "", "alias %q of model %q collides with model %q", a.name, a.model, o)
			continue
		}
		owner[key] = a.model
	}
	l.errs = append(l.errs, d.Errs...)
	return models
}

// benchmarks reads data/benchmarks.yaml.
func (l *loader) benchmarks() []Benchmark {
	d, items := readList(l.fsys, BenchmarksFile)
	seen := ids{}
	var benchmarks []Benchmark
	for i, item := range items {
		ctx := fmt.Sprintf("benchmark %d: ", i+1)
		b := Benchmark{Max: DefaultMax}
		var maxNode *yaml.Node
		number := func(dst *float64, key string) func(*yaml.Node) {
			return func(v *yaml.Node) {
				if f, ok := d.Float(v, ctx+key); ok {
					if f < 0 {
						d.Errorf(v, ctx, "%s must not be negative, got %v", key, f)
					}
					*dst = f
				}
			}
		}
		f := d.Fields(item, ctx, map[string]func(*yaml.Node){
			"id":          func(v *yaml.Node) { b.ID = d.Str(v, ctx) },
			"name":        func(v *yaml.Node) { b.Name = d.Str(v, ctx) },
			"category":    func(v *yaml.Node) { b.Category = d.Str(v, ctx) },
			"subcategory": func(v *yaml.Node) { b.Subcategory = d.Str(v, ctx) },
			"higher_is_better": func(v *yaml.Node) {
				if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" || v.Decode(&b.HigherIsBetter) != nil {
					d.Errorf(v, ctx, "higher_is_better must be true or false, got %s", yamlnode.Describe(v))
				}
			},
			"unit":            func(v *yaml.Node) { b.Unit = d.Str(v, ctx) },
			"random_baseline": number(&b.RandomBaseline, "random_baseline"),
			"max": func(v *yaml.Node) {
				maxNode = v
				number(&b.Max, "max")(v)
			},
			"draw_margin": number(&b.DrawMargin, "draw_margin"),
			"url": func(v *yaml.Node) {
				if b.URL = d.Str(v, ctx); b.URL != "" {
					d.HTTPURL(v, ctx, b.URL)
				}
			},
			"note":    func(v *yaml.Node) { b.Note = d.Str(v, ctx) },
			"lm_eval": func(v *yaml.Node) { b.LMEval = d.lmEval(v, ctx+"lm_eval: ") },
		})
		if f == nil {
			continue
		}
		d.Require(item, ctx, f, "id", "name", "higher_is_better")
		if b.Max <= b.RandomBaseline {
			at := item
			if maxNode != nil {
				at = maxNode
			}
			d.Errorf(at, ctx, "max %v must be above random_baseline %v", b.Max, b.RandomBaseline)
		}
		if f["id"] != nil && seen.check(d, f["id"], ctx, b.ID) {
			benchmarks = append(benchmarks, b)
		} else if l.refuse(b.ID) {
			l.refused.Benchmarks = append(l.refused.Benchmarks, b)
		}
	}
	l.errs = append(l.errs, d.Errs...)
	return benchmarks
}

// lmEval decodes a benchmark's lm_eval mapping.
func (d *decoder) lmEval(n *yaml.Node, ctx string) *LMEval {
	e := &LMEval{Scale: DefaultScale}
	f := d.Fields(n, ctx, map[string]func(*yaml.Node){
		"task":   func(v *yaml.Node) { e.Task = d.Str(v, ctx) },
		"metric": func(v *yaml.Node) { e.Metric = d.Str(v, ctx) },
		"scale": func(v *yaml.Node) {
			if s, ok := d.Float(v, ctx+"scale"); ok {
				if s <= 0 {
					d.Errorf(v, ctx, "scale must be above 0, got %v", s)
				}
				e.Scale = s
			}
		},
	})
	if f == nil {
		return nil
	}
	d.Require(n, ctx, f, "task", "metric")
	return e
}
