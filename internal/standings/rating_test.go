package standings

import (
	"math"
	"testing"

	"github.com/ai-league/ai-league/internal/league"
)

func TestRating(t *testing.T) {
	models := []league.Model{model("a", 1), model("b", 1), model("c", 1)}
	// A beats B on 3 of 3. With the virtual games A has W=4 over 3 games with B and
	// 2 with the virtual player; B has W=1. Swapping A and B and inverting strengths
	// maps the problem onto itself, so at the unique fixed point p_B = 1/p_A = 1/x.
	// A's equation 4 = 3x/(x+1/x) + 2x/(x+1) becomes x³ − x² − 2x − 4 = 0, whose
	// real root is x = 2.4675038570565…; the geometric mean is 1, so
	// A = 1500 + 400·log10 x = 1656.903…, B = 1343.097….
	beat := 1500 + 400*math.Log10(2.4675038570565175)
	tests := []struct {
		name    string
		results []league.Result
		want    map[string]float64
		exact   bool // every resample repeats the same outcomes, so the interval is the rating
	}{
		{"a beats b 3-0", concat(scores("a", "d", 3, 3, 3), scores("b", "d", 1, 1, 1)),
			map[string]float64{"a": round1(beat), "b": round1(3000 - beat)}, true},
		{"all drawn: symmetric", concat(scores("a", "d", 3, 3, 3), scores("b", "d", 3, 3, 3)),
			map[string]float64{"a": 1500, "b": 1500}, true},
		// Each takes one benchmark from each other (a cycle): symmetric again.
		{"cycle: symmetric", concat(scores("a", "d", 3, 2, 1), scores("b", "d", 2, 1, 3), scores("c", "d", 1, 3, 2)),
			map[string]float64{"a": 1500, "b": 1500, "c": 1500}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Compute(models, threeBenches, tt.results, Rules{}, "")
			for _, r := range s.Latest().Table(Overall).Rows {
				if r.Rating != tt.want[r.Model] {
					t.Errorf("%s: rating %v, want %v", r.Model, r.Rating, tt.want[r.Model])
				}
				if tt.exact && (r.RatingLow != r.Rating || r.RatingHigh != r.Rating) {
					t.Errorf("%s: interval [%v, %v], want the rating %v", r.Model, r.RatingLow, r.RatingHigh, r.Rating)
				}
				if !tt.exact && (r.RatingLow >= r.Rating || r.RatingHigh <= r.Rating) {
					t.Errorf("%s: interval [%v, %v] should strictly contain %v", r.Model, r.RatingLow, r.RatingHigh, r.Rating)
				}

			}
		})
	}
}

func TestFitExact(t *testing.T) {
	// The unrounded fit of the 3-0 case (a takes all three legs), to the
	// precision of the stopping rule.
	es := &edges{words: 1, I: []int32{0}, J: []int32{1}, shared: []uint64{0b111}, wonI: []uint64{0b111}, draw: []uint64{0}}
	f := newFitter(2, es)
	f.aggregate([][]uint64{{0b111}})
	got := ratingsInto(make([]float64, 2), f.fit(nil))
	want := 1500 + 400*math.Log10(2.4675038570565175)
	if math.Abs(got[0]-want) > 1e-6 || math.Abs(got[1]-(3000-want)) > 1e-6 {
		t.Errorf("fit = %v, want [%v %v]", got, want, 3000-want)
	}
}

func TestPercentile(t *testing.T) {
	tests := []struct {
		values []float64
		p      float64
		want   float64
	}{
		{[]float64{7}, 0.975, 7},
		{[]float64{0, 10}, 0.025, 0.25},
		{[]float64{0, 10, 20, 30, 40}, 0.975, 39}, // position 3.9
		{[]float64{0, 10, 20, 30, 40}, 0.025, 1},  // position 0.1
	}
	for _, tt := range tests {
		if got := percentile(tt.values, tt.p); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("percentile(%v, %v) = %v, want %v", tt.values, tt.p, got, tt.want)
		}
	}
}
