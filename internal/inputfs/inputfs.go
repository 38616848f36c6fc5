// Package inputfs guards what the build reads from a site root: only regular files
// (no devices, named pipes or sockets, even behind a symbolic link), each at most a
// set number of bytes. The checks happen before a byte is read, so a results file
// that points at /dev/zero or a pipe fails at once with its name instead of
// hanging the build or filling the memory.
package inputfs

import (
	"fmt"
	"io"
	"io/fs"
)

// DefaultMaxMB is the default cap on one input file, in MiB (site.yaml: max_file_mb).
const DefaultMaxMB = 64

// MiB is one mebibyte.
const MiB = 1 << 20

// Error is why a file was not read. Its message does not repeat the file name,
// which the loaders put in front of it.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// FS is a file system whose files are read only when regular and not larger than
// Max bytes. Directories are listed as usual.
type FS struct {
	fs.FS
	Max int64 // the cap in bytes; 0 means DefaultMaxMB
}

// Limit wraps fsys so that every file read through it is checked; maxMB is the cap
// in MiB (0 for DefaultMaxMB). Wrapping an FS again replaces its cap.
func Limit(fsys fs.FS, maxMB int) *FS {
	if l, ok := fsys.(*FS); ok {
		fsys = l.FS
	}
	if maxMB <= 0 {
		maxMB = DefaultMaxMB
	}
	return &FS{FS: fsys, Max: int64(maxMB) * MiB}
}

func (l *FS) max() int64 {
	if l.Max <= 0 {
		return DefaultMaxMB * MiB
	}
	return l.Max
}

// check stats name (following links) and refuses anything but a regular file or a
// directory, and a regular file over the cap.
func (l *FS) check(name string) error {
	info, err := fs.Stat(l.FS, name)
	if err != nil {
		return err
	}
	if err := l.checkInfo(info); err != nil {
		return &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return nil
}

func (l *FS) checkInfo(info fs.FileInfo) error {
	m := info.Mode()
	switch {
	case m.IsDir():
		return nil
	case !m.IsRegular():
		return &Error{fmt.Sprintf("not a regular file (%s): only regular files are read", kind(m))}
	case info.Size() > l.max():
		return l.tooBig(info.Size())
	}
	return nil
}

func (l *FS) tooBig(size int64) error {
	what := "file is"
	if size >= 0 {
		what = fmt.Sprintf("file is %.1f MiB,", float64(size)/MiB)
	}
	return &Error{fmt.Sprintf("%s over the cap of %s per input file (max_file_mb in site.yaml)", what, mib(l.max()))}
}

// mib writes a byte count as whole MiB when it is one.
func mib(n int64) string {
	if n%MiB == 0 {
		return fmt.Sprintf("%d MiB", n/MiB)
	}
	return fmt.Sprintf("%d bytes", n)
}

// kind names an irregular file mode for messages.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}

// Open opens name after checking it is a regular file (or a directory) within the cap.
func (l *FS) Open(name string) (fs.File, error) {
	if err := l.check(name); err != nil {
		return nil, unwrapPath(err)
	}
	return l.FS.Open(name)
}

// ReadFile reads name when it is a regular file within the cap. The cap is enforced
// while reading too, for files whose size grows or is not known in advance.
func (l *FS) ReadFile(name string) ([]byte, error) {
	if err := l.check(name); err != nil {
		return nil, unwrapPath(err)
	}
	f, err := l.FS.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := l.checkInfo(info); err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, &Error{"is a directory, not a file"}
	}
	size := info.Size()
	buf := make([]byte, 0, min(max(size, 0), l.max())+1)
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > l.max() {
			return nil, l.tooBig(-1)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// ReadDir lists a directory.
func (l *FS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(l.FS, name) }

// Stat describes a file without opening it.
func (l *FS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(l.FS, name) }

// unwrapPath returns our own refusal as is (the loaders name the file), other
// errors with their path.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		if e, ok := pe.Err.(*Error); ok {
			return e
		}
	}
	return err
}
