package site

import (
	"testing"

	"github.com/ai-league/ai-league/internal/config"
	"github.com/ai-league/ai-league/internal/content"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/news"
	"github.com/ai-league/ai-league/internal/standings"
)

func TestSite(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://user.github.io/repo/"
	data := &league.Data{Models: []league.Model{{ID: "m", Name: "Model M", Club: "c"}}, Clubs: []league.Club{{ID: "c", Name: "Club C"}}}
	items := []news.Item{{ID: "1", Models: []string{"m"}}, {ID: "2", Clubs: []string{"c"}}, {ID: "3"}}
	s := New(cfg, data, &standings.Season{}, items)
	s.AddContent([]content.Post{{Slug: "b", Tags: []string{"x", "y"}, Models: []string{"m"}}, {Slug: "a", Tags: []string{"x"}}}, nil)

	for _, tt := range []struct{ got, want string }{
		{s.BasePath(), "/repo/"},
		{s.URL("models/m/"), "/repo/models/m/"},
		{s.URL("/standings/"), "/repo/standings/"},
		{s.AbsURL("feed.xml"), "https://user.github.io/repo/feed.xml"},
		{s.AbsURL(""), "https://user.github.io/repo/"},
		{H2HPath("z", "a"), "h2h/a-vs-z/"},
		{s.ModelName("m"), "Model M"},
		{s.ModelName("gone"), "gone"},
		{s.ClubName("c"), "Club C"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if len(s.Tags) != 2 || s.Tags[0].Name != "x" || len(s.Tags[0].Posts) != 2 || s.Tags[0].Posts[0].Slug != "b" {
		t.Errorf("tags = %+v", s.Tags)
	}
	if got := s.NewsAbout("m", "c"); len(got) != 2 {
		t.Errorf("news about m or c = %d items, want 2", len(got))
	}
	if got := s.PostsAbout("m"); len(got) != 1 || got[0].Slug != "b" {
		t.Errorf("posts about m = %v", got)
	}
}
