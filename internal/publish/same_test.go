package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// siteFiles are n files in nested folders, as a build writes them.
func siteFiles(n int, version string) []File {
	var files []File
	for i := range n {
		files = append(files, File{Path: fmt.Sprintf("posts/p%d/index.html", i), Data: []byte(fmt.Sprintf("post %d %s", i, version))})
	}
	return append(files, File{Path: "index.html", Data: []byte("home " + version)}, File{Path: "share/a/b/c.png", Data: []byte("png")})
}

// agePrevious sets the time of every file and folder of out to past.
func agePrevious(t *testing.T, out string, past time.Time) {
	t.Helper()
	err := filepath.Walk(out, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, past, past)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func inode(t *testing.T, p string) uint64 {
	t.Helper()
	var st unix.Stat_t
	if err := unix.Lstat(p, &st); err != nil {
		t.Fatal(err)
	}
	return st.Ino
}

// writeAll writes files into a Tx of out from several goroutines and commits it.
func writeAll(t *testing.T, out string, files []File) Stats {
	t.Helper()
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(files))
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := i; j < len(files); j += 4 {
				errs <- tx.Write(files[j].Path, files[j].Data)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	st, err := tx.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestSameOutputIsLeftAsItIs(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	files := siteFiles(30, "v1")
	writeAll(t, out, files)
	past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	agePrevious(t, out, past)
	ino := inode(t, out)

	st := writeAll(t, out, files)
	if st.Files != len(files) || st.Unchanged != len(files) || st.Bytes == 0 {
		t.Errorf("stats = %+v, want %d files, all unchanged", st, len(files))
	}
	if got := inode(t, out); got != ino {
		t.Errorf("the output folder was replaced (inode %d, was %d): nothing changed", got, ino)
	}
	err := filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.ModTime().Equal(past) {
			t.Errorf("%s: mtime %v, want it untouched (%v)", p, info.ModTime(), past)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if left := beside(t, out); len(left) != 0 {
		t.Errorf("left beside the output: %v", left)
	}
}

// TestSameFilesButNotTheSameOutput: every file written is the previous one, but
// the previous output holds more (a file the build no longer makes, an empty
// folder, a file in a folder of its own, a link): the new output replaces it, the
// files kept with their time.
func TestSameFilesButNotTheSameOutput(t *testing.T) {
	for name, extra := range map[string]func(out string) error{
		"file": func(out string) error {
			return os.WriteFile(filepath.Join(out, "posts", "gone.html"), []byte("x"), 0o644)
		},
		"folder":     func(out string) error { return os.Mkdir(filepath.Join(out, "empty"), 0o755) },
		"deep file":  func(out string) error { return os.WriteFile(filepath.Join(out, "share", "a", "d.png"), nil, 0o644) },
		"new folder": func(out string) error { return os.MkdirAll(filepath.Join(out, "x", "y"), 0o755) },
		"link":       func(out string) error { return os.Symlink("index.html", filepath.Join(out, "l.html")) },
		"no marker":  func(out string) error { return nil },
	} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			files := siteFiles(10, "v1")
			writeAll(t, out, files)
			if err := extra(out); err != nil {
				t.Fatal(err)
			}
			if name == "no marker" {
				// An output of an earlier version of the build: index.html,
				// .nojekyll and standings.json, no marker.
				os.Remove(filepath.Join(out, Marker))
				files = append(files, File{Path: ".nojekyll", Data: nil}, File{Path: "standings.json", Data: []byte("{}")})
				for _, f := range files[len(files)-2:] {
					os.WriteFile(filepath.Join(out, f.Path), f.Data, 0o644)
				}
			}
			past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
			agePrevious(t, out, past)
			ino := inode(t, out)
			st := writeAll(t, out, files)
			if st.Files != len(files) || st.Unchanged != len(files) {
				t.Errorf("stats = %+v, want %d files, all unchanged", st, len(files))
			}
			if got := inode(t, out); got == ino {
				t.Errorf("the output folder was left as it was; it held more than the build wrote")
			}
			var got []string
			err := filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
				if err != nil || info.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(out, p)
				got = append(got, filepath.ToSlash(rel))
				if rel != Marker && !info.ModTime().Equal(past) {
					t.Errorf("%s: mtime %v, want the previous file's", rel, info.ModTime())
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(files)+1 {
				t.Errorf("output holds %v, want the %d files and the marker", got, len(files))
			}
			for _, d := range []string{"empty", "x", "l.html", "posts/gone.html", "share/a/d.png"} {
				if _, err := os.Lstat(filepath.Join(out, d)); !os.IsNotExist(err) {
					t.Errorf("%s survived: %v", d, err)
				}
			}
			if left := beside(t, out); len(left) != 0 {
				t.Errorf("left beside the output: %v", left)
			}
		})
	}
}

// TestSameFilesThenAChange: writers find files the same as before, then one that is
// not, while others are still being compared: every file lands, the same ones
// keep their time, and nothing waits beside the output.
func TestSameFilesThenAChange(t *testing.T) {
	for _, changed := range []int{0, 7, 29, 31} {
		t.Run(fmt.Sprint(changed), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			writeAll(t, out, siteFiles(30, "v1"))
			past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
			agePrevious(t, out, past)
			files := siteFiles(30, "v1")
			files[changed].Data = []byte("changed")
			st := writeAll(t, out, files)
			if st.Files != len(files) || st.Unchanged != len(files)-1 {
				t.Errorf("stats = %+v, want %d files, %d unchanged", st, len(files), len(files)-1)
			}
			for i, f := range files {
				p := filepath.Join(out, filepath.FromSlash(f.Path))
				if got := read(t, p); got != string(f.Data) {
					t.Errorf("%s = %q, want %q", f.Path, got, f.Data)
				}
				info, err := os.Stat(p)
				if err != nil {
					t.Fatal(err)
				}
				if kept := info.ModTime().Equal(past); kept != (i != changed) {
					t.Errorf("%s: mtime %v, kept %v, want %v", f.Path, info.ModTime(), kept, i != changed)
				}
			}
			if left := beside(t, out); len(left) != 0 {
				t.Errorf("left beside the output: %v", left)
			}
		})
	}
}

// TestSameFileGoneBeforeCommit: a file found the same as the previous one is gone
// from the output by Commit (someone removed it): Commit fails rather than leave an
// output without it.
func TestSameFileGoneBeforeCommit(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	files := siteFiles(5, "v1")
	writeAll(t, out, files)
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := tx.Write(f.Path, f.Data); err != nil {
			t.Fatal(err)
		}
	}
	tx.writing.Wait()
	gone := filepath.Join(out, "posts", "p3", "index.html")
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	_, err = tx.Commit()
	if err == nil || err.Error() != "publish: link "+gone+" "+filepath.Join(tx.tmp, "posts", "p3", "index.html")+": no such file or directory" {
		t.Fatalf("Commit = %v, want the failed link of %s", err, gone)
	}
	if left := beside(t, out); len(left) != 0 {
		t.Errorf("left beside the output: %v", left)
	}
}
