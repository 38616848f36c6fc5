// Package serve is the preview server: it serves a built site under its base path,
// watches the site root, has the site rebuilt after each change and tells open pages
// to reload. It knows nothing of how the site is built: the caller hands it a rebuild
// function. A failed rebuild is logged and the last good site stays served.
//
// The watcher ignores what building writes: the output folder and, beside it, the
// lock file and temporary folders of the swap (see publish.IsOwn), wherever they are,
// and the pulled-source cache data/cache/. It also ignores hidden files and editors'
// backup and swap files. A burst of changes (an editor's save is several events)
// makes one rebuild, once the root has been quiet for Options.Quiet; a change during
// a rebuild makes one more after it.
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/ai-league/ai-league/internal/publish"
)

// reloadPath is the server-sent events endpoint pages listen on.
const reloadPath = "/__reload"

// reloadScriptPath serves the script that listens: a file, not an inline script, so
// that the pages' Content-Security-Policy (script-src 'self') lets it run.
const reloadScriptPath = "/__reload.js"

// reloadScript is added to every HTML page the server sends (never to the built files).
const reloadScript = `<script src="` + reloadScriptPath + `"></script>`

// reloadJS is the script at reloadScriptPath.
const reloadJS = `new EventSource("` + reloadPath + `").onmessage = function () { location.reload(); };
fetch("` + errorPath + `", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (text) {
  if (!text) return;
  var box = document.createElement("div");
  box.id = "build-error";
  box.setAttribute("role", "alert");
  var s = box.style;
  s.position = "fixed"; s.left = s.right = s.top = s.bottom = "0"; s.zIndex = "2147483647";
  s.overflow = "auto"; s.padding = "1.5rem"; s.background = "rgba(30, 0, 0, 0.94)"; s.color = "#fff";
  s.font = "14px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace";
  var head = document.createElement("p");
  head.textContent = "Build failed. This is the last good site; it reloads when the build works again. (Click to hide.)";
  head.style.fontWeight = "bold";
  var pre = document.createElement("pre");
  pre.textContent = text;
  pre.style.whiteSpace = "pre-wrap";
  box.appendChild(head);
  box.appendChild(pre);
  box.addEventListener("click", function () { box.remove(); });
  document.body.appendChild(box);
});
`

// errorPath serves the error of the last build, or nothing when it worked: the
// reload script shows it over the page.
const errorPath = "/__error"

// Options configure the preview server.
type Options struct {
	Root    string // the site root on disk: watched for changes
	Out     string // the built site on disk: served, never watched
	BaseURL string // the site's base URL; the site is served under its path
	// Rebuild builds the site into Out. The first call, before serving, has changed
	// nil; later calls list the files or folders that changed since the previous
	// call, as slash paths relative to Root, sorted.
	Rebuild func(ctx context.Context, changed []string) error
	Log     io.Writer     // the server's lines: serving, rebuilt, failures
	Quiet   time.Duration // how long the root must be quiet before a rebuild; 100 ms if 0
}

// Run calls opt.Rebuild once, serves opt.Out on ln and rebuilds after every change
// under opt.Root until ctx is done.
func Run(ctx context.Context, ln net.Listener, opt Options) error {
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.Quiet == 0 {
		opt.Quiet = 100 * time.Millisecond
	}
	h := &Handler{Dir: opt.Out, Base: basePath(opt.BaseURL)}
	if err := opt.Rebuild(ctx, nil); err != nil {
		fmt.Fprintf(opt.Log, "build failed; serving what %s holds:\n%v\n", opt.Out, err)
		h.Fail(err)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	wt := &watcher{w: w, root: opt.Root, out: opt.Out}
	if err := wt.add(opt.Root); err != nil {
		return err
	}
	srv := newServer(h)
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	go wt.loop(ctx, opt, h)
	fmt.Fprintf(opt.Log, "serving %s at http://%s%s (Ctrl+C to stop)\n", opt.Out, ln.Addr(), h.Base)
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newServer is the preview's HTTP server: a client that opens a connection must send
// its request headers within 10 s.
func newServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
}

// watcher watches the site root, one folder at a time (fsnotify is not recursive).
type watcher struct {
	w         *fsnotify.Watcher
	root, out string
}

// add watches dir and every folder under it that is not ignored.
func (wt *watcher) add(dir string) error {
	return filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if p != wt.root && wt.ignored(p) {
			return filepath.SkipDir
		}
		return wt.w.Add(p)
	})
}

