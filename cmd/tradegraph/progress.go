package main

import (
	"fmt"
	"io"
	"time"
)

// progress draws a one-line counter on a terminal when there are more than
// a handful of items; elsewhere it stays silent.
type progress struct {
	w        io.Writer
	total    int
	done     int
	on       bool
	lastDraw time.Time
}

func newProgress(w io.Writer, total int) *progress {
	return &progress{w: w, total: total, on: total > 5 && isTerminal(w)}
}

func (p *progress) step(name string) {
	p.done++
	if !p.on || (time.Since(p.lastDraw) < 100*time.Millisecond && p.done < p.total) {
		return
	}
	p.lastDraw = time.Now()
	width := 30
	filled := width * p.done / p.total
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = ' '
		if i < filled {
			bar[i] = '='
		}
	}
	if len(name) > 40 {
		name = "..." + name[len(name)-37:]
	}
	fmt.Fprintf(p.w, "\r\x1b[K[%s] %d/%d %s", bar, p.done, p.total, name)
}

func (p *progress) clear() {
	if p.on {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
