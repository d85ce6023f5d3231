package search

import "math/bits"

// bitWriter appends bits most significant first; the last byte is padded with zeros.
type bitWriter struct {
	buf  []byte
	n    uint // bits used in the last byte (0 = start a new byte)
	size int  // bits written
}

func (w *bitWriter) bit(b uint) {
	if w.n == 0 {
		w.buf = append(w.buf, 0)
	}
	if b != 0 {
		w.buf[len(w.buf)-1] |= 0x80 >> w.n
	}
	w.n = (w.n + 1) & 7
	w.size++
}

// fixed writes the low width bits of v.
func (w *bitWriter) fixed(v uint64, width int) {
	for i := width - 1; i >= 0; i-- {
		w.bit(uint(v>>uint(i)) & 1)
	}
}

// gamma writes v >= 1 in Elias gamma: z zeros, then v's z+1 bits (which start with a 1).
func (w *bitWriter) gamma(v uint64) {
	z := bits.Len64(v) - 1
	for i := 0; i < z; i++ {
		w.bit(0)
	}
	w.fixed(v, z+1)
}

// rice writes v >= 0 with parameter k: v>>k in unary (zeros ended by a one), then k low bits.
func (w *bitWriter) rice(v uint64, k int) {
	for q := v >> uint(k); q > 0; q-- {
		w.bit(0)
	}
	w.bit(1)
	w.fixed(v, k)
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
