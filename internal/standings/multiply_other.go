//go:build !amd64

package standings

// vectorRows is false where there is no vector kernel (see multiply_amd64.go).
var vectorRows = false

// multiplyRowVector does nothing where there is no vector kernel.
func multiplyRowVector(row, q, aq []float64, i, m int) int { return 0 }

// dotAxpyVector does nothing where there is no vector kernel.
func dotAxpyVector(row, qs, as []float64, qi float64) (done int, s0, s1 float64) { return 0, 0, 0 }
