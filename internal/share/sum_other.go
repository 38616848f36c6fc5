//go:build !amd64

package share

// sum16 returns the sums a and b (as in adlerRow, not reduced) of p (see
// sum_amd64.go); without SSE2, sumWords's.
func sum16(p []byte) (a, b uint64) { return sumWords(p) }
