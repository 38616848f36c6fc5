// Package workers is the one bounded pool of the build: every stage that does
// independent pieces of work in parallel (posts, pages, files) runs them through Each,
// so that at most a fixed number run at once and the first error stops the rest.
package workers

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Limit is the default number of pieces of work in flight: one per core.
func Limit() int { return max(1, runtime.GOMAXPROCS(0)) }

// Each calls fn(ctx, i) for i in [0, n) with at most limit calls running at once
// (Limit() when limit < 1). It returns the first error, after every started call has
// returned; once a call fails or ctx is done, no further call starts. The ctx handed
// to fn is cancelled when a call fails.
//
// The calls run on limit goroutines (the caller's among them) that each take the next
// index until none is left, in order, rather than on one new goroutine per call: a
// goroutine's stack grows once, not again for every call that needs a deep one (the
// highlighter's matcher, the image encoder).
func Each(ctx context.Context, n, limit int, fn func(ctx context.Context, i int) error) error {
	if limit < 1 {
		limit = Limit()
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next  atomic.Int64
		once  sync.Once
		first error
		wg    sync.WaitGroup
	)
	work := func() {
		for wctx.Err() == nil {
			i := next.Add(1) - 1
			if i >= int64(n) {
				return
			}
			if err := fn(wctx, int(i)); err != nil {
				once.Do(func() {
					first = err
					cancel()
				})
				return
			}
		}
	}
	for range min(limit, n) - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}
