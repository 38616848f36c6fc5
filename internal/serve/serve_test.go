package serve

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ai-league/ai-league/internal/publish"
)

func TestHandler(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "models/x"), 0o755)
	os.WriteFile(filepath.Join(dir, "models/x/index.html"), []byte("<html><body>X</body></html>"), 0o644)
	os.WriteFile(filepath.Join(dir, "404.html"), []byte("<html><body>missing</body></html>"), 0o644)
	os.WriteFile(filepath.Join(dir, "standings.json"), []byte(`{"as_of":"2026-06-03"}`), 0o644)
	srv := httptest.NewServer(&Handler{Dir: dir, Base: "/repo/"})
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		path, want string
		status     int
	}{
		{"/repo/models/x/", "X" + reloadScript + "</body>", 200},
		{"/repo/models/x", "", http.StatusMovedPermanently},
		{"/repo/standings.json", `{"as_of":"2026-06-03"}`, 200},
		{"/repo/nope/", "missing" + reloadScript, 404},
		{"/elsewhere/", "missing", 404},
		{"/repo/../etc/passwd", "missing", 404},
		{"/", "", http.StatusFound},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, err := client.Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.want) {
				t.Errorf("GET %s = %d %q, want %d with %q", tt.path, resp.StatusCode, body, tt.status, tt.want)
			}
		})
	}
}

// syncLog is a log that tests can read while the server writes it.
type syncLog struct {
	mu    sync.Mutex
	b     strings.Builder
	lines chan string
}

