package graph

// replacedQuads is what a Change finds stored under the labels it
// replaces, and the rule of a change over them, written once for every
// writer: a quad of the change found there stays as it is, and what no
// quad of the change keeps is removed. K is a quad's identity in the
// writer (its values' N-Quads forms for cayley's writes, its nodes' ids
// for the bulk writer's), V what the writer needs to remove it.
type replacedQuads[K comparable, V any] struct {
	quads map[K]V
	order []K // as found, so that removals go in a stable order
}

func newReplacedQuads[K comparable, V any]() *replacedQuads[K, V] {
	return &replacedQuads[K, V]{quads: map[K]V{}}
}

// found records a quad stored under a replaced label.
func (r *replacedQuads[K, V]) found(k K, v V) {
	if _, dup := r.quads[k]; !dup {
		r.order = append(r.order, k)
	}
	r.quads[k] = v
}

// keep reports whether a quad of the change is stored under a replaced
// label; if so it stays, and is neither added nor removed.
func (r *replacedQuads[K, V]) keep(k K) bool {
	if _, ok := r.quads[k]; ok {
		delete(r.quads, k)
		return true
	}
	return false
}

// removed calls fn for each stored quad that no quad of the change kept,
// in the order found.
func (r *replacedQuads[K, V]) removed(fn func(K, V)) {
	for _, k := range r.order {
		if v, ok := r.quads[k]; ok {
			fn(k, v)
		}
	}
}
