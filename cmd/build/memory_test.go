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
	if got := debug.SetGCPercent(100); got != smallPercent {
		t.Errorf("GC percent = %d, want %d", got, smallPercent)
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
	if got := debug.SetGCPercent(smallPercent); got != smallPercent {
		t.Errorf("GC percent under bigHeap = %d, want %d", got, smallPercent)
	}
	if grow(bigHeap) {
		t.Error("grow at bigHeap goes on watching")
	}
	if got := debug.SetGCPercent(smallPercent); got != gcPercent {
		t.Errorf("GC percent at bigHeap = %d, want %d", got, gcPercent)
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
