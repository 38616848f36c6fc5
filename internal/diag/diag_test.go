package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		e    Error
		want string
	}{
		{Error{"data/results/q35.json", 14, 9, "result 3: unknown benchmark"}, "data/results/q35.json:14:9: result 3: unknown benchmark"},
		{Error{"site.yaml", 7, 0, "bad"}, "site.yaml:7: bad"},
		{Error{"x.json", 0, 0, "bad"}, "x.json: bad"},
		{Error{"", 0, 0, "bad"}, "bad"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("%#v = %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestListSortsAndMerges(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("an empty list is an error")
	}
	l.Add("b.yaml", 1, 1, "third")
	l.Add("a.yaml", 9, 2, "second")
	l.Add("a.yaml", 3, 5, "first %d", 1)
	l.Merge(nil)
	l.Merge(Error{File: "c.yaml", Msg: "fourth"})
	l.Merge(List{{File: "c.yaml", Line: 2, Msg: "fifth"}})
	l.Merge(fmt.Errorf("plain"))
	err := l.Err()
	want := "plain\na.yaml:3:5: first 1\na.yaml:9:2: second\nb.yaml:1:1: third\nc.yaml: fourth\nc.yaml:2: fifth"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	var back List
	if !errors.As(err, &back) || len(back) != 6 {
		t.Errorf("errors.As does not give back the list: %v", back)
	}
}

func TestSuggest(t *testing.T) {
	words := []string{"gpqa-diamond", "mmlu-pro", "mmlu-redux", "laptop", "title"}
	tests := []struct{ word, want string }{
		{"gpqa-diamnd", "gpqa-diamond"},
		{"mmlu-prro", "mmlu-pro"},
		{"laptp", "laptop"},
		{"titel", "title"},
		{"completely-different", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, words); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	if got := DidYouMean("laptp", words); got != ` (did you mean "laptop"?)` {
		t.Errorf("DidYouMean = %q", got)
	}
	if got := DidYouMean("zzzzzz", words); got != "" {
		t.Errorf("DidYouMean with no close word = %q", got)
	}
}
