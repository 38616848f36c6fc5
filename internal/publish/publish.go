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
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
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
//
// A Tx makes the fresh directory only at the first file that is not the previous
// output's: when every file is the same as before and no file is gone, Commit leaves
// the output as it is, with nothing written, linked or swapped. A Tx begun from the
// previous output's Manifest (BeginFrom) knows a file is the same by its stat alone
// and keeps the manifest of the new output; one begun without it (Begin) compares
// the bytes.
type Tx struct {
	out, tmp string
	owned    *Output // closed with the Tx when Begin opened it
	mu       sync.Mutex
	dirs     map[string]bool
	paths    map[string]bool // files written so far
	folders  map[string]bool // the folders that hold them
	stats    Stats
	done     bool

	track    bool                 // keep the manifest of the new output
	prev     *Manifest            // the previous output's; nil when not known
	next     map[string]fileEntry // the new output's files so far
	lazy     bool                 // no fresh directory yet: every file so far is the previous one
	pending  []string             // files kept while lazy, linked when the directory is made
	manifest *Manifest            // the new output's, after Commit

	// prevOut says the output folder exists, so a file may be the same as its
	// previous one; set before the writers start, or under mu.
	prevOut bool
	dirMu   sync.Mutex
	queue   chan job       // files for the writers; nil until the first and after drain
	writing sync.WaitGroup // files handed to the writers and not yet written
	writers sync.WaitGroup // the writers running
	werr    error          // the first write that failed
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

// Begin starts writing a new output in a fresh temporary folder beside o. When o holds
// a build (its Marker), the folder is made only at the first file whose bytes are not
// those of o's file at the same path (see Tx).
func (o *Output) Begin() (*Tx, error) {
	if o.lock == nil {
		return nil, errors.New("publish: output already closed")
	}
	t := &Tx{out: o.Dir, dirs: map[string]bool{".": true}, paths: map[string]bool{}, folders: map[string]bool{}}
	if o.Built() {
		t.lazy, t.prevOut = true, true
		return t, nil
	}
	if err := t.makeTemp(); err != nil {
		return nil, err
	}
	return t, nil
}

// BeginFrom starts a new output like Begin and keeps its Manifest (see Tx.Manifest).
// prev is the manifest the previous build into o left (nil when there is none): with
// it, a file that is the same as before is known by its stat alone, and Reuse keeps
// a file made from the same Key without it being made again.
func (o *Output) BeginFrom(prev *Manifest) (*Tx, error) {
	if o.lock == nil {
		return nil, errors.New("publish: output already closed")
	}
	t := &Tx{out: o.Dir, dirs: map[string]bool{".": true}, paths: map[string]bool{}, folders: map[string]bool{},
		track: true, next: map[string]fileEntry{}}
	if prev != nil && prev.Len() > 0 {
		t.prev, t.lazy = prev, true
		return t, nil
	}
	if err := t.makeTemp(); err != nil {
		return nil, err
	}
	return t, nil
}

// makeTemp makes the fresh folder the new output is written into.
func (t *Tx) makeTemp() error {
	tmp, err := os.MkdirTemp(filepath.Dir(t.out), tempPrefix(t.out))
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("publish: %w", err)
	}
	t.tmp = tmp
	info, err := os.Lstat(t.out)
	t.prevOut = err == nil && info.IsDir()
	return nil
}

// materialize makes the fresh folder of a lazy Tx and links into it the files kept
// so far. t.mu is held.
func (t *Tx) materialize() error {
	if !t.lazy {
		return nil
	}
	if err := t.makeTemp(); err != nil {
		return err
	}
	t.lazy = false
	for _, p := range t.pending {
		if err := t.mkdir(p); err != nil {
			return err
		}
		if err := os.Link(filepath.Join(t.out, filepath.FromSlash(p)), filepath.Join(t.tmp, filepath.FromSlash(p))); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
	}
	t.pending = nil
	return nil
}

// mkdir makes the folder of path in the fresh folder.
func (t *Tx) mkdir(path string) error {
	t.dirMu.Lock()
	defer t.dirMu.Unlock()
	dir := filepath.Dir(filepath.FromSlash(path))
	if t.dirs[dir] {
		return nil
	}
	// A folder whose parent this Tx made takes one mkdir; otherwise MkdirAll makes
	// the missing ancestors too, and they are all noted as made.
	full := filepath.Join(t.tmp, dir)
	if parent := filepath.Dir(dir); t.dirs[parent] && os.Mkdir(full, 0o755) == nil {
		t.dirs[dir] = true
		return nil
	}
	if err := os.MkdirAll(full, 0o755); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	for d := dir; !t.dirs[d]; d = filepath.Dir(d) {
		t.dirs[d] = true
	}
	return nil
}

