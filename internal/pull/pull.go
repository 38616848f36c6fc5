// Package pull fetches what site.yaml lists from other hosts — feeds and results
// URLs — into the site's cache (data/cache/): HTTP with a timeout, a size cap,
// conditional GET and a guarded dialer, then a check and an atomic write. What the
// copies mean (news items, results) is for other packages to read.
package pull

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"

	"github.com/ai-league/ai-league/internal/config"
)

// The cache, relative to the site root (slash-separated, for fs.FS):
//
//	data/cache/feeds/<feed-id>.xml         the last good copy of an RSS or Atom feed, in UTF-8
//	data/cache/feeds/<feed-id>.json        the same for a JSON Feed
//	data/cache/feeds/<feed-id>.meta.json   url, etag, last_modified, content_type, fetched_at
//	data/cache/results/<name>.json         the last good copy of a results URL (ResultsCacheName)
//	data/cache/results/<name>.meta.json    its metadata
//
// Metadata is for the next pull (conditional GET) and for warnings; it never reaches
// the site.
const (
	CacheDir    = "data/cache"
	FeedsDir    = CacheDir + "/feeds"
	feedsDir    = "feeds"
	resultsDir  = "results"
	metaSuffix  = ".meta.json"
	maxIDLength = 64
)

// Defaults of Options.
const (
	DefaultRequestTimeout = 10 * time.Second
	DefaultDeadline       = 30 * time.Second
	DefaultMaxBytes       = 5 << 20 // 5 MiB
	DefaultConcurrency    = 4
	MaxRedirects          = 5
	UserAgent             = "AI-League/0.1 (+https://github.com/ai-league/ai-league)"
)

// Options tunes Pull. The zero value uses the defaults above and
// http.DefaultTransport.
type Options struct {
	// Client makes the requests. Its CheckRedirect, when nil, is replaced by one that
	// allows MaxRedirects http(s) redirects and stops loops. Default: a client whose
	// dialer refuses internal addresses (see guard.go); a Client given here is used
	// with its own transport.
	Client *http.Client
	// Resolver and Dial serve the default client: how host names are looked up
	// (default net.DefaultResolver) and how a checked numeric address is dialled
	// (default a net.Dialer that checks the address again before connecting).
	Resolver Resolver
	Dial     DialFunc
	// Now stamps fetched_at in the cache metadata. Only main may read the clock, so
	// it passes time.Now; when nil, fetched_at is not recorded.
	Now            func() time.Time
	UserAgent      string        // default UserAgent
	RequestTimeout time.Duration // per request, body included; default 10s
	Deadline       time.Duration // for the whole pull; default 30s
	MaxBytes       int64         // per response, after decompression; default 5 MiB
	Concurrency    int           // requests at once; default 4
}

