package content

import (
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// seasonModels are the player ids of the bundled 2026 season.
var seasonModels = map[string]bool{}

func init() {
	for _, id := range strings.Fields(`gemma-4-e2b gemma-4-e4b gemma-4-12b gemma-4-26b-a4b gemma-4-31b
		qwen3.5-2b qwen3.5-4b qwen3.5-9b qwen3.5-27b qwen3.5-35b-a3b qwen3.5-122b-a10b qwen3.5-397b-a17b
		qwen3.6-35b-a3b qwen3.6-27b deepseek-v4-flash deepseek-v4-pro mistral-small-4`) {
		seasonModels[id] = true
	}
}

// TestBundledContent loads the repository's own content/ directory.
func TestBundledContent(t *testing.T) {
	var calls []call
	posts, pages, err := Load(os.DirFS("../.."), Options{Embed: recorder(&calls), KnownModels: seasonModels, BasePath: "/ai-league/"})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	t.Run("posts", func(t *testing.T) {
		var got []string
		for _, p := range posts {
			got = append(got, p.Date+" "+p.Slug)
			if p.Title == "" || p.Summary == "" || len(p.Tags) == 0 {
				t.Errorf("%s: title, summary and tags should be set", p.File)
			}
		}
		want := []string{"2026-06-06 season-so-far", "2026-06-05 executive-order", "2026-06-04 laptop-derby"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("posts = %v, want %v", got, want)
		}
	})
	t.Run("league blocks", func(t *testing.T) {
		// Posts render in parallel, so calls from different files come in
		// any order: compare them sorted by date, then kind and arguments.
		sort.Slice(calls, func(i, j int) bool {
			a, b := calls[i], calls[j]
			if a.date != b.date {
				return a.date < b.date
			}
			if a.kind != b.kind {
				return a.kind < b.kind
			}
			return strings.Join(a.args, " ") < strings.Join(b.args, " ")
		})
		want := []call{
			{"h2h", []string{"gemma-4-12b", "qwen3.5-9b"}, "2026-06-04"},
			{"standings", []string{"laptop"}, "2026-06-04"},
			{"standings", []string{"overall"}, "2026-06-06"},
		}
		if !reflect.DeepEqual(calls, want) {
			t.Errorf("calls = %v, want %v", calls, want)
		}
	})
	t.Run("about page", func(t *testing.T) {
		if len(pages) != 1 || pages[0].Slug != "about" {
			t.Fatalf("pages = %+v, want about", pages)
		}
		if !strings.Contains(pages[0].HTML, `href="/ai-league/methodology/"`) {
			t.Errorf("about lacks the base-path methodology link:\n%s", pages[0].HTML)
		}
	})
}
