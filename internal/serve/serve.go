// Package serve is the preview server: it builds the site, serves it under its base
// path, watches the site root, rebuilds on change and tells open pages to reload.
// A failed rebuild is logged and the last good site stays served.
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/ai-league/ai-league/internal/build"
)

// reloadPath is the server-sent events endpoint pages listen on.
const reloadPath = "/__reload"

// reloadScript is added to every HTML page the server sends (never to the built files).
const reloadScript = `<script>new EventSource("` + reloadPath + `").onmessage=function(){location.reload()}</script>`

// Run builds, serves opt.Out on addr and rebuilds on every change under opt.SrcDir
// until ctx is done.
func Run(ctx context.Context, opt build.Options, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if opt.BaseURL == "" {
		opt.BaseURL = "http://" + ln.Addr().String() + "/"
	}
	h := &Handler{Dir: opt.Out, Base: basePath(opt.BaseURL)}
	rebuild := func() {
		if _, err := build.Build(ctx, opt); err != nil {
			fmt.Fprintf(opt.Log, "rebuild failed, still serving the last good site:\n%v\n", err)
			return
		}
		h.Reload()
	}
	rebuild()
	opt.Offline = true // rebuilds read the cache the first build refreshed
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := watchTree(w, opt.SrcDir, opt.Out); err != nil {
		return err
	}
	go watch(ctx, w, opt, rebuild)
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	fmt.Fprintf(opt.Log, "serving %s at http://%s%s (Ctrl+C to stop)\n", opt.Out, ln.Addr(), h.Base)
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// watch rebuilds once per burst of changes; new directories are watched too.
func watch(ctx context.Context, w *fsnotify.Watcher, opt build.Options, rebuild func()) {
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					watchTree(w, ev.Name, opt.Out)
				}
			}
			timer = time.After(150 * time.Millisecond)
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(opt.Log, "watch: %v\n", err)
		case <-timer:
			timer = nil
			rebuild()
		}
	}
}

// watchTree watches root and every directory under it except the output, hidden
// directories and the cache.
func watchTree(w *fsnotify.Watcher, root, out string) error {
	outAbs, _ := filepath.Abs(out)
	return filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		abs, _ := filepath.Abs(p)
		name := d.Name()
		if abs == outAbs || (p != root && strings.HasPrefix(name, ".")) || name == "cache" {
			return filepath.SkipDir
		}
		return w.Add(p)
	})
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
	if r.URL.Path == reloadPath {
		h.events(w, r)
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
