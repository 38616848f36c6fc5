package content

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/ai-league/ai-league/internal/cache"
	"github.com/ai-league/ai-league/internal/diag"
	"github.com/ai-league/ai-league/internal/workers"
	"github.com/ai-league/ai-league/internal/yamlnode"
)

// Embedder renders one directive of a ```league block as HTML. kind is
// "standings" (args: table id) or "h2h" (args: two model ids); date is the
// post's YYYY-MM-DD date, at which the data is frozen, or "" on a page (latest).
// The HTML it returns is inserted as is; an error (an unknown table or model)
// is reported at the directive's line in the post. Load renders posts in
// parallel, so an Embedder must be safe for concurrent use.
type Embedder func(kind string, args []string, date string) (html string, err error)

// Options tunes Load.
type Options struct {
	// Drafts includes posts with draft: true; without it they are left out
	// (their front matter is still checked).
	Drafts bool
	// Embed renders ```league blocks. When nil, each directive becomes a
	// placeholder <div class="league-embed"> holding the directive as text.
	Embed Embedder
	// KnownModels, when non-nil, is the set of model ids a post's models: may name.
	KnownModels map[string]bool
	// Until, when set (YYYY-MM-DD), leaves out posts dated after that day, as
	// drafts are: their front matter is still checked. It is the -as-of day.
	Until string
	// BasePath is the path the site lives under, e.g. "/repo/" for a project
	// site. Link and image destinations starting with "/" (not "//") are
	// prefixed with it. Default "/".
	BasePath string
	// Cache keeps rendered bodies and highlighted code between builds; nil for none.
	Cache *cache.Cache
	// Memo keeps loaded posts in memory between loads of one site; nil for none.
	Memo *Memo
	// Unchanged, when set, names the files known not to have changed since the
	// memo kept them (the preview server knows which files an edit touched): those
	// are taken from the memo without being read.
	Unchanged func(file string) bool

	known string // knownSig(KnownModels), set by Load
}

// Directories read by Load, relative to the site root.
const (
	pagesDir = "content"
	postsDir = "content/posts"
)

// slugRE is what a slug, a tag and a page's file name must look like.
var slugRE = regexp.MustCompile(`^[a-z0-9-]+$`)

// reservedPages are slugs the generator's own sections use: a page there
// would overwrite a generated one.
var reservedPages = map[string]bool{
	"index": true, "posts": true, "news": true, "tags": true, "standings": true,
	"models": true, "clubs": true, "benchmarks": true, "h2h": true, "methodology": true,
	"compare": true, "sitemaps": true,
}

// Load reads the posts (content/posts/*.md) and pages (content/*.md) of the
// site root fsys and renders their markdown. Posts come newest first (date
// descending, then slug ascending); pages in slug order. A missing content
// directory is no error. Every problem of every file is collected into one
// diag.List, returned as err, with file:line:col.
func Load(fsys fs.FS, opt Options) (posts []Post, pages []Page, err error) {
	var errs diag.List
	base := normaliseBasePath(opt.BasePath)
	if opt.Cache != nil {
		opt.known = knownSig(opt.KnownModels)
	}

	postFiles, err := markdownFiles(fsys, postsDir)
	if err != nil {
		return nil, nil, err
	}
	pageFiles, err := markdownFiles(fsys, pagesDir)
	if err != nil {
		return nil, nil, err
	}

	// Posts are independent until their slugs are compared, so they render in
	// parallel; each keeps its own errors, merged in file order afterwards.
	loaded := make([]loadedPost, len(postFiles))
	workers.Each(context.Background(), len(postFiles), 0, func(_ context.Context, i int) error {
		loaded[i] = loadPost(fsys, postFiles[i], opt, base)
		return nil
	})
	postSlugs := map[string]string{} // slug -> file
	for _, lp := range loaded {
		errs = append(errs, lp.errs...)
		if !lp.use {
			continue
		}
		if other, dup := postSlugs[lp.post.Slug]; dup {
			errs.Add(lp.post.File, lp.slugLine, lp.slugCol, "duplicate post slug %q (also used by %s)", lp.post.Slug, other)
			continue
		}
		postSlugs[lp.post.Slug] = lp.post.File
		if lp.ok {
			posts = append(posts, lp.post)
		}
	}
	for _, file := range pageFiles {
		p, ok := loadPage(fsys, file, opt, base, &errs)
		if ok {
			pages = append(pages, p)
		}
	}

	sort.SliceStable(posts, func(i, j int) bool {
		if posts[i].Time != posts[j].Time {
			return posts[i].Time > posts[j].Time
		}
		return posts[i].Slug < posts[j].Slug
	})
	sort.SliceStable(pages, func(i, j int) bool { return pages[i].Slug < pages[j].Slug })

	if err := errs.Err(); err != nil {
		return nil, nil, err
	}
	return posts, pages, nil
}

// markdownFiles lists dir/*.md in byte order; a missing dir gives none.
func markdownFiles(fsys fs.FS, dir string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, diag.List{{File: dir, Msg: "read directory: " + err.Error()}}
	}
	var files []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		files = append(files, path.Join(dir, e.Name()))
	}
	sort.Strings(files)
	return files, nil
}

