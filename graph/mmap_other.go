//go:build !linux

package graph

import bolt "go.etcd.io/bbolt"

// releasePages and releaseReadPages are no-ops where madvise is not used.
func releasePages(*bolt.Tx) {}

func releaseReadPages(*bolt.Tx) {}
