package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// site makes a site root with its input folders, a file and a few folders beside it.
func site(t *testing.T) (root string) {
	t.Helper()
	top := t.TempDir()
	root = filepath.Join(top, "site")
	for _, d := range []string{"content/posts", "data/cache", "templates", "static", "notes"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, text := range map[string]string{
		"site.yaml":              "title: x\n",
		"content/posts/first.md": "---\ntitle: First\n---\n",
		"notes.txt":              "my notes\n",
		"notes/important.txt":    "keep me\n",
		"../mine/a.txt":          "a", "../mine/b.txt": "b", "../mine/c.txt": "c", "../mine/d.txt": "d",
		"../old/.nojekyll": "", "../old/index.html": "<p>old</p>", "../old/standings.json": "{}",
		"../written/" + Marker: markerText, "../written/index.html": "<p>ours</p>",
	} {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(top, "empty"), 0o755)
	os.Symlink(filepath.Join(root, "templates"), filepath.Join(root, "theme"))
	os.Symlink(filepath.Join(root, "notes.txt"), filepath.Join(root, "notes-link"))
	return root
}

func TestCheckRefuses(t *testing.T) {
	root := site(t)
	top := filepath.Dir(root)
	tests := []struct {
		name, out, want string
	}{
		{"site root", root, "it is the site root; the default is " + filepath.Join(root, "public")},
		{"site root with a trailing dot", root + "/.", "it is the site root"},
		{"folder holding the root", top, "it contains the site root " + root},
		{"file system root", "/", "it contains the site root"},
		{"content", filepath.Join(root, "content"), "it lies inside the input folder content/ of the site root"},
		{"content spelled the long way", root + "/content/../content", "it lies inside the input folder content/"},
		{"inside content", filepath.Join(root, "content/posts/new"), "it lies inside the input folder content/"},
		{"data", filepath.Join(root, "data"), "it lies inside the input folder data/"},
		{"cache", filepath.Join(root, "data/cache"), "it lies inside the input folder data/"},
		{"templates through a link", filepath.Join(root, "theme"), "it lies inside the input folder templates/"},
		{"static, not there yet", filepath.Join(root, "static/site"), "it lies inside the input folder static/"},
		{"a file", filepath.Join(root, "notes.txt"), "it is a file, not a folder"},
		{"a link to a file", filepath.Join(root, "notes-link"), "it is a file, not a folder"},
		{"someone's folder", filepath.Join(root, "notes"), "it is a folder the build did not write (it holds important.txt); choose a new or empty folder"},
		{"a full folder", filepath.Join(top, "mine"), "it is a folder the build did not write (it holds a.txt, b.txt, c.txt and 1 more)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Check(tt.out, root)
			var refused *RefusedError
			if !errors.As(err, &refused) {
				t.Fatalf("Check(%s) = %v, want a refusal", tt.out, err)
			}
			if refused.Out != tt.out || !strings.Contains(refused.Reason, tt.want) {
				t.Errorf("refusal = %q %q, want %q", refused.Out, refused.Reason, tt.want)
			}
			if got := err.Error(); got != "output "+tt.out+": "+refused.Reason {
				t.Errorf("message = %q", got)
			}
		})
	}
}

// TestCheckRefusesRelative gives the paths the way a user types them.
func TestCheckRefusesRelative(t *testing.T) {
	root := site(t)
	t.Chdir(root)
	for out, want := range map[string]string{
		".":                    "it is the site root",
		"./content/../content": "it lies inside the input folder content/",
		"data/":                "it lies inside the input folder data/",
		"..":                   "it contains the site root",
	} {
		if _, err := Check(out, "."); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Check(%q, \".\") = %v, want %q", out, err, want)
		}
	}
	t.Chdir(filepath.Join(root, "content"))
	if _, err := Check(".", ".."); err == nil || !strings.Contains(err.Error(), "input folder content/") {
		t.Errorf("Check(\".\", \"..\") = %v", err)
	}
}

func TestCheckAccepts(t *testing.T) {
	root := site(t)
	top := filepath.Dir(root)
	for _, out := range []string{
		filepath.Join(root, "public"),        // the default, not there yet
		filepath.Join(root, "site-output/x"), // a new folder anywhere else in the root
		filepath.Join(top, "empty"),
		filepath.Join(top, "written"),         // has the marker
		filepath.Join(top, "old"),             // an earlier build's output
		filepath.Join(top, "new/deeper/site"), // parents are made
	} {
		got, err := Check(out, root)
		if err != nil {
			t.Errorf("Check(%s) = %v", out, err)
		}
		if want, _ := resolve(out); got != want {
			t.Errorf("Check(%s) = %s, want %s", out, got, want)
		}
	}
}

