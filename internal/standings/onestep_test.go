package standings

import (
	"math"
	"slices"
	"sort"
	"testing"

	"github.com/ai-league/ai-league/internal/genleague"
)

// TestDenseAndEdgeBasesAgree linearises the overall fit of a generated league once
// with dense matrices and once edge by edge.
func TestDenseAndEdgeBasesAgree(t *testing.T) {
	tb := generatedOverall()
	n, es := len(tb.members), tb.edges
	benches := make([]int, 20)
	for b := range benches {
		benches[b] = b
	}
	us := map[int][]float64{}
	for _, from := range []int{32, 1 << 30} {
		denseFrom = from
		f := newFitter(n, es)
		if dense := len(f.dense) > 0; dense != (from == 32) {
			t.Fatalf("denseFrom %d: dense = %v", from, dense)
		}
		f.aggregate([][]uint64{es.benchmarks()})
		us[from] = f.basis(f.fit(nil), benches)
	}
	denseFrom = 32
	if len(us[32]) != n*21 {
		t.Fatalf("basis of %d values, want %d", len(us[32]), n*21)
	}
	big := 0.0
	for k, v := range us[32] {
		big = max(big, math.Abs(v))
		if math.Abs(v-us[1<<30][k]) > 1e-9 {
			t.Errorf("entry %d: dense %v, edges %v", k, v, us[1<<30][k])
		}
	}
	if big < 1e-3 {
		t.Errorf("basis all but zero (largest %v)", big)
	}
}

// TestOneStepCloseToRefits computes a generated league whose overall table is just
// larger than linearFrom, once with the one-step bootstrap and once refitting every
// resample, and bounds how far the intervals differ: the ends of an interval at
// most maxOneStepDiff rating points apart (measured: 100.8, on ratings that span
// some 4,000 points), half of them within 40 (measured: 27.1), and every interval
// 0.7 to 1.3 times as wide as the refits' (measured: 0.81 to 1.07). The smaller
// tables, and every rating, are the same either way.
func TestOneStepCloseToRefits(t *testing.T) {
	l := genleague.Generate(genleague.Params{Models: linearFrom + 20, Benchmarks: 30, Dates: 2, News: 1, Posts: 1})
	oneStep := computeWith(l.Models, l.Benchmarks, l.Results, benchRules, "", 2)
	old := linearFrom
	linearFrom = 1 << 30
	refit := computeWith(l.Models, l.Benchmarks, l.Results, benchRules, "", 2)
	linearFrom = old

	var diffs []float64
	for s, sn := range oneStep.Snapshots {
		for k, tb := range sn.Tables {
			want := refit.Snapshots[s].Tables[k]
			big := len(tb.Rows) > linearFrom
			for r, row := range tb.Rows {
				w := want.Rows[r]
				row.Movement, w.Movement = nil, nil
				if !big {
					if row != w {
						t.Errorf("%s %s: %+v, want %+v (a table refitted either way)", sn.Date, tb.ID, row, w)
					}
					continue
				}
				if row.Model != w.Model || row.Rating != w.Rating {
					t.Fatalf("%s %s row %d: %s %v, want %s %v", sn.Date, tb.ID, r, row.Model, row.Rating, w.Model, w.Rating)
				}
				diffs = append(diffs, math.Abs(row.RatingLow-w.RatingLow), math.Abs(row.RatingHigh-w.RatingHigh))
				ratio := (row.RatingHigh - row.RatingLow) / (w.RatingHigh - w.RatingLow)
				if ratio < 0.7 || ratio > 1.3 {
					t.Errorf("%s %s %s: interval [%v, %v], refitted [%v, %v]", sn.Date, tb.ID, row.Model, row.RatingLow, row.RatingHigh, w.RatingLow, w.RatingHigh)
				}
				if row.RatingLow > row.Rating || row.RatingHigh < row.Rating {
					t.Errorf("%s %s %s: interval [%v, %v] misses the rating %v", sn.Date, tb.ID, row.Model, row.RatingLow, row.RatingHigh, row.Rating)
				}
			}
		}
	}
	if len(diffs) == 0 {
		t.Fatalf("no table of more than %d models", linearFrom)
	}
	sort.Float64s(diffs)
	worst, median := diffs[len(diffs)-1], diffs[len(diffs)/2]
	t.Logf("%d interval ends: at most %.1f rating points from the refits', median %.1f", len(diffs), worst, median)
	if worst > maxOneStepDiff || median > 40 {
		t.Errorf("one-step intervals up to %.1f (median %.1f) rating points from the refits', want at most %v (40)", worst, median, maxOneStepDiff)
	}
	if median == 0 {
		t.Errorf("one-step intervals all equal to the refits': the one-step bootstrap was not used")
	}
}

