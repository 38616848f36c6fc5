package league

import (
	"testing"
	"testing/fstest"
)

func TestLoadPulledResults(t *testing.T) {
	fsys := fstest.MapFS{
		"data/clubs.yaml":                {Data: []byte("- id: c\n  name: C\n")},
		"data/models.yaml":               {Data: []byte("- id: m\n  name: M\n  club: c\n")},
		"data/benchmarks.yaml":           {Data: []byte("- id: b\n  name: B\n  category: knowledge\n  higher_is_better: true\n")},
		"data/results/own.json":          {Data: []byte(`[{"model": "m", "benchmark": "b", "score": 50, "date": "2026-01-01"}]`)},
		"data/cache/results/pulled.json": {Data: []byte(`[{"model": "m", "benchmark": "b", "score": 60, "date": "2026-02-01"}]`)},
		"data/cache/results/bad.json":    {Data: []byte(`[{"model": "nobody", "benchmark": "b", "score": 60, "date": "2026-02-01"}]`)},
	}
	d, err := LoadWith(fsys, Options{Pulled: []Pulled{{Path: "data/cache/results/never-answered.json"}, {Path: "data/cache/results/pulled.json", From: "2026-03-01"}}})
	if err != nil {
		t.Fatal(err)
	}
	// Results are ordered by path, pulled copies included (SPEC 5: the later file wins a same-date tie).
	if len(d.Results) != 2 || d.Results[0].File != "data/cache/results/pulled.json" || d.Results[0].Score != 60 || d.Results[0].From != "2026-03-01" || d.Results[1].From != "" {
		t.Errorf("results = %+v, want the pulled one, ordered by path", d.Results)
	}
	_, err = LoadWith(fsys, Options{Pulled: []Pulled{{Path: "data/cache/results/bad.json"}}})
	if err == nil || err.Error() != `data/cache/results/bad.json:1:12: result 1: unknown model "nobody"` {
		t.Errorf("err = %v, want the pulled file's error with its position", err)
	}
}
