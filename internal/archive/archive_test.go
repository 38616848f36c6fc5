package archive

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/pull"
)

func item(id, url, title, date string) Item {
	return Item{ID: id, GUID: id, URL: url, Title: title, Date: date}
}

func TestMerge(t *testing.T) {
	old := []Item{
		{ID: "g1", GUID: "g1", URL: "https://x.example/1", Title: "One", Date: "2026-01-01T00:00:00Z", FirstSeen: "2026-01-02", LastSeen: "2026-01-05", Hidden: "retracted"},
		{ID: "https://x.example/2", URL: "https://x.example/2", Title: "Two", Date: "2026-01-03T00:00:00Z", FirstSeen: "2026-01-04", LastSeen: "2026-01-04"},
	}
	fresh := []Item{
		item("g1", "https://x.example/1-moved", "One, corrected", "2026-01-01T00:00:00Z"),                            // same GUID
		{ID: "https://x.example/2", URL: "https://x.example/2", Title: "Two, updated", Date: "2026-01-03T00:00:00Z"}, // same link
		item("g3", "https://x.example/3", "Three", "2026-01-06T00:00:00Z"),
		item("g3", "https://x.example/3", "Three again", "2026-01-06T00:00:00Z"), // twice in one copy
	}
	got, dropped := Merge(old, fresh, "2026-01-07", 0)
	want := []Item{
		{ID: "g3", GUID: "g3", URL: "https://x.example/3", Title: "Three again", Date: "2026-01-06T00:00:00Z", FirstSeen: "2026-01-07", LastSeen: "2026-01-07"},
		{ID: "https://x.example/2", URL: "https://x.example/2", Title: "Two, updated", Date: "2026-01-03T00:00:00Z", FirstSeen: "2026-01-04", LastSeen: "2026-01-07"},
		{ID: "g1", GUID: "g1", URL: "https://x.example/1-moved", Title: "One, corrected", Date: "2026-01-01T00:00:00Z", FirstSeen: "2026-01-02", LastSeen: "2026-01-07", Hidden: "retracted"},
	}
	if dropped != 0 || !reflect.DeepEqual(got, want) {
		t.Fatalf("Merge =\n%+v\nwant\n%+v", got, want)
	}
	again, _ := Merge(got, fresh, "2026-01-07", 0)
	if !reflect.DeepEqual(again, got) {
		t.Errorf("merging the same copy twice changed the archive:\n%+v", again)
	}
	// An older copy (a build from a cache fetched earlier) keeps the later sighting.
	older, _ := Merge(got, fresh[:1], "2026-01-03", 0)
	if older[2].LastSeen != "2026-01-07" || older[2].FirstSeen != "2026-01-02" {
		t.Errorf("seen days after an older copy: %+v", older[2])
	}

	capped, dropped := Merge(got, nil, "", 2)
	if dropped != 1 || len(capped) != 2 || capped[1].ID != "https://x.example/2" {
		t.Errorf("cap 2: dropped %d, kept %+v; want the oldest dropped", dropped, capped)
	}
}

func TestFeedEncode(t *testing.T) {
	f := Feed{Feed: "lab", Items: []Item{
		item("b", "https://x.example/b", "B & co", "2026-01-01T00:00:00Z"),
		item("a", "https://x.example/a", "A", "2026-01-01T00:00:00Z"),
		item("c", "https://x.example/c", "C", "2026-02-01T00:00:00Z"),
	}}
	f.Items[0].Summary = `<p>x <a href="https://x.example/" rel="nofollow noopener">y</a></p>`
	got := string(f.Encode())
	want := `{
  "feed": "lab",
  "items": [
    {
      "id": "c",
      "guid": "c",
      "url": "https://x.example/c",
      "title": "C",
      "date": "2026-02-01T00:00:00Z"
    },
    {
      "id": "a",
      "guid": "a",
      "url": "https://x.example/a",
      "title": "A",
      "date": "2026-01-01T00:00:00Z"
    },
    {
      "id": "b",
      "guid": "b",
      "url": "https://x.example/b",
      "title": "B & co",
      "date": "2026-01-01T00:00:00Z",
      "summary_html": "<p>x <a href=\"https://x.example/\" rel=\"nofollow noopener\">y</a></p>"
    }
  ]
}
`
	if got != want {
		t.Errorf("Encode =\n%s\nwant\n%s", got, want)
	}
	back, err := ReadFeed(fstest.MapFS{FeedPath("lab"): {Data: []byte(got)}}, "lab")
	if err != nil || string(back.Encode()) != got {
		t.Errorf("read back: %v\n%s", err, back.Encode())
	}
	if e := string(Feed{Feed: "empty"}.Encode()); e != "{\n  \"feed\": \"empty\",\n  \"items\": []\n}\n" {
		t.Errorf("empty feed: %q", e)
	}
}

