// Package render turns the site model into files: HTML pages from templates, league
// data as JSON, CSV and Markdown, feeds, the sitemap and the hosting files. It is pure:
// Site in, a list of (path, bytes) out. Only package publish writes them.
//
// Templates live in templates/ of the site root, over the built-in ones. base.html and
// partials.html make the layout; every other file is one kind of page and defines
// "main". The data of every page is a Page.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/ai-league/ai-league/internal/chart"
	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/site"
	"github.com/ai-league/ai-league/internal/standings"
)

// File is one output file; package publish writes them.
type File struct {
	Path string // slash-separated, relative to the site root
	Data []byte
}

// Renderer holds the parsed templates of one build.
type Renderer struct {
	cfg      config.Config
	basePath string
	kinds    map[string]*template.Template
	static   fs.FS
	site     *site.Site // set by Render; read by template functions
}

// New parses the templates (templates holds *.html at its root) and keeps the static
// files (copied as they are). Both are usually an Overlay of the site over the defaults.
func New(cfg config.Config, basePath string, templates, static fs.FS) (*Renderer, error) {
	r := &Renderer{cfg: cfg, basePath: basePath, static: static}
	funcs := baseFuncs()
	funcs["url"] = func(p string) string { return basePath + strings.TrimPrefix(p, "/") }
	funcs["modelName"] = func(id string) string { return r.site.ModelName(id) }
	funcs["clubName"] = func(id string) string { return r.site.ClubName(id) }
	funcs["h2h"] = func(a, b string) string { return basePath + site.H2HPath(a, b) }
	funcs["changeTitle"] = func(c standings.Change) string { return ChangeTitle(r.site, c) }
	// trusted marks HTML the build made itself (posts, pages) or sanitised (news) as safe.
	funcs["trusted"] = func(s string) template.HTML { return template.HTML(s) }
	funcs["dict"] = func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	kinds, err := loadTemplates(templates, funcs)
	if err != nil {
		return nil, err
	}
	for _, k := range requiredKinds {
		if kinds[k] == nil {
			return nil, fmt.Errorf("templates: %s.html is missing", k)
		}
	}
	r.kinds = kinds
	return r, nil
}

// requiredKinds are the page templates the renderer uses.
var requiredKinds = []string{"home", "standings", "model", "club", "benchmark", "h2h", "post", "list", "news", "page", "methodology", "notfound", "embed"}

// Page is the data of every page template.
type Page struct {
	Site        *site.Site
	Path        string // site path, e.g. "models/x/"; "" for the home page
	Title       string // the page's own title; the layout adds the site title
	Description string
	Kind        string
	Figures     []Figure // their scripts go at the end of the body
	Data        any
	Canonical   string
	OGType      string

	draw func() []Figure // makes Figures on a render worker: go-echarts is slow and each chart is used once
}

// Figure is a chart placed on a page; Group names the table it belongs under ("" for
// the page as a whole).
type Figure struct {
	chart.Figure
	Group string
}

// job is one page to render.
type job struct {
	kind string
	page Page
	out  string // output path
}

// Render produces every file of the site.
func (r *Renderer) Render(s *site.Site) ([]File, error) {
	r.site = s
	jobs, files, err := r.plan(s)
	if err != nil {
		return nil, err
	}
	htmlFiles, err := r.renderPages(jobs)
	if err != nil {
		return nil, err
	}
	files = append(files, htmlFiles...)
	staticFiles, err := r.copyStatic()
	if err != nil {
		return nil, err
	}
	files = append(files, staticFiles...)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	for i := 1; i < len(files); i++ {
		if files[i].Path == files[i-1].Path {
			return nil, fmt.Errorf("two outputs for %s: a file in static/ takes the path of a generated one", files[i].Path)
		}
	}
	return files, nil
}

// renderPages executes the page templates with a bounded number of goroutines.
func (r *Renderer) renderPages(jobs []*job) ([]File, error) {
	out := make([]File, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = r.renderPage(jobs[i])
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (r *Renderer) renderPage(j *job) (File, error) {
	p := j.page
	p.Site = r.site
	p.Kind = j.kind
	if p.draw != nil {
		p.Figures = p.draw()
	}
	if p.Canonical == "" {
		p.Canonical = r.site.AbsURL(p.Path)
	}
	if p.OGType == "" {
		p.OGType = "website"
	}
	if p.Description == "" {
		p.Description = r.cfg.Description
	}
	var buf bytes.Buffer
	if err := r.kinds[j.kind].ExecuteTemplate(&buf, "base.html", p); err != nil {
		return File{}, fmt.Errorf("render %s: %w", j.out, err)
	}
	return File{Path: j.out, Data: buf.Bytes()}, nil
}

// copyStatic copies every static file as it is.
func (r *Renderer) copyStatic() ([]File, error) {
	var files []File
	err := fs.WalkDir(r.static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(r.static, p)
		if err != nil {
			return err
		}
		files = append(files, File{Path: p, Data: b})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static: %w", err)
	}
	return files, nil
}
