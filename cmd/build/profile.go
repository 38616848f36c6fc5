package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// hidden names the flags left out of -h: they profile the build itself
// (go tool pprof FILE) and are for working on the generator, not for sites.
var hidden = map[string]bool{"cpuprofile": true, "memprofile": true}

// startProfiles starts a CPU profile into cpu (when not "") and returns the function
// that stops it and writes the allocation profile into mem (when not "").
func startProfiles(cpu, mem string) (func() error, error) {
	var cpuFile *os.File
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return nil, fmt.Errorf("-cpuprofile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("-cpuprofile: %w", err)
		}
		cpuFile = f
	}
	if mem != "" {
		runtime.MemProfileRate = 64 << 10
	}
	return func() error {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			if err := cpuFile.Close(); err != nil {
				return fmt.Errorf("-cpuprofile: %w", err)
			}
		}
		if mem == "" {
			return nil
		}
		f, err := os.Create(mem)
		if err != nil {
			return fmt.Errorf("-memprofile: %w", err)
		}
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			f.Close()
			return fmt.Errorf("-memprofile: %w", err)
		}
		return f.Close()
	}, nil
}