func (o Options) withDefaults() Options {
	if o.Client == nil {
		o.Client = guardedClient(o.Resolver, o.Dial)
	}
	c := *o.Client // a copy, so that the caller's client is not changed
	if c.CheckRedirect == nil {
		c.CheckRedirect = checkRedirect
	}
	o.Client = &c
	if o.UserAgent == "" {
		o.UserAgent = UserAgent
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
	if o.Deadline <= 0 {
		o.Deadline = DefaultDeadline
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	return o
}

// Warning is one source that could not be refreshed; the build goes on with its
// cached copy, if any.
type Warning struct {
	Kind     string // "feed" or "results"
	ID       string // the feed id, or the URL of a results file
	URL      string
	Reason   string // e.g. "timeout after 10s", "HTTP 503 Service Unavailable"
	Cache    string // the cached copy in use (path as given to Pull), or "" when none
	CachedAt string // YYYY-MM-DD the cached copy was fetched, or "" when unknown
}

// String formats the warning as one line for the build log, e.g.
// "feed policy (https://…): timeout after 10s; using cached copy data/cache/feeds/policy.xml from 2026-06-03".
func (w Warning) String() string {
	var b strings.Builder
	if w.Kind == "feed" {
		fmt.Fprintf(&b, "feed %s (%s): %s", w.ID, w.URL, w.Reason)
	} else {
		fmt.Fprintf(&b, "results %s: %s", w.URL, w.Reason)
	}
	switch {
	case w.Cache == "":
		b.WriteString("; no cached copy")
	case w.CachedAt == "":
		fmt.Fprintf(&b, "; using cached copy %s", w.Cache)
	default:
		fmt.Fprintf(&b, "; using cached copy %s from %s", w.Cache, w.CachedAt)
	}
	return b.String()
}

// ResultsCacheName is the file name, inside the cache's results/ folder, of the
// copy of the results file at rawURL: a readable slug of host and path plus a short
// hash of the whole URL, e.g. "example.org-league-q35-1a2b3c4d5e.json".
func ResultsCacheName(rawURL string) string {
	sum := sha256.Sum256([]byte(rawURL))
	slug := rawURL
	if u, err := url.Parse(rawURL); err == nil && u.Host != "" {
		slug = u.Host + u.Path
	}
	slug = strings.TrimSuffix(strings.ToLower(slug), ".json")
	var b strings.Builder
	dash := false
	for _, r := range slug {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') || r == '.' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= 60 {
				break
			}
			continue
		}
		dash = true
	}
	name := strings.Trim(b.String(), ".-")
	if name == "" {
		name = "results"
	}
	return name + "-" + hex.EncodeToString(sum[:5]) + ".json"
}

// ResultsCachePath is where the copy of the results file at rawURL lives, relative
// to the site root, slash-separated: data/cache/results/<ResultsCacheName>.
func ResultsCachePath(rawURL string) string {
	return path.Join(CacheDir, resultsDir, ResultsCacheName(rawURL))
}

// Pull fetches every feed and results URL into cacheDir (the site's data/cache),
// a few at a time, each with a timeout, a size cap, conditional GET and the
// project's User-Agent. What arrives is checked — a feed must parse, a results file
// must be a JSON array or an object with "results" — and written atomically with its
// metadata; a 304 keeps the cached copy as it is.
//
// A source that cannot be reached or answers badly is a Warning, sorted by kind and
// id. A results URL that answers with a file that is not a results file, or a feed
// whose id cannot name a file, is an error: the build should fail on it.
func Pull(ctx context.Context, feeds []config.Feed, resultsURLs []string, cacheDir string, opt Options) ([]Warning, error) {
	opt = opt.withDefaults()
	ctx, cancel := context.WithTimeout(ctx, opt.Deadline)
	defer cancel()

	var srcs []source
	var errs []string
	seen := map[string]bool{}
	for _, f := range feeds {
		if err := CheckFeedID(f.ID); err != nil {
			errs = append(errs, err.Error())
			continue
		}
		if seen[f.ID] {
			errs = append(errs, fmt.Sprintf("feed %s: listed twice", f.ID))
			continue
		}
		seen[f.ID] = true
		srcs = append(srcs, source{kind: "feed", id: f.ID, url: f.URL, dir: filepath.Join(cacheDir, feedsDir), base: f.ID})
	}
	for _, u := range resultsURLs {
		if seen["results "+u] {
			continue
		}
		seen["results "+u] = true
		srcs = append(srcs, source{kind: "results", id: u, url: u, dir: filepath.Join(cacheDir, resultsDir),
			base: strings.TrimSuffix(ResultsCacheName(u), ".json")})
	}

	var (
		mu       sync.Mutex
		warnings []Warning
		wg       sync.WaitGroup
		slots    = make(chan struct{}, opt.Concurrency)
	)
	for _, s := range srcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case slots <- struct{}{}:
				defer func() { <-slots }()
			case <-ctx.Done():
			}
			f := s.pull(ctx, opt)
			if f == nil {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if f.invalid && s.kind == "results" {
				errs = append(errs, fmt.Sprintf("results %s: %s", s.url, f.reason))
				return
			}
			warnings = append(warnings, s.warning(f.reason))
		}()
	}
	wg.Wait()

	sort.Slice(warnings, func(i, j int) bool {
		if warnings[i].Kind != warnings[j].Kind {
			return warnings[i].Kind < warnings[j].Kind
		}
		return warnings[i].ID < warnings[j].ID
	})
	if len(errs) > 0 {
		sort.Strings(errs)
		return warnings, errors.New(strings.Join(errs, "\n"))
	}
	return warnings, nil
}

