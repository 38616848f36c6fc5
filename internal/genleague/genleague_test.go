package genleague

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/news"
)

var small = Params{Models: 40, Clubs: 6, Benchmarks: 12, Dates: 5, News: 30, Posts: 3, Seed: 7}

func TestDeterministic(t *testing.T) {
	a, b := Generate(small), Generate(small)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two leagues of the same parameters differ")
	}
	c := Generate(Params{Models: 40, Clubs: 6, Benchmarks: 12, Dates: 5, News: 30, Posts: 3, Seed: 8})
	if reflect.DeepEqual(a.Results, c.Results) {
		t.Error("another seed gave the same results")
	}
}

func TestShape(t *testing.T) {
	l := Generate(small)
	if len(l.Models) != 40 || len(l.Clubs) != 6 || len(l.Benchmarks) != 12 || len(l.Dates) != 5 || len(l.News) != 30 || len(l.Posts) != 3 {
		t.Fatalf("got %d models, %d clubs, %d benchmarks, %d dates, %d news, %d posts",
			len(l.Models), len(l.Clubs), len(l.Benchmarks), len(l.Dates), len(l.News), len(l.Posts))
	}
	for _, m := range l.Models {
		if m.ParamsB < 1 || m.ParamsB > 400 {
			t.Errorf("%s: %gB outside 1B to 400B", m.ID, m.ParamsB)
		}
	}
	// Every model scores on about half the benchmarks on its card.
	cards := map[string]int{}
	for _, r := range l.Results {
		if r.Source.Kind == league.SelfReported {
			cards[r.Model]++
		}
	}
	total := 0
	for _, m := range l.Models {
		total += cards[m.ID]
	}
	if mean := float64(total) / float64(len(l.Models)); mean < 0.4*12 || mean > 0.6*12 {
		t.Errorf("a model's card reports %.1f of 12 benchmarks on average, want about half", mean)
	}
	// One file per date, each holding only that date.
	for _, r := range l.Results {
		if r.File != "data/results/"+r.Date+".json" {
			t.Errorf("result of %s dated %s is in %s", r.Model, r.Date, r.File)
		}
	}
}

func TestDefaults(t *testing.T) {
	l := Generate(Params{})
	if !reflect.DeepEqual(l.Params, Defaults) {
		t.Errorf("params = %+v, want the defaults %+v", l.Params, Defaults)
	}
}

// TestWriteReadsBack writes a league and reads it back with the build's own loaders.
func TestWriteReadsBack(t *testing.T) {
	l := Generate(small)
	dir := filepath.Join(t.TempDir(), "site")
	if err := l.Write(dir); err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(dir)
	if _, err := config.Load(fsys, "site.yaml"); err != nil {
		t.Fatal(err)
	}
	data, err := league.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(data.Clubs, l.Clubs) {
		t.Errorf("clubs read back differ:\n%+v\n%+v", data.Clubs, l.Clubs)
	}
	if !reflect.DeepEqual(data.Models, l.Models) {
		t.Errorf("models read back differ")
	}
	if !reflect.DeepEqual(data.Benchmarks, l.Benchmarks) {
		t.Errorf("benchmarks read back differ:\n%+v\n%+v", data.Benchmarks, l.Benchmarks)
	}
	if len(data.Results) != len(l.Results) {
		t.Fatalf("read %d results, generated %d", len(data.Results), len(l.Results))
	}
	for i, r := range data.Results {
		r.Line, r.Col = 0, 0
		if r != l.Results[i] {
			t.Errorf("result %d: read %+v, generated %+v", i, r, l.Results[i])
			break
		}
	}
	items, err := news.Load(fsys, nil, data.Models, data.Clubs)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != len(l.News) {
		t.Errorf("read %d news items, generated %d", len(items), len(l.News))
	}
	known := map[string]bool{}
	for _, m := range l.Models {
		known[m.ID] = true
	}
	posts, _, err := content.Load(fsys, content.Options{KnownModels: known})
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != len(l.Posts) {
		t.Errorf("read %d posts, generated %d", len(posts), len(l.Posts))
	}
}

func TestWriteRefusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := Generate(small).Write(dir)
	if err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Errorf("err = %v, want %q", err, "is not empty")
	}
}

func TestWriteOntoAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := Generate(small).Write(file)
	if err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("err = %v, want one saying %q", err, "not a directory")
	}
}