// maxOneStepDiff bounds, in rating points, how far the ends of a one-step interval
// may be from the refits' in TestOneStepCloseToRefits.
const maxOneStepDiff = 120.0

// TestSolveBlock solves (−H)·X = B for three right-hand sides at once, one of them
// zero, and checks each column against the fitter's own product with −H.
func TestSolveBlock(t *testing.T) {
	// Three players in a triangle; the Hessian at some strengths.
	es := &edges{words: 1, I: []int32{0, 0, 1}, J: []int32{1, 2, 2},
		shared: []uint64{0b111, 0b011, 0b110}, wonI: []uint64{0b101, 0b001, 0b010}, draw: []uint64{0, 0b010, 0}}
	f := newFitter(3, es)
	f.aggregate([][]uint64{{0b111}})
	f.gradient([]float64{0.3, -0.2, 0.1})
	b := []float64{ // row-major 3×3: columns zero, (1, −2, 0.5), (0, 0, 1)
		0, 1, 0,
		0, -2, 0,
		0, 0.5, 1,
	}
	want := slices.Clone(b)
	x := f.solveBlock(b, 3)
	for c := range 3 {
		col := []float64{x[c], x[3+c], x[6+c]}
		if c == 0 {
			if col[0] != 0 || col[1] != 0 || col[2] != 0 {
				t.Errorf("zero column solved to %v", col)
			}
			continue
		}
		back := make([]float64, 3)
		f.multiply(col, back)
		for i := range 3 {
			if math.Abs(back[i]-want[i*3+c]) > 1e-7 {
				t.Errorf("column %d: (−H)·x = %v, want column of %v", c, back, want)
				break
			}
		}
	}
}

// TestBasisColumnsApartAsTogether solves the basis of a generated league's overall
// table whole and in column ranges of several widths (as rate hands them to the
// pool), in both the dense and the edge-by-edge form, and wants the same bits.
func TestBasisColumnsApartAsTogether(t *testing.T) {
	tb := generatedOverall()
	n, es := len(tb.members), tb.edges
	benches := make([]int, 20)
	for b := range benches {
		benches[b] = b
	}
	m := len(benches) + 1
	defer func(old int) { denseFrom = old }(denseFrom)
	for _, from := range []int{32, 1 << 30} {
		denseFrom = from
		f := newFitter(n, es)
		f.aggregate([][]uint64{es.benchmarks()})
		theta := slices.Clone(f.fit(nil))
		whole := f.basis(theta, benches)
		for _, width := range []int{1, 5, basisColumns, m} {
			rhs := f.basisRHS(theta, benches)
			before := slices.Clone(rhs)
			u := make([]float64, len(rhs))
			for lo := 0; lo < m; lo += width {
				f.solveColumns(rhs, m, lo, min(lo+width, m), u)
			}
			if !slices.Equal(rhs, before) {
				t.Errorf("denseFrom %d, width %d: the right-hand sides changed", from, width)
			}
			for k := range u {
				if math.Float64bits(u[k]) != math.Float64bits(whole[k]) {
					t.Fatalf("denseFrom %d, width %d: entry %d (row %d, column %d) is %v, whole %v", from, width, k, k/m, k%m, u[k], whole[k])
				}
			}
		}
	}
}
