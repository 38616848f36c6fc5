package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// Marker is the file the build writes into every output folder it makes. A folder
// that holds it was written by the build, so the next build may replace it; a
// non-empty folder without it is someone else's and is never touched.
const Marker = ".ai-league-output"

// markerText is the marker's content: it tells a person who finds it what it means.
const markerText = "This folder is the output of the AI League build (go run ./cmd/build).\n" +
	"The next build replaces everything in it: keep nothing else here.\n"

// inputDirs are the folders of a site root the build reads; no output may lie in one.
var inputDirs = []string{"content", "data", "templates", "static"}

// RefusedError is an output the build will not write: it would overwrite the site's
// own inputs or files the build did not write. It is a usage error (exit status 2).
type RefusedError struct {
	Out    string // the output as given
	Reason string // why, e.g. "it is the site root"
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("output %s: %s", e.Out, e.Reason)
}

// Check reports whether the build may write to out, with root the site root ("" when
// there is none on disk). It refuses an output that is the site root or contains it,
// lies inside one of the root's input folders, is not a folder, or is a non-empty
// folder the build did not write: one without the marker, unless it has the layout
// of an output of an earlier version of the build (.nojekyll, index.html and
// standings.json), which the next write marks. Relative paths and symbolic links are
// resolved first. It returns the resolved output path.
func Check(out, root string) (string, error) {
	dir, err := resolve(out)
	if err != nil {
		return "", &RefusedError{out, err.Error()}
	}
	refuse := func(format string, args ...any) (string, error) {
		return "", &RefusedError{out, fmt.Sprintf(format, args...)}
	}
	if root != "" {
		r, err := resolve(root)
		if err != nil {
			return "", fmt.Errorf("site root %s: %w", root, err)
		}
		switch {
		case dir == r:
			return refuse("it is the site root; the default is %s", filepath.Join(root, "public"))
		case within(r, dir):
			return refuse("it contains the site root %s", r)
		}
		for _, in := range inputDirs {
			if within(dir, filepath.Join(r, in)) {
				return refuse("it lies inside the input folder %s/ of the site root", in)
			}
		}
	}
	info, err := os.Lstat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return dir, nil
	case err != nil:
		return refuse("%v", err)
	case !info.IsDir():
		return refuse("it is a file, not a folder")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return refuse("%v", err)
	}
	if len(entries) == 0 || has(dir, Marker) || earlierOutput(dir) {
		return dir, nil
	}
	var names []string
	for _, e := range entries[:min(3, len(entries))] {
		names = append(names, e.Name())
	}
	more := ""
	if len(entries) > 3 {
		more = fmt.Sprintf(" and %d more", len(entries)-3)
	}
	return refuse("it is a folder the build did not write (it holds %s%s); choose a new or empty folder",
		strings.Join(names, ", "), more)
}

// earlierOutput reports whether dir looks like the output of a version of the build
// that wrote no marker.
func earlierOutput(dir string) bool {
	return has(dir, ".nojekyll") && has(dir, "index.html") && has(dir, "standings.json")
}

func has(dir, name string) bool {
	info, err := os.Lstat(filepath.Join(dir, name))
	return err == nil && info.Mode().IsRegular()
}

// resolve makes p absolute and resolves the symbolic links of the longest part of it
// that exists, so that two spellings of one folder compare equal.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}

// within reports whether p is dir or lies inside it; both are clean absolute paths.
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}

// Output is an output folder held by one build: Open checks and locks it, Begin
// starts the new output that replaces it, Close lets the next build in.
type Output struct {
	Dir  string // resolved path of the output folder
	out  string // the output as given, for messages
	root string
	lock *os.File
}

// LockPath returns the lock file of the output folder dir: beside it, not inside it,
// since the folder itself is swapped. The file stays after the build; removing it
// would let two builds lock two different files.
func LockPath(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".lock")
}

// tempPrefix is the name prefix of the temporary folders a write makes beside dir.
func tempPrefix(dir string) string { return "." + filepath.Base(dir) + ".new-" }

// IsOwn reports whether path is, or lies inside, the output folder out or one of the
// files the build keeps beside it (its lock and temporary folders): what a watcher of
// the site root must ignore. Both paths are resolved (relative paths, symbolic links).
func IsOwn(out, path string) bool {
	dir, err := resolve(out)
	if err != nil {
		return false
	}
	p, err := resolve(path)
	if err != nil {
		return false
	}
	if within(p, dir) {
		return true
	}
	parent := filepath.Dir(dir)
	if !within(p, parent) || p == parent {
		return false
	}
	first, _, _ := strings.Cut(p[len(parent)+1:], string(filepath.Separator))
	return first == filepath.Base(LockPath(dir)) || strings.HasPrefix(first, tempPrefix(dir))
}

// Open checks out (see Check) and takes its lock, waiting while another build holds
// it (one line on log says so; ctx ends the wait). Holding the lock, it checks again,
// since the other build may have changed the folder, and removes temporary folders
// that builds which are gone left beside it: a temporary folder exists only while
// its build holds the lock, so any found by the holder is an orphan.
func Open(ctx context.Context, out, root string, log io.Writer) (*Output, error) {
	if log == nil {
		log = io.Discard
	}
	dir, err := Check(out, root)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	f, err := os.OpenFile(LockPath(dir), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("publish: lock: %w", err)
	}
	if err := lock(ctx, f, func() {
		fmt.Fprintf(log, "waiting: another build is writing %s (lock %s)\n", out, LockPath(dir))
	}); err != nil {
		f.Close()
		return nil, err
	}
	o := &Output{Dir: dir, out: out, root: root, lock: f}
	if _, err := Check(out, root); err != nil {
		o.Close()
		return nil, err
	}
	o.removeOrphans()
	return o, nil
}

// lock takes an exclusive flock on f, calling waiting once if it must wait. It polls
// rather than blocks so that ctx can end the wait.
func lock(ctx context.Context, f *os.File, waiting func()) error {
	told := false
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			return nil
		}
		if !errors.Is(err, unix.EWOULDBLOCK) && !errors.Is(err, unix.EINTR) {
			return fmt.Errorf("publish: lock: %w", err)
		}
		if !told {
			waiting()
			told = true
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// removeOrphans removes the temporary folders of builds that are gone.
func (o *Output) removeOrphans() {
	parent := filepath.Dir(o.Dir)
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if orphan(e.Name(), tempPrefix(o.Dir)) {
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

// orphan reports whether name is a temporary folder of a write: the prefix, the
// digits os.MkdirTemp adds, and possibly ".old" (see swap). Nothing else matches, not
// even the temporary folders of an output whose name starts like this one's.
func orphan(name, prefix string) bool {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return false
	}
	rest = strings.TrimSuffix(rest, ".old")
	if rest == "" {
		return false
	}
	for _, c := range rest {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Close releases the lock; the lock file stays. A nil Output is closed.
func (o *Output) Close() error {
	if o == nil || o.lock == nil {
		return nil
	}
	err := o.lock.Close() // closing the file releases the flock
	o.lock = nil
	return err
}
