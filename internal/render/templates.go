package render

import (
	"fmt"
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/site"
	"html/template"
	"io/fs"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// layoutFiles are parsed into every page template; the other *.html files of the
// templates folder are one page kind each and define "main".
var layoutFiles = []string{"base.html", "partials.html"}

// loadTemplates parses the layout and one clone of it per page kind. fsys holds the
// templates as files at its root (the site's templates/ over the built-in ones).
func loadTemplates(fsys fs.FS, funcs template.FuncMap) (map[string]*template.Template, error) {
	root := template.New("layout").Funcs(funcs)
	for _, name := range layoutFiles {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		if _, err := root.New(name).Parse(string(b)); err != nil {
			return nil, fmt.Errorf("templates/%s: %w", name, err)
		}
	}
	names, err := fs.Glob(fsys, "*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	sort.Strings(names)
	kinds := map[string]*template.Template{}
	for _, name := range names {
		if name == layoutFiles[0] || name == layoutFiles[1] {
			continue
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		t, err := root.Clone()
		if err != nil {
			return nil, fmt.Errorf("templates/%s: %w", name, err)
		}
		if _, err := t.New(name).Parse(string(b)); err != nil {
			return nil, fmt.Errorf("templates/%s: %w", name, err)
		}
		t.Funcs(template.FuncMap{"postcard": postcards(t)})
		kinds[strings.TrimSuffix(name, ".html")] = t
	}
	return kinds, nil
}

// postcards returns the "postcard" function of the page kind t: the HTML of
// {{template "postcard" .}} for a post, as t defines it, made once per post and
// build (a post is a card on the list of all posts and on each of its tags' pages).
func postcards(t *template.Template) func(*content.Post) (template.HTML, error) {
	return madeOnce(func(p *content.Post) (string, error) {
		var b strings.Builder
		err := t.ExecuteTemplate(&b, "postcard", p)
		return b.String(), err
	})
}

// madeOnce returns build as a function that makes the HTML of each key once and
// hands the same HTML back afterwards; safe for concurrent calls (two calls for a
// new key may both make it, with the same result).
func madeOnce[K comparable](build func(K) (string, error)) func(K) (template.HTML, error) {
	var mu sync.Mutex
	made := map[K]template.HTML{}
	return func(k K) (template.HTML, error) {
		mu.Lock()
		h, ok := made[k]
		mu.Unlock()
		if ok {
			return h, nil
		}
		s, err := build(k)
		if err != nil {
			return "", err
		}
		h = template.HTML(s)
		mu.Lock()
		made[k] = h
		mu.Unlock()
		return h, nil
	}
}

// Overlay is a file system that serves a name from top when it has it, else from base.
type Overlay struct{ Top, Base fs.FS }

// Open opens name from Top, falling back to Base.
func (o Overlay) Open(name string) (fs.File, error) {
	if o.Top != nil {
		if f, err := o.Top.Open(name); err == nil {
			return f, nil
		}
	}
	return o.Base.Open(name)
}

// Glob lists the union of both file systems' matches, sorted.
func (o Overlay) Glob(pattern string) ([]string, error) {
	seen := map[string]bool{}
	for _, f := range []fs.FS{o.Top, o.Base} {
		if f == nil {
			continue
		}
		m, err := fs.Glob(f, pattern)
		if err != nil {
			return nil, err
		}
		for _, n := range m {
			seen[n] = true
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out, nil
}

// ReadDir lists the union of both file systems' entries for a directory.
func (o Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	byName := map[string]fs.DirEntry{}
	var firstErr error
	for _, f := range []fs.FS{o.Base, o.Top} {
		if f == nil {
			continue
		}
		es, err := fs.ReadDir(f, name)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		for _, e := range es {
			byName[e.Name()] = e
		}
	}
	if len(byName) == 0 && firstErr != nil {
		return nil, firstErr
	}
	out := make([]fs.DirEntry, 0, len(byName))
	for _, e := range byName {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// baseFuncs are the template functions that do not depend on the site.
func baseFuncs() template.FuncMap {
	return template.FuncMap{
		"rank":     rankLabel,
		"ordinal":  ordinal,
		"movement": movement,
		"num":      num,
		"signed":   func(n int) string { return fmt.Sprintf("%+d", n) },
		"rating":   func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) },
		"longdate": longDate,
		"join":     strings.Join,
		"base":     path.Base,
		"add":      func(a, b int) int { return a + b },
		"pct":      func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) },
		"csp":      func() template.HTML { return cspMeta },
	}
}

func rankLabel(rank int, shared bool) string { return site.RankLabel(rank, shared) }

// ordinal writes 1st, 2nd, 3rd, 4th, 11th, 21st.
func ordinal(n int) string { return site.Ordinal(n) }

// movementView is how a movement is shown: an arrow, a number and words for screen readers.
type movementView struct {
	Class, Arrow, Text, Label string
}

func movement(m *int) movementView {
	switch {
	case m == nil:
		return movementView{"new", "★", "new", "new in this table"}
	case *m > 0:
		return movementView{"up", "▲", strconv.Itoa(*m), fmt.Sprintf("up %d", *m)}
	case *m < 0:
		return movementView{"down", "▼", strconv.Itoa(-*m), fmt.Sprintf("down %d", -*m)}
	}
	return movementView{"same", "–", "", "no change"}
}

// num formats a score without trailing zeros: 77.2, 3052, 0.25.
func num(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

func longDate(s string) string { return site.LongDate(s) }
