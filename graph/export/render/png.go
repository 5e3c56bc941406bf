package render

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/tradegraph/tradegraph/graph/export"
)

// The PNG is drawn here from Graphviz's layout rather than by go-graphviz's
// own PNG renderer, which draws wrongly. Shapes are filled and stroked with
// golang.org/x/image/vector's anti-aliasing rasterizer and text is set in
// the Go font, so the picture is the same on every machine.
const (
	pngScale   = 1.5   // pixels per point
	pngMaxSide = 12000 // pixels; larger drawings are scaled down
	pngMargin  = 8     // points around the drawing
	penWidth   = 1.2   // points, as the DOT export sets
	dashOn     = 6.0   // points of a dash
	dashOff    = 4.0   // points between dashes
	curveSteps = 16    // line segments per Bézier curve
)

func writePNG(w io.Writer, g *export.Graph) error {
	l, err := layoutOf(g)
	if err != nil {
		return err
	}
	img := rasterize(l)
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	return enc.Encode(w, img)
}

// canvas draws xdot operations on an image.
type canvas struct {
	img    *image.RGBA
	scale  float64
	pen    color.Color
	fill   color.Color
	dashed bool
	width  float64 // pen width, in points
	size   float64 // font size, in points
}

func rasterize(l *layout) *image.RGBA {
	scale := pngScale
	side := math.Max(l.Width, l.Height) + 2*pngMargin
	if side*scale > pngMaxSide {
		scale = pngMaxSide / side
	}
	w := int(math.Ceil((l.Width + 2*pngMargin) * scale))
	h := int(math.Ceil((l.Height + 2*pngMargin) * scale))
	c := &canvas{img: image.NewRGBA(image.Rect(0, 0, w, h)), scale: scale}
	draw.Draw(c.img, c.img.Bounds(), image.White, image.Point{}, draw.Src)
	c.run(l.Graph)
	for _, e := range l.Edges {
		c.run(e.Ops)
	}
	for _, n := range l.Nodes {
		c.run(n.Ops)
	}
	return c.img
}

// run draws a list of operations, each item starting from black on none.
func (c *canvas) run(ops []op) {
	c.pen, c.fill, c.dashed, c.width, c.size = color.Black, color.Transparent, false, penWidth, 14
	for _, o := range ops {
		switch o.Op {
		case "c":
			c.pen = parseColor(o.Color)
		case "C":
			c.fill = parseColor(o.Color)
		case "S":
			c.setStyle(o.Style)
		case "F":
			c.size = o.Size
		case "E", "e":
			if len(o.Rect) == 4 {
				pts := ellipse(o.Rect[0], o.Rect[1], o.Rect[2], o.Rect[3])
				c.shape(pts, true, o.Op == "E")
			}
		case "P", "p":
			c.shape(o.Points, true, o.Op == "P")
		case "L":
			c.shape(o.Points, false, false)
		case "B", "b":
			c.shape(bezier(o.Points), o.Op == "b", o.Op == "b")
		case "T":
			c.text(o)
		}
	}
}

func (c *canvas) setStyle(s string) {
	switch {
	case s == "dashed" || s == "dotted":
		c.dashed = true
	case s == "solid":
		c.dashed = false
	case s == "bold":
		c.width = 2 * penWidth
	case strings.HasPrefix(s, "setlinewidth("):
		if f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimPrefix(s, "setlinewidth("), ")"), 64); err == nil {
			c.width = f
		}
	}
}

// px maps a point of the layout to the image.
func (c *canvas) px(p []float64) (float32, float32) {
	return float32((p[0] + pngMargin) * c.scale), float32((p[1] + pngMargin) * c.scale)
}

// shape fills (when filled) and strokes a polyline, closed or not.
func (c *canvas) shape(pts [][]float64, closed, filled bool) {
	if len(pts) < 2 {
		return
	}
	if filled {
		z := c.rasterizer(pts, 1)
		z.MoveTo(c.px(pts[0]))
		for _, p := range pts[1:] {
			z.LineTo(c.px(p))
		}
		z.ClosePath()
		z.draw(c.fill)
	}
	if closed {
		pts = append(pts[:len(pts):len(pts)], pts[0])
	}
	c.stroke(pts)
}

// stroke draws a polyline as one quadrilateral per segment (or per dash):
// the rasterizer adds up the coverage of the overlapping pieces.
func (c *canvas) stroke(pts [][]float64) {
	half := c.width * c.scale / 2
	z := c.rasterizer(pts, half*2+2)
	seg := func(x0, y0, x1, y1 float64) {
		dx, dy := x1-x0, y1-y0
		l := math.Hypot(dx, dy)
		if l == 0 {
			return
		}
		nx, ny := -dy/l*half, dx/l*half
		// Extend each piece by half a pen width, so the joins have no gaps.
		ex, ey := dx/l*half, dy/l*half
		x0, y0, x1, y1 = x0-ex, y0-ey, x1+ex, y1+ey
		z.MoveTo(float32(x0+nx), float32(y0+ny))
		z.LineTo(float32(x1+nx), float32(y1+ny))
		z.LineTo(float32(x1-nx), float32(y1-ny))
		z.LineTo(float32(x0-nx), float32(y0-ny))
		z.ClosePath()
	}
	on, off := dashOn*c.scale, dashOff*c.scale
	left, drawing := on, true // the dash pattern runs on across segments
	for i := 1; i < len(pts); i++ {
		ax, ay := c.px(pts[i-1])
		bx, by := c.px(pts[i])
		x0, y0, x1, y1 := float64(ax), float64(ay), float64(bx), float64(by)
		if !c.dashed {
			seg(x0, y0, x1, y1)
			continue
		}
		l := math.Hypot(x1-x0, y1-y0)
		at := func(t float64) (float64, float64) { return x0 + (x1-x0)*t/l, y0 + (y1-y0)*t/l }
		for t := 0.0; t < l; {
			step := math.Min(left, l-t)
			if drawing {
				sx, sy := at(t)
				tx, ty := at(t + step)
				seg(sx, sy, tx, ty)
			}
			t += step
			if left -= step; left <= 1e-9 {
				drawing = !drawing
				left = off
				if drawing {
					left = on
				}
			}
		}
	}
	z.draw(c.pen)
}

