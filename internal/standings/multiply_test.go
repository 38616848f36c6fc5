package standings

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// multiplyBoth runs multiplyBlock on q once with the vector kernel (where there is
// one) and once with the Go loop alone, and returns both products.
func multiplyBoth(f *fitter, q []float64, m int) (vec, scalar []float64) {
	defer func(old bool) { vectorRows = old }(vectorRows)
	vec, scalar = make([]float64, len(q)), make([]float64, len(q))
	f.multiplyBlock(q, vec, m)
	vectorRows = false
	f.multiplyBlock(q, scalar, m)
	return vec, scalar
}

// TestMultiplyBlockVectorAsGo holds the vector kernel of multiplyBlock to the Go
// loop, bit for bit, on random dense triangles of every remainder of players and
// columns by four (ragged rows, the tail of columns the kernel leaves), with values
// over many magnitudes, negative zeros and subnormals; and, worked out by hand, on
// one small product.
func TestMultiplyBlockVectorAsGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	value := randomValue(rng)
	for _, n := range []int{1, 2, 4, 5, 8, 9, 12, 13, 34, 37} {
		for _, m := range []int{1, 3, 4, 5, 7, 8, 12, 13, 16, 17, 21} {
			f := &fitter{n: n, d: make([]float64, n), dense: make([]float64, n*n)}
			for i := range n {
				f.d[i] = value()
				for j := i + 1; j < n; j++ {
					f.dense[i*n+j] = value()
				}
			}
			q := make([]float64, n*m)
			for k := range q {
				q[k] = value()
			}
			before := slices.Clone(q)
			vec, scalar := multiplyBoth(f, q, m)
			if !slices.Equal(q, before) {
				t.Fatalf("n %d, m %d: q changed", n, m)
			}
			for k := range vec {
				if math.Float64bits(vec[k]) != math.Float64bits(scalar[k]) {
					t.Fatalf("n %d, m %d: entry %d (row %d, column %d) is %v with the kernel, %v without", n, m, k, k/m, k%m, vec[k], scalar[k])
				}
			}
		}
	}

	// Five players (one group of four and a single), four columns: row 0 of −H is
	// d0 = 10 and −1, −2, −3, −4 to players 1–4; the other weights are zero and the
	// other diagonals 1. Column c of q is (1, c, 2c, 3c, 4c) with c = 1…4.
	n, m := 5, 4
	f := &fitter{n: n, d: []float64{10, 1, 1, 1, 1}, dense: make([]float64, n*n)}
	copy(f.dense[1:5], []float64{1, 2, 3, 4})
	q := make([]float64, n*m)
	for c := range m {
		for i := range n {
			q[i*m+c] = float64(i * (c + 1))
		}
		q[c] = 1
	}
	for _, vec := range []bool{true, false} {
		old := vectorRows
		vectorRows = vec && old
		aq := make([]float64, n*m)
		f.multiplyBlock(q, aq, m)
		vectorRows = old
		for c := range m {
			k := float64(c + 1)
			// (−H)q: row 0 is 10 − (1·k + 2·2k + 3·3k + 4·4k) = 10 − 30k; row j is
			// j·k − j (q0 = 1).
			want := []float64{10 - 30*k, k - 1, 2*k - 2, 3*k - 3, 4*k - 4}
			for i := range n {
				if aq[i*m+c] != want[i] {
					t.Errorf("kernel %v: row %d, column %d = %v, want %v", vec, i, c, aq[i*m+c], want[i])
				}
			}
		}
	}
}

// randomValue draws values over many magnitudes, with zeros, negative zeros and
// subnormals.
func randomValue(rng *rand.Rand) func() float64 {
	return func() float64 {
		switch rng.IntN(10) {
		case 0:
			return 0
		case 1:
			return math.Copysign(0, -1)
		case 2:
			return 5e-324 * float64(rng.IntN(100))
		default:
			return rng.NormFloat64() * math.Pow(10, float64(rng.IntN(16)-8))
		}
	}
}

// TestMultiplyVectorAsGo holds the vector kernel of multiply (one column) to the Go
// loop, bit for bit, on random dense triangles of every remainder of players by four,
// and checks one product worked out by hand.
func TestMultiplyVectorAsGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	value := randomValue(rng)
	for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 33, 34, 35, 36, 101} {
		f := &fitter{n: n, d: make([]float64, n), dense: make([]float64, n*n)}
		for i := range n {
			f.d[i] = value()
			for j := i + 1; j < n; j++ {
				f.dense[i*n+j] = value()
			}
		}
		q := make([]float64, n)
		for k := range q {
			q[k] = value()
		}
		before := slices.Clone(q)
		vec, scalar := make([]float64, n), make([]float64, n)
		f.multiply(q, vec)
		old := vectorRows
		vectorRows = false
		f.multiply(q, scalar)
		vectorRows = old
		if !slices.Equal(q, before) {
			t.Fatalf("n %d: q changed", n)
		}
		for k := range vec {
			if math.Float64bits(vec[k]) != math.Float64bits(scalar[k]) {
				t.Fatalf("n %d: entry %d is %v with the kernel, %v without", n, k, vec[k], scalar[k])
			}
		}
	}

	// Seven players: row 0 has weights 1…6 to players 1–6 (one group of four, one
	// pair), the other rows none; d = 100 for player 0, 1 for the others; q = (1, 1,
	// 2, 3, 4, 5, 6). Row 0: 100 − (1·1 + 2·2 + 3·3 + 4·4 + 5·5 + 6·6) = 9; row j:
	// q_j − j (q_0 = 1).
	n := 7
	f := &fitter{n: n, d: []float64{100, 1, 1, 1, 1, 1, 1}, dense: make([]float64, n*n)}
	copy(f.dense[1:7], []float64{1, 2, 3, 4, 5, 6})
	q := []float64{1, 1, 2, 3, 4, 5, 6}
	want := []float64{9, 0, 0, 0, 0, 0, 0}
	for _, vec := range []bool{true, false} {
		old := vectorRows
		vectorRows = vec && old
		ap := make([]float64, n)
		f.multiply(q, ap)
		vectorRows = old
		if !slices.Equal(ap, want) {
			t.Errorf("kernel %v: (−H)q = %v, want %v", vec, ap, want)
		}
	}
}
