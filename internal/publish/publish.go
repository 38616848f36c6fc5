// Package publish is the only writer of the site: it writes every file into a fresh
// directory beside the output and then swaps it in, so that a build that fails or is
// killed leaves the previous output exactly as it was.
//
// It deletes only what it wrote itself. Before a build writes, Check refuses an output
// that would overwrite the site's inputs or someone else's files (the site root or a
// folder holding it, an input folder, a file, a non-empty folder without the Marker).
// One build at a time writes an output: Open takes a lock file beside it and a second
// build waits. Temporary folders left by a killed build are removed by the next one,
// once it holds the lock.
//
// A file whose bytes are the same as in the previous output is not written again: the
// previous file is hard-linked into the new directory, so it keeps its modification
// time (rsync and deploys that look at times skip it) while the swap stays one step.
package publish

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// File is one file of the site: a slash path relative to the output, and its bytes.
type File struct {
	Path string
	Data []byte
}

// Write checks and locks out (see Open), writes files into a temporary directory next
// to it, then replaces out with it. Paths must be relative and stay inside out. It
// returns the number of bytes written.
func Write(out string, files []File) (int64, error) {
	tx, err := Begin(out)
	if err != nil {
		return 0, err
	}
	for _, f := range files {
		if err := tx.Write(f.Path, f.Data); err != nil {
			tx.Abort()
			return 0, err
		}
	}
	st, err := tx.Commit()
	return st.Bytes, err
}

// Tx is one build's output on its way to disk: files are written into a fresh
// directory beside the output as they come, and Commit swaps that directory in. Until
// Commit, the previous output stays whole; Abort (or a killed build) leaves it so.
type Tx struct {
	out, tmp string
	owned    *Output // closed with the Tx when Begin opened it
	mu       sync.Mutex
	dirs     map[string]bool
	paths    map[string]bool
	stats    Stats
	done     bool
}

// Stats counts what a Tx wrote.
type Stats struct {
	Files     int
	Bytes     int64
	Unchanged int // files kept from the previous output (same bytes, same mtime)
}

// Begin checks and locks out (see Open; the site root is not known here, builds use
// Open with it) and starts writing a new output for it. Commit or Abort releases the
// lock.
func Begin(out string) (*Tx, error) {
	o, err := Open(context.Background(), out, "", nil)
	if err != nil {
		return nil, err
	}
	tx, err := o.Begin()
	if err != nil {
		o.Close()
		return nil, err
	}
	tx.owned = o
	return tx, nil
}

// Begin starts writing a new output in a fresh temporary folder beside o.
func (o *Output) Begin() (*Tx, error) {
	if o.lock == nil {
		return nil, errors.New("publish: output already closed")
	}
	tmp, err := os.MkdirTemp(filepath.Dir(o.Dir), tempPrefix(o.Dir))
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("publish: %w", err)
	}
	return &Tx{out: o.Dir, tmp: tmp, dirs: map[string]bool{".": true}, paths: map[string]bool{}}, nil
}

// Write writes one file. It is safe for concurrent use; two writes of one path are
// an error.
func (t *Tx) Write(path string, data []byte) error {
	if !valid(path) || path == Marker {
		return fmt.Errorf("publish: invalid output path %q", path)
	}
	dir := filepath.Dir(filepath.FromSlash(path))
	t.mu.Lock()
	if t.done {
		t.mu.Unlock()
		return fmt.Errorf("publish: write of %s after the output was closed", path)
	}
	if t.paths[path] {
		t.mu.Unlock()
		return fmt.Errorf("publish: %s written twice", path)
	}
	t.paths[path] = true
	var err error
	if !t.dirs[dir] {
		if err = os.MkdirAll(filepath.Join(t.tmp, dir), 0o755); err == nil {
			t.dirs[dir] = true
		}
	}
	t.mu.Unlock()
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	dst := filepath.Join(t.tmp, filepath.FromSlash(path))
	kept := keep(filepath.Join(t.out, filepath.FromSlash(path)), dst, data)
	if !kept {
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
	}
	t.mu.Lock()
	t.stats.Files++
	t.stats.Bytes += int64(len(data))
	if kept {
		t.stats.Unchanged++
	}
	t.mu.Unlock()
	return nil
}

// keep hard-links the previous output's file prev to dst when it is a regular file
// holding exactly data, and reports whether it did.
func keep(prev, dst string, data []byte) bool {
	info, err := os.Lstat(prev)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(prev)
	if err != nil || !bytes.Equal(old, data) {
		return false
	}
	return os.Link(prev, dst) == nil
}

// Commit marks the new output as the build's (see Marker), puts it in place of the
// old one and returns what was written (the marker not counted).
func (t *Tx) Commit() (Stats, error) {
	t.mu.Lock()
	t.done = true
	st := t.stats
	t.mu.Unlock()
	defer t.owned.Close()
	if err := os.WriteFile(filepath.Join(t.tmp, Marker), []byte(markerText), 0o644); err != nil {
		os.RemoveAll(t.tmp)
		return Stats{}, fmt.Errorf("publish: %w", err)
	}
	if err := swap(t.tmp, t.out); err != nil {
		os.RemoveAll(t.tmp)
		return Stats{}, fmt.Errorf("publish: %w", err)
	}
	return st, nil
}

// Abort drops what was written; the previous output stays as it was.
func (t *Tx) Abort() {
	t.mu.Lock()
	t.done = true
	t.mu.Unlock()
	os.RemoveAll(t.tmp)
	t.owned.Close()
}

// valid reports whether p is a clean relative slash path inside the root.
func valid(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}

// exchange swaps two paths in one step (renameat2 with RENAME_EXCHANGE). Some file
// systems do not support it; swap then falls back to two renames. A variable so
// that tests can take the fallback.
var exchange = func(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

// swap puts dir in place of out. Where the kernel can, it exchanges the two in one
// step (renameat2 RENAME_EXCHANGE), so readers never see a missing directory.
func swap(dir, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) {
		return os.Rename(dir, out)
	}
	if err := exchange(dir, out); err == nil {
		return os.RemoveAll(dir) // dir now holds the previous output
	}
	old := dir + ".old"
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(dir, out); err != nil {
		os.Rename(old, out)
		return err
	}
	return os.RemoveAll(old)
}

// Patch writes one file straight into the output folder, atomically (a temporary
// file beside it, then a rename), and leaves every other file as it is: the preview
// server puts the pages an edit touched in place this way, without writing the whole
// site again. A file that already holds data is left alone; written reports whether
// the file was written.
func (o *Output) Patch(path string, data []byte) (written bool, err error) {
	if o.lock == nil {
		return false, errors.New("publish: output already closed")
	}
	if !valid(path) || path == Marker {
		return false, fmt.Errorf("publish: invalid output path %q", path)
	}
	if _, err := os.Stat(filepath.Join(o.Dir, Marker)); err != nil {
		return false, fmt.Errorf("publish: patch of %s: the output holds no build: %w", path, err)
	}
	dst := filepath.Join(o.Dir, filepath.FromSlash(path))
	if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return false, fmt.Errorf("publish: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(dst), ".patch-*")
	if err != nil {
		return false, fmt.Errorf("publish: %w", err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), dst)
	}
	if err != nil {
		os.Remove(f.Name())
		return false, fmt.Errorf("publish: %w", err)
	}
	return true, nil
}
