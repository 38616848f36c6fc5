// Package workers is the one bounded pool of the build: every stage that does
// independent pieces of work in parallel (posts, pages, files) runs them through Each,
// so that at most a fixed number run at once and the first error stops the rest.
package workers

import (
	"context"
	"runtime"

	"golang.org/x/sync/errgroup"
)

// Limit is the default number of pieces of work in flight: one per core.
func Limit() int { return max(1, runtime.GOMAXPROCS(0)) }

// Each calls fn(ctx, i) for i in [0, n) with at most limit calls running at once
// (Limit() when limit < 1). It returns the first error, after every started call has
// returned; once a call fails or ctx is done, no further call starts. The ctx handed
// to fn is cancelled when a call fails.
func Each(ctx context.Context, n, limit int, fn func(ctx context.Context, i int) error) error {
	if limit < 1 {
		limit = Limit()
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	for i := range n {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if gctx.Err() != nil { // a call failed while this one waited for a slot
				return nil
			}
			return fn(gctx, i)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}