// clip is a rasterizer over the part of the image a shape covers: drawing
// costs the area of that part, not of the whole picture.
type clip struct {
	*vector.Rasterizer
	img  *image.RGBA
	rect image.Rectangle
}

// rasterizer covers the points (in layout units) grown by pad pixels.
func (c *canvas) rasterizer(pts [][]float64, pad float64) *clip {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		x, y := c.px(p)
		minX, maxX = math.Min(minX, float64(x)), math.Max(maxX, float64(x))
		minY, maxY = math.Min(minY, float64(y)), math.Max(maxY, float64(y))
	}
	r := image.Rect(int(minX-pad)-1, int(minY-pad)-1, int(maxX+pad)+2, int(maxY+pad)+2).Intersect(c.img.Bounds())
	return &clip{Rasterizer: vector.NewRasterizer(max(r.Dx(), 1), max(r.Dy(), 1)), img: c.img, rect: r}
}

func (z *clip) MoveTo(x, y float32) {
	z.Rasterizer.MoveTo(x-float32(z.rect.Min.X), y-float32(z.rect.Min.Y))
}

func (z *clip) LineTo(x, y float32) {
	z.Rasterizer.LineTo(x-float32(z.rect.Min.X), y-float32(z.rect.Min.Y))
}

func (z *clip) draw(col color.Color) {
	if z.rect.Empty() {
		return
	}
	z.Draw(z.img, z.rect, image.NewUniform(col), image.Point{})
}

// text sets a label. Graphviz sized the node for its own font metrics; a
// line the Go font sets wider is set smaller, so it stays inside the node.
func (c *canvas) text(o op) {
	if len(o.Pt) != 2 || o.Text == "" {
		return
	}
	size := c.size * c.scale
	face := faceOf(size)
	width := float64(font.MeasureString(face, o.Text)) / 64
	if want := o.Width * c.scale; want > 0 && width > want*1.02 {
		size *= want / width
		face = faceOf(size)
		width = float64(font.MeasureString(face, o.Text)) / 64
	}
	x, y := c.px(o.Pt)
	left := float64(x)
	switch o.Align {
	case "c":
		left -= width / 2
	case "r":
		left -= width
	}
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(c.pen), Face: face,
		Dot: fixed.Point26_6{X: fixed.Int26_6(left * 64), Y: fixed.Int26_6(float64(y) * 64)}}
	d.DrawString(o.Text)
}

var (
	goFont     *opentype.Font
	goFontOnce sync.Once
	facesMu    sync.Mutex
	faces      = map[float64]font.Face{}
)

// faceOf is the Go font at size pixels (rounded to a tenth).
func faceOf(size float64) font.Face {
	goFontOnce.Do(func() {
		f, err := opentype.Parse(goregular.TTF)
		if err != nil {
			panic(fmt.Sprintf("render: the embedded Go font: %v", err))
		}
		goFont = f
	})
	size = math.Round(size*10) / 10
	facesMu.Lock()
	defer facesMu.Unlock()
	if f, ok := faces[size]; ok {
		return f
	}
	f, err := opentype.NewFace(goFont, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(fmt.Sprintf("render: the embedded Go font at %.1f: %v", size, err))
	}
	faces[size] = f
	return f
}

// ellipse approximates an ellipse by a polygon.
func ellipse(cx, cy, rx, ry float64) [][]float64 {
	const n = 48
	pts := make([][]float64, n)
	for i := range pts {
		a := 2 * math.Pi * float64(i) / n
		pts[i] = []float64{cx + rx*math.Cos(a), cy + ry*math.Sin(a)}
	}
	return pts
}

// bezier flattens a piecewise cubic Bézier curve (1 + 3n points).
func bezier(pts [][]float64) [][]float64 {
	if len(pts) < 4 {
		return pts
	}
	out := [][]float64{pts[0]}
	for i := 0; i+3 < len(pts); i += 3 {
		p0, p1, p2, p3 := pts[i], pts[i+1], pts[i+2], pts[i+3]
		for s := 1; s <= curveSteps; s++ {
			t := float64(s) / curveSteps
			u := 1 - t
			a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
			out = append(out, []float64{a*p0[0] + b*p1[0] + c*p2[0] + d*p3[0], a*p0[1] + b*p1[1] + c*p2[1] + d*p3[1]})
		}
	}
	return out
}

// parseColor reads Graphviz's #rrggbb, #rrggbbaa and the few names it emits.
func parseColor(s string) color.Color {
	switch s {
	case "black":
		return color.Black
	case "white":
		return color.White
	case "transparent", "none", "":
		return color.Transparent
	}
	s = strings.TrimPrefix(s, "#")
	n, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return color.Black
	}
	switch len(s) {
	case 6:
		return color.NRGBA{uint8(n >> 16), uint8(n >> 8), uint8(n), 0xff}
	case 8:
		return color.NRGBA{uint8(n >> 24), uint8(n >> 16), uint8(n >> 8), uint8(n)}
	}
	return color.Black
}
