package build

import (
	"crypto/sha256"
	"errors"
	"hash"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/ai-league/ai-league/internal/cache"
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/publish"
	"github.com/ai-league/ai-league/internal/site"
)

// recorder is a file system that notes the SHA-256 of every file read through it:
// the inputs of a build, so that the build can name what its pages were made from.
// A file read only in part is hashed whole when the sums are taken.
type recorder struct {
	fsys   fs.FS
	mu     sync.Mutex
	sums   map[string][sha256.Size]byte
	part   map[string]bool // opened and read, not to the end
	sealed bool            // sums were taken: later reads are noted in late
	late   []string
}

func newRecorder(fsys fs.FS) *recorder {
	return &recorder{fsys: fsys, sums: map[string][sha256.Size]byte{}, part: map[string]bool{}}
}

func (r *recorder) Open(name string) (fs.File, error) {
	f, err := r.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	return &recFile{File: f, r: r, name: name, h: sha256.New()}, nil
}

func (r *recorder) Stat(name string) (fs.FileInfo, error) { return fs.Stat(r.fsys, name) }

func (r *recorder) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(r.fsys, name) }

// note records a file read to the end (whole) or in part.
func (r *recorder) note(name string, sum []byte, whole bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sealed {
		if _, ok := r.sums[name]; !ok {
			r.late = append(r.late, name)
		}
		return
	}
	if whole {
		r.sums[name] = [sha256.Size]byte(sum)
		delete(r.part, name)
	} else if _, ok := r.sums[name]; !ok {
		r.part[name] = true
	}
}

// seal hashes the files read in part and returns the sums of every file read so far;
// reads after it are listed by lateReads.
func (r *recorder) seal() (map[string][sha256.Size]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for name := range r.part {
		b, err := fs.ReadFile(r.fsys, name)
		if err != nil {
			return nil, err
		}
		r.sums[name] = sha256.Sum256(b)
	}
	r.part = map[string]bool{}
	r.sealed = true
	return r.sums, nil
}

// lateReads lists the files first read after seal.
func (r *recorder) lateReads() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.late...)
}

// recFile hashes what is read from it.
type recFile struct {
	fs.File
	r    *recorder
	name string
	h    hash.Hash
	read bool
	eof  bool
}

func (f *recFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	if n > 0 {
		f.read = true
		f.h.Write(p[:n])
	}
	if err == io.EOF {
		f.eof = true
	}
	return n, err
}

func (f *recFile) ReadDir(n int) ([]fs.DirEntry, error) {
	if d, ok := f.File.(fs.ReadDirFile); ok {
		return d.ReadDir(n)
	}
	return nil, &fs.PathError{Op: "readdir", Path: f.name, Err: errors.New("not a directory")}
}

func (f *recFile) Close() error {
	switch {
	case f.eof:
		f.r.note(f.name, f.h.Sum(nil), true)
	case f.read:
		f.r.note(f.name, nil, false)
	}
	return f.File.Close()
}

// outputKeys names what each file of a build is made from, for publish.Tx.Reuse: a
// file whose key is the one the previous build recorded for it is that build's file
// again. A key covers the generator (its build ID), the options and every input file
// the build read (site root and built-in files) — except for a post's own page with
// the built-in templates: it shows that post and nothing of the other posts, so its
// key covers every input but the other posts, and editing one post leaves the pages
// of the others alone.
type outputKeys struct {
	gen     publish.Key                  // the generator alone
	all     publish.Key                  // every input
	rest    publish.Key                  // every input but the posts' files
	posts   map[string][sha256.Size]byte // post file -> its sum
	ownHTML bool                         // the site has templates of its own
}

// newOutputKeys seals the recorders of the site root and of the built-in files.
// ok is false when the generator is not known (no key then means anything).
func newOutputKeys(opt Options, src, defaults *recorder, posts []content.Post) (*outputKeys, bool) {
	gen := cache.Generator()
	if gen == "" {
		return nil, false
	}
	srcSums, err := src.seal()
	if err != nil {
		return nil, false
	}
	defSums, err := defaults.seal()
	if err != nil {
		return nil, false
	}
	k := &outputKeys{posts: map[string][sha256.Size]byte{}}
	isPost := map[string]bool{}
	for _, p := range posts {
		isPost[p.File] = true
	}
	head := []string{"output-keys/1", gen, opt.BaseURL, opt.AsOf, onOff(opt.Offline), onOff(opt.Drafts)}
	all, rest := sha256.New(), sha256.New()
	for _, s := range head {
		writeString(all, s)
		writeString(rest, s)
	}
	add := func(prefix string, sums map[string][sha256.Size]byte) {
		names := make([]string, 0, len(sums))
		for n := range sums {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			sum := sums[n]
			writeString(all, prefix+n)
			all.Write(sum[:])
			if prefix == "src:" && isPost[n] {
				k.posts[n] = sum
				continue
			}
			if prefix == "src:" && strings.HasPrefix(n, "templates/") {
				k.ownHTML = true
			}
			writeString(rest, prefix+n)
			rest.Write(sum[:])
		}
	}
	add("src:", srcSums)
	add("defaults:", defSums)
	k.gen = derive(publish.Key{}, "output-keys/1", gen)
	k.all = publish.Key(all.Sum(nil))
	k.rest = publish.Key(rest.Sum(nil))
	return k, true
}

// page returns the key of a page.
func (k *outputKeys) page(p *site.Page) publish.Key {
	if k == nil {
		return publish.Key{}
	}
	if post, ok := p.Data.(*content.Post); ok && p.Kind == "post" && !k.ownHTML && len(p.Charts) == 0 {
		if sum, ok := k.posts[post.File]; ok {
			return derive(k.rest, "post-page", p.Out, post.File, string(sum[:]))
		}
	}
	return derive(k.all, "page", p.Out)
}

// data returns the key of the data files (feeds, JSON, sitemap, …), made together.
func (k *outputKeys) data() publish.Key {
	if k == nil {
		return publish.Key{}
	}
	return derive(k.all, "data")
}

// share returns the key of a share image drawn from a card: card.Key() says all
// that is drawn (the build cache keeps the images under it too).
func (k *outputKeys) share(card string) publish.Key {
	if k == nil {
		return publish.Key{}
	}
	return derive(k.gen, "share", card)
}

func derive(base publish.Key, parts ...string) publish.Key {
	h := sha256.New()
	h.Write(base[:])
	for _, s := range parts {
		writeString(h, s)
	}
	return publish.Key(h.Sum(nil))
}

// writeString writes s with its length, so that parts cannot run into each other.
func writeString(h hash.Hash, s string) {
	var n [8]byte
	for i, l := 0, uint64(len(s)); i < 8; i++ {
		n[i] = byte(l >> (8 * i))
	}
	h.Write(n[:])
	h.Write([]byte(s))
}

func onOff(b bool) string {
	if b {
		return "1"
	}
	return "0"
}
