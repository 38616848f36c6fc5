// Package cache is the build cache: rendered output kept on disk under a key that
// is the hash of everything that shaped it, so that work done by one build is not
// done again by the next.
//
// A key is made with NewKey from a kind ("post-body", "code", "share-png", ...) and
// the inputs: the bytes of the source and every setting that changes the output.
// The identity of the generator (its Go build ID, or a hash of its executable) is
// part of every key, so a new version of the program never reads what an older one
// wrote. Entries are files, one per key, written atomically (a temporary file, then a
// rename). Each starts with a header — magic, key, length, CRC-32C of the data — and
// an entry whose header does not match what is asked for (truncated, corrupt, written
// for another key or by something else) is a miss: it is removed and rebuilt, never
// trusted.
//
// A nil *Cache is a disabled cache: Get always misses and Put does nothing. The
// cache never changes the output of a build, only how long it takes.
package cache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// formatVersion changes when the layout of entries or the meaning of keys changes.
const formatVersion = "ai-league build cache 1"

// magic starts every entry file.
var magic = [8]byte{'A', 'I', 'L', 'C', 'A', 'C', 'H', '1'}

// headerSize is magic + key + length + checksum.
const headerSize = len(magic) + sha256.Size + 8 + 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Key names one entry: a SHA-256 over the generator's identity, a kind and inputs.
type Key [sha256.Size]byte

// String is the key in hex, as used in the entry's file name.
func (k Key) String() string { return hex.EncodeToString(k[:]) }

// NewKey hashes kind and parts, each length-prefixed so that no two different lists
// of parts give the same key, together with the identity of the running program.
func NewKey(kind string, parts ...[]byte) Key {
	h := sha256.New()
	var n [8]byte
	put := func(b []byte) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	put([]byte(formatVersion))
	put([]byte(Generator()))
	put([]byte(kind))
	for _, p := range parts {
		put(p)
	}
	var k Key
	h.Sum(k[:0])
	return k
}

// Cache is a directory of entries. It is safe for concurrent use, also by several
// processes sharing one directory: writes are atomic renames, and a reader sees
// either a whole entry or none.
type Cache struct {
	dir string

	hits, misses, bad, writes atomic.Int64
}

// Stats counts what a cache did since it was opened.
type Stats struct {
	Hits, Misses int64
	Bad          int64 // entries found but not trusted (corrupt, truncated, foreign)
	Writes       int64
}

// Open returns the cache in dir, creating the directory when needed. It fails when
// the directory cannot be created or when the running program cannot be identified
// (then entries from another version could not be told apart).
func Open(dir string) (*Cache, error) {
	if Generator() == "" {
		return nil, errors.New("cache: cannot identify the running program; cache disabled")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	tag := filepath.Join(dir, "CACHEDIR.TAG")
	if _, err := os.Stat(tag); errors.Is(err, os.ErrNotExist) {
		// The Cache Directory Tagging convention: backup tools skip this directory.
		_ = writeAtomic(tag, []byte("Signature: 8a477f597d28d172789f06886806bc55\n"+
			"# This file marks the build cache of AI League; it can be deleted at any time.\n"))
	}
	return &Cache{dir: dir}, nil
}

// DefaultDir is the cache's default location: "ai-league" under the user's cache
// directory (os.UserCacheDir), or "" when there is none.
func DefaultDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "ai-league")
}

// Dir is the directory of the cache ("" for a disabled cache).
func (c *Cache) Dir() string {
	if c == nil {
		return ""
	}
	return c.dir
}

// Stats returns the counts so far (zero for a disabled cache).
func (c *Cache) Stats() Stats {
	if c == nil {
		return Stats{}
	}
	return Stats{Hits: c.hits.Load(), Misses: c.misses.Load(), Bad: c.bad.Load(), Writes: c.writes.Load()}
}

// path is where the entry of k lives: two levels, so no directory grows too large.
func (c *Cache) path(k Key) string {
	s := k.String()
	return filepath.Join(c.dir, s[:2], s[2:])
}

