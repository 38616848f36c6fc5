package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestBasePath(t *testing.T) {
	for _, tt := range []struct{ base, want string }{
		{"", "/"},
		{"https://e.org", "/"},
		{"https://e.org/", "/"},
		{"https://u.github.io/repo/", "/repo/"},
		{"://h/p/", "/p/"},    // the scheme separator at the start
		{"file:///x/", "/x/"}, // the path right after the separator
		{"e.org/a/", "/"},     // no scheme
	} {
		if got := basePath(tt.base); got != tt.want {
			t.Errorf("basePath(%q) = %q, want %q", tt.base, got, tt.want)
		}
	}
}

func TestWithReload(t *testing.T) {
	for _, tt := range []struct{ page, want string }{
		{"<p>x", "<p>x" + reloadScript},
		{"</body>", reloadScript + "</body>"},
		{"a</body>b</body></html>", "a</body>b" + reloadScript + "</body></html>"},
	} {
		if got := string(withReload([]byte(tt.page))); got != tt.want {
			t.Errorf("withReload(%q) = %q, want %q", tt.page, got, tt.want)
		}
	}
}

func TestNewServer(t *testing.T) {
	if srv := newServer(nil); srv.ReadHeaderTimeout != 10*time.Second {
		t.Errorf("ReadHeaderTimeout = %v, want 10s", srv.ReadHeaderTimeout)
	}
}

// TestRunListenerClosed: when the listener fails, Run returns its error; the log
// has the first build's outcome and the serving line.
func TestRunListenerClosed(t *testing.T) {
	for _, buildErr := range []error{nil, errors.New("site.yaml:1:1: bad")} {
		t.Run(fmt.Sprint(buildErr), func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			ln.Close()
			root, out := t.TempDir(), t.TempDir()
			var log strings.Builder
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			err = Run(ctx, ln, Options{Root: root, Out: out, BaseURL: "https://e.org/repo/", Log: &log,
				Rebuild: func(context.Context, []string) error { return buildErr }})
			if want := fmt.Sprintf("accept tcp %s: use of closed network connection", ln.Addr()); err == nil || err.Error() != want {
				t.Errorf("Run = %v, want %s", err, want)
			}
			want := fmt.Sprintf("serving %s at http://%s/repo/ (Ctrl+C to stop)\n", out, ln.Addr())
			if buildErr != nil {
				want = fmt.Sprintf("build failed; serving what %s holds:\n%v\n", out, buildErr) + want
			}
			if log.String() != want {
				t.Errorf("log:\n%s\nwant\n%s", log.String(), want)
			}
		})
	}
}

// TestRunIgnoredFolders: folders that say nothing about the inputs (.git) are not
// watched at all, so a change deep inside them (whose own name is not ignored) makes
// no rebuild; files that vanish before they are looked at are fine.
func TestRunIgnoredFolders(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content/posts"), 0o755)
	os.MkdirAll(filepath.Join(root, ".git/objects/ab"), 0o755)
	_, log, rebuilds := preview(t, root, filepath.Join(t.TempDir(), "out"))
	os.WriteFile(filepath.Join(root, ".git/objects/ab/cdef"), []byte("x"), 0o644)
	for i := range 20 {
		p := filepath.Join(root, "content", fmt.Sprintf("gone%d", i))
		os.Mkdir(p, 0o755)
		os.Remove(p)
	}
	os.WriteFile(filepath.Join(root, "content/posts/a.md"), []byte("a"), 0o644)
	for {
		got := <-rebuilds
		if strings.Contains(strings.Join(got, " "), ".git") {
			t.Fatalf("a change inside .git made a rebuild: %q", got)
		}
		if strings.Contains(strings.Join(got, " "), "content/posts/a.md") {
			break
		}
	}
	log.waitLine(t, "rebuilt")
}
