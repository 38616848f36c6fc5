package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A session's rebuilds give the same output as a fresh build of the edited site,
// taking the short way (content only) when an edit of posts keeps the site's shape.
func TestSessionRebuilds(t *testing.T) {
	src := testSite(t)
	tmp := t.TempDir()
	out := filepath.Join(tmp, "public")
	s := NewSession(options(src, out))
	ctx := context.Background()
	if _, how, err := s.Rebuild(ctx, nil); err != nil || how != "full" {
		t.Fatalf("first build: %q, %v", how, err)
	}
	post := filepath.Join(src, "content/posts/derby.md")
	edit := func(file, old, new string) {
		t.Helper()
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s lacks %q", file, old)
		}
		if err := os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	plain := "---\ntitle: Plain\ndate: 2026-01-22\nsummary: No league here.\ntags: [small]\n---\nJust *text*.\n"
	steps := []struct {
		name    string
		do      func()
		changed []string
		how     string
		want    string // in the post's or the home page
	}{
		{"post body", func() { edit(post, "Alpha and Beta met", "Alpha and Beta clashed") },
			[]string{"content/posts/derby.md"}, "content", "clashed"},
		{"post title", func() { edit(post, "title: The small derby", "title: The little derby") },
			[]string{"content/posts/derby.md"}, "content", "The little derby"},
		{"new post", func() { os.WriteFile(filepath.Join(src, "content/posts/plain.md"), []byte(plain), 0o644) },
			[]string{"content/posts/plain.md"}, "full", "Plain"},
		{"plain post edit", func() { edit(filepath.Join(src, "content/posts/plain.md"), "Just *text*", "Only *words*") },
			[]string{"content/posts/plain.md"}, "content", "<em>words</em>"},
		{"tags among the existing ones", func() { edit(filepath.Join(src, "content/posts/plain.md"), "tags: [small]", "tags: [derby]") },
			[]string{"content/posts/plain.md"}, "content", "<em>words</em>"},
		{"date that reorders the posts", func() { edit(filepath.Join(src, "content/posts/plain.md"), "date: 2026-01-22", "date: 2026-01-02") },
			[]string{"content/posts/plain.md"}, "full", "<em>words</em>"},
		{"page", func() { edit(filepath.Join(src, "content/about.md"), "A test league.", "A test league. Edited about.") },
			[]string{"content/about.md"}, "content", "Edited about."},
		{"new tag", func() { edit(post, "tags: [derby, small]", "tags: [derby, small, rivals]") },
			[]string{"content/posts/derby.md"}, "full", "rivals"},
		{"results", func() { edit(filepath.Join(src, "content/posts/plain.md"), "Only", "Merely") },
			[]string{"content/posts/plain.md", "data/results/later.json"}, "full", "Merely"},
		{"removed post", func() { os.Remove(filepath.Join(src, "content/posts/plain.md")) },
			[]string{"content/posts/plain.md"}, "full", "little derby"},
	}
	for i, st := range steps {
		st.do()
		_, how, err := s.Rebuild(ctx, st.changed)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if how != st.how {
			t.Errorf("%s: rebuilt the %s way, want %s", st.name, how, st.how)
		}
		fresh := filepath.Join(tmp, "fresh", st.name)
		build(t, options(src, fresh))
		want := files(t, fresh)
		got := files(t, out)
		sameFiles(t, st.name, want, got)
		all := ""
		for p, b := range got {
			if strings.HasSuffix(p, ".html") {
				all += string(b)
			}
		}
		if !strings.Contains(all, st.want) {
			t.Errorf("step %d, %s: no page shows %q", i, st.name, st.want)
		}
	}
}

// A failed rebuild leaves the output as it was, and the next good one recovers.
func TestSessionRecovers(t *testing.T) {
	src := testSite(t)
	out := filepath.Join(t.TempDir(), "public")
	s := NewSession(options(src, out))
	ctx := context.Background()
	if _, _, err := s.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	before := files(t, out)
	post := filepath.Join(src, "content/posts/derby.md")
	good, _ := os.ReadFile(post)
	os.WriteFile(post, []byte(strings.Replace(string(good), "h2h alpha-7b beta-9b", "h2h alpha-7b nobody", 1)), 0o644)
	_, _, err := s.Rebuild(ctx, []string{"content/posts/derby.md"})
	if err == nil || !strings.Contains(err.Error(), "content/posts/derby.md:") || !strings.Contains(err.Error(), "nobody") {
		t.Fatalf("broken post: err = %v", err)
	}
	sameFiles(t, "after the failure", before, files(t, out))
	os.WriteFile(post, []byte(strings.Replace(string(good), "Alpha and Beta met", "Alpha and Beta met again", 1)), 0o644)
	if _, _, err := s.Rebuild(ctx, []string{"content/posts/derby.md"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(files(t, out)[filepath.Join("posts", "derby", "index.html")]), "met again") {
		t.Error("the fixed post is not on its page")
	}
}