// ignored reports whether a change at p says nothing about the site's inputs.
func (wt *watcher) ignored(p string) bool {
	name := filepath.Base(p)
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || name == "4913" { // vim checks that it may write with a file "4913"
		return true
	}
	if rel, err := filepath.Rel(wt.root, p); err == nil && (rel == filepath.Join("data", "cache") ||
		strings.HasPrefix(rel, filepath.Join("data", "cache")+string(filepath.Separator))) {
		return true
	}
	return publish.IsOwn(wt.out, p)
}

// loop collects changes and rebuilds once per burst.
func (wt *watcher) loop(ctx context.Context, opt Options, h *Handler) {
	changed := map[string]bool{}
	var quiet *time.Timer
	var fire <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-wt.w.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod || wt.ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
					wt.add(ev.Name)
				}
			}
			rel, err := filepath.Rel(wt.root, ev.Name)
			if err != nil {
				rel = ev.Name
			}
			changed[filepath.ToSlash(rel)] = true
			if quiet == nil {
				quiet = time.NewTimer(opt.Quiet)
			} else {
				quiet.Reset(opt.Quiet)
			}
			fire = quiet.C
		case err, ok := <-wt.w.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(opt.Log, "watch: %v\n", err)
		case <-fire:
			fire = nil
			list := make([]string, 0, len(changed))
			for p := range changed {
				list = append(list, p)
			}
			slices.Sort(list)
			clear(changed)
			start := time.Now()
			err := opt.Rebuild(ctx, list)
			ms := time.Since(start).Milliseconds()
			if err != nil {
				if ctx.Err() != nil {
					return
				}
				// The state first, then the log line: whoever reads the line
				// (a person, a test) finds the error already served.
				h.Fail(err)
				fmt.Fprintf(opt.Log, "rebuild failed after %d ms (%s); still serving the last good site:\n%v\n", ms, summary(list), err)
				h.Reload()
				continue
			}
			h.Fail(nil)
			fmt.Fprintf(opt.Log, "rebuilt in %d ms: %s\n", ms, summary(list))
			h.Reload()
		}
	}
}

// summary names the changed paths: all of them up to three, else three and a count.
func summary(paths []string) string {
	if len(paths) <= 3 {
		return strings.Join(paths, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(paths[:3], ", "), len(paths)-3)
}

func basePath(baseURL string) string {
	i := strings.Index(baseURL, "://")
	if i < 0 {
		return "/"
	}
	rest := baseURL[i+3:]
	j := strings.Index(rest, "/")
	if j < 0 {
		return "/"
	}
	return rest[j:]
}

// Handler serves the built site under Base and the reload events.
type Handler struct {
	Dir  string
	Base string

	mu      sync.Mutex
	clients map[chan struct{}]bool
	failure string // the last build's error; "" when it worked
}

// Fail records the error of the last build (nil: it worked), which pages show over
// themselves until a build works again.
func (h *Handler) Fail(err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.failure = ""
	if err != nil {
		h.failure = err.Error()
	}
}

// Reload tells every open page to reload.
func (h *Handler) Reload() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}

// ServeHTTP serves files, 404.html for what is missing, and the event stream.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case reloadPath:
		h.events(w, r)
		return
	case errorPath:
		h.mu.Lock()
		failure := h.failure
		h.mu.Unlock()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, failure)
		return
	case reloadScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		io.WriteString(w, reloadJS)
		return
	}
	if !strings.HasPrefix(r.URL.Path, h.Base) {
		if r.URL.Path == "/" {
			http.Redirect(w, r, h.Base, http.StatusFound)
			return
		}
		h.notFound(w)
		return
	}
	rel := strings.TrimPrefix(r.URL.Path, h.Base)
	p := filepath.Join(h.Dir, filepath.FromSlash(filepath.Clean("/"+rel)))
	if info, err := os.Stat(p); err == nil && info.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		p = filepath.Join(p, "index.html")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		h.notFound(w)
		return
	}
	if strings.HasSuffix(p, ".html") {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(withReload(b))
		return
	}
	http.ServeFile(w, r, p)
}

func (h *Handler) notFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if b, err := os.ReadFile(filepath.Join(h.Dir, "404.html")); err == nil {
		w.Write(withReload(b))
	}
}

func withReload(page []byte) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, reloadScript...)
	}
	out := make([]byte, 0, len(page)+len(reloadScript))
	out = append(out, page[:i]...)
	out = append(out, reloadScript...)
	return append(out, page[i:]...)
}

func (h *Handler) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	c := make(chan struct{}, 1)
	h.mu.Lock()
	if h.clients == nil {
		h.clients = map[chan struct{}]bool{}
	}
	h.clients[c] = true
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
	}()
	fmt.Fprint(w, ": connected\n\n")
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-c:
			fmt.Fprint(w, "data: reload\n\n")
			flusher.Flush()
		}
	}
}
