package standings

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

// vectorRows reports whether multiplyBlock runs its rows through multiplyRowAVX:
// the processor and the operating system support AVX. Tests switch it off to hold
// the kernel to the Go loop.
var vectorRows = cpu.X86.HasAVX

// multiplyRowAVX is the dense loop of multiplyBlock for one row i of the Hessian's
// upper triangle, over groups groups of four players j and the first mv columns
// (mv a multiple of 4, at least 4), four columns at a time:
//
//	ai[c] -= h0*q0[c] + h1*q1[c] + h2*q2[c] + h3*q3[c]  (left to right)
//	aj[c] -= hj*qi[c]                                  (j = the group's four)
//
// h points at the row's first weight (player i+1), qi at q's row i; q's rows are
// stride bytes apart, and aq's row of a player is delta bytes after q's. Each lane
// makes the same multiplications, additions and subtractions in the same order as
// the Go loop (no fused multiply-add), so every element comes out the same, bit for
// bit.
//
//go:noescape
func multiplyRowAVX(h *float64, groups int, qi *float64, delta, stride uintptr, mv int)

// multiplyRowVector runs multiplyRowAVX on row i of the dense triangle (row, its
// weights from player i+1 on) for the groups of four players and the columns it
// takes, and returns the number of columns it did (0 when it did nothing).
func multiplyRowVector(row, q, aq []float64, i, m int) int {
	groups, mv := len(row)/4, m&^3
	if !vectorRows || groups == 0 || mv == 0 {
		return 0
	}
	// Bounds: the last group's last row of q and aq is row i+4·groups ≤ n−1.
	last := (i + 4*groups + 1) * m
	_, _ = q[last-1], aq[last-1]
	delta := uintptr(unsafe.Pointer(&aq[0])) - uintptr(unsafe.Pointer(&q[0]))
	multiplyRowAVX(&row[0], groups, &q[i*m], delta, uintptr(m)*8, mv)
	return mv
}

// dotAxpyAVX is the dense loop of multiply for one row of the Hessian's upper
// triangle over 4·groups players j, four at a time:
//
//	s0 += row[j]*qs[j] for even j, s1 for odd j (each in j's order)
//	as[j] -= row[j]*qi
//
// and returns s0 and s1 (from zero). The even and odd sums are the two lanes of one
// register, which adds the products of j and j+1, then those of j+2 and j+3: the
// same additions in the same order as the Go loop's two sums, so the bits are the
// same.
//
//go:noescape
func dotAxpyAVX(row, qs, as *float64, groups int, qi float64) (s0, s1 float64)

// dotAxpyVector runs dotAxpyAVX on the first groups of four of row (qs and as as
// long), and returns the number of players it did (0 when it did nothing) and the
// two sums.
func dotAxpyVector(row, qs, as []float64, qi float64) (done int, s0, s1 float64) {
	groups := len(row) / 4
	if !vectorRows || groups == 0 {
		return 0, 0, 0
	}
	_, _ = qs[4*groups-1], as[4*groups-1]
	s0, s1 = dotAxpyAVX(&row[0], &qs[0], &as[0], groups, qi)
	return 4 * groups, s0, s1
}
