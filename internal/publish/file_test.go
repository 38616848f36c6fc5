package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/sys/unix"
)

func TestRemoveTree(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	dir := filepath.Join(root, "old")
	for _, p := range []string{"outside/keep.txt", "old/index.html", "old/a/b/c/deep.html", "old/a/b/side.png", "old/x/one.txt"} {
		if err := os.MkdirAll(filepath.Join(root, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, p), []byte(p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 40 { // more folders than goroutines, side by side
		if err := os.MkdirAll(filepath.Join(dir, "posts", strings.Repeat("p", i+1), "empty"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(dir, "a", "link")); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mkfifo(filepath.Join(dir, "x", "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !os.IsNotExist(err) {
		t.Errorf("removeTree left %s: %v", dir, err)
	}
	if got := read(t, filepath.Join(outside, "keep.txt")); got != "outside/keep.txt" {
		t.Errorf("a linked folder's file = %q; the link was followed", got)
	}
	if err := removeTree(dir); err != nil {
		t.Errorf("removeTree of a missing folder = %v, want nil", err)
	}
}

func TestRemoveTreeErrors(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(file); err == nil || err.Error() != "open "+file+": not a directory" {
		t.Errorf("removeTree of a file = %v", err)
	}
	if err := removeTree(filepath.Join(file, "below")); err == nil || err.Error() != "open "+filepath.Join(file, "below")+": not a directory" {
		t.Errorf("removeTree below a file = %v", err)
	}
}

// A file system whose listings give no types: a folder is tried as a file, then
// emptied and removed; a file of unknown type is unlinked.
func TestRemoveUnknownType(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"sub/f.txt", "file.txt"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	r := &remover{spare: make(chan struct{}, 1)}
	var wg sync.WaitGroup
	var errs []error
	fail := func(err error) { errs = append(errs, err) }
	r.remove(fd, dir, "sub", unix.DT_UNKNOWN, &wg, fail)
	r.remove(fd, dir, "file.txt", unix.DT_UNKNOWN, &wg, fail)
	r.remove(fd, dir, "gone", unix.DT_REG, &wg, fail)
	wg.Wait()
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left: %v", entries)
	}
	// A folder the listing calls a file is not removed as one.
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	r.remove(fd, dir, "d", unix.DT_REG, &wg, fail)
	wg.Wait()
	if len(errs) != 1 || !errors.Is(errs[0], unix.EISDIR) || errs[0].Error() != "unlinkat "+filepath.Join(dir, "d")+": is a directory" {
		t.Errorf("errors = %v, want unlinkat …/d: is a directory", errs)
	}
}

func TestHolds(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	if err := os.WriteFile(p, []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	want, _ := stampOf(p)
	for _, tc := range []struct {
		data string
		ok   bool
	}{{"abc", true}, {"abd", false}, {"ab", false}, {"abcd", false}, {"", false}} {
		st, ok := holds(p, []byte(tc.data))
		if ok != tc.ok || (ok && st != want) {
			t.Errorf("holds(%q) = %+v, %v; want %+v, %v", tc.data, st, ok, want, tc.ok)
		}
	}
	if _, ok := holds(filepath.Join(dir, "missing"), nil); ok {
		t.Error("holds of a missing file")
	}
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, nil, 0o644)
	if _, ok := holds(empty, nil); !ok {
		t.Error("an empty file does not hold nothing")
	}
}

func TestCreate(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	st, err := create(p, []byte("hello"))
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := stampOf(p); st != want {
		t.Errorf("create's stamp %+v, stat says %+v", st, want)
	}
	if info, _ := os.Stat(p); info.Mode().Perm() != 0o644&^umask() {
		t.Errorf("mode %v", info.Mode())
	}
	if got := read(t, p); got != "hello" {
		t.Errorf("f = %q", got)
	}
	if _, err := create(p, nil); err == nil || err.Error() != "open "+p+": file exists" {
		t.Errorf("create of an existing file = %v", err)
	}
}

func umask() os.FileMode {
	m := unix.Umask(0)
	unix.Umask(m)
	return os.FileMode(m)
}
