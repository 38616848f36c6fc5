package publish

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"path/filepath"
	"sync"

	"golang.org/x/sys/unix"
)

// The files of a build are written and compared with plain system calls: os.OpenFile
// also asks the runtime's poller to take each file (fcntl calls and an epoll_ctl
// that fails on regular files), which is eight calls where three do: open, write,
// close.

// create writes data into a new file at p (it must not exist: a fresh folder holds
// only what the Tx wrote, and each path is written once) and returns what fstat says
// of it once written.
func create(p string, data []byte) (stamp, error) {
	fd, err := openFile(p, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return stamp{}, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	for rest := data; len(rest) > 0; {
		n, err := unix.Write(fd, rest)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return stamp{}, &fs.PathError{Op: "write", Path: p, Err: err}
		}
		rest = rest[n:]
	}
	var st unix.Stat_t
	serr := unix.Fstat(fd, &st)
	if err := unix.Close(fd); err != nil {
		return stamp{}, &fs.PathError{Op: "close", Path: p, Err: err}
	}
	if serr != nil {
		return stamp{}, &fs.PathError{Op: "fstat", Path: p, Err: serr}
	}
	return stampOfStat(&st), nil
}

// openFile is open(2), again when a signal interrupted it.
func openFile(p string, flags int, perm uint32) (int, error) {
	for {
		fd, err := unix.Open(p, flags, perm)
		if err != unix.EINTR {
			return fd, err
		}
	}
}

// stampOfStat is the stamp of a regular file or folder that (f)stat described.
func stampOfStat(st *unix.Stat_t) stamp {
	s := stamp{ino: st.Ino, size: st.Size, mtime: st.Mtim.Sec*1e9 + st.Mtim.Nsec}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		s.dir = true
		s.size = 0 // a folder's size says nothing the time does not
	}
	return s
}

// readBufs are the buffers holds reads previous files into (one per writer at a time).
var readBufs = sync.Pool{New: func() any { return new([]byte) }}

// holds reports whether p is a regular file holding exactly data, and if so returns
// what fstat says of it. It follows no symbolic link and never blocks on a FIFO.
func holds(p string, data []byte) (stamp, bool) {
	fd, err := openFile(p, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		return stamp{}, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size != int64(len(data)) {
		return stamp{}, false
	}
	bp := readBufs.Get().(*[]byte)
	defer readBufs.Put(bp)
	if cap(*bp) < len(data) {
		*bp = make([]byte, len(data))
	}
	// As many bytes as fstat said, with no read to see the end: a file that
	// changes while the build reads it may change after, too.
	buf := (*bp)[:len(data)]
	n := 0
	for n < len(buf) {
		m, err := unix.Read(fd, buf[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return stamp{}, false
		}
		if m == 0 {
			break
		}
		n += m
	}
	if n != len(data) || !bytes.Equal(buf[:n], data) {
		return stamp{}, false
	}
	return stampOfStat(&st), true
}

// removeTree removes the folder dir and everything in it, as os.RemoveAll does, with
// fewer calls and on up to writers goroutines at once: each folder is listed once,
// and the listing's type of each entry says whether to unlink it as a file or empty
// and remove it as a folder, so no folder is first tried as a file. A dir that does
// not exist is not an error.
func removeTree(dir string) error {
	r := &remover{spare: make(chan struct{}, writers-1)}
	if err := r.empty(dir); err != nil {
		if errors.Is(err, unix.ENOENT) {
			return nil
		}
		return err
	}
	if err := unix.Rmdir(dir); err != nil && err != unix.ENOENT {
		return &fs.PathError{Op: "rmdir", Path: dir, Err: err}
	}
	return nil
}

// remover empties folders; spare holds a token for each goroutine it runs beside
// the caller's.
type remover struct {
	spare chan struct{}
}

// empty removes everything in the folder dir, its sub-folders on a goroutine of
// their own while one is spare.
func (r *remover) empty(dir string) error {
	fd, err := openFile(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	defer unix.Close(fd)
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
	}
	// The whole listing is read before anything is removed: a folder's listing is
	// not promised to stay in order while entries go.
	type entry struct {
		name string
		typ  uint8
	}
	var entries []entry
	buf := make([]byte, 8<<10)
	for {
		n, err := unix.Getdents(fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return &fs.PathError{Op: "getdents", Path: dir, Err: err}
		}
		if n == 0 {
			break
		}
		for rest := buf[:n]; len(rest) > 0; {
			name, typ, reclen := dirent(rest)
			rest = rest[reclen:]
			if name != "." && name != ".." {
				entries = append(entries, entry{name, typ})
			}
		}
	}
	for _, e := range entries {
		r.remove(fd, dir, e.name, e.typ, &wg, fail)
	}
	wg.Wait()
	return first
}

// remove removes the entry name of the folder dir (open as fd), of the type its
// listing gave: a file is unlinked; a folder is emptied, on a goroutine of its own
// when one is spare (wg counts those), and removed. An entry of unknown type (a file
// system whose listings do not say) is tried as a file first. Errors go to fail.
func (r *remover) remove(fd int, dir, name string, typ uint8, wg *sync.WaitGroup, fail func(error)) {
	if typ != unix.DT_DIR {
		err := unix.Unlinkat(fd, name, 0)
		if err == nil || err == unix.ENOENT {
			return
		}
		if typ != unix.DT_UNKNOWN || err != unix.EISDIR {
			fail(&fs.PathError{Op: "unlinkat", Path: filepath.Join(dir, name), Err: err})
			return
		}
	}
	sub := filepath.Join(dir, name)
	rm := func() {
		if err := r.empty(sub); err != nil {
			fail(err)
			return
		}
		if err := unix.Unlinkat(fd, name, unix.AT_REMOVEDIR); err != nil && err != unix.ENOENT {
			fail(&fs.PathError{Op: "rmdir", Path: sub, Err: err})
		}
	}
	select {
	case r.spare <- struct{}{}:
		wg.Add(1)
		go func() {
			defer func() { <-r.spare; wg.Done() }()
			rm()
		}()
	default:
		rm()
	}
}

// dirent decodes the first linux_dirent64 record of buf: its name, its type and its
// length.
func dirent(buf []byte) (name string, typ uint8, reclen int) {
	// struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
	reclen = int(binary.NativeEndian.Uint16(buf[16:18]))
	typ = buf[18]
	b := buf[19:reclen]
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b), typ, reclen
}
