package search

// bitReader reads what bitWriter wrote; the Go side of the decoder, used by tests.
type bitReader struct {
	buf []byte
	pos int
}

func (r *bitReader) bit() uint {
	b := uint(r.buf[r.pos>>3]>>(7-uint(r.pos&7))) & 1
	r.pos++
	return b
}

func (r *bitReader) fixed(width int) uint64 {
	var v uint64
	for i := 0; i < width; i++ {
		v = v<<1 | uint64(r.bit())
	}
	return v
}

func (r *bitReader) gamma() uint64 {
	z := 0
	for r.bit() == 0 {
		z++
	}
	return 1<<uint(z) | r.fixed(z)
}

func (r *bitReader) rice(k int) uint64 {
	var q uint64
	for r.bit() == 0 {
		q++
	}
	return q<<uint(k) | r.fixed(k)
}
