package content

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// call is one Embed call seen by a test.
type call struct {
	kind string
	args []string
	date string
}

// recorder is an Embedder that records its calls and knows two tables.
// Load renders posts in parallel, so the calls are recorded under a lock.
func recorder(calls *[]call) Embedder {
	var mu sync.Mutex
	return func(kind string, args []string, date string) (string, error) {
		mu.Lock()
		*calls = append(*calls, call{kind, args, date})
		mu.Unlock()
		if kind == "standings" && args[0] != "laptop" && args[0] != "overall" {
			return "", fmt.Errorf("unknown table %q (did you mean %q?)", args[0], "laptop")
		}
		if kind == "h2h" && args[0] == args[1] {
			return "", fmt.Errorf("a model cannot play itself: %q", args[0])
		}
		return fmt.Sprintf(`<section class="%s">%s</section>`, kind, strings.Join(args, "|")), nil
	}
}

func TestLeagueBlockCallsEmbed(t *testing.T) {
	var calls []call
	body := "Intro.\n\n```league\nh2h gemma-4-12b qwen3.5-9b\n\n  standings   laptop  \n```\n\n- item\n\n  ```league\n  standings overall\n  ```\n"
	got := renderPost(t, body, Options{Embed: recorder(&calls)})

	wantCalls := []call{
		{"h2h", []string{"gemma-4-12b", "qwen3.5-9b"}, "2026-06-04"},
		{"standings", []string{"laptop"}, "2026-06-04"},
		{"standings", []string{"overall"}, "2026-06-04"},
	}
	if !reflect.DeepEqual(calls, wantCalls) {
		t.Errorf("calls = %v, want %v", calls, wantCalls)
	}
	for _, w := range []string{
		`<section class="h2h">gemma-4-12b|qwen3.5-9b</section><section class="standings">laptop</section>`,
		`<section class="standings">overall</section>`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("HTML lacks %s:\n%s", w, got)
		}
	}
	if strings.Contains(got, "<pre") || strings.Contains(got, "league") {
		t.Errorf("league block rendered as code:\n%s", got)
	}
}

func TestLeagueBlockOnPageHasNoDate(t *testing.T) {
	var calls []call
	fsys := fstest.MapFS{"content/about.md": file("---\ntitle: About\n---\n```league\nstandings overall\n```\n")}
	_, pages, err := Load(fsys, Options{Embed: recorder(&calls)})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 1 || calls[0].date != "" {
		t.Errorf("calls = %v, want one with date \"\"", calls)
	}
	if pages[0].HTML != `<section class="standings">overall</section>` {
		t.Errorf("HTML = %q", pages[0].HTML)
	}
}

func TestLeagueBlockPlaceholder(t *testing.T) {
	got := renderPost(t, "```league\nh2h a<b c\n```\n", Options{})
	want := `<div class="league-embed" data-kind="h2h">h2h a&lt;b c</div>` + "\n"
	if got != want {
		t.Errorf("HTML = %q, want %q", got, want)
	}
}

func TestLeagueBlockPlaceholders(t *testing.T) {
	got := renderPost(t, "```league\nstandings laptop\n\nh2h a b\n```\n", Options{})
	want := `<div class="league-embed" data-kind="standings">standings laptop</div>` + "\n" +
		`<div class="league-embed" data-kind="h2h">h2h a b</div>` + "\n"
	if got != want {
		t.Errorf("HTML = %q, want %q", got, want)
	}
}

func TestLeagueBlockErrors(t *testing.T) {
	// The front matter takes lines 1-4, so the body starts on line 5.
	const fm = "---\ntitle: T\ndate: 2026-06-04\n---\n"
	tests := []struct {
		name string
		body string
		want string
	}{
		{
			name: "embed error at the directive's line",
			body: "Para.\n\n```league\nh2h gemma-4-12b qwen3.5-9b\nstandings laptp\n```\n",
			want: `content/posts/x.md:9:1: league block: unknown table "laptp" (did you mean "laptop"?)`,
		},
		{
			name: "unknown directive, wrong counts, all collected",
			body: "```league\nstanding laptop\n```\n\ntext\n\n```league\nstandings\nh2h a\nh2h a b c\n\nh2h x x\n```\n",
			want: "content/posts/x.md:6:1: league block: unknown directive \"standing\" (did you mean \"standings\"?) (want standings or h2h)\n" +
				"content/posts/x.md:12:1: league block: standings takes a table id, e.g. standings laptop; got 0 arguments\n" +
				"content/posts/x.md:13:1: league block: h2h takes two model ids, e.g. h2h gemma-4-12b qwen3.5-9b; got 1 argument\n" +
				"content/posts/x.md:14:1: league block: h2h takes two model ids, e.g. h2h gemma-4-12b qwen3.5-9b; got 3 arguments\n" +
				"content/posts/x.md:16:1: league block: a model cannot play itself: \"x\"",
		},
		{
			name: "every failed embed of a block",
			body: "```league\nstandings laptp\nh2h x x\n```\n",
			want: "content/posts/x.md:6:1: league block: unknown table \"laptp\" (did you mean \"laptop\"?)\n" +
				"content/posts/x.md:7:1: league block: a model cannot play itself: \"x\"",
		},
		{
			name: "every unknown directive of a block",
			body: "```league\nbogus\nzzz\n```\n",
			want: "content/posts/x.md:6:1: league block: unknown directive \"bogus\" (want standings or h2h)\n" +
				"content/posts/x.md:7:1: league block: unknown directive \"zzz\" (want standings or h2h)",
		},
		{
			name: "empty block at the start of the body",
			body: "```league\n```\n",
			want: "content/posts/x.md:5:1: league block: empty; write one directive a line: standings <table> or h2h <model> <model>",
		},
		{
			name: "empty block at its fence",
			body: "Para.\n\n```league\n\n```\n",
			want: "content/posts/x.md:7:1: league block: empty; write one directive a line: standings <table> or h2h <model> <model>",
		},
		{
			name: "inside a blockquote",
			body: "> ```league\n> nope\n> ```\n",
			want: "content/posts/x.md:6:1: league block: unknown directive \"nope\" (want standings or h2h)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls []call
			_, _, err := Load(fstest.MapFS{"content/posts/x.md": file(fm + tt.body)}, Options{Embed: recorder(&calls)})
			if err == nil {
				t.Fatalf("no error, want %s", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error =\n%s\nwant\n%s", err, tt.want)
			}
		})
	}
}
