package graph

import (
	"bytes"
	"os"
	"strconv"
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releasePages tells the kernel the process is done with the pages of the
// bolt file it has read through the memory map: they stay in the page cache
// but leave the process's resident memory. It is called inside a
// transaction, while the map cannot move or be closed. (Advice only: the
// pages read back from the cache when needed again, so its error is of no
// consequence.)
func releasePages(tx *bolt.Tx) {
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, tx.DB().Info().Data, uintptr(tx.Size()), syscall.MADV_DONTNEED)
}

// releaseReadPages releases the pages, as releasePages does, once more than
// maxMapped bytes of files are resident.
func releaseReadPages(tx *bolt.Tx) {
	if mappedBytes() >= maxMapped {
		releasePages(tx)
	}
}

// maxMapped is how much of the file a reader lets stay resident.
const maxMapped = 256 << 20

// mappedBytes is the process's resident memory shared with files, by
// /proc/self/statm; 0 if unknown.
func mappedBytes() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := bytes.Fields(b)
	if len(f) < 3 {
		return 0
	}
	pages, err := strconv.ParseInt(string(f[2]), 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}