// Get returns the data stored under k. An entry that is missing, or whose header
// does not match k and its data, is a miss; a bad entry is removed.
func (c *Cache) Get(k Key) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	p := c.path(k)
	b, err := os.ReadFile(p)
	if err != nil {
		c.misses.Add(1)
		return nil, false
	}
	data, ok := decode(k, b)
	if !ok {
		c.bad.Add(1)
		c.misses.Add(1)
		os.Remove(p)
		return nil, false
	}
	c.hits.Add(1)
	return data, true
}

// Put stores data under k. The cache is an optimisation: a failed write is
// returned for the caller to log or ignore, and leaves no partial entry.
func (c *Cache) Put(k Key, data []byte) error {
	if c == nil {
		return nil
	}
	p := c.path(k)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	if err := writeAtomic(p, encode(k, data)); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	c.writes.Add(1)
	return nil
}

// encode is the entry file of data under k.
func encode(k Key, data []byte) []byte {
	b := make([]byte, headerSize, headerSize+len(data))
	copy(b, magic[:])
	copy(b[len(magic):], k[:])
	binary.LittleEndian.PutUint64(b[len(magic)+len(k):], uint64(len(data)))
	binary.LittleEndian.PutUint32(b[len(magic)+len(k)+8:], crc32.Checksum(data, castagnoli))
	return append(b, data...)
}

// decode checks an entry file against k and returns its data.
func decode(k Key, b []byte) ([]byte, bool) {
	if len(b) < headerSize || !bytes.Equal(b[:len(magic)], magic[:]) || !bytes.Equal(b[len(magic):len(magic)+len(k)], k[:]) {
		return nil, false
	}
	n := binary.LittleEndian.Uint64(b[len(magic)+len(k):])
	sum := binary.LittleEndian.Uint32(b[len(magic)+len(k)+8:])
	data := b[headerSize:]
	if uint64(len(data)) != n || crc32.Checksum(data, castagnoli) != sum {
		return nil, false
	}
	return data, true
}

// writeAtomic writes b to a temporary file beside p and renames it to p.
func writeAtomic(p string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	err = errors.Join(err, f.Close())
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

var generator = sync.OnceValue(func() string { return identify(os.Executable) })

// Generator identifies the running program: its Go build ID when the executable
// carries one (it changes whenever the code or its dependencies do), else a hash of
// the executable, else "" (unknown).
func Generator() string { return generator() }

// identify reads the identity of the executable that exe names.
func identify(exe func() (string, error)) string {
	p, err := exe()
	if err != nil {
		return ""
	}
	if id := buildID(p); id != "" {
		return "go-build-id:" + id
	}
	f, err := os.Open(p)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// buildID reads the Go build ID the linker writes into an executable: an ELF note
// on Linux and BSD, and a marked string near the start of the file elsewhere.
func buildID(p string) string {
	if f, err := elf.Open(p); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			if b, err := s.Data(); err == nil {
				return noteID(b)
			}
		}
		return ""
	}
	f, err := os.Open(p)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	return rawID(head[:n])
}

// noteID parses an ELF note whose owner is "Go" and returns its description.
func noteID(b []byte) string {
	if len(b) < 16 {
		return ""
	}
	namesz := binary.LittleEndian.Uint32(b)
	descsz := binary.LittleEndian.Uint32(b[4:])
	nameEnd := 12 + (uint64(namesz)+3)&^3
	if namesz != 4 || uint64(len(b)) < nameEnd+uint64(descsz) || string(b[12:14]) != "Go" {
		return ""
	}
	return string(b[nameEnd : nameEnd+uint64(descsz)])
}

// rawID finds `\xff Go build ID: "<id>"` in b.
func rawID(b []byte) string {
	const prefix = "\xff Go build ID: \""
	i := bytes.Index(b, []byte(prefix))
	if i < 0 {
		return ""
	}
	rest := b[i+len(prefix):]
	j := bytes.IndexByte(rest, '"')
	if j <= 0 {
		return ""
	}
	return string(rest[:j])
}
