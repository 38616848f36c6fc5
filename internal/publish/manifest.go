package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"path/filepath"
	"sort"

	"golang.org/x/sys/unix"
)

// Key names how a file of the output was made: a hash of everything that shapes its
// bytes (the build computes it; the zero Key means "not known").
type Key [sha256.Size]byte

// Manifest describes an output as a build left it: for each file the Key it was made
// from, the SHA-256 of its bytes and what stat said of it (inode, size, modification
// time), and the same stat of each folder. The next build into the same output reads
// it to tell, with one lstat per file instead of reading the file back, that a file
// is still the one it describes: a file or folder whose inode, size or time differ
// (edited, replaced, added to or removed from) is not trusted.
type Manifest struct {
	files map[string]fileEntry
	dirs  map[string]stamp // "." is the output folder itself
}

type fileEntry struct {
	key Key
	sum [sha256.Size]byte
	stamp
}

// stamp is what lstat says of a file or folder that the manifest checks.
type stamp struct {
	ino   uint64
	size  int64
	mtime int64 // nanoseconds
	dir   bool
}

// Len returns the number of files the manifest describes.
func (m *Manifest) Len() int {
	if m == nil {
		return 0
	}
	return len(m.files)
}

// stampOf lstats p; ok is false when it is missing or neither a regular file nor a
// folder.
func stampOf(p string) (stamp, bool) {
	var st unix.Stat_t
	if err := unix.Lstat(p, &st); err != nil {
		return stamp{}, false
	}
	if m := st.Mode & unix.S_IFMT; m != unix.S_IFREG && m != unix.S_IFDIR {
		return stamp{}, false
	}
	return stampOfStat(&st), true
}

// intact reports whether p is still what s says.
func intact(p string, s stamp) bool {
	now, ok := stampOf(p)
	return ok && now == s
}

const manifestMagic = "AILMANI1"

// MarshalBinary encodes the manifest (sorted, so equal manifests give equal bytes).
func (m *Manifest) MarshalBinary() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(manifestMagic)
	put := func(v uint64) { b.Write(binary.AppendUvarint(nil, v)) }
	putStamp := func(s stamp) {
		put(s.ino)
		put(uint64(s.size))
		put(uint64(s.mtime))
	}
	paths := make([]string, 0, len(m.files))
	for p := range m.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	put(uint64(len(paths)))
	for _, p := range paths {
		e := m.files[p]
		put(uint64(len(p)))
		b.WriteString(p)
		b.Write(e.key[:])
		b.Write(e.sum[:])
		putStamp(e.stamp)
	}
	dirs := make([]string, 0, len(m.dirs))
	for d := range m.dirs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	put(uint64(len(dirs)))
	for _, d := range dirs {
		put(uint64(len(d)))
		b.WriteString(d)
		putStamp(m.dirs[d])
	}
	return b.Bytes(), nil
}

var errManifest = errors.New("publish: not a manifest")

// ParseManifest decodes what MarshalBinary wrote.
func ParseManifest(data []byte) (*Manifest, error) {
	if !bytes.HasPrefix(data, []byte(manifestMagic)) {
		return nil, errManifest
	}
	data = data[len(manifestMagic):]
	bad := false
	get := func() uint64 {
		v, n := binary.Uvarint(data)
		if n <= 0 {
			bad = true
			return 0
		}
		data = data[n:]
		return v
	}
	str := func() string {
		n := get()
		if bad || n > uint64(len(data)) {
			bad = true
			return ""
		}
		s := string(data[:n])
		data = data[n:]
		return s
	}
	hash := func(h *[sha256.Size]byte) {
		if len(data) < len(h) {
			bad = true
			return
		}
		copy(h[:], data)
		data = data[len(h):]
	}
	getStamp := func(dir bool) stamp {
		return stamp{ino: get(), size: int64(get()), mtime: int64(get()), dir: dir}
	}
	m := &Manifest{files: map[string]fileEntry{}, dirs: map[string]stamp{}}
	n := get()
	for i := uint64(0); i < n && !bad; i++ {
		p := str()
		var e fileEntry
		hash((*[sha256.Size]byte)(&e.key))
		hash(&e.sum)
		e.stamp = getStamp(false)
		m.files[p] = e
	}
	n = get()
	for i := uint64(0); i < n && !bad; i++ {
		d := str()
		m.dirs[d] = getStamp(true)
	}
	if bad || len(data) != 0 {
		return nil, errManifest
	}
	return m, nil
}

// stampDirs lstats every folder of the output out that holds a file of files (and
// out itself); ok is false when one cannot be.
func stampDirs(out string, files map[string]fileEntry) (map[string]stamp, bool) {
	dirs := map[string]stamp{}
	for p := range files {
		for d := filepath.Dir(p); ; d = filepath.Dir(d) {
			if _, seen := dirs[d]; seen {
				break
			}
			s, ok := stampOf(filepath.Join(out, filepath.FromSlash(d)))
			if !ok || !s.dir {
				return nil, false
			}
			dirs[d] = s
			if d == "." {
				break
			}
		}
	}
	if _, ok := dirs["."]; !ok {
		s, ok := stampOf(out)
		if !ok || !s.dir {
			return nil, false
		}
		dirs["."] = s
	}
	return dirs, true
}

// dirsIntact reports whether every folder the manifest names is as it says.
func (m *Manifest) dirsIntact(out string) bool {
	for d, s := range m.dirs {
		if !intact(filepath.Join(out, filepath.FromSlash(d)), s) {
			return false
		}
	}
	return len(m.dirs) > 0
}
