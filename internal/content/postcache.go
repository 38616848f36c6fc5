package content

import (
	"encoding/binary"
	"sort"
	"strconv"
	"strings"

	"github.com/ai-league/ai-league/internal/cache"
)

// A post that loaded without problems and embeds no league data is kept in the build
// cache whole (its front matter decoded, its body rendered), under a key of its file's
// name and bytes and of every option that shapes it: an unchanged post then costs a
// read, a hash and one cache entry.

// knownSig is the part of a post's key that says which models it may name.
func knownSig(known map[string]bool) string {
	if known == nil {
		return "\x00any"
	}
	ids := make([]string, 0, len(known))
	for id, ok := range known {
		if ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return strings.Join(ids, "\x00")
}

func postKey(file string, src []byte, opt Options, base string) cache.Key {
	return cache.NewKey("post/1", []byte(file), src, []byte(base), []byte(strconv.FormatBool(opt.Drafts)),
		[]byte(opt.Until), []byte(opt.known))
}

// encodePost writes what loadPost returns for a post that is used and sound.
func encodePost(lp loadedPost) []byte {
	p := lp.post
	var b []byte
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	list := func(l []string) {
		b = binary.AppendUvarint(b, uint64(len(l)))
		for _, s := range l {
			str(s)
		}
	}
	for _, s := range []string{p.File, p.Slug, p.Title, p.Date, p.Time, p.Summary, p.HTML} {
		str(s)
	}
	list(p.Tags)
	list(p.Models)
	b = binary.AppendUvarint(b, uint64(lp.slugLine))
	b = binary.AppendUvarint(b, uint64(lp.slugCol))
	if p.Draft {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	return b
}

// decodePost reads what encodePost wrote; ok is false when b is not that.
func decodePost(b []byte) (lp loadedPost, ok bool) {
	bad := false
	num := func() uint64 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return v
	}
	str := func() string {
		n := num()
		if bad || n > uint64(len(b)) {
			bad = true
			return ""
		}
		s := string(b[:n])
		b = b[n:]
		return s
	}
	list := func() []string {
		n := num()
		if bad || n > uint64(len(b)) {
			bad = true
			return nil
		}
		var l []string
		for i := uint64(0); i < n && !bad; i++ {
			l = append(l, str())
		}
		return l
	}
	p := &lp.post
	for _, s := range []*string{&p.File, &p.Slug, &p.Title, &p.Date, &p.Time, &p.Summary, &p.HTML} {
		*s = str()
	}
	p.Tags, p.Models = list(), list()
	lp.slugLine, lp.slugCol = int(num()), int(num())
	if bad || len(b) != 1 || b[0] > 1 {
		return loadedPost{}, false
	}
	p.Draft = b[0] == 1
	lp.use, lp.ok = true, true
	return lp, true
}