func TestReadErrors(t *testing.T) {
	const u = "https://board.example/results.json"
	rp := ResultsPath(u)
	sha := strings.Repeat("a", 64)
	cases := []struct {
		name, file, data, want string
		read                   func(fsys fstest.MapFS) error
	}{
		{"misspelt field", FeedPath("lab"), `{"feed": "lab", "items": [{"id": "x", "url": "https://x.example/", "date": "2026-01-01T00:00:00Z", "hiden": "oops"}]}`,
			`data/archive/news/lab.json: unknown field "hiden"`, nil},
		{"another feed's file", FeedPath("lab"), `{"feed": "wire", "items": []}`,
			`data/archive/news/lab.json: "feed" is "wire", want "lab"`, nil},
		{"item without a date", FeedPath("lab"), `{"feed": "lab", "items": [{"id": "x", "url": "https://x.example/"}]}`,
			`data/archive/news/lab.json: item 1: "id", "url" and "date" are required`, nil},
		{"item without an id", FeedPath("lab"), `{"feed": "lab", "items": [{"url": "https://x.example/", "date": "2026-01-01T00:00:00Z"}]}`,
			`data/archive/news/lab.json: item 1: "id", "url" and "date" are required`, nil},
		{"item without a url", FeedPath("lab"), `{"feed": "lab", "items": [{"id": "x", "date": "2026-01-01T00:00:00Z"}]}`,
			`data/archive/news/lab.json: item 1: "id", "url" and "date" are required`, nil},
		{"broken JSON before the end", FeedPath("lab"), "{\"feed\": \"lab\",\n \"items\": [,]\n}\n\n\n",
			`data/archive/news/lab.json: line 2: invalid character ',' looking for beginning of value`, nil},
		{"short sha256", rp, `{"url": "` + u + `", "versions": [{"fetched": "2026-01-01", "sha256": "` + sha[:63] + `"}]}`,
			rp + `: version 1: "sha256" must be 64 lowercase hex digits`, nil},
		{"broken JSON", FeedPath("lab"), "{\"feed\": \"lab\",\n \"items\": [,]}",
			`data/archive/news/lab.json: line 2: invalid character ',' looking for beginning of value`, nil},
		{"two values", FeedPath("lab"), `{"feed": "lab", "items": []} {}`,
			`data/archive/news/lab.json: more than one JSON value`, nil},
		{"another URL's file", rp, `{"url": "https://other.example/", "versions": []}`,
			rp + `: "url" is "https://other.example/", want "` + u + `"`, nil},
		{"bad sha256", rp, `{"url": "` + u + `", "versions": [{"fetched": "2026-01-01", "sha256": "ABC"}]}`,
			rp + `: version 1: "sha256" must be 64 lowercase hex digits`, nil},
		{"days out of order", rp, `{"url": "` + u + `", "versions": [{"fetched": "2026-02-01", "sha256": "` + sha + `"}, {"fetched": "2026-01-01", "sha256": "` + sha + `"}]}`,
			rp + `: version 2: fetched 2026-01-01, before the version above it (2026-02-01)`, nil},
		{"missing version", rp, `{"url": "` + u + `", "versions": [{"fetched": "2026-01-01", "sha256": "` + sha + `"}]}`,
			rp + `: version 1: ` + VersionPath(u, sha) + ` is missing`, nil},
		{"edited version", rp, `{"url": "` + u + `", "versions": [{"fetched": "2026-01-01", "sha256": "` + sha + `"}]}`,
			VersionPath(u, sha) + `: its content does not match its sha256 (an archived version is never edited)`,
			func(fsys fstest.MapFS) error {
				fsys[VersionPath(u, sha)] = &fstest.MapFile{Data: []byte(`[]`)}
				_, err := ResultFiles(fsys, []string{u})
				return err
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{c.file: {Data: []byte(c.data)}}
			var err error
			switch {
			case c.read != nil:
				err = c.read(fsys)
			case strings.HasPrefix(c.file, NewsDir):
				_, err = ReadFeed(fsys, "lab")
			default:
				_, err = ResultFiles(fsys, []string{u})
			}
			if err == nil || err.Error() != c.want {
				t.Errorf("err = %v\nwant %s", err, c.want)
			}
		})
	}
}

