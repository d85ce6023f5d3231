package search

import "math/bits"

// bitWriter appends bits most significant first; bytes pads the last byte with zeros.
type bitWriter struct {
	buf []byte
	acc uint64 // bits not yet in buf, the last n of them
	n   uint
}

func (w *bitWriter) bit(b uint) { w.fixed(uint64(b), 1) }

// fixed writes the low width bits of v, width <= 56.
func (w *bitWriter) fixed(v uint64, width int) {
	w.acc = w.acc<<uint(width) | v&(1<<uint(width)-1)
	w.n += uint(width)
	for w.n >= 8 {
		w.n -= 8
		w.buf = append(w.buf, byte(w.acc>>w.n))
	}
}

// bytes returns what was written, the last byte padded with zeros.
func (w *bitWriter) bytes() []byte {
	if w.n > 0 {
		w.buf = append(w.buf, byte(w.acc<<(8-w.n)))
		w.n = 0
	}
	return w.buf
}

// gamma writes v >= 1 in Elias gamma: z zeros, then v's z+1 bits (which start with a 1).
func (w *bitWriter) gamma(v uint64) {
	z := bits.Len64(v) - 1
	w.zeros(z)
	w.fixed(v, z+1)
}

// rice writes v >= 0 with parameter k: v>>k in unary (zeros ended by a one), then k low bits.
func (w *bitWriter) rice(v uint64, k int) {
	w.zeros(int(v >> uint(k)))
	w.fixed(1, 1)
	w.fixed(v, k)
}

func (w *bitWriter) zeros(n int) {
	for ; n > 32; n -= 32 {
		w.fixed(0, 32)
	}
	w.fixed(0, n)
}

// riceBits is the length of rice(v, k) summed over gaps.
func riceBits(gaps []uint32, k int) int {
	n := 0
	for _, g := range gaps {
		n += int(g>>uint(k)) + 1 + k
	}
	return n
}

// bestRice picks the Rice parameter that codes gaps in the fewest bits.
func bestRice(gaps []uint32) int {
	if len(gaps) == 0 {
		return 0
	}
	var sum uint64
	for _, g := range gaps {
		sum += uint64(g)
	}
	k0 := bits.Len64(sum/uint64(len(gaps))) - 1
	best, bestN := 0, -1
	for k := max(0, k0-1); k <= k0+1 && k < 16; k++ {
		if n := riceBits(gaps, k); bestN < 0 || n < bestN {
			best, bestN = k, n
		}
	}
	return best
}
