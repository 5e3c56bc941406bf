//go:build !linux

package graph

import bolt "go.etcd.io/bbolt"

// releaseReadPages is a no-op where madvise is not used.
func releaseReadPages(*bolt.Tx) {}
