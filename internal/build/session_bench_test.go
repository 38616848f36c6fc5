package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"

	"github.com/ai-league/ai-league/internal/cache"
)

// BenchmarkSessionResultsEdit times what the preview server does after a score in
// one results file of the bundled site changed: one Session.Rebuild, the build
// cache warm. The file is dated early in the season (most snapshots computed again)
// or on its last day (only the last one). Profile it with -cpuprofile to see where a
// results edit goes.
func BenchmarkSessionResultsEdit(b *testing.B) {
	b.Run("early", func(b *testing.B) {
		benchResultsEdit(b, "data/results/artificial-analysis-qwen3.5-small.json", `"score": 16,`)
	})
	b.Run("latest", func(b *testing.B) {
		benchResultsEdit(b, "data/results/labindex-gemma-4-12b.json", `"score": 77.5,`)
	})
}

func benchResultsEdit(b *testing.B, rel, old string) {
	root := filepath.Join(b.TempDir(), "site")
	for _, dir := range []string{"content", "data"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join("../..", dir))); err != nil {
			b.Fatal(err)
		}
	}
	cfg, err := os.ReadFile("../../site.yaml")
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "site.yaml"), cfg, 0o644); err != nil {
		b.Fatal(err)
	}
	c, err := cache.Open(filepath.Join(b.TempDir(), "cache"))
	if err != nil {
		b.Fatal(err)
	}
	opt := options(root, filepath.Join(b.TempDir(), "public"))
	opt.Cache = c
	if os.Getenv("ZZLOG") != "" {
		opt.Log = os.Stderr
	}
	s := NewSession(opt)
	ctx := context.Background()
	if _, _, err := s.Rebuild(ctx, nil); err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(root, rel)
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	if !strings.Contains(string(orig), old) {
		b.Fatalf("%s lacks %s", rel, old)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		edited := strings.Replace(string(orig), old, strings.Replace(old, ",", fmt.Sprintf("%d1,", i%10), 1), 1)
		if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		// The label tells the edits from the first build in a CPU profile
		// (go tool pprof -tagfocus edit=results).
		pprof.Do(ctx, pprof.Labels("edit", "results"), func(ctx context.Context) {
			if _, _, err := s.Rebuild(ctx, []string{rel}); err != nil {
				b.Fatal(err)
			}
		})
	}
}
