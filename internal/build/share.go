package build

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/ai-league/ai-league/internal/cache"
	"github.com/ai-league/ai-league/internal/publish"
	"github.com/ai-league/ai-league/internal/share"
	"github.com/ai-league/ai-league/internal/workers"
)

// emitShareImages draws the share image of every page that has a card of its own, on
// the bounded pool, and hands each to emit. Pages with equal cards (the standings and
// the overall table's embed) share one drawing; an image whose card is unchanged since
// a build that used the same cache is read from it instead of drawn again.
//
// An image whose files the previous output holds from the same card (keys, reuse:
// see emitAll) is kept without being read or drawn.
//
// emit hands done (when not nil) back once it needs the bytes no more (see
// publish.Tx.WriteThen); with handBack, images drawn for this build only (not kept,
// see shareImage) are drawn into buffers that come back that way, for later images.
func emitShareImages(ctx context.Context, p *prepared, keys *outputKeys, emit func(string, []byte, publish.Key, func()) error,
	reuse func(string, publish.Key) (bool, error), handBack bool) error {
	type image struct {
		card  *share.Card
		paths []string
	}
	var images []*image
	byKey := map[string]*image{}
	for _, pg := range p.site.ShareCards() {
		k := pg.Card.Key()
		if byKey[k] == nil {
			byKey[k] = &image{card: pg.Card}
			images = append(images, byKey[k])
		}
		byKey[k].paths = append(byKey[k].paths, pg.Image)
	}
	return workers.Each(ctx, len(images), 0, func(_ context.Context, i int) error {
		key := keys.share(images[i].card.Key())
		var todo []string
		for _, path := range images[i].paths {
			ok, err := reuse(path, key)
			if err != nil {
				return err
			}
			if !ok {
				todo = append(todo, path)
			}
		}
		p.images.Add(1)
		if len(todo) == 0 {
			p.imagesCached.Add(1)
			return nil
		}
		keep := !p.once
		var buf *[]byte
		if handBack && !keep {
			buf = pngBufs.Get().(*[]byte)
		}
		b, hit, err := drawShareImage(p.cache, images[i].card, keep, buf)
		if err != nil {
			return err
		}
		if hit {
			p.imagesCached.Add(1)
		}
		var done func()
		if buf != nil {
			if hit {
				pngBufs.Put(buf)
			} else {
				*buf = b
				done = afterAll(len(todo), func() { pngBufs.Put(buf) })
			}
		}
		for _, path := range todo {
			if err := emit(path, b, key, done); err != nil {
				return err
			}
		}
		return nil
	})
}

// afterAll returns a function that calls f at its n-th call, from whichever goroutine
// makes it.
func afterAll(n int, f func()) func() {
	var left atomic.Int64
	left.Store(int64(n))
	return func() {
		if left.Add(-1) == 0 {
			f()
		}
	}
}

// pngBufs are the buffers share images are drawn into when they come back (see
// emitShareImages): a 1,000-post build draws 1,088 images of ~24 KB, 26 MB of fresh
// memory otherwise.
var pngBufs = sync.Pool{New: func() any { return new([]byte) }}

// shareImage returns the PNG of a card and whether it was reused rather than drawn:
// from the images this process drew already, or from the build cache. With keep, an
// image drawn or read is kept in memory for later builds of the process (see drawn).
func shareImage(c *cache.Cache, card *share.Card, keep bool) ([]byte, bool, error) {
	return drawShareImage(c, card, keep, nil)
}

// drawShareImage is shareImage drawing into *buf's array, when buf is not nil and
// the image is drawn (not reused).
func drawShareImage(c *cache.Cache, card *share.Card, keep bool, buf *[]byte) ([]byte, bool, error) {
	key := cache.NewKey("share-png", []byte(card.Key()))
	if b := drawn.get(key); b != nil {
		return b, true, nil
	}
	if b, ok := c.Get(key); ok {
		if keep {
			drawn.put(key, b)
		}
		return b, true, nil
	}
	var dst []byte
	if buf != nil {
		dst = (*buf)[:0]
	}
	b, err := card.AppendPNG(dst)
	if err != nil {
		return nil, false, err
	}
	if keep {
		drawn.put(key, b)
	}
	_ = c.Put(key, b) // the cache is an optimisation: a failed write only costs a redraw
	return b, false, nil
}

// drawn keeps the share images this process drew or read, up to drawnMax bytes, so a
// later build in the same process (the preview server, tests that build many times)
// need not draw or read them again. A build that is the process's only one
// (Options.Once) keeps none: held to the end, they would raise its peak memory by
// their size (28 MB at 1,000 posts) and the collector's goal with it.
var drawn = &memo{m: map[cache.Key][]byte{}}

const drawnMax = 64 << 20

type memo struct {
	mu   sync.Mutex
	m    map[cache.Key][]byte
	size int
}

func (m *memo) get(k cache.Key) []byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.m[k]
}

func (m *memo) put(k cache.Key, b []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m[k] == nil && m.size+len(b) <= drawnMax {
		m.m[k] = b
		m.size += len(b)
	}
}

// imageCounts are the share images of a build: all of them, and those reused.
type imageCounts struct {
	images, imagesCached atomic.Int64
}
