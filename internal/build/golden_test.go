package build

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
	opt := options("testdata/site", t.TempDir())
	var log bytes.Buffer
	opt.Log = &log
	files, err := Render(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]render.File{}
	size := 0
	for i, f := range files {
		byPath[f.Path] = f
		size += len(f.Data)
		if i > 0 && files[i-1].Path >= f.Path {
			t.Errorf("Render's files out of order: %s before %s", files[i-1].Path, f.Path)
		}
	}
	if want := fmt.Sprintf("\nrender   %d files, %.1f MB ", len(files), float64(size)/1e6); !strings.Contains(log.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, log.String())
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

// TestModelJSONMatchesOnce: every match is in the model.json of the pair's first model
// (byte order) and in no other, from that model's side, with its page when there is one.
func TestModelJSONMatchesOnce(t *testing.T) {
	files, err := Render(context.Background(), options("testdata/site", t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, f := range files {
		if !strings.HasSuffix(f.Path, "/model.json") {
			continue
		}
		var doc struct {
			ID      string            `json:"id"`
			Matches []json.RawMessage `json:"matches"`
		}
		if err := json.Unmarshal(f.Data, &doc); err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		for _, raw := range doc.Matches {
			var m []any
			if err := json.Unmarshal(raw, &m); err != nil || len(m) < 4 || len(m) > 5 {
				t.Fatalf("%s: match %s is not [opponent, for, against, drawn, page?]", f.Path, raw)
			}
			opp := m[0].(string)
			if opp <= doc.ID {
				t.Errorf("%s: match with %s belongs in %s's file", f.Path, opp, opp)
			}
			seen[doc.ID+" "+opp]++
		}
	}
	// testdata/site: alpha-7b and beta-9b draw 1-1 with one drawn and have a page.
	if seen["alpha-7b beta-9b"] != 1 || len(seen) == 0 {
		t.Errorf("matches seen: %v", seen)
	}
	for _, f := range files {
		if f.Path == "models/alpha-7b/model.json" && !strings.Contains(string(f.Data), `["beta-9b",1,1,1,"/league/h2h/alpha-7b-vs-beta-9b/"]`) {
			t.Errorf("alpha-7b's match with beta-9b: %s", f.Data)
		}
	}
}
