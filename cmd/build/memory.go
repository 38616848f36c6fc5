package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// The garbage collector of a build (set by main, so tests keep Go's defaults). A
// build makes much short-lived garbage (pages, charts, images) over a live heap of
// the league and the posts, which grows with the site. Go's default collects when
// the heap has grown by 100 % over what the last collection left live: the peak is
// about twice the live heap. Under bigHeap the build lets the heap grow to heapFloor
// or by midPercent, whichever is more (see percentFor). Once the live heap passes
// bigHeap, collecting at 200 % growth instead
// halves the collector's work (3.0 → 1.2 CPU-s at 500 models), and the soft limit
// makes it collect sooner rather than let a big league's heap grow past 1.75 GiB.
// The limit is a trade: near it the collector runs often. At 2,000 models, a limit
// of 1.5 GiB held the peak at 1.54 GiB with 37 CPU-s of collection, and 1.75 GiB
// held it at 1.75 GiB with 24 CPU-s (busy machine).
// GOGC and GOMEMLIMIT in the environment still decide when they are set.
const (
	smallPercent = 100
	midPercent   = 60 // see percentFor
	gcPercent    = 200
	bigHeap      = 64 << 20
	heapFloor    = 36 << 20 // see percentFor
	goMinHeap    = 4 << 20  // the heap Go collects at first, at 100 %
	memoryLimit  = 1792 << 20
)

// tuneGC sets the collector's target and soft memory limit, unless the environment does.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percentFor(0))
		afterEachGC(func() bool { return grow(liveHeap()) })
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}

// grow is what a build does after each collection that left live bytes live: under
// bigHeap, it sets the percent of percentFor and reports true (call again after the
// next); from bigHeap on, it collects at gcPercent, and reports false (nothing more
// to do).
func grow(live uint64) bool {
	if live < bigHeap {
		debug.SetGCPercent(percentFor(live))
		return true
	}
	debug.SetGCPercent(gcPercent)
	return false
}

// percentFor is the collector's percent for a live heap under bigHeap: the heap
// grows to heapFloor before the next collection, or by midPercent of the live heap
// when that is more. A build's heap is small while it reads and renders the posts,
// which is where most of its garbage is made (goldmark's nodes and segments); at
// 100 % of a few MiB live, the collector ran every few MiB allocated, 26 times in a
// cold 1,000-post build, instead of about 10. Where the heap peaks (the pages, then
// the share images, over some 20–30 MiB live at 1,000 posts), growing by 60 % instead
// of 100 % lowered the peak resident memory of a cold 1,000-post build from 74.7 to
// 70.0 MiB (median of ten runs each, alternated; 73.4 MiB the largest against 78.8)
// for 13 collections instead of 10 (user+system CPU +1 %). Nothing live (before the
// first collection) is Go's minimum heap of 4 MiB at 100 %, scaled to heapFloor.
func percentFor(live uint64) int {
	if live == 0 {
		return int(heapFloor * smallPercent / goMinHeap)
	}
	if live*(100+midPercent) >= heapFloor*100 {
		return midPercent
	}
	return int((heapFloor - live) * 100 / live)
}

// liveHeap returns the bytes the last collection left live.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// afterEachGC calls f after each collection (on the finalizer goroutine), until f
// returns false. A collection finds the object it left with a finalizer
// unreachable, so the finalizer runs after it and leaves another for the next.
func afterEachGC(f func() bool) {
	type sentinel struct{ _ [16]byte } // not a tiny allocation, whose finalizer may never run
	var arm func()
	arm = func() {
		runtime.SetFinalizer(new(sentinel), func(*sentinel) {
			if f() {
				arm()
			}
		})
	}
	arm()
}
