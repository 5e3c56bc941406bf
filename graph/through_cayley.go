package graph

// ThroughCayley is a view of s that reads only through cayley's quad
// store: its NewReader reports ErrNoReader, so the queries go through
// cayley's iterators (QuadIterator, ValueOf, NameOf) and its Stats count
// quads one by one. On a bolt store it is cayley's own reading of the kv
// layout, the reference that the direct Reader, and the layout the bulk
// writer makes, are held to. The view is for reading, and ends with s: it
// is not closed itself.
func (s *Store) ThroughCayley() *Store {
	return &Store{qs: s.qs, backend: s.backend, addr: s.addr}
}

// ReadersBegun is the number of direct Readers begun on s: a query on a
// bolt store that began none read it through cayley's iterators instead.
func (s *Store) ReadersBegun() int64 { return s.readers.Load() }
