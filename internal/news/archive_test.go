package news

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ai-league/ai-league/internal/config"
)

// TestLoadArchive: the archive is a file anyone can edit, so what it holds is checked
// again as if just pulled; hidden items stay off the site; items are tagged.
func TestLoadArchive(t *testing.T) {
	archived := `{"feed": "lab", "items": [
 {"id": "1", "url": "https://lab.example/1", "title": "Qwen3.5 27B <b>is out</b>", "date": "2026-06-02T08:00:00Z",
  "summary_html": "<p onclick=\"x()\">Weights <script>alert(1)</script>today.</p>", "first_seen": "2026-06-03", "last_seen": "2026-06-03"},
 {"id": "2", "url": "javascript:alert(1)", "title": "Bad link", "date": "2026-06-02T08:00:00Z"},
 {"id": "3", "url": "https://lab.example/3", "title": "Taken down", "date": "2026-06-02T08:00:00Z", "hidden": "wrong story"},
 {"id": "4", "url": "https://lab.example/4", "title": "Bad date", "date": "yesterday"}
]}`
	fsys := fstest.MapFS{"data/archive/news/lab.json": {Data: []byte(archived)}}
	items, err := Load(fsys, []config.Feed{{ID: "lab", Name: "Lab", Category: "release"}}, testModels, testClubs)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 {
		t.Fatalf("items = %s, want only the first", dump(items))
	}
	it := items[0]
	if it.Title != "Qwen3.5 27B is out" || it.SummaryHTML != "<p>Weights today.</p>" || it.Source != "Lab" || it.Category != "release" ||
		strings.Join(it.Models, ",") != "qwen3.5-27b" || strings.Join(it.Clubs, ",") != "alibaba" {
		t.Errorf("item = %+v", it)
	}

	// A feed removed from site.yaml takes its archived items off the site.
	items, err = Load(fsys, nil, testModels, testClubs)
	if err != nil || len(items) != 0 {
		t.Errorf("without the feed in site.yaml: %s %v", dump(items), err)
	}

	fsys["data/archive/news/lab.json"] = &fstest.MapFile{Data: []byte(`{"feed": "lab", "items": [{"id": "1", "url": "https://lab.example/1", "date": "2026-06-02T08:00:00Z", "hiden": "typo"}]}`)}
	_, err = Load(fsys, []config.Feed{{ID: "lab", Category: "release"}}, nil, nil)
	if want := `data/archive/news/lab.json: feed lab: unknown field "hiden"`; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}