// CheckFeedID rejects ids that cannot safely name a cache file.
func CheckFeedID(id string) error {
	if !feedIDPattern.MatchString(id) || len(id) > maxIDLength {
		return fmt.Errorf("feed %q: id must be 1 to %d lowercase letters, digits, '-', '_' or '.', starting with a letter or digit", id, maxIDLength)
	}
	return nil
}

var feedIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// source is one URL to pull and where its copy lives.
type source struct {
	kind string // "feed" or "results"
	id   string
	url  string
	dir  string // the folder of its copy
	base string // file name without extension
}

// failure is why a pull did not refresh the cache.
type failure struct {
	reason  string
	invalid bool // the server answered, but with a file that is not what was asked for
}

// Meta is the on-disk metadata of a cached copy (<name>.meta.json).
type Meta struct {
	URL          string `json:"url"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	ContentType  string `json:"content_type,omitempty"`
	FetchedAt    string `json:"fetched_at,omitempty"`
}

// extensions are the file extensions a copy of this kind of source may have.
func (s source) extensions() []string {
	if s.kind == "feed" {
		return []string{".xml", ".json"}
	}
	return []string{".json"}
}

// cached returns the path of the current copy (or "") and its metadata.
func (s source) cached() (string, Meta) {
	var meta Meta
	if b, err := os.ReadFile(filepath.Join(s.dir, s.base+metaSuffix)); err == nil {
		_ = json.Unmarshal(b, &meta) // bad metadata only costs the conditional GET
	}
	for _, ext := range s.extensions() {
		p := filepath.Join(s.dir, s.base+ext)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, meta
		}
	}
	return "", Meta{}
}

// warning describes a failure and the copy the build falls back to.
func (s source) warning(reason string) Warning {
	w := Warning{Kind: s.kind, ID: s.id, URL: s.url, Reason: reason}
	if p, meta := s.cached(); p != "" {
		w.Cache = filepath.ToSlash(p)
		w.CachedAt = meta.FetchedOn()
	}
	return w
}

// pull fetches one source and refreshes its copy; nil means the cache is current.
func (s source) pull(ctx context.Context, opt Options) *failure {
	if err := ctx.Err(); err != nil {
		return &failure{reason: fmt.Sprintf("not started before the overall deadline of %s", opt.Deadline)}
	}
	u, err := url.Parse(s.url)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return &failure{reason: "not an absolute http(s) URL", invalid: true}
	}
	reqCtx, cancel := context.WithTimeout(allowConfigured(ctx, u), opt.RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(reqCtx, http.MethodGet, s.url, nil)
	if err != nil {
		return &failure{reason: err.Error(), invalid: true}
	}
	req.Header.Set("User-Agent", opt.UserAgent)
	if s.kind == "feed" {
		req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1")
	} else {
		req.Header.Set("Accept", "application/json")
	}
	oldPath, old := s.cached()
	conditional := oldPath != "" && old.URL == s.url && (old.ETag != "" || old.LastModified != "")
	if conditional {
		if old.ETag != "" {
			req.Header.Set("If-None-Match", old.ETag)
		}
		if old.LastModified != "" {
			req.Header.Set("If-Modified-Since", old.LastModified)
		}
	}

	resp, err := opt.Client.Do(req)
	if err != nil {
		return &failure{reason: reason(err, ctx, opt)}
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified && conditional {
		return nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return &failure{reason: "HTTP " + resp.Status}
	}
	if resp.ContentLength > opt.MaxBytes {
		return &failure{reason: fmt.Sprintf("larger than the limit of %s (Content-Length %d)", Size(opt.MaxBytes), resp.ContentLength)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, opt.MaxBytes+1))
	if err != nil {
		return &failure{reason: reason(err, ctx, opt)}
	}
	if int64(len(body)) > opt.MaxBytes {
		return &failure{reason: fmt.Sprintf("larger than the limit of %s", Size(opt.MaxBytes))}
	}

	contentType := resp.Header.Get("Content-Type")
	ext := ".json"
	if s.kind == "feed" {
		body, err = toUTF8(body, contentType)
		if err == nil {
			var feed *gofeed.Feed
			feed, err = gofeed.NewParser().Parse(bytes.NewReader(body))
			if err == nil && feed.FeedType != "json" {
				ext = ".xml"
				err = wellFormed(body)
			}
		}
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return &failure{reason: fmt.Sprintf("not an RSS, Atom or JSON feed (Content-Type %q)", contentType), invalid: true}
		}
		if err != nil {
			return &failure{reason: "bad feed: " + err.Error(), invalid: true}
		}
	} else if err := checkResults(body); err != nil {
		return &failure{reason: err.Error(), invalid: true}
	}

	meta := Meta{URL: s.url, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), ContentType: contentType}
	if opt.Now != nil {
		meta.FetchedAt = opt.Now().UTC().Format(time.RFC3339)
	}
	newPath := filepath.Join(s.dir, s.base+ext)
	if oldPath == newPath && old.URL == s.url {
		if b, err := os.ReadFile(oldPath); err == nil && bytes.Equal(b, body) {
			// The same bytes as the copy: it keeps the day it was fetched, so a
			// source that did not change leaves the cache (and the archive) as it
			// was, whether or not it answers conditional requests.
			meta.FetchedAt = old.FetchedAt
		}
	}
	metaBytes, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return &failure{reason: "cache metadata: " + err.Error()}
	}
	if err := WriteAtomic(newPath, body); err != nil {
		return &failure{reason: "cache: " + err.Error()}
	}
	if err := WriteAtomic(filepath.Join(s.dir, s.base+metaSuffix), append(metaBytes, '\n')); err != nil {
		return &failure{reason: "cache: " + err.Error()}
	}
	if oldPath != "" && oldPath != newPath {
		// The feed changed format (RSS to JSON Feed or back): drop the stale copy.
		if err := os.Remove(oldPath); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return &failure{reason: "cache: " + err.Error()}
		}
	}
	return nil
}

// checkRedirect follows at most MaxRedirects redirects, to http(s) only, and
// stops at the first URL seen twice.
func checkRedirect(req *http.Request, via []*http.Request) error {
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return fmt.Errorf("redirect loop at %s", req.URL)
		}
	}
	if len(via) > MaxRedirects {
		return fmt.Errorf("more than %d redirects", MaxRedirects)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to a non-http(s) URL %s", req.URL)
	}
	return checkRedirectTarget(req)
}

// reason turns a transport error into a short reason for a warning.
func reason(err error, overall context.Context, opt Options) string {
	var dnsErr *net.DNSError
	var netErr net.Error
	if r, ok := blockedReason(err); ok {
		return r
	}
	switch {
	case errors.Is(overall.Err(), context.DeadlineExceeded):
		return fmt.Sprintf("no answer before the overall deadline of %s", opt.Deadline)
	case overall.Err() != nil:
		return "cancelled"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Sprintf("timeout after %s", opt.RequestTimeout)
	case errors.As(err, &dnsErr):
		return fmt.Sprintf("cannot resolve host %s", dnsErr.Name)
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err.Error()
	}
	return err.Error()
}

// Size formats a byte count for messages: "5 MiB", "64 KiB", "100 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// xmlDecl finds the encoding pseudo-attribute of an XML declaration.
var xmlDecl = regexp.MustCompile(`^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]*)["']`)

// toUTF8 converts a feed to UTF-8 and makes its XML declaration say so, so that the
// cached copy parses the same without the HTTP header. The charset of the
// Content-Type header wins (as charset.NewReader does), then a byte order mark,
// then the XML declaration; a body that is valid UTF-8 stays as it is, and anything
// else is read as windows-1252, the web's default.
func toUTF8(body []byte, contentType string) ([]byte, error) {
	var r io.Reader = bytes.NewReader(body)
	if _, _, certain := charset.DetermineEncoding(body, contentType); certain {
		var err error
		if r, err = charset.NewReader(r, contentType); err != nil {
			return nil, fmt.Errorf("decoding as %q: %w", contentType, err)
		}
	} else if m := xmlDecl.FindSubmatch(body); m != nil {
		e, name := charset.Lookup(string(m[1]))
		if e == nil {
			return nil, fmt.Errorf("unknown encoding %q", m[1])
		}
		if name != "utf-8" {
			r = e.NewDecoder().Reader(r)
		}
	} else if !utf8.Valid(body) {
		e, _, _ := charset.DetermineEncoding(body, "")
		r = e.NewDecoder().Reader(r)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("decoding: %w", err)
	}
	out = bytes.TrimPrefix(out, []byte("\uFEFF"))
	out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
	if m := xmlDecl.FindSubmatchIndex(out); m != nil && !strings.EqualFold(string(out[m[2]:m[3]]), "utf-8") {
		out = append(append(append([]byte{}, out[:m[2]]...), "UTF-8"...), out[m[3]:]...)
	}
	return out, nil
}

// wellFormed checks that an XML feed is well-formed. gofeed reads leniently and
// would accept a truncated or mis-nested feed, silently losing items; a feed like
// that is a failed pull, and the last good copy stays. HTML entities (&nbsp;),
// common in feeds, are allowed.
func wellFormed(body []byte) error {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("malformed XML: %w", err)
		}
	}
}