func (l *syncLog) Write(p []byte) (int, error) {
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

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitLine returns the next line of the log that starts with prefix.
func (l *syncLog) waitLine(t *testing.T, prefix string) string {
	t.Helper()
	for {
		select {
		case line := <-l.lines:
			if strings.HasPrefix(line, prefix) {
				return line
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("no line starting with %q; log:\n%s", prefix, l.String())
		}
	}
}

// preview runs the server on root with the output at out and a rebuild that writes
// each post as a page through publish, the way a build does (temporary folder, lock
// file and swap beside out). It returns the server's address, its log and the list
// of changes each rebuild was called with.
func preview(t *testing.T, root, out string) (addr string, log *syncLog, rebuilds chan []string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	log = &syncLog{lines: make(chan string, 100)}
	rebuilds = make(chan []string, 100)
	rebuild := func(ctx context.Context, changed []string) error {
		tx, err := publish.Begin(out)
		if err != nil {
			return err
		}
		posts, _ := filepath.Glob(filepath.Join(root, "content/posts/*.md"))
		for _, p := range posts {
			b, err := os.ReadFile(p)
			if err != nil {
				tx.Abort()
				return err
			}
			name := strings.TrimSuffix(filepath.Base(p), ".md")
			tx.Write("posts/"+name+"/index.html", []byte("<html><body>"+string(b)+"</body></html>"))
		}
		if _, err := tx.Commit(); err != nil {
			return err
		}
		rebuilds <- changed
		if len(changed) == 1 && changed[0] == "content/posts/broken.md" {
			return errors.New("content/posts/broken.md:1:1: broken")
		}
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, ln, Options{Root: root, Out: out, BaseURL: "http://" + ln.Addr().String() + "/", Rebuild: rebuild, Log: log})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	if got := <-rebuilds; got != nil {
		t.Errorf("the first build was called with changes %q", got)
	}
	log.waitLine(t, "serving ")
	return ln.Addr().String(), log, rebuilds
}

func get(addr, p string) string {
	resp, err := http.Get("http://" + addr + p)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// TestRunDefaultOutput serves a site whose output is the default public/ inside the
// site root. One saved post makes exactly one rebuild, with one "rebuilt" line that
// names it, and reloads open pages; the rebuild's own writes (output, lock file,
// temporary folder) make none: the next rebuild is the one the next edit causes.
func TestRunDefaultOutput(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content/posts"), 0o755)
	os.MkdirAll(filepath.Join(root, "data/cache"), 0o755)
	post := filepath.Join(root, "content/posts/derby.md")
	os.WriteFile(post, []byte("The small derby"), 0o644)
	addr, log, rebuilds := preview(t, root, filepath.Join(root, "public"))

	if got := get(addr, "/posts/derby/"); !strings.Contains(got, "The small derby") {
		t.Fatalf("page = %q", got)
	}
	resp, err := http.Get("http://" + addr + reloadPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewReader(resp.Body)
	if line, _ := events.ReadString('\n'); !strings.HasPrefix(line, ": connected") {
		t.Fatalf("event stream starts with %q", line)
	}

	// An editor's save: a backup, a few writes, a swap file, a chmod.
	os.WriteFile(post+"~", []byte("The small derby"), 0o644)
	for _, text := range []string{"", "The", "The rematch"} {
		os.WriteFile(post, []byte(text), 0o644)
	}
	os.WriteFile(filepath.Join(root, "content/posts/.derby.md.swp"), []byte("x"), 0o644)
	os.Chmod(post, 0o600)
	os.WriteFile(filepath.Join(root, "data/cache/feed.xml"), []byte("<feed/>"), 0o644)

	if got := <-rebuilds; strings.Join(got, " ") != "content/posts/derby.md" {
		t.Errorf("rebuild after a save: changed = %q, want [content/posts/derby.md]", got)
	}
	line := log.waitLine(t, "rebuilt")
	if !regexp.MustCompile(`^rebuilt in \d+ ms: content/posts/derby\.md\n$`).MatchString(line) {
		t.Errorf("rebuild line = %q", line)
	}
	for {
		line, err := events.ReadString('\n')
		if err != nil {
			t.Fatal("event stream closed without a reload")
		}
		if strings.HasPrefix(line, "data: reload") {
			break
		}
	}
	if got := get(addr, "/posts/derby/"); !strings.Contains(got, "The rematch") {
		t.Errorf("the rebuilt page does not show the edit: %q", got)
	}

	// Nothing changed since; the next rebuild must be this edit's, alone.
	os.MkdirAll(filepath.Join(root, "content/posts/new"), 0o755)
	if got := <-rebuilds; strings.Join(got, " ") != "content/posts/new" {
		t.Errorf("second rebuild: changed = %q, want only [content/posts/new]: the first rebuild's writes were taken for a change", got)
	}
	log.waitLine(t, "rebuilt")
	os.WriteFile(filepath.Join(root, "content/posts/new/inside.md"), []byte("x"), 0o644)
	if got := <-rebuilds; strings.Join(got, " ") != "content/posts/new/inside.md" {
		t.Errorf("a file in a new folder: changed = %q", got)
	}
	log.waitLine(t, "rebuilt")
	if n := strings.Count(log.String(), "rebuilt"); n != 3 {
		t.Errorf("%d rebuilt lines, want 3:\n%s", n, log.String())
	}
}

// TestRunRebuildFails keeps serving the last good site after a failed rebuild, and
// says so in one message.
func TestRunRebuildFails(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content/posts"), 0o755)
	out := filepath.Join(t.TempDir(), "out")
	_, log, rebuilds := preview(t, root, out)
	os.WriteFile(filepath.Join(root, "content/posts/broken.md"), []byte("x"), 0o644)
	<-rebuilds
	line := log.waitLine(t, "rebuild failed")
	if !regexp.MustCompile(`^rebuild failed after \d+ ms \(content/posts/broken\.md\); still serving the last good site:\n$`).MatchString(line) {
		t.Errorf("line = %q", line)
	}
	if next := log.waitLine(t, ""); next != "content/posts/broken.md:1:1: broken\n" {
		t.Errorf("next line = %q", next)
	}
}

// TestErrorOverlay: after a failed rebuild, pages can fetch the error to show it over
// themselves (the reload script does); after the next good one there is none.
func TestErrorOverlay(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content/posts"), 0o755)
	addr, log, rebuilds := preview(t, root, filepath.Join(t.TempDir(), "out"))
	if got := get(addr, errorPath); got != "" {
		t.Errorf("error after a good build: %q", got)
	}
	broken := filepath.Join(root, "content/posts/broken.md")
	os.WriteFile(broken, []byte("x"), 0o644)
	<-rebuilds
	log.waitLine(t, "rebuild failed")
	if got := get(addr, errorPath); got != "content/posts/broken.md:1:1: broken" {
		t.Errorf("error after a failed build: %q", got)
	}
	if got := get(addr, "/posts/broken/"); !strings.Contains(got, reloadScript) {
		t.Errorf("the last good page lacks the script that shows the error: %q", got)
	}
	// The fake build fails only when broken.md alone changed: any other edit fixes it.
	os.WriteFile(filepath.Join(root, "content/posts/ok.md"), []byte("fixed"), 0o644)
	<-rebuilds
	log.waitLine(t, "rebuilt")
	if got := get(addr, errorPath); got != "" {
		t.Errorf("error after the fix: %q", got)
	}
	if !strings.Contains(reloadJS, `fetch("`+errorPath+`"`) || !strings.Contains(reloadJS, "pre.textContent = text") {
		t.Error("the reload script does not show the error")
	}
}

func TestSummary(t *testing.T) {
	for _, tt := range []struct {
		paths []string
		want  string
	}{
		{[]string{"a"}, "a"},
		{[]string{"a", "b", "c"}, "a, b, c"},
		{[]string{"a", "b", "c", "d", "e"}, "a, b, c and 2 more"},
	} {
		if got := summary(tt.paths); got != tt.want {
			t.Errorf("summary(%q) = %q, want %q", tt.paths, got, tt.want)
		}
	}
}

func TestReloadScript(t *testing.T) {
	srv := httptest.NewServer(&Handler{Dir: t.TempDir(), Base: "/repo/"})
	defer srv.Close()
	resp, err := http.Get(srv.URL + reloadScriptPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") || !strings.Contains(string(b), `new EventSource("/__reload")`) {
		t.Errorf("%s: %s %q", reloadScriptPath, resp.Header.Get("Content-Type"), b)
	}
}
