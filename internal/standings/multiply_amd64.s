#include "textflag.h"

// func multiplyRowAVX(h *float64, groups int, qi *float64, delta, stride uintptr, mv int)
TEXT ·multiplyRowAVX(SB), NOSPLIT, $0-48
	MOVQ h+0(FP), SI
	MOVQ groups+8(FP), CX
	MOVQ qi+16(FP), R8
	MOVQ delta+24(FP), DI
	MOVQ stride+32(FP), DX
	MOVQ mv+40(FP), BX
	SHLQ $3, BX              // the columns' bytes
	LEAQ (R8)(DX*1), R10     // q's rows of the group's four players
	LEAQ (R10)(DX*1), R11
	LEAQ (R11)(DX*1), R12
	LEAQ (R12)(DX*1), R13
	LEAQ (DX)(DX*1), R9
	SHLQ $1, R9
	SUBQ BX, R9              // from a group's end to the next group's start: 4·stride − columns

group:
	VBROADCASTSD 0(SI), Y12
	VBROADCASTSD 8(SI), Y13
	VBROADCASTSD 16(SI), Y14
	VBROADCASTSD 24(SI), Y15
	MOVQ BX, AX

column:
	VMOVUPD (R8), Y0         // qi
	VMULPD (R10), Y12, Y2    // h0*q0
	VMULPD (R11), Y13, Y3    // h1*q1
	VADDPD Y3, Y2, Y2
	VMULPD (R12), Y14, Y3    // h2*q2
	VADDPD Y3, Y2, Y2
	VMULPD (R13), Y15, Y3    // h3*q3
	VADDPD Y3, Y2, Y2
	VMOVUPD (R8)(DI*1), Y1   // ai −= the sum
	VSUBPD Y2, Y1, Y1
	VMOVUPD Y1, (R8)(DI*1)
	VMULPD Y0, Y12, Y3       // a0 −= h0*qi
	VMOVUPD (R10)(DI*1), Y4
	VSUBPD Y3, Y4, Y4
	VMOVUPD Y4, (R10)(DI*1)
	VMULPD Y0, Y13, Y3       // a1 −= h1*qi
	VMOVUPD (R11)(DI*1), Y5
	VSUBPD Y3, Y5, Y5
	VMOVUPD Y5, (R11)(DI*1)
	VMULPD Y0, Y14, Y3       // a2 −= h2*qi
	VMOVUPD (R12)(DI*1), Y6
	VSUBPD Y3, Y6, Y6
	VMOVUPD Y6, (R12)(DI*1)
	VMULPD Y0, Y15, Y3       // a3 −= h3*qi
	VMOVUPD (R13)(DI*1), Y7
	VSUBPD Y3, Y7, Y7
	VMOVUPD Y7, (R13)(DI*1)
	ADDQ $32, R8
	ADDQ $32, R10
	ADDQ $32, R11
	ADDQ $32, R12
	ADDQ $32, R13
	SUBQ $32, AX
	JNZ column

	SUBQ BX, R8              // back to qi's first column
	ADDQ R9, R10
	ADDQ R9, R11
	ADDQ R9, R12
	ADDQ R9, R13
	ADDQ $32, SI
	DECQ CX
	JNZ group
	VZEROUPPER
	RET

// func dotAxpyAVX(row, qs, as *float64, groups int, qi float64) (s0, s1 float64)
TEXT ·dotAxpyAVX(SB), NOSPLIT, $0-56
	MOVQ row+0(FP), SI
	MOVQ qs+8(FP), DI
	MOVQ as+16(FP), R8
	MOVQ groups+24(FP), CX
	VBROADCASTSD qi+32(FP), Y15
	VXORPD X0, X0, X0        // s0, s1

pair:
	VMOVUPD (SI), Y2         // row[j:j+4]
	VMULPD (DI), Y2, Y3      // row[j]*qs[j]
	VADDPD X3, X0, X0        // s0 += j's, s1 += j+1's
	VEXTRACTF128 $1, Y3, X4
	VADDPD X4, X0, X0        // s0 += j+2's, s1 += j+3's
	VMULPD Y15, Y2, Y5       // as[j] −= row[j]*qi
	VMOVUPD (R8), Y6
	VSUBPD Y5, Y6, Y6
	VMOVUPD Y6, (R8)
	ADDQ $32, SI
	ADDQ $32, DI
	ADDQ $32, R8
	DECQ CX
	JNZ pair

	MOVSD X0, s0+40(FP)
	MOVHPD X0, s1+48(FP)
	VZEROUPPER
	RET
