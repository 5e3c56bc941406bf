package syntax

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// encoder writes a model's parts as varints, strings and float32s, in an
// order the writer fixes, so the same model gives the same bytes.
type encoder struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func newEncoder(w io.Writer) *encoder { return &encoder{w: bufio.NewWriter(w)} }

func (e *encoder) uvarint(v uint64) {
	n := binary.PutUvarint(e.buf[:], v)
	e.w.Write(e.buf[:n])
}

func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.w.WriteString(s)
}

func (e *encoder) float32(f float32) {
	binary.LittleEndian.PutUint32(e.buf[:4], math.Float32bits(f))
	e.w.Write(e.buf[:4])
}

func (e *encoder) uint64(v uint64) {
	binary.LittleEndian.PutUint64(e.buf[:8], v)
	e.w.Write(e.buf[:8])
}

func (e *encoder) flush() error { return e.w.Flush() }

// decoder reads what an encoder wrote. It keeps its first error; every read
// after it returns zero values, and err reports it.
type decoder struct {
	r   *bufio.Reader
	err error
}

func newDecoder(r io.Reader) *decoder { return &decoder{r: bufio.NewReader(r)} }

// errCorrupt is what a model that ends early or holds impossible sizes gives.
var errCorrupt = errors.New("corrupt model")

func (d *decoder) fail(err error) {
	if d.err == nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		d.err = fmt.Errorf("%w: %w", errCorrupt, err)
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	if err != nil {
		d.fail(err)
	}
	return v
}

// count reads a length and checks it against limit, so that a corrupt
// model cannot ask for a huge allocation.
func (d *decoder) count(limit int) int {
	n := d.uvarint()
	if n > uint64(limit) {
		d.fail(fmt.Errorf("a count of %d, above %d", n, limit))
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.count(1 << 20)
	if d.err != nil || n == 0 {
		return ""
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.fail(err)
		return ""
	}
	return string(b)
}

func (d *decoder) float32() float32 {
	var b [4]byte
	if d.err != nil {
		return 0
	}
	if _, err := io.ReadFull(d.r, b[:]); err != nil {
		d.fail(err)
		return 0
	}
	return math.Float32frombits(binary.LittleEndian.Uint32(b[:]))
}

func (d *decoder) uint64() uint64 {
	var b [8]byte
	if d.err != nil {
		return 0
	}
	if _, err := io.ReadFull(d.r, b[:]); err != nil {
		d.fail(err)
		return 0
	}
	return binary.LittleEndian.Uint64(b[:])
}
