package graph

import (
	"bytes"
	"os"
	"strconv"
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseReadPages drops the bolt file's pages from the process's resident
// memory, as releaseMapped does, from within a read transaction, once more
// than maxMapped bytes of files are resident.
func releaseReadPages(tx *bolt.Tx) {
	if mappedBytes() < maxMapped {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, tx.DB().Info().Data, uintptr(tx.Size()), syscall.MADV_DONTNEED)
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
