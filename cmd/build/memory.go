package main

import (
	"os"
	"runtime/debug"
)

// The garbage collector of a build (set by main, so tests keep Go's defaults). A
// build makes much short-lived garbage (pages, charts, images) over a live heap of
// the league, which grows with its size: collecting when the heap has grown by 200 %
// (Go's default is 100 %) halves the collector's work, and the soft limit makes it
// collect sooner rather than let a big league's heap grow past 1.5 GiB. GOGC and
// GOMEMLIMIT in the environment still decide when they are set.
const (
	gcPercent   = 200
	memoryLimit = 1536 << 20
)

// tuneGC sets the collector's target and soft memory limit, unless the environment does.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