// claim checks path and marks it written. t.mu is held.
func (t *Tx) claim(path string) error {
	if !valid(path) || path == Marker {
		return fmt.Errorf("publish: invalid output path %q", path)
	}
	if t.done {
		return fmt.Errorf("publish: write of %s after the output was closed", path)
	}
	if t.paths[path] {
		return fmt.Errorf("publish: %s written twice", path)
	}
	if t.folders[path] {
		return fmt.Errorf("publish: %s is both a file and a folder of the output", path)
	}
	for d := parent(path); d != ""; d = parent(d) {
		if t.paths[d] {
			return fmt.Errorf("publish: %s is both a file and a folder of the output", d)
		}
	}
	return nil
}

// mark notes path as written, and its folders as folders. t.mu is held.
func (t *Tx) mark(path string) {
	t.paths[path] = true
	for d := parent(path); d != "" && !t.folders[d]; d = parent(d) {
		t.folders[d] = true
	}
}

// parent returns the folder of a slash path, "" for the output folder itself.
func parent(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// keepPrev takes the previous output's file path, described by e, into the new
// output under key. t.mu is held.
func (t *Tx) keepPrev(path string, e fileEntry, key Key) error {
	t.mark(path)
	if t.lazy {
		t.pending = append(t.pending, path)
	} else {
		if err := t.mkdir(path); err != nil {
			return err
		}
		if err := os.Link(filepath.Join(t.out, filepath.FromSlash(path)), filepath.Join(t.tmp, filepath.FromSlash(path))); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
	}
	e.key = key
	t.next[path] = e
	t.stats.Files++
	t.stats.Bytes += e.size
	t.stats.Unchanged++
	return nil
}

// Reuse keeps the previous output's file path when the previous build made it from
// key (see WriteKeyed) and it is still as that build left it, and reports whether it
// did; when it did not, the caller makes the file and writes it. The zero key is
// never reused.
func (t *Tx) Reuse(path string, key Key) (bool, error) {
	if key == (Key{}) || t.prev == nil {
		return false, nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := t.claim(path); err != nil {
		return false, err
	}
	e, ok := t.prev.files[path]
	if !ok || e.key != key || !intact(filepath.Join(t.out, filepath.FromSlash(path)), e.stamp) {
		return false, nil
	}
	return true, t.keepPrev(path, e, key)
}

// ReuseGroup keeps every file of the previous output that was made from key, when
// there is at least one and all are still as that build left it, and returns their
// paths (none when it kept nothing): for files made together (a step that writes
// several files from one set of inputs), so that the step need not run.
func (t *Tx) ReuseGroup(key Key) ([]string, error) {
	if key == (Key{}) || t.prev == nil {
		return nil, nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	var group []string
	for p, e := range t.prev.files {
		if e.key != key {
			continue
		}
		if t.paths[p] || !intact(filepath.Join(t.out, filepath.FromSlash(p)), e.stamp) {
			return nil, nil
		}
		group = append(group, p)
	}
	if len(group) == 0 || t.done {
		return nil, nil
	}
	sort.Strings(group)
	for _, p := range group {
		if err := t.keepPrev(p, t.prev.files[p], key); err != nil {
			return nil, err
		}
	}
	return group, nil
}

// Write writes one file. It is safe for concurrent use; two writes of one path are
// an error.
func (t *Tx) Write(path string, data []byte) error { return t.WriteKeyed(path, data, Key{}) }

// writers is the number of goroutines a Tx writes files on. Writing a file is mostly
// the kernel's work and waits (making the file and its folder), so the build hands
// each file to a writer and goes on making the next one: its cores stay busy while
// files are made.
const writers = 2

// queued is how many files may wait for a writer; past it, a write waits.
const queued = 32

// job is one file on its way to a writer.
type job struct {
	path string
	data []byte
	key  Key
	sum  [sha256.Size]byte
	done func() // see WriteThen; nil for none
}

// WriteKeyed writes one file made from key (see Reuse); the zero key is none. The
// file is written by one of the Tx's writers after WriteKeyed returns, so data must
// not change after the call. A write that fails makes the next WriteKeyed and
// Commit fail, and Commit then leaves the previous output as it was.
func (t *Tx) WriteKeyed(path string, data []byte, key Key) error {
	return t.WriteThen(path, data, key, nil)
}

// WriteThen is WriteKeyed for data in a buffer its caller wants back: done, unless
// nil, is called once the Tx reads data no more (the file written, kept, or not
// written for an error), after which the buffer may be used again. It may be called
// before WriteThen returns, and is called on a writer otherwise.
func (t *Tx) WriteThen(path string, data []byte, key Key, done func()) error {
	handed, err := t.hand(path, data, key, done)
	if !handed && done != nil {
		done()
	}
	return err
}

// hand is WriteThen but for done; it reports whether a writer has data (and
// will call done).
func (t *Tx) hand(path string, data []byte, key Key, done func()) (bool, error) {
	var sum [sha256.Size]byte
	if t.track {
		sum = sha256.Sum256(data)
	}
	t.mu.Lock()
	if err := t.claim(path); err != nil {
		t.mu.Unlock()
		return false, err
	}
	if t.werr != nil {
		err := t.werr
		t.mu.Unlock()
		return false, err
	}
	if t.prev != nil {
		prev := filepath.Join(t.out, filepath.FromSlash(path))
		if e, ok := t.prev.files[path]; ok && e.sum == sum && e.size == int64(len(data)) && intact(prev, e.stamp) {
			err := t.keepPrev(path, e, key)
			t.mu.Unlock()
			return false, err
		}
	}
	t.mark(path)
	// Without a manifest, the writer that finds the file is not the previous one
	// makes the fresh folder (see write).
	if t.prev != nil {
		if err := t.materialize(); err != nil {
			t.mu.Unlock()
			return false, err
		}
	}
	if t.queue == nil {
		t.queue = make(chan job, queued)
		for range writers {
			t.writers.Add(1)
			go func(q <-chan job) {
				defer t.writers.Done()
				for j := range q {
					t.write(j)
				}
			}(t.queue)
		}
	}
	q := t.queue
	t.writing.Add(1)
	t.mu.Unlock()
	q <- job{path: path, data: data, key: key, sum: sum, done: done}
	return true, nil
}

// write writes one file into the fresh folder, on a writer: a hard link to the
// previous output's file at the same path when that holds the same bytes, else a
// new file. While there is no fresh folder (a lazy Tx without a manifest), a file the
// same as the previous one is only noted, to be linked if the folder is made; the
// first that is not makes the folder.
func (t *Tx) write(j job) {
	defer t.writing.Done()
	if j.done != nil {
		defer j.done()
	}
	t.mu.Lock()
	failed, lazy, prevOut := t.werr != nil, t.lazy, t.prevOut
	t.mu.Unlock()
	if failed {
		return
	}
	prev := filepath.Join(t.out, filepath.FromSlash(j.path))
	var (
		st   stamp
		same bool
		err  error
	)
	if prevOut {
		st, same = holds(prev, j.data)
	}
	if lazy {
		t.mu.Lock()
		if same && t.lazy {
			t.pending = append(t.pending, j.path)
			t.written(j, st, true)
			t.mu.Unlock()
			return
		}
		if !same {
			err = t.materialize()
		}
		t.mu.Unlock()
	}
	kept := false
	if err == nil {
		err = t.mkdir(j.path)
	}
	if err == nil {
		dst := filepath.Join(t.tmp, filepath.FromSlash(j.path))
		if same && os.Link(prev, dst) == nil {
			kept = true
		}
		if !kept {
			if st, err = create(dst, j.data); err != nil {
				err = fmt.Errorf("publish: %w", err)
			}
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if err != nil {
		if t.werr == nil {
			t.werr = err
		}
		return
	}
	t.written(j, st, kept)
}

// written counts the file of j as written, with what fstat says of it; kept says it
// is the previous output's. t.mu is held.
func (t *Tx) written(j job, st stamp, kept bool) {
	if t.track {
		t.next[j.path] = fileEntry{key: j.key, sum: j.sum, stamp: st}
	}
	t.stats.Files++
	t.stats.Bytes += int64(len(j.data))
	if kept {
		t.stats.Unchanged++
	}
}

// drain waits until every file handed to the writers is written, and stops them.
// t.done is set, so no file is handed to them any more.
func (t *Tx) drain() {
	t.writing.Wait()
	t.mu.Lock()
	q := t.queue
	t.queue = nil
	t.mu.Unlock()
	if q != nil {
		close(q)
		t.writers.Wait()
	}
}

// Commit marks the new output as the build's (see Marker), puts it in place of the
// old one and returns what was written (the marker not counted). When every file is
// the previous output's and none is gone (a Tx begun from a manifest), the output is
// left as it is.
func (t *Tx) Commit() (Stats, error) {
	t.mu.Lock()
	t.done = true
	t.mu.Unlock()
	t.drain()
	t.mu.Lock()
	defer t.mu.Unlock()
	defer t.owned.Close()
	if t.werr != nil {
		if t.tmp != "" {
			os.RemoveAll(t.tmp)
		}
		return Stats{}, t.werr
	}
	st := t.stats
	if t.lazy {
		if t.prev != nil && len(t.next) == len(t.prev.files) && t.prev.dirsIntact(t.out) && has(t.out, Marker) {
			t.manifest = &Manifest{files: t.next, dirs: t.prev.dirs}
			return st, nil
		}
		if t.prev == nil && t.holdsOnly() {
			return st, nil
		}
		if err := t.materialize(); err != nil {
			if t.tmp != "" {
				os.RemoveAll(t.tmp)
			}
			return Stats{}, err
		}
	}
	if err := os.WriteFile(filepath.Join(t.tmp, Marker), []byte(markerText), 0o644); err != nil {
		os.RemoveAll(t.tmp)
		return Stats{}, fmt.Errorf("publish: %w", err)
	}
	if err := swap(t.tmp, t.out); err != nil {
		os.RemoveAll(t.tmp)
		return Stats{}, fmt.Errorf("publish: %w", err)
	}
	if t.track {
		if dirs, ok := stampDirs(t.out, t.next); ok {
			t.manifest = &Manifest{files: t.next, dirs: dirs}
		}
	}
	return st, nil
}

// holdsOnly reports whether the output folder holds the marker, the files this Tx
// wrote (each found the same as the one written, see write), their folders and
// nothing else: then it is the new output already. t.mu is held.
func (t *Tx) holdsOnly() bool {
	if !has(t.out, Marker) {
		return false
	}
	files := 0
	err := filepath.WalkDir(t.out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == t.out {
			return nil
		}
		rel := filepath.ToSlash(p[len(t.out)+1:])
		switch {
		case d.IsDir() && t.folders[rel]:
			return nil
		case d.Type().IsRegular() && t.paths[rel]:
			files++
			return nil
		case d.Type().IsRegular() && rel == Marker:
			return nil
		}
		return errNotOnly
	})
	return err == nil && files == len(t.paths)
}

// errNotOnly ends the walk of holdsOnly at an entry the new output does not have.
var errNotOnly = errors.New("publish: the output holds more")

// Manifest returns the manifest of the output Commit left, or nil (a Tx from Begin,
// or a folder that could not be described).
func (t *Tx) Manifest() *Manifest {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.manifest
}

// Abort drops what was written; the previous output stays as it was.
func (t *Tx) Abort() {
	t.mu.Lock()
	t.done = true
	t.mu.Unlock()
	t.drain()
	t.mu.Lock()
	tmp := t.tmp
	t.mu.Unlock()
	if tmp != "" {
		os.RemoveAll(tmp)
	}
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
		return removeTree(dir) // dir now holds the previous output
	}
	old := dir + ".old"
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(dir, out); err != nil {
		os.Rename(old, out)
		return err
	}
	return removeTree(old)
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

// Built reports whether the output folder holds a build (its marker), so that a
// rebuild may patch it file by file.
func (o *Output) Built() bool {
	info, err := os.Lstat(filepath.Join(o.Dir, Marker))
	return err == nil && info.Mode().IsRegular()
}

// Holds reports whether the output's file at path is a regular file holding exactly
// data, so that a rebuild need not write it again.
func (o *Output) Holds(path string, data []byte) bool {
	if !valid(path) {
		return false
	}
	dst := filepath.Join(o.Dir, filepath.FromSlash(path))
	info, err := os.Lstat(dst)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(dst)
	return err == nil && bytes.Equal(old, data)
}

// Remove deletes one file of the output folder, and the folders inside it that this
// leaves empty, as a build that no longer makes the file would leave them.
func (o *Output) Remove(name string) error {
	if o.lock == nil {
		return errors.New("publish: output already closed")
	}
	if !valid(name) || name == Marker {
		return fmt.Errorf("publish: invalid output path %q", name)
	}
	if err := os.Remove(filepath.Join(o.Dir, filepath.FromSlash(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("publish: %w", err)
	}
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if os.Remove(filepath.Join(o.Dir, filepath.FromSlash(dir))) != nil {
			break // not empty (or gone): its parents are not empty either
		}
	}
	return nil
}
