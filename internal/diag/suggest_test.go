package diag

import "testing"

// TestSuggestLimits checks how far a suggestion may be from the word: closer than
// len/2+2 edits, and at most 3 edits or a third of the word; ties go to the
// smallest candidate.
func TestSuggestLimits(t *testing.T) {
	tests := []struct {
		word       string
		candidates []string
		want       string
	}{
		{"a", []string{"bcd"}, ""},                                            // 3 edits from a 1-letter word
		{"ab", []string{"xyz"}, ""},                                           // 3 edits, the limit for 2 letters is under 3
		{"abc", []string{"xyz"}, ""},                                          // 3 edits: not under 3/2+2 = 3
		{"abcde", []string{"abxyz"}, "abxyz"},                                 // 3 edits: allowed
		{"abcdefgh", []string{"abcvwxyz"}, ""},                                // 5 edits: more than 3 and than 8/3
		{"abcdefghijkl", []string{"abcdefghwxyz"}, "abcdefghwxyz"},            // 4 edits = 12/3: allowed
		{"abcdefghijklmno", []string{"abcdefghijkvwxyz"}, "abcdefghijkvwxyz"}, // 5 edits = 15/3: allowed
		{"abcdefghijkl", []string{"abcdefgvwxyz"}, ""},                        // 5 edits > 12/3
		{"cat", []string{"cau", "cbt"}, "cau"},                                // tie: the smallest
		{"cat", []string{"cbt", "cau"}, "cau"},                                // tie, other order
		{"cat", []string{"cbt", "cat", "cau"}, "cat"},                         // exact beats close
		{"cat", []string{"dog", "cbt", "cbt"}, "cbt"},                         // duplicates
		{"cat", nil, ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, tt.candidates); got != tt.want {
			t.Errorf("Suggest(%q, %q) = %q, want %q", tt.word, tt.candidates, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"abc", "abc", 0},
		{"abc", "abd", 1},
		{"abc", "ab", 1},
		{"ab", "abc", 1},
		{"kitten", "sitting", 3},
		{"flaw", "lawn", 2},
		{"gpqa-diamnd", "gpqa-diamond", 1},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
