package build

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/ai-league/ai-league/internal/render"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// goldenFiles are the outputs of testdata/site kept under testdata/golden: the data
// people quote and the feeds readers follow. Review their diffs like code.
var goldenFiles = []string{
	"standings.json",
	"standings/2026-01-10/standings.json",
	"standings/overall.csv",
	"standings/small.md",
	"standings/feed.xml",
	"feed.json",
	"sitemap.xml",
	"h2h/delta-120b-vs-gamma-70b/index.html",
	"models/alpha-7b/model.json",
}

func TestGolden(t *testing.T) {
	files, err := Render(context.Background(), options("testdata/site", t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]render.File{}
	for _, f := range files {
		byPath[f.Path] = f
	}
	for _, name := range goldenFiles {
		f, ok := byPath[name]
		if !ok {
			t.Errorf("%s was not built", name)
			continue
		}
		golden := filepath.Join("testdata/golden", filepath.FromSlash(name))
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/build -run Golden -update)", err)
		}
		if string(want) != string(f.Data) {
			t.Errorf("%s differs from %s; run go test ./internal/build -run Golden -update and review the diff", name, golden)
		}
	}
}
