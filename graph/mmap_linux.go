package graph

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped tells the kernel the process is done with the pages of the
// bolt file it has read through the memory map: they stay in the page cache
// but leave the process's resident memory. A bulk load reads pages of
// every bucket, and without this its resident memory would grow by the size
// of the file.
func releaseMapped(db *bolt.DB) {
	var size int64
	if err := db.View(func(tx *bolt.Tx) error {
		size = tx.Size()
		return nil
	}); err != nil || size == 0 {
		return
	}
	// advice only: the pages read back from the cache when needed again
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, db.Info().Data, uintptr(size), syscall.MADV_DONTNEED)
}
