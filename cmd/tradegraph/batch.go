package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/tradegraph/tradegraph/graph"
)

// batchFlag adds --batch-mb, the memory of the write batches of build and
// load, to cmd.
func batchFlag(cmd *cobra.Command, mb *int) {
	cmd.Flags().IntVar(mb, "batch-mb", graph.DefaultBatchBytes>>20,
		"memory for write batches, in MB: larger batches write faster; the heap is kept near 5 times this plus 128 MB")
}

// boundMemory checks --batch-mb and makes it the garbage collector's target
// too. A bulk write holds one batch queued and one being written, and
// while a batch is written bolt holds every page it touches in memory: in
// a store of millions of quads, where a batch's keys fall all over the
// indexes, that is about twice the batch again. Below that a collection
// would run after every few allocations and take half the time; above it
// the heap would grow to twice what it holds between collections.
// GOMEMLIMIT, when set, wins. The returned function restores the limit.
func boundMemory(mb int) (batchBytes int64, restore func(), err error) {
	if mb < 1 {
		return 0, nil, usageError{fmt.Errorf("--batch-mb must be at least 1, got %d", mb)}
	}
	batchBytes = int64(mb) << 20
	if os.Getenv("GOMEMLIMIT") != "" {
		return batchBytes, func() {}, nil
	}
	old := debug.SetMemoryLimit(5*batchBytes + 128<<20)
	return batchBytes, func() { debug.SetMemoryLimit(old) }, nil
}
