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
