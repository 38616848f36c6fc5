package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// beside lists what lies beside the output folder out other than the output and its
// lock file.
func beside(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); n != filepath.Base(out) && n != filepath.Base(LockPath(out)) {
			names = append(names, n)
		}
	}
	return names
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteReplacesOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Write(out, []File{{Path: "index.html", Data: []byte("one")}, {Path: "old/index.html", Data: []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	n, err := Write(out, []File{{Path: "index.html", Data: []byte("two")}, {Path: "a/b/c.txt", Data: []byte("deep")}})
	if err != nil {
		t.Fatal(err)
	}
	if n != 7 {
		t.Errorf("bytes written = %d, want 7", n)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "two" {
		t.Errorf("index.html = %q, want two", got)
	}
	if got := read(t, filepath.Join(out, "a/b/c.txt")); got != "deep" {
		t.Errorf("a/b/c.txt = %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "old")); !os.IsNotExist(err) {
		t.Errorf("file of the previous build survived: %v", err)
	}
	if left := beside(t, out); len(left) != 0 {
		t.Errorf("temporary directories left beside the output: %v", left)
	}
	if got := read(t, filepath.Join(out, Marker)); got != markerText {
		t.Errorf("marker = %q", got)
	}
}

func TestWriteFailureKeepsPrevious(t *testing.T) {
	for _, bad := range []string{"../escape.html", "/abs.html", "a//b", "a/./b", ""} {
		t.Run(bad, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			if _, err := Write(out, []File{{Path: "index.html", Data: []byte("kept")}}); err != nil {
				t.Fatal(err)
			}
			_, err := Write(out, []File{{Path: "index.html", Data: []byte("new")}, {Path: bad, Data: []byte("x")}})
			if err == nil || !strings.Contains(err.Error(), "invalid output path") {
				t.Fatalf("err = %v, want invalid output path", err)
			}
			if got := read(t, filepath.Join(out, "index.html")); got != "kept" {
				t.Errorf("previous output changed: %q", got)
			}
			if left := beside(t, out); len(left) != 0 {
				t.Errorf("temporary directories left: %v", left)
			}
		})
	}
}

func TestWriteRemovesWhatAKilledBuildLeft(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	left := filepath.Join(filepath.Dir(out), ".public.new-123")
	os.MkdirAll(filepath.Join(left, "half"), 0o755)
	if _, err := Write(out, []File{{Path: "index.html", Data: []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Errorf("the killed build's directory is still there: %v", err)
	}
}

func TestTxStreamsConcurrentWrites(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Write(out, []File{{Path: "index.html", Data: []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- tx.Write(fmt.Sprintf("p/%d/x/index.html.%d", i%7, i), []byte("ab"))
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	// Until Commit, readers see the previous output.
	if got := read(t, filepath.Join(out, "index.html")); got != "old" {
		t.Errorf("before Commit index.html = %q, want old", got)
	}
	st, err := tx.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != 40 || st.Bytes != 80 {
		t.Errorf("stats = %+v, want 40 files, 80 bytes", st)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); !os.IsNotExist(err) {
		t.Errorf("the previous output survived the swap: %v", err)
	}
	if got := read(t, filepath.Join(out, "p/3/x/index.html.10")); got != "ab" {
		t.Errorf("p/3/x/index.html.10 = %q", got)
	}
}

func TestTxErrors(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Write(out, []File{{Path: "index.html", Data: []byte("kept")}}); err != nil {
		t.Fatal(err)
	}
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Write("a/index.html", nil); err != nil {
		t.Fatal(err)
	}
	if err := tx.Write("a/index.html", nil); err == nil || err.Error() != "publish: a/index.html written twice" {
		t.Errorf("second write of a path: err = %v", err)
	}
	tx.Abort()
	if err := tx.Write("b.html", nil); err == nil || err.Error() != "publish: write of b.html after the output was closed" {
		t.Errorf("write after Abort: err = %v", err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "kept" {
		t.Errorf("an aborted output changed the previous one: %q", got)
	}
	if left := beside(t, out); len(left) != 0 {
		t.Errorf("Abort left directories: %v", left)
	}
}

// A file with the same bytes as in the previous output keeps its modification time
// (it is the same file); changed, new and grown files are written.
func TestUnchangedFilesKeepTheirTime(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first := []File{
		{Path: "same.html", Data: []byte("same")},
		{Path: "a/same.css", Data: []byte("body{}")},
		{Path: "changed.html", Data: []byte("v1")},
		{Path: "grown.html", Data: []byte("v1")},
		{Path: "link.html", Data: []byte("same")},
	}
	if _, err := Write(out, first); err != nil {
		t.Fatal(err)
	}
	past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, f := range first {
		if err := os.Chtimes(filepath.Join(out, f.Path), past, past); err != nil {
			t.Fatal(err)
		}
	}
	// A symlink in the previous output is never linked into the new one, even when
	// its target holds the same bytes.
	os.Remove(filepath.Join(out, "link.html"))
	if err := os.Symlink("same.html", filepath.Join(out, "link.html")); err != nil {
		t.Fatal(err)
	}
	// Nor a FIFO (which is not even opened for long: the build never waits on it)
	// or a folder where the new build has a file.
	if err := unix.Mkfifo(filepath.Join(out, "fifo.html"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(out, "dir.html", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []File{
		{Path: "same.html", Data: []byte("same")},
		{Path: "a/same.css", Data: []byte("body{}")},
		{Path: "changed.html", Data: []byte("v2")},
		{Path: "grown.html", Data: []byte("v1 and more")},
		{Path: "link.html", Data: []byte("same")},
		{Path: "new.html", Data: []byte("new")},
		{Path: "fifo.html", Data: nil},
		{Path: "dir.html", Data: nil},
	} {
		if err := tx.Write(f.Path, f.Data); err != nil {
			t.Fatal(err)
		}
	}
	st, err := tx.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != 8 || st.Unchanged != 2 {
		t.Errorf("stats = %+v, want 8 files, 2 unchanged", st)
	}
	for _, tc := range []struct {
		path, data string
		kept       bool
	}{
		{"same.html", "same", true},
		{"a/same.css", "body{}", true},
		{"changed.html", "v2", false},
		{"grown.html", "v1 and more", false},
		{"link.html", "same", false},
		{"new.html", "new", false},
		{"fifo.html", "", false},
		{"dir.html", "", false},
	} {
		p := filepath.Join(out, tc.path)
		info, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := read(t, p); got != tc.data {
			t.Errorf("%s = %q, want %q", tc.path, got, tc.data)
		}
		if !info.Mode().IsRegular() {
			t.Errorf("%s is not a regular file: %v", tc.path, info.Mode())
		}
		if kept := info.ModTime().Equal(past); kept != tc.kept {
			t.Errorf("%s: mtime %v; kept = %v, want %v", tc.path, info.ModTime(), kept, tc.kept)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	for _, e := range entries {
		if e.Name() != "public" && !strings.HasSuffix(e.Name(), ".lock") {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
}

func TestWriteMakesFoldersInAnyOrder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	files := []File{
		{Path: "x/y/z/deep.txt", Data: []byte("1")},
		{Path: "x/y/mid.txt", Data: []byte("2")},
		{Path: "x/top.txt", Data: []byte("3")},
		{Path: "x/y/z/w/deeper.txt", Data: []byte("4")},
		{Path: "p/q.txt", Data: []byte("5")},
		{Path: "p/r/s/t.txt", Data: []byte("6")},
	}
	if _, err := Write(out, files); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if got := read(t, filepath.Join(out, filepath.FromSlash(f.Path))); got != string(f.Data) {
			t.Errorf("%s = %q, want %q", f.Path, got, f.Data)
		}
	}
}

func TestWriteFileAndFolder(t *testing.T) {
	for name, files := range map[string][]File{
		"file first":   {{Path: "a", Data: []byte("file")}, {Path: "a/b.html", Data: []byte("x")}},
		"folder first": {{Path: "a/b.html", Data: []byte("x")}, {Path: "a", Data: []byte("file")}},
		"deeper":       {{Path: "a/b/c/d.html", Data: []byte("x")}, {Path: "z", Data: nil}, {Path: "a/b", Data: []byte("file")}},
	} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			if _, err := Write(out, []File{{Path: "index.html", Data: []byte("kept")}}); err != nil {
				t.Fatal(err)
			}
			_, err := Write(out, files)
			want := "publish: a is both a file and a folder of the output"
			if name == "deeper" {
				want = "publish: a/b is both a file and a folder of the output"
			}
			if err == nil || err.Error() != want {
				t.Fatalf("err = %v, want %s", err, want)
			}
			if got := read(t, filepath.Join(out, "index.html")); got != "kept" {
				t.Errorf("previous output changed: %q", got)
			}
			if left := beside(t, out); len(left) != 0 {
				t.Errorf("temporary directories left beside the output: %v", left)
			}
		})
	}
}

func TestWriteFailureFailsCommit(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Write(out, []File{{Path: "index.html", Data: []byte("kept")}}); err != nil {
		t.Fatal(err)
	}
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 300) // longer than a file name may be
	for _, p := range []string{"index.html", "a/" + long, "b.html"} {
		if err := tx.Write(p, []byte("new")); err != nil && !strings.Contains(err.Error(), "file name too long") {
			t.Fatalf("Write(%s) = %v", p, err)
		}
	}
	_, err = tx.Commit()
	if err == nil || !strings.HasPrefix(err.Error(), "publish: open ") ||
		!strings.HasSuffix(err.Error(), string(filepath.Separator)+"a"+string(filepath.Separator)+long+": file name too long") {
		t.Fatalf("Commit = %v, want publish: open …/a/%s: file name too long", err, long)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "kept" {
		t.Errorf("previous output changed: %q", got)
	}
	if left := beside(t, out); len(left) != 0 {
		t.Errorf("temporary directories left beside the output: %v", left)
	}
	if err := tx.Write("c.html", nil); err == nil || err.Error() != "publish: write of c.html after the output was closed" {
		t.Errorf("Write after a failed Commit = %v", err)
	}
}

func TestWriteFailureAbort(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	tx.Write(strings.Repeat("y", 300), []byte("x"))
	tx.Abort()
	if _, err := os.Lstat(out); !os.IsNotExist(err) {
		t.Errorf("an aborted first build left an output: %v", err)
	}
	if left := beside(t, out); len(left) != 0 {
		t.Errorf("temporary directories left beside the output: %v", left)
	}
}

func TestWriteFailureStopsLaterWrites(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	if err := tx.Write(strings.Repeat("z", 300), []byte("x")); err != nil {
		t.Fatal(err)
	}
	// The failed write is known once the writers are done with it; from then on
	// every write fails with its error.
	tx.writing.Wait()
	err = tx.Write("index.html", []byte("x"))
	if err == nil || !strings.HasSuffix(err.Error(), ": file name too long") {
		t.Errorf("Write after a failed write = %v, want its error", err)
	}
}

// WriteThen calls done once for every file, when the Tx reads its data no more: a
// buffer scribbled over in done leaves the written file as it was handed. Files
// written, kept from the previous output, refused (a path twice) and after a
// failure all get their done.
func TestWriteThenHandsBuffersBack(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	var (
		mu   sync.Mutex
		done = map[string]int{}
	)
	then := func(path string, b []byte) func() {
		return func() {
			for i := range b {
				b[i] = 'X'
			}
			mu.Lock()
			done[path]++
			mu.Unlock()
		}
	}
	write := func(tx *Tx, path, data string) error {
		b := []byte(data)
		return tx.WriteThen(path, b, Key{1}, then(path, b))
	}

	tx := txFrom(t, out, nil)
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := write(tx, fmt.Sprintf("p/%d/index.html", i), fmt.Sprintf("page %d", i)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if err := write(tx, "p/3/index.html", "again"); err == nil || err.Error() != "publish: p/3/index.html written twice" {
		t.Errorf("second write of a path: err = %v", err)
	}
	st, m := commit(t, tx)
	if st.Files != 40 {
		t.Errorf("stats = %+v, want 40 files", st)
	}
	for i := range 40 {
		p := fmt.Sprintf("p/%d/index.html", i)
		if got, want := read(t, filepath.Join(out, p)), fmt.Sprintf("page %d", i); got != want {
			t.Errorf("%s = %q, want %q (done before the file was written)", p, got, want)
		}
	}
	if done["p/3/index.html"] != 2 || len(done) != 40 {
		t.Errorf("done calls = %v, want one per file and one for the refused write", done)
	}
	for p, n := range done {
		if n != 1 && p != "p/3/index.html" {
			t.Errorf("done called %d times for %s", n, p)
		}
	}

	// The same bytes as the previous output's file: kept, not queued, done at once.
	clear(done)
	tx = txFrom(t, out, m)
	if err := write(tx, "p/1/index.html", "page 1"); err != nil {
		t.Fatal(err)
	}
	if done["p/1/index.html"] != 1 {
		t.Errorf("kept file: done calls = %v, want 1", done)
	}
	tx.Abort()

	// After the Tx is closed: refused, done at once.
	clear(done)
	if err := write(tx, "q.html", "late"); err == nil || !strings.Contains(err.Error(), "after the output was closed") {
		t.Errorf("write after Abort: err = %v", err)
	}
	if done["q.html"] != 1 {
		t.Errorf("refused file: done calls = %v, want 1", done)
	}
}
