package content

import (
	"hash/maphash"
	"strconv"
	"sync"
)

// Memo keeps loaded posts in memory between loads of one site (the preview server
// loads the same posts after every edit): a post whose file holds the same bytes, and
// is loaded with the same options, is taken as it was instead of being read again.
// Posts that had problems or embed league data are not kept. What a post is checked
// against (the known models) is not part of the match: Reset the memo when anything
// but content changes. A Memo is safe for concurrent use; nil keeps nothing.
type Memo struct {
	mu    sync.Mutex
	seed  maphash.Seed
	posts map[string]memoPost // by file
}

type memoPost struct {
	sum uint64 // of the file's bytes and the options
	lp  loadedPost
}

// NewMemo returns an empty memo.
func NewMemo() *Memo { return &Memo{seed: maphash.MakeSeed(), posts: map[string]memoPost{}} }

// Reset forgets every post.
func (m *Memo) Reset() {
	if m == nil {
		return
	}
	m.mu.Lock()
	clear(m.posts)
	m.mu.Unlock()
}

// Len is the number of posts kept.
func (m *Memo) Len() int {
	if m == nil {
		return 0
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.posts)
}

func (m *Memo) sum(src []byte, opt Options, base string) uint64 {
	var h maphash.Hash
	h.SetSeed(m.seed)
	h.Write(src)
	h.WriteString("\x00" + base + "\x00" + strconv.FormatBool(opt.Drafts))
	return h.Sum64()
}

func (m *Memo) get(file string, src []byte, opt Options, base string) (loadedPost, bool) {
	if m == nil {
		return loadedPost{}, false
	}
	sum := m.sum(src, opt, base)
	m.mu.Lock()
	e, ok := m.posts[file]
	m.mu.Unlock()
	if !ok || e.sum != sum {
		return loadedPost{}, false
	}
	return e.lp, true
}

// kept returns the post kept for file, whatever the file now holds.
func (m *Memo) kept(file string) (loadedPost, bool) {
	if m == nil {
		return loadedPost{}, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.posts[file]
	return e.lp, ok
}

func (m *Memo) put(file string, src []byte, opt Options, base string, lp loadedPost) {
	if m == nil {
		return
	}
	sum := m.sum(src, opt, base)
	m.mu.Lock()
	m.posts[file] = memoPost{sum: sum, lp: lp}
	m.mu.Unlock()
}
