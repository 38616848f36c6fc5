package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

// TestTuneGC: the build's collector settings apply unless GOGC or GOMEMLIMIT is set.
func TestTuneGC(t *testing.T) {
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	defer func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) }()

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	debug.SetGCPercent(50)
	tuneGC()
	// Nothing live yet: Go's first collection at 4 MiB, moved to 36 MiB.
	if got := debug.SetGCPercent(100); got != 900 {
		t.Errorf("GC percent = %d, want 900", got)
	}
	if got := debug.SetMemoryLimit(math.MaxInt64); got != memoryLimit {
		t.Errorf("memory limit = %d, want %d", got, memoryLimit)
	}

	t.Setenv("GOGC", "100")
	t.Setenv("GOMEMLIMIT", "8GiB")
	debug.SetGCPercent(50)
	tuneGC()
	if got := debug.SetGCPercent(100); got != 50 {
		t.Errorf("GC percent with GOGC set = %d, want 50 (left alone)", got)
	}
	if got := debug.SetMemoryLimit(math.MaxInt64); got != math.MaxInt64 {
		t.Errorf("memory limit with GOMEMLIMIT set = %d, want it left alone", got)
	}
}

// TestGrow: a small live heap keeps the collector's setting; from bigHeap on, it
// collects at gcPercent and stops watching.
func TestGrow(t *testing.T) {
	percent := debug.SetGCPercent(smallPercent)
	defer debug.SetGCPercent(percent)
	if !grow(bigHeap - 1) {
		t.Error("grow under bigHeap stopped watching")
	}
	if got := debug.SetGCPercent(smallPercent); got != midPercent {
		t.Errorf("GC percent under bigHeap = %d, want %d", got, midPercent)
	}
	if grow(bigHeap) {
		t.Error("grow at bigHeap goes on watching")
	}
	if got := debug.SetGCPercent(smallPercent); got != gcPercent {
		t.Errorf("GC percent at bigHeap = %d, want %d", got, gcPercent)
	}
}

// TestPercentFor: under bigHeap, the next collection comes when the heap reaches
// 36 MiB, or 1.6 times the live heap when that is more.
func TestPercentFor(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 900},                 // Go's first 4 MiB at 100 %, times 9
		{1 * mib, 3500},          // 1 + 35 = 36
		{4 * mib, 800},           // 4 + 32 = 36
		{9 * mib, 300},           // 9 + 27 = 36
		{12 * mib, 200},          // 12 + 24 = 36
		{17 * mib, 111},          // 17 + 19 = 36; 19/17 = 1.117…, rounded down
		{18 * mib, 100},          // twice 18 is 36
		{18*mib - 1, 100},        // 36 MiB - (18 MiB - 1) is 18 MiB + 1: 100.000…%, rounded down
		{20 * mib, 80},           // 20 + 16 = 36
		{22*mib + mib/2, 60},     // 1.6 times 22.5 is 36
		{22*mib + mib/2 - 1, 60}, // 13.5 MiB + 1 over 22.5 MiB - 1: 60.000…%, rounded down
		{22*mib + mib/2 - 100, 60},
		{22*mib + mib/4, 61}, // 13.75 / 22.25 = 61.8 %: the floor still decides
		{30 * mib, 60},       // 1.6 times the live heap is more than 36 MiB
		{bigHeap - 1, 60},
	} {
		if got := percentFor(c.live); got != c.want {
			t.Errorf("percentFor(%d) = %d, want %d", c.live, got, c.want)
		}
	}
}

// TestGrowUnderFloor: a small live heap sets the percent that lets the heap reach
// 36 MiB, and grow goes on watching.
func TestGrowUnderFloor(t *testing.T) {
	percent := debug.SetGCPercent(smallPercent)
	defer debug.SetGCPercent(percent)
	if !grow(6 << 20) {
		t.Error("grow of 6 MiB stopped watching")
	}
	if got := debug.SetGCPercent(smallPercent); got != 500 { // 6 + 30 = 36
		t.Errorf("GC percent at 6 MiB live = %d, want 500", got)
	}
}

// TestAfterEachGC: f runs after each collection until it returns false.
func TestAfterEachGC(t *testing.T) {
	calls := make(chan int, 10)
	n := 0
	afterEachGC(func() bool {
		n++
		calls <- n
		return n < 3
	})
	for want := 1; want <= 3; want++ {
		runtime.GC()
		if got := <-calls; got != want {
			t.Fatalf("call %d, want %d", got, want)
		}
	}
	runtime.GC()
	runtime.GC()
	select {
	case got := <-calls:
		t.Errorf("call %d after f returned false", got)
	default:
	}
}

func TestLiveHeap(t *testing.T) {
	keep := make([]byte, 8<<20)
	runtime.GC()
	if got := liveHeap(); got < 8<<20 {
		t.Errorf("live heap %d bytes with 8 MiB held", got)
	}
	runtime.KeepAlive(keep)
}
