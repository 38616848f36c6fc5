#include "textflag.h"

// Weights of the bytes of a 16-byte chunk in the sum b, as 16-bit lanes: the first
// byte 16, the last 1 (see sum16 in sum_amd64.go).
DATA weights<>+0(SB)/8, $0x000d000e000f0010
DATA weights<>+8(SB)/8, $0x0009000a000b000c
DATA weights<>+16(SB)/8, $0x0005000600070008
DATA weights<>+24(SB)/8, $0x0001000200030004
GLOBL weights<>(SB), RODATA|NOPTR, $32

// func sum16(p []byte) (a, b uint64)
TEXT ·sum16(SB), NOSPLIT, $0-40
	MOVQ p_base+0(FP), SI
	MOVQ p_len+8(FP), CX
	SHRQ $4, CX
	PXOR X0, X0 // zero
	PXOR X1, X1 // a so far, in two 64-bit lanes
	PXOR X2, X2 // the sum of a before each chunk, in two 64-bit lanes
	PXOR X3, X3 // the weighted sums of the chunks, in four 32-bit lanes
	MOVOU weights<>+0(SB), X6
	MOVOU weights<>+16(SB), X7
	TESTQ CX, CX
	JZ done

loop:
	MOVOU (SI), X4
	PADDQ X1, X2
	MOVO X4, X5
	PSADBW X0, X4 // sums of the two halves' bytes
	PADDQ X4, X1
	MOVO X5, X4
	PUNPCKLBW X0, X5 // bytes 0-7 as 16-bit lanes
	PUNPCKHBW X0, X4 // bytes 8-15
	PMADDWL X6, X5
	PMADDWL X7, X4
	PADDL X5, X3
	PADDL X4, X3
	ADDQ $16, SI
	DECQ CX
	JNZ loop

done:
	// a = the two lanes of X1; b = 16 × the two lanes of X2 + the four of X3.
	PSHUFD $0x4e, X1, X4
	PADDQ X4, X1
	MOVQ X1, AX
	PSHUFD $0x4e, X2, X4
	PADDQ X4, X2
	MOVQ X2, DX
	SHLQ $4, DX
	MOVO X3, X4
	PUNPCKLLQ X0, X3
	PUNPCKHLQ X0, X4
	PADDQ X4, X3
	PSHUFD $0x4e, X3, X4
	PADDQ X4, X3
	MOVQ X3, BX
	ADDQ BX, DX
	MOVQ AX, a+24(FP)
	MOVQ DX, b+32(FP)
	RET