// loadedPost is one post file after loadPost: the post, whether it is published
// (use: not a draft left out) and sound (ok), where its slug was set, and its errors.
type loadedPost struct {
	post              Post
	use, ok           bool
	slugLine, slugCol int
	errs              diag.List
}

// loadPost reads, checks and renders one post, or takes it from opt.Memo when the
// file has not changed since it was kept there.
func loadPost(fsys fs.FS, file string, opt Options, base string) loadedPost {
	var lp loadedPost
	if opt.Unchanged != nil && opt.Unchanged(file) {
		if m, ok := opt.Memo.kept(file); ok {
			return m
		}
	}
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		lp.errs.Add(file, 0, 0, "read: %v", err)
		return lp
	}
	if m, ok := opt.Memo.get(file, src, opt, base); ok {
		return m
	}
	var key cache.Key
	if opt.Cache != nil {
		key = postKey(file, src, opt, base)
		if b, ok := opt.Cache.Get(key); ok {
			if m, ok := decodePost(b); ok && m.post.File == file {
				opt.Memo.put(file, src, opt, base, m)
				return m
			}
		}
	}
	var embedded bool
	lp.post, lp.use, lp.slugLine, lp.slugCol, embedded = readPost(fsys, file, src, opt, base, &lp.errs)
	lp.ok = len(lp.errs) == 0
	if lp.ok && !embedded {
		opt.Memo.put(file, src, opt, base, lp)
		if lp.use && opt.Cache != nil {
			_ = opt.Cache.Put(key, encodePost(lp)) // a failed write only costs the next build a render
		}
	}
	return lp
}

// readPost does the work of loadPost. It reports false when the post is left out
// (a draft) or cannot be used.
func readPost(fsys fs.FS, file string, src []byte, opt Options, base string, errs *diag.List) (p Post, use bool, slugLine, slugCol int, embedded bool) {
	fm, body, bodyLine := splitFrontMatter(file, src, errs)
	if fm == nil {
		return Post{}, false, 0, 0, false
	}
	meta := decodeFrontMatter(file, fm, postKeys, opt.KnownModels, errs)
	p = Post{
		File:    file,
		Slug:    meta.slug,
		Title:   meta.title,
		Date:    meta.date,
		Time:    meta.time,
		Summary: meta.summary,
		Tags:    meta.tags,
		Models:  meta.models,
		Draft:   meta.draft,
	}
	if meta.dateNode == nil && meta.ok {
		errs.Add(file, 1, 1, "front matter: missing date (want YYYY-MM-DD or RFC 3339)")
	}
	if p.Slug == "" {
		p.Slug = strings.TrimSuffix(path.Base(file), ".md")
		if len(p.Slug) > yamlnode.MaxIDLen {
			errs.Add(file, 1, 1, "file name is %d characters long before .md; a slug has at most %d: rename the file or set slug in the front matter", len(p.Slug), yamlnode.MaxIDLen)
		} else if !slugRE.MatchString(p.Slug) {
			errs.Add(file, 1, 1, "file name %q is not a valid slug (want [a-z0-9-]+): rename the file or set slug in the front matter", path.Base(file))
		}
	}
	if p.Draft && !opt.Drafts || opt.Until != "" && p.Date > opt.Until {
		return Post{}, false, 0, 0, false
	}
	p.HTML, embedded = render(body, renderState{
		file: file, slug: p.Slug, date: p.Date, lineOffset: bodyLine - 1,
		embed: opt.Embed, base: base, errs: errs, cache: opt.Cache,
	})
	slugLine, slugCol = meta.slugPos()
	return p, true, slugLine, slugCol, embedded
}

// loadPage reads, checks and renders one standalone page. Its slug is its file
// name, so two pages cannot share one.
func loadPage(fsys fs.FS, file string, opt Options, base string, errs *diag.List) (Page, bool) {
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		errs.Add(file, 0, 0, "read: %v", err)
		return Page{}, false
	}
	before := len(*errs)
	fm, body, bodyLine := splitFrontMatter(file, src, errs)
	if fm == nil {
		return Page{}, false
	}
	meta := decodeFrontMatter(file, fm, pageKeys, nil, errs)
	p := Page{
		File:    file,
		Slug:    strings.TrimSuffix(path.Base(file), ".md"),
		Title:   meta.title,
		Summary: meta.summary,
	}
	switch {
	case len(p.Slug) > yamlnode.MaxIDLen:
		errs.Add(file, 1, 1, "file name is %d characters long before .md; a page slug has at most %d", len(p.Slug), yamlnode.MaxIDLen)
	case !slugRE.MatchString(p.Slug):
		errs.Add(file, 1, 1, "file name %q is not a valid page slug (want [a-z0-9-]+.md)", path.Base(file))
	case reservedPages[p.Slug]:
		errs.Add(file, 1, 1, "page slug %q is reserved for a generated section; rename the file", p.Slug)
	}
	p.HTML, _ = render(body, renderState{
		file: file, slug: p.Slug, lineOffset: bodyLine - 1,
		embed: opt.Embed, base: base, errs: errs, cache: opt.Cache,
	})
	return p, len(*errs) == before
}

// normaliseBasePath makes p start and end with "/"; "" is "/".
func normaliseBasePath(p string) string {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}
