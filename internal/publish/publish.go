// Package publish is the only writer of the site: it writes every file into a fresh
// directory beside the output and then swaps it in, so that a build that fails or is
// killed leaves the previous output exactly as it was.
package publish

import (
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

// Write writes files into a temporary directory next to out, then replaces out with
// it. Paths must be relative and stay inside out. It returns the number of bytes written.
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
	mu       sync.Mutex
	dirs     map[string]bool
	paths    map[string]bool
	stats    Stats
	done     bool
}

// Stats counts what a Tx wrote.
type Stats struct {
	Files int
	Bytes int64
}

// Begin starts writing a new output for out, first clearing what a killed build left.
func Begin(out string) (*Tx, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	// A build that was killed mid-write leaves its temporary directory behind.
	stale, _ := filepath.Glob(filepath.Join(parent, "."+filepath.Base(out)+".new-*"))
	for _, d := range stale {
		os.RemoveAll(d)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("publish: %w", err)
	}
	return &Tx{out: out, tmp: tmp, dirs: map[string]bool{".": true}, paths: map[string]bool{}}, nil
}

// Write writes one file. It is safe for concurrent use; two writes of one path are
// an error.
func (t *Tx) Write(path string, data []byte) error {
	if !valid(path) {
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
	if err := os.WriteFile(filepath.Join(t.tmp, filepath.FromSlash(path)), data, 0o644); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	t.mu.Lock()
	t.stats.Files++
	t.stats.Bytes += int64(len(data))
	t.mu.Unlock()
	return nil
}

// Commit puts the new output in place of the old one and returns what was written.
func (t *Tx) Commit() (Stats, error) {
	t.mu.Lock()
	t.done = true
	st := t.stats
	t.mu.Unlock()
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

// swap puts dir in place of out. Where the kernel can, it exchanges the two in one
// step (renameat2 RENAME_EXCHANGE), so readers never see a missing directory.
func swap(dir, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) {
		return os.Rename(dir, out)
	}
	if err := unix.Renameat2(unix.AT_FDCWD, dir, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE); err == nil {
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