// TestMergeFirstSeen: an archived item without a first sighting takes the day of
// the merge; a merge on an unknown day keeps the first sighting it has.
func TestMergeFirstSeen(t *testing.T) {
	old := []Item{
		{ID: "a", URL: "https://x.example/a", Date: "2026-01-01T00:00:00Z"},
		{ID: "b", URL: "https://x.example/b", Date: "2026-01-02T00:00:00Z", FirstSeen: "2026-01-03", LastSeen: "2026-01-03"},
	}
	fresh := []Item{{ID: "a", URL: "https://x.example/a", Date: "2026-01-01T00:00:00Z"}, {ID: "b", URL: "https://x.example/b", Date: "2026-01-02T00:00:00Z"}}
	got, _ := Merge(old, fresh, "2026-01-05", 0)
	if got[1].FirstSeen != "2026-01-05" || got[0].FirstSeen != "2026-01-03" {
		t.Errorf("first seen: a %q, b %q; want 2026-01-05 and 2026-01-03", got[1].FirstSeen, got[0].FirstSeen)
	}
	got, _ = Merge(old, fresh, "", 0)
	if got[1].FirstSeen != "" || got[0].FirstSeen != "2026-01-03" || got[0].LastSeen != "2026-01-03" {
		t.Errorf("on an unknown day: %+v", got)
	}
}

// TestEncodeSameIDAndDate: items with the same date and id keep their order.
func TestEncodeSameIDAndDate(t *testing.T) {
	f := Feed{Feed: "lab", Items: []Item{
		{ID: "x", URL: "https://x.example/1", Date: "2026-01-01T00:00:00Z"},
		{ID: "x", URL: "https://x.example/2", Date: "2026-01-01T00:00:00Z"},
	}}
	b := string(f.Encode())
	if i, j := strings.Index(b, "example/1"), strings.Index(b, "example/2"); i < 0 || j < i {
		t.Errorf("order changed:\n%s", b)
	}
}

