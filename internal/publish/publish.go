// Package publish is the only writer of the site: it writes every file into a fresh
// directory beside the output and then swaps it in, so that a build that fails or is
// killed leaves the previous output exactly as it was.
package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/ai-league/ai-league/internal/render"
)

// Write writes files into a temporary directory next to out, then replaces out with
// it. Paths must be relative and stay inside out. It returns the number of bytes written.
func Write(out string, files []render.File) (int64, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return 0, fmt.Errorf("publish: %w", err)
	}
	// A build that was killed mid-write leaves its temporary directory behind.
	stale, _ := filepath.Glob(filepath.Join(parent, "."+filepath.Base(out)+".new-*"))
	for _, d := range stale {
		os.RemoveAll(d)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return 0, fmt.Errorf("publish: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return 0, fmt.Errorf("publish: %w", err)
	}
	n, err := writeAll(tmp, files)
	if err != nil {
		os.RemoveAll(tmp)
		return 0, err
	}
	if err := swap(tmp, out); err != nil {
		os.RemoveAll(tmp)
		return 0, fmt.Errorf("publish: %w", err)
	}
	return n, nil
}

// writeAll writes the files with a bounded number of goroutines.
func writeAll(dir string, files []render.File) (int64, error) {
	dirs := map[string]bool{}
	for _, f := range files {
		if !valid(f.Path) {
			return 0, fmt.Errorf("publish: invalid output path %q", f.Path)
		}
		dirs[filepath.Dir(filepath.FromSlash(f.Path))] = true
	}
	for d := range dirs {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return 0, fmt.Errorf("publish: %w", err)
		}
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total int64
		errs  []error
		next  = make(chan render.File)
	)
	for range runtime.GOMAXPROCS(0) * 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(f.Path)), f.Data, 0o644)
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				}
				total += int64(len(f.Data))
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	if len(errs) > 0 {
		return 0, fmt.Errorf("publish: %w", errors.Join(errs...))
	}
	return total, nil
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
