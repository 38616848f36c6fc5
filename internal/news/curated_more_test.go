package news

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ai-league/ai-league/internal/config"
)

// TestCuratedAllErrors checks that one bad item does not hide the problems of
// the items and keys after it, and that an empty or null news.yaml is no error.
func TestCuratedAllErrors(t *testing.T) {
	const ok = "title: T\n  date: 2026-06-01\n  source: S\n  category: policy\n"
	tests := []struct {
		name, src, want string
	}{
		{"null file", "~\n", ""},
		{"empty file", "", ""},
		{"comment only", "# nothing yet\n", ""},
		{"scalar file", "just text\n", `data/news.yaml:1:1: expected a list of news items, got "just text"`},
		{"null models", "- " + ok + "  url: https://e.org/1\n  models: ~\n", ""},
		{"empty models", "- " + ok + "  url: https://e.org/1\n  models:\n", ""},
		{"after a scalar item", "- just text\n- " + ok + "  url: javascript:x\n",
			"data/news.yaml:1:3: item 1: expected a mapping of keys to values, got \"just text\"\n" +
				`data/news.yaml:6:8: item 2: url "javascript:x" is not an absolute http(s) URL`},
		{"after models that are not a list", "- " + ok + "  url: https://e.org/1\n  models: gemma-4-12b\n  colour: red\n",
			"data/news.yaml:6:11: item 1: models: expected a list of model ids, got \"gemma-4-12b\"\n" +
				`data/news.yaml:7:3: item 1: unknown key "colour"`},
		{"every model checked", "- " + ok + "  url: https://e.org/1\n  models: [[x], gemma-4-13b]\n",
			"data/news.yaml:6:12: item 1: models: expected a model id, got a list\n" +
				`data/news.yaml:6:17: item 1: unknown model "gemma-4-13b" (did you mean "gemma-4-12b"?)`},
		{"every unknown model", "- " + ok + "  url: https://e.org/1\n  models: [gemma-4-13b, qwen9]\n",
			"data/news.yaml:6:12: item 1: unknown model \"gemma-4-13b\" (did you mean \"gemma-4-12b\"?)\n" +
				`data/news.yaml:6:25: item 1: unknown model "qwen9"`},
		{"after an item with an error", "- " + ok + "  url: ftp://e.org/\n- " + ok + "  url: https://e.org/2\n- title: U\n",
			"data/news.yaml:5:8: item 1: url \"ftp://e.org/\" is not an absolute http(s) URL\n" +
				"data/news.yaml:11:3: item 3: missing \"url\"\n" +
				"data/news.yaml:11:3: item 3: missing \"date\"\n" +
				"data/news.yaml:11:3: item 3: missing \"source\"\n" +
				"data/news.yaml:11:3: item 3: missing \"category\""},
		{"after a repeated url", "- " + ok + "  url: https://e.org/1\n- " + ok + "  url: https://e.org/1\n- " + ok + "  url: https://e.org/1\n",
			"data/news.yaml:10:3: item 2: url \"https://e.org/1\" already listed by the item at line 1\n" +
				`data/news.yaml:15:3: item 3: url "https://e.org/1" already listed by the item at line 1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{CuratedFile: {Data: []byte(tt.src)}}
			items, err := Load(fsys, nil, testModels, testClubs)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("error =\n%s\nwant\n%s", got, tt.want)
			}
			if tt.want == "" && strings.Contains(tt.src, "url:") && len(items) != 1 {
				t.Errorf("items = %s, want one", dump(items))
			}
		})
	}
}

// TestArchiveErrors checks the messages for a broken archive file: its path once,
// the feed, and what is wrong.
func TestArchiveErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"{", "data/archive/news/lab.json: feed lab: unexpected EOF"},
		{`{"feed": "other", "items": []}`, `data/archive/news/lab.json: feed lab: "feed" is "other", want "lab"`},
		{`[]`, "data/archive/news/lab.json: feed lab: cannot unmarshal array into Go value of type archive.Feed"},
		{`{"feed": "lab", "items": [{"id": "1"}]}`, `data/archive/news/lab.json: feed lab: item 1: "id", "url" and "date" are required`},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{"data/archive/news/lab.json": {Data: []byte(tt.src)}}
		_, err := Load(fsys, []config.Feed{{ID: "lab", Category: "release"}}, nil, nil)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error = %v\nwant %s", tt.src, err, tt.want)
		}
	}
}

func TestTrimPath(t *testing.T) {
	tests := []struct{ err, path, want string }{
		{"a/b.json: bad", "a/b.json", "bad"},
		{"a/b.json: ", "a/b.json", "a/b.json: "}, // nothing after the path: kept
		{"a/b.json: x", "a/b.json", "x"},
		{"a/b.jsonx: bad", "a/b.json", "a/b.jsonx: bad"},
		{"other: a/b.json: bad", "a/b.json", "other: a/b.json: bad"},
		{"bad", "a/b.json", "bad"},
	}
	for _, tt := range tests {
		if got := trimPath(errString(tt.err), tt.path); got != tt.want {
			t.Errorf("trimPath(%q, %q) = %q, want %q", tt.err, tt.path, got, tt.want)
		}
	}
}

type errString string

func (e errString) Error() string { return string(e) }
