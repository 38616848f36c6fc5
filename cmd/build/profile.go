package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
)

// hidden names the flags left out of -h: they profile the build itself
// (go tool pprof FILE, go tool trace FILE) and are for working on the generator, not
// for sites.
var hidden = map[string]bool{"cpuprofile": true, "memprofile": true, "trace": true}

// startProfiles starts a CPU profile into cpu and an execution trace into tr (each
// when not "") and returns the function that stops them and writes the allocation
// profile into mem (when not "").
func startProfiles(cpu, mem, tr string) (func() error, error) {
	var traceFile *os.File
	if tr != "" {
		f, err := os.Create(tr)
		if err != nil {
			return nil, fmt.Errorf("-trace: %w", err)
		}
		if err := trace.Start(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("-trace: %w", err)
		}
		traceFile = f
	}
	stopTrace := func() error {
		if traceFile == nil {
			return nil
		}
		trace.Stop()
		if err := traceFile.Close(); err != nil {
			return fmt.Errorf("-trace: %w", err)
		}
		return nil
	}
	var cpuFile *os.File
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			stopTrace()
			return nil, fmt.Errorf("-cpuprofile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			stopTrace()
			return nil, fmt.Errorf("-cpuprofile: %w", err)
		}
		cpuFile = f
	}
	if mem != "" {
		runtime.MemProfileRate = 64 << 10
	}
	return func() error {
		err := stopTrace()
		if cpuFile != nil {
			pprof.StopCPUProfile()
			if cerr := cpuFile.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("-cpuprofile: %w", cerr)
			}
		}
		if mem != "" {
			if merr := writeAllocs(mem); merr != nil && err == nil {
				err = merr
			}
		}
		return err
	}, nil
}

// writeAllocs writes the allocation profile into the file mem.
func writeAllocs(mem string) error {
	f, err := os.Create(mem)
	if err != nil {
		return fmt.Errorf("-memprofile: %w", err)
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("-memprofile: %w", err)
	}
	return f.Close()
}
