package render

import (
	"encoding/json"
	"testing"
)

// TestModelMatchAsJSONMarshal: a match's array is the bytes json.Marshal makes of
// its values, for plain ids and paths and for strings it escapes, and inside a
// document too.
func TestModelMatchAsJSONMarshal(t *testing.T) {
	names := []string{"", "qwen3.5-9b", "/h2h/a--b/", "https://x.example/ai-league/h2h/a--b/", "a\"b", `a\b`, "<script>", "a&b",
		"tab\there", "nul\x00", "é", "line\u2028sep", "bad\xffutf8", "del\x7f", "~!@#$%^*()_+={}[]|:;',.?"}
	for _, opp := range names {
		for _, h2h := range names {
			for _, n := range [][3]int{{0, 0, 0}, {12, 3, 45}, {-1, 1000000, 7}} {
				m := modelMatch{Opponent: opp, For: n[0], Against: n[1], Drawn: n[2], H2H: h2h}
				got, err := m.MarshalJSON()
				if err != nil {
					t.Fatal(err)
				}
				a := []any{opp, n[0], n[1], n[2]}
				if h2h != "" {
					a = append(a, h2h)
				}
				want, _ := json.Marshal(a)
				if string(got) != string(want) {
					t.Fatalf("%+v: %s, want %s", m, got, want)
				}
			}
		}
	}
	doc, err := json.Marshal(struct {
		Matches []modelMatch `json:"matches"`
	}{[]modelMatch{{Opponent: "b", For: 2, Against: 1, Drawn: 3, H2H: "/h2h/a--b/"}, {Opponent: "c<", For: 0, Against: 4}}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"matches":[["b",2,1,3,"/h2h/a--b/"],["c\u003c",0,4,0]]}`; string(doc) != want {
		t.Errorf("document %s, want %s", doc, want)
	}
}