// checkResults accepts what the league loader reads: a JSON array, or an object
// with "results".
func checkResults(body []byte) error {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, err)
		}
		return fmt.Errorf("invalid JSON: %v", err)
	}
	switch v := v.(type) {
	case []any:
		return nil
	case map[string]any:
		if _, ok := v["results"]; ok {
			return nil
		}
	}
	return errors.New(`not a results file: want a JSON array or an object with "results"`)
}

// WriteAtomic writes data to name through a temporary file in the same folder and
// a rename, so that a reader sees the old file or the new one, never half of one.
func WriteAtomic(name string, data []byte) (err error) {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// FeedCopy reads the cached copy of a feed from the site root fsys: its path
// (data/cache/feeds/<id>.xml or .json), its bytes and its metadata. A feed never
// pulled has no copy: path is "" and err nil. A copy larger than DefaultMaxBytes is
// an error, as it would have been when pulled.
func FeedCopy(fsys fs.FS, id string) (name string, data []byte, meta Meta, err error) {
	if err := CheckFeedID(id); err != nil {
		return "", nil, Meta{}, err
	}
	for _, ext := range []string{".xml", ".json"} {
		p := path.Join(FeedsDir, id+ext)
		st, err := fs.Stat(fsys, p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err == nil && st.Size() > DefaultMaxBytes {
			err = fmt.Errorf("larger than the limit of %s", Size(DefaultMaxBytes))
		}
		if err == nil {
			data, err = fs.ReadFile(fsys, p)
		}
		if err != nil {
			return p, nil, Meta{}, err
		}
		return p, data, ReadMeta(fsys, p), nil
	}
	return "", nil, Meta{}, nil
}

// ReadMeta returns the metadata of the cached copy at name (a path in fsys such as
// data/cache/results/x.json); missing or unreadable metadata is the zero Meta.
func ReadMeta(fsys fs.FS, name string) Meta {
	var meta Meta
	p := strings.TrimSuffix(name, path.Ext(name)) + metaSuffix
	if b, err := fs.ReadFile(fsys, p); err == nil {
		_ = json.Unmarshal(b, &meta) // bad metadata only costs the conditional GET
	}
	return meta
}

// FetchedOn is the day (YYYY-MM-DD, UTC) the copy was fetched, or "" when unknown.
func (m Meta) FetchedOn() string {
	if t, err := time.Parse(time.RFC3339, m.FetchedAt); err == nil {
		return t.UTC().Format(time.DateOnly)
	}
	return ""
}