// TestWriteGuarded makes sure a refused output is left alone, and that an accepted one
// that was there before gets the marker.
func TestWriteGuarded(t *testing.T) {
	root := site(t)
	top := filepath.Dir(root)
	files := []File{{Path: "index.html", Data: []byte("new")}}
	for _, out := range []string{filepath.Join(root, "content"), filepath.Join(root, "notes"), filepath.Join(root, "notes.txt")} {
		o, err := Open(context.Background(), out, root, nil)
		if err == nil {
			if tx, err := o.Begin(); err == nil {
				tx.Write("index.html", []byte("new"))
				tx.Commit()
			}
			o.Close()
			t.Errorf("Open(%s) accepted", out)
		}
	}
	if got := read(t, filepath.Join(root, "content/posts/first.md")); !strings.Contains(got, "First") {
		t.Errorf("a post changed: %q", got)
	}
	if got := read(t, filepath.Join(root, "notes/important.txt")); got != "keep me\n" {
		t.Errorf("a note changed: %q", got)
	}
	if got := read(t, filepath.Join(root, "notes.txt")); got != "my notes\n" {
		t.Errorf("a file changed: %q", got)
	}
	for _, name := range []string{".content.lock", ".notes.lock"} {
		if _, err := os.Lstat(filepath.Join(root, name)); err == nil {
			t.Errorf("a refused output got a lock file %s", name)
		}
	}

	old := filepath.Join(top, "old")
	for range 2 { // accepted once as an earlier build's output, then by its marker
		if _, err := Write(old, files); err != nil {
			t.Fatal(err)
		}
	}
	if got := read(t, filepath.Join(old, Marker)); got != markerText {
		t.Errorf("marker = %q", got)
	}
	if _, err := Write(old, []File{{Path: Marker, Data: []byte("x")}}); err == nil || !strings.Contains(err.Error(), "invalid output path") {
		t.Errorf("a file in place of the marker: %v", err)
	}
}

// syncBuffer is a log that tells when something was written.
type syncBuffer struct {
	mu      sync.Mutex
	b       strings.Builder
	written chan struct{}
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.Write(p)
	select {
	case s.written <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestOpenWaits holds an output and opens it again: the second Open says that it waits,
// keeps the first one's temporary folder, and gets in once the first is closed.
func TestOpenWaits(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first, err := Open(context.Background(), out, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	busy := filepath.Join(filepath.Dir(out), ".public.new-42")
	os.Mkdir(busy, 0o755)

	log := &syncBuffer{written: make(chan struct{}, 1)}
	opened := make(chan error, 1)
	var second *Output
	go func() {
		var err error
		second, err = Open(context.Background(), out, "", log)
		opened <- err
	}()
	<-log.written
	want := fmt.Sprintf("waiting: another build is writing %s (lock %s)\n", out, LockPath(out))
	if got := log.String(); got != want {
		t.Errorf("log = %q, want %q", got, want)
	}
	select {
	case err := <-opened:
		t.Fatalf("second Open returned while the first held the lock: %v", err)
	default:
	}
	if _, err := os.Stat(busy); err != nil {
		t.Errorf("the temporary folder of a running build was removed: %v", err)
	}
	first.Close()
	if err := <-opened; err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if _, err := os.Stat(busy); !os.IsNotExist(err) {
		t.Errorf("the temporary folder of a build that is gone is still there: %v", err)
	}
}

func TestOpenWaitEndsWithContext(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first, err := Open(context.Background(), out, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	ctx, cancel := context.WithCancel(context.Background())
	log := &syncBuffer{written: make(chan struct{}, 1)}
	opened := make(chan error, 1)
	go func() {
		_, err := Open(ctx, out, "", log)
		opened <- err
	}()
	<-log.written
	cancel()
	if err := <-opened; !errors.Is(err, context.Canceled) {
		t.Errorf("Open = %v, want context.Canceled", err)
	}
}

func TestOrphans(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	parent := filepath.Dir(out)
	for _, d := range []string{".public.new-1", ".public.new-2.old", ".public.new-foo.new-3", ".public.new-", "public.new-4", ".other.new-5"} {
		os.Mkdir(filepath.Join(parent, d), 0o755)
	}
	o, err := Open(context.Background(), out, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	want := []string{".other.new-5", ".public.new-", ".public.new-foo.new-3", "public.new-4"}
	if got := beside(t, out); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("left beside the output: %v, want %v", got, want)
	}
}

// TestConcurrentWrites writes two different sites into one output at once: both
// writes succeed and the output is one of them, whole.
func TestConcurrentWrites(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	site := func(v string) []File {
		var files []File
		for i := range 50 {
			files = append(files, File{Path: fmt.Sprintf("p%d/index.html", i), Data: []byte(v)})
		}
		return files
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, v := range []string{"a", "b"} {
		wg.Go(func() { _, errs[i] = Write(out, site(v)) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	first := read(t, filepath.Join(out, "p0/index.html"))
	for i := range 50 {
		if got := read(t, filepath.Join(out, fmt.Sprintf("p%d/index.html", i))); got != first {
			t.Fatalf("p%d is %q, p0 is %q: the output mixes two writes", i, got, first)
		}
	}
	if left := beside(t, out); len(left) != 0 {
		t.Errorf("left beside the output: %v", left)
	}
}

func TestIsOwn(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	for p, want := range map[string]bool{
		out:                                        true,
		filepath.Join(out, "index.html"):           true,
		filepath.Join(root, ".public.lock"):        true,
		filepath.Join(root, ".public.new-123"):     true,
		filepath.Join(root, ".public.new-123/a/b"): true,
		filepath.Join(root, "public2"):             false,
		filepath.Join(root, "content/x.md"):        false,
		filepath.Join(root, ".publicity"):          false,
		root:                                       false,
	} {
		if got := IsOwn(out, p); got != want {
			t.Errorf("IsOwn(%s) = %v, want %v", p, got, want)
		}
	}
}