// TestResultFiles: archived versions with their windows, then a copy in the cache
// that the archive does not hold yet, then the same once written.
func TestResultFiles(t *testing.T) {
	const u = "https://board.example/results.json"
	root := t.TempDir()
	put := func(p, data string) {
		t.Helper()
		if err := pull.WriteAtomic(filepath.Join(root, filepath.FromSlash(p)), []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	v1, v2, v3 := `[{"v": 1}]`, `[{"v": 2}]`, `[{"v": 3}]`
	put(VersionPath(u, sum([]byte(v1))), v1)
	put(VersionPath(u, sum([]byte(v2))), v2)
	put(ResultsPath(u), string(Results{URL: u, Versions: []Version{
		{Fetched: "2026-01-05", SHA256: sum([]byte(v1))},
		{Fetched: "2026-02-05", SHA256: sum([]byte(v2))},
		{Fetched: "2026-03-05", SHA256: sum([]byte(v1))}, // back to the first copy
	}}.Encode()))
	cache := pull.ResultsCachePath(u)
	put(cache, v3)
	put(strings.TrimSuffix(cache, ".json")+".meta.json", `{"url": "`+u+`", "fetched_at": "2026-04-05T06:00:00Z"}`)

	got, err := ResultFiles(os.DirFS(root), []string{u})
	if err != nil {
		t.Fatal(err)
	}
	want := []league.Pulled{
		{Path: VersionPath(u, sum([]byte(v1))), Until: "2026-02-05"},
		{Path: VersionPath(u, sum([]byte(v2))), From: "2026-02-05", Until: "2026-03-05"},
		{Path: VersionPath(u, sum([]byte(v1))), From: "2026-03-05", Until: "2026-04-05"},
		{Path: cache, From: "2026-04-05"}, // not archived yet: read from the cache
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("ResultFiles =\n%+v\nwant\n%+v", got, want)
	}

	w, err := NewWriter(root, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Results(u); err != nil || len(w.Warnings()) > 0 {
		t.Fatalf("Results: %v %v", err, w.Warnings())
	}
	got, err = ResultFiles(os.DirFS(root), []string{u})
	want[3].Path = VersionPath(u, sum([]byte(v3)))
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("after writing: %v\n%+v\nwant\n%+v", err, got, want)
	}
	index := read(t, filepath.Join(root, filepath.FromSlash(ResultsPath(u))))
	if !strings.Contains(index, `{
      "fetched": "2026-04-05",
      "sha256": "`+sum([]byte(v3))+`"
    }
  ]
}
`) {
		t.Errorf("index:\n%s", index)
	}
	// Writing again changes nothing.
	if err := w.Results(u); err != nil {
		t.Fatal(err)
	}
	if again := read(t, filepath.Join(root, filepath.FromSlash(ResultsPath(u)))); again != index {
		t.Errorf("second write changed the index:\n%s", again)
	}
}

func TestWriterCaps(t *testing.T) {
	const u = "https://board.example/results.json"
	root := t.TempDir()
	cache := filepath.Join(root, filepath.FromSlash(pull.ResultsCachePath(u)))
	meta := strings.TrimSuffix(cache, ".json") + ".meta.json"
	copyOn := func(data, day string) {
		t.Helper()
		if err := pull.WriteAtomic(cache, []byte(data)); err != nil {
			t.Fatal(err)
		}
		if err := pull.WriteAtomic(meta, []byte(`{"url": "`+u+`", "fetched_at": "`+day+`T06:00:00Z"}`)); err != nil {
			t.Fatal(err)
		}
	}

	// Versions per URL.
	w, _ := NewWriter(root, Limits{VersionsPerURL: 2})
	for i, day := range []string{"2026-01-01", "2026-01-02", "2026-01-03"} {
		copyOn(`[{"v": `+string(rune('1'+i))+`}]`, day)
		if err := w.Results(u); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"archive: results " + u + " holds the most versions kept per URL (2); the version fetched 2026-01-03 is not archived and is used from data/cache/ while it is there"}
	if !reflect.DeepEqual(w.Warnings(), want) {
		t.Errorf("warnings %q\nwant %q", w.Warnings(), want)
	}
	r, err := ReadResults(os.DirFS(root), u)
	if err != nil || len(r.Versions) != 2 {
		t.Errorf("versions %+v (%v), want 2", r.Versions, err)
	}

	// Items per feed.
	w, _ = NewWriter(root, Limits{})
	items, dropped := Merge(nil, []Item{item("a", "https://x.example/a", "A", "2026-01-01T00:00:00Z"), item("b", "https://x.example/b", "B", "2026-01-02T00:00:00Z")}, "2026-01-03", 1)
	if err := w.Feed(Feed{Feed: "lab", Items: items}, dropped); err != nil {
		t.Fatal(err)
	}
	want = []string{"archive: feed lab holds the most items kept per feed (2000); its 1 oldest were dropped from data/archive/news/lab.json"}
	if !reflect.DeepEqual(w.Warnings(), want) {
		t.Errorf("warnings %q\nwant %q", w.Warnings(), want)
	}

	// The whole archive: a change that would grow it past the cap is not written;
	// one that does not grow it is.
	w, _ = NewWriter(root, Limits{TotalBytes: w.total + 10})
	big := Feed{Feed: "wire", Items: []Item{item("w", "https://wire.example/w", "A long story", "2026-01-01T00:00:00Z")}}
	if err := w.Feed(big, 0); err != nil {
		t.Fatal(err)
	}
	want = []string{"archive: full (" + pull.Size(w.lim.TotalBytes) + ", the cap); feed wire not updated in data/archive/news/wire.json: its new items are used from data/cache/ while they are there"}
	if !reflect.DeepEqual(w.Warnings(), want) {
		t.Errorf("warnings %q\nwant %q", w.Warnings(), want)
	}
	if _, err := os.Stat(filepath.Join(root, "data/archive/news/wire.json")); err == nil {
		t.Error("the feed was written past the cap")
	}
	items[0].GUID = "" // a change that shrinks the file
	if err := w.Feed(Feed{Feed: "lab", Items: items}, 0); err != nil || len(w.Warnings()) != 1 {
		t.Errorf("a change within the cap: %v %q", err, w.Warnings())
	}
	if strings.Contains(read(t, filepath.Join(root, "data/archive/news/lab.json")), `"guid"`) {
		t.Error("the change within the cap was not written")
	}

	// A feed never pulled writes no file.
	if err := w.Feed(Feed{Feed: "quiet"}, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "data/archive/news/quiet.json")); err == nil {
		t.Error("an empty archive was written for a feed never pulled")
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestResultFilesAllErrors: every broken results archive is reported, not only the first.
func TestResultFilesAllErrors(t *testing.T) {
	u1, u2 := "https://a.example/r.json", "https://b.example/r.json"
	fsys := fstest.MapFS{
		ResultsPath(u1): {Data: []byte(`{"url": "https://other.example/", "versions": []}`)},
		ResultsPath(u2): {Data: []byte(`{"url": "https://other.example/", "versions": []}`)},
	}
	_, err := ResultFiles(fsys, []string{u1, u2})
	want := ResultsPath(u1) + `: "url" is "https://other.example/", want "` + u1 + `"` + "\n" +
		ResultsPath(u2) + `: "url" is "https://other.example/", want "` + u2 + `"`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
}

// TestResultFilesSameDay: two versions fetched on the same day are in order.
func TestResultFilesSameDay(t *testing.T) {
	const u = "https://board.example/results.json"
	sum := sha256.Sum256([]byte(`[]`))
	sha := hex.EncodeToString(sum[:])
	fsys := fstest.MapFS{
		ResultsPath(u):      {Data: []byte(`{"url": "` + u + `", "versions": [{"fetched": "2026-01-01", "sha256": "` + sha + `"}, {"fetched": "2026-01-01", "sha256": "` + sha + `"}]}`)},
		VersionPath(u, sha): {Data: []byte(`[]`)},
	}
	if _, err := ResultFiles(fsys, []string{u}); err != nil {
		t.Error(err)
	}
}

// TestWriterResultsNothingToDo: no copy in the cache, or an archive that cannot be
// read, leaves the archive as it is, without an error.
func TestWriterResultsNothingToDo(t *testing.T) {
	const u = "https://board.example/results.json"
	root := t.TempDir()
	w, err := NewWriter(root, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Results(u); err != nil {
		t.Errorf("no copy: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(ResultsPath(u)))); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("an archive was written without a copy: %v", err)
	}
	broken := filepath.Join(root, filepath.FromSlash(ResultsPath(u)))
	if err := pull.WriteAtomic(broken, []byte("{")); err != nil {
		t.Fatal(err)
	}
	if err := pull.WriteAtomic(filepath.Join(root, filepath.FromSlash(pull.ResultsCachePath(u))), []byte("[]")); err != nil {
		t.Fatal(err)
	}
	if err := w.Results(u); err != nil {
		t.Errorf("unreadable archive: %v", err)
	}
	if b, _ := os.ReadFile(broken); string(b) != "{" {
		t.Errorf("the unreadable archive was changed: %q", b)
	}
}

// TestFits: a write fits when it does not grow the archive (even one already over
// its cap) or when it ends exactly at the cap.
func TestFits(t *testing.T) {
	fsys := fstest.MapFS{"old.json": {Data: []byte("12345")}}
	for _, tt := range []struct {
		total, cap int64
		files      map[string][]byte
		want       bool
	}{
		{101, 100, map[string][]byte{"old.json": []byte("54321")}, true}, // no growth, over the cap
		{90, 100, map[string][]byte{"new.json": make([]byte, 10)}, true}, // ends at the cap
		{91, 100, map[string][]byte{"new.json": make([]byte, 10)}, false},
	} {
		w := &Writer{fsys: fsys, total: tt.total, lim: Limits{TotalBytes: tt.cap}}
		if got := w.fits(tt.files); got != tt.want {
			t.Errorf("total %d, cap %d: fits = %v, want %v", tt.total, tt.cap, got, tt.want)
		}
	}
}

// TestSortedKeys: longest paths first (a version before its index), then by name.
func TestSortedKeys(t *testing.T) {
	got := sortedKeys(map[string][]byte{"r/b.json": nil, "r/x/sha.json": nil, "r/a.json": nil, "r.json": nil})
	if want := []string{"r/x/sha.json", "r/a.json", "r/b.json", "r.json"}; !slices.Equal(got, want) {
		t.Errorf("sortedKeys = %q, want %q", got, want)
	}
}
