package workers

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

func TestEachRunsEveryIndexOnce(t *testing.T) {
	var mu sync.Mutex
	seen := map[int]int{}
	err := Each(context.Background(), 100, 3, func(_ context.Context, i int) error {
		mu.Lock()
		seen[i]++
		mu.Unlock()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 100 {
		t.Fatalf("ran %d indexes, want 100", len(seen))
	}
	for i, n := range seen {
		if n != 1 {
			t.Errorf("index %d ran %d times", i, n)
		}
	}
}

func TestEachNeverExceedsTheLimit(t *testing.T) {
	var running, peak atomic.Int32
	release := make(chan struct{})
	started := make(chan struct{}, 10)
	done := make(chan error)
	go func() {
		done <- Each(context.Background(), 10, 2, func(_ context.Context, i int) error {
			n := running.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			started <- struct{}{}
			<-release
			running.Add(-1)
			return nil
		})
	}()
	<-started
	<-started
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if p := peak.Load(); p != 2 {
		t.Errorf("peak of %d calls at once, want 2", p)
	}
}

func TestEachStopsAtTheFirstError(t *testing.T) {
	var calls atomic.Int32
	err := Each(context.Background(), 1000, 1, func(_ context.Context, i int) error {
		calls.Add(1)
		if i == 3 {
			return errors.New("page 3: broken template")
		}
		return nil
	})
	if err == nil || err.Error() != "page 3: broken template" {
		t.Fatalf("err = %v, want the error of page 3", err)
	}
	if n := calls.Load(); n != 4 {
		t.Errorf("%d calls ran, want 4 (none after the failure with limit 1)", n)
	}
}

func TestEachReportsACancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls atomic.Int32
	err := Each(ctx, 10, 2, func(context.Context, int) error { calls.Add(1); return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if calls.Load() != 0 {
		t.Errorf("%d calls ran on a cancelled context", calls.Load())
	}
}

func TestEachDefaultLimit(t *testing.T) {
	if Limit() < 1 {
		t.Fatalf("Limit() = %d", Limit())
	}
	var calls atomic.Int32
	if err := Each(context.Background(), 5, 0, func(context.Context, int) error { calls.Add(1); return nil }); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 5 {
		t.Errorf("%d calls with the default limit, want 5", calls.Load())
	}
}

func TestEachRunsOnTheCallerAndLimitMinusOneGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	var peak atomic.Int32
	err := Each(context.Background(), 50, 3, func(context.Context, int) error {
		n := int32(runtime.NumGoroutine() - before)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The calls run on the caller's goroutine and two more, never on one per call.
	if p := peak.Load(); p > 2 {
		t.Errorf("up to %d goroutines beside the caller's while the calls ran, want at most 2", p)
	}
}

func TestEachWithOneWorkerRunsInOrderOnTheCaller(t *testing.T) {
	var order []int
	before := runtime.NumGoroutine()
	err := Each(context.Background(), 5, 1, func(_ context.Context, i int) error {
		if n := runtime.NumGoroutine(); n > before {
			t.Errorf("call %d: %d goroutines, want no more than before the call (%d)", i, n, before)
		}
		order = append(order, i)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(order) != "[0 1 2 3 4]" {
		t.Errorf("order %v, want [0 1 2 3 4]", order)
	}
}
