package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lineLog collects what the preview writes and hands over its lines one by one.
type lineLog struct {
	mu    sync.Mutex
	b     bytes.Buffer
	lines chan string
}

func (l *lineLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b.Write(p)
	for _, line := range strings.SplitAfter(string(p), "\n") {
		if line != "" {
			l.lines <- line
		}
	}
	return len(p), nil
}

func (l *lineLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// next returns the next line that starts with one of the prefixes.
func (l *lineLog) next(t *testing.T, prefixes ...string) string {
	t.Helper()
	for {
		select {
		case line := <-l.lines:
			for _, p := range prefixes {
				if strings.HasPrefix(line, p) {
					return line
				}
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("no line starting with %q; log:\n%s", prefixes, l.String())
		}
	}
}

// TestPreviewDefaultOutput runs -serve on a site with the default output inside the
// root and the real build: one saved post gives one "rebuilt" line naming it and no
// stage lines; the next rebuild is the next edit's, so the build's own writes in the
// root were not taken for changes.
func TestPreviewDefaultOutput(t *testing.T) {
	src := copySite(t)
	log := &lineLog{lines: make(chan string, 1000)}
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"-src", src, "-offline", "-no-cache", "-serve", "-addr", "127.0.0.1:0"}, log)
	}()
	serving := log.next(t, "serving ")
	addr := regexp.MustCompile(`http://([^/]+)/`).FindStringSubmatch(serving)
	if addr == nil {
		t.Fatalf("serving line = %q", serving)
	}
	if !strings.HasPrefix(serving, "serving "+filepath.Join(src, "public")+" at ") {
		t.Errorf("serving line = %q", serving)
	}
	// The first build shows its stages; the rebuilds after edits show none (below).
	if !regexp.MustCompile(`(?m)^load +\d+ clubs, \d+ models, `).MatchString(log.String()) {
		t.Errorf("the first build's stages are not in the log:\n%s", log.String())
	}

	post := filepath.Join(src, "content/posts/derby.md")
	b, _ := os.ReadFile(post)
	save(t, post, bytes.Replace(b, []byte("The small derby"), []byte("The rematch"), 1))
	line := log.next(t, "rebuilt", "rebuild failed", "load ", "render ", "write ")
	if !regexp.MustCompile(`^rebuilt in \d+ ms: content/posts/derby\.md\n$`).MatchString(line) {
		t.Errorf("after saving a post: %q", line)
	}
	resp, err := http.Get("http://" + addr[1] + "/posts/derby/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(page, []byte("The rematch")) || !bytes.Contains(page, []byte(`<script src="/__reload.js"></script>`)) {
		t.Errorf("the served page lacks the edit or the reload script")
	}
	// Without -base-url the site is built for the address it is served on.
	if want := `<link rel="canonical" href="http://` + addr[1] + `/posts/derby/">`; !bytes.Contains(page, []byte(want)) {
		t.Errorf("the served page lacks %s", want)
	}

	about := filepath.Join(src, "content/about.md")
	b, _ = os.ReadFile(about)
	save(t, about, append(b, "\nMore.\n"...))
	line = log.next(t, "rebuilt", "rebuild failed", "load ", "render ", "write ")
	if !regexp.MustCompile(`^rebuilt in \d+ ms: content/about\.md\n$`).MatchString(line) {
		t.Errorf("after saving a page: %q (the build's own writes made a rebuild?)", line)
	}
	interrupt(t, done, log)
}

// save replaces a file the way many editors save it: written in full elsewhere,
// then renamed over the old one. A write in place (truncate, then write) can be
// seen half done by a rebuild when the machine is so busy that the two steps are
// more than the preview's 30 ms of quiet apart; that rebuild fails, and the
// next one, for the rest of the write, succeeds.
func save(t *testing.T, path string, data []byte) {
	t.Helper()
	tmp := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// interrupt ends a preview started by run the way a user does (Ctrl+C): run catches
// the interrupt while it serves, so the test can send one to itself.
func interrupt(t *testing.T, done chan int, log *lineLog) {
	t.Helper()
	select {
	case status := <-done: // run no longer catches interrupts: do not send one
		t.Fatalf("the preview ended by itself with status %d; log:\n%s", status, log.String())
	default:
	}
	p, _ := os.FindProcess(os.Getpid())
	p.Signal(os.Interrupt)
	select {
	case status := <-done:
		if status != 0 {
			t.Errorf("status %d; log:\n%s", status, log.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the preview did not stop on an interrupt")
	}
}

func TestPreviewAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var stderr bytes.Buffer
	src := copySite(t)
	if got := run([]string{"-src", src, "-offline", "-serve", "-addr", ln.Addr().String()}, &stderr); got != 1 {
		t.Errorf("status = %d, want 1", got)
	}
	if !strings.Contains(stderr.String(), "serve: listen tcp "+ln.Addr().String()+": bind: address already in use") {
		t.Errorf("stderr = %q", stderr.String())
	}
}

// The preview's rebuilds pass on only the lines that need the reader.
func TestWarningsOnly(t *testing.T) {
	var b bytes.Buffer
	w := warnings{&b}
	for _, line := range []string{"load     site.yaml; 4 clubs\n", "warning: feed wire: HTTP 503\n", "render   83 pages\n", "waiting: another build holds the output\n", "warnings\n"} {
		if n, err := w.Write([]byte(line)); n != len(line) || err != nil {
			t.Errorf("Write(%q) = %d, %v", line, n, err)
		}
	}
	if want := "warning: feed wire: HTTP 503\nwaiting: another build holds the output\n"; b.String() != want {
		t.Errorf("passed on %q, want %q", b.String(), want)
	}
}
