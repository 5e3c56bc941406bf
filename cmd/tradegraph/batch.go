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
		"memory for write batches, in MB: larger batches write faster")
}

// boundMemory checks --batch-mb and makes it the garbage collector's target
// too: a bulk write holds about three batches' worth (one queued, one being
// written, and bolt's pages for it), and without a limit the heap would
// grow to twice what it holds between collections. GOMEMLIMIT, when set,
// wins. The returned function restores the limit.
func boundMemory(mb int) (batchBytes int64, restore func(), err error) {
	if mb < 1 {
		return 0, nil, usageError{fmt.Errorf("--batch-mb must be at least 1, got %d", mb)}
	}
	batchBytes = int64(mb) << 20
	if os.Getenv("GOMEMLIMIT") != "" {
		return batchBytes, func() {}, nil
	}
	old := debug.SetMemoryLimit(3*batchBytes + 64<<20)
	return batchBytes, func() { debug.SetMemoryLimit(old) }, nil
}
