package synth

import (
	"context"
	"errors"
	"fmt"
	"os"

	tg "github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/loaders/article"
)

// CachedStore returns the path of a bolt store holding n synthetic quads of
// seed, built through the bulk writer the first time and kept under
// os.TempDir() for later runs of benchmarks.
func CachedStore(ctx context.Context, name string, n int, seed uint64) (string, error) {
	path := fmt.Sprintf("%s/tradegraph-bench-%s-%d-seed%d.db", os.TempDir(), name, n, seed)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	lex, err := article.DefaultLexicon()
	if err != nil {
		return "", err
	}
	gen, err := NewQuads(lex, seed)
	if err != nil {
		return "", err
	}
	tmp := path + ".part"
	os.Remove(tmp)
	st, err := tg.Open(ctx, tg.Config{Backend: tg.Bolt, Address: tmp, Create: true})
	if err != nil {
		return "", err
	}
	if err := writeQuads(ctx, st, gen, n); err != nil {
		st.Close()
		return "", err
	}
	if err := st.Close(); err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}

// writeQuads writes n quads of gen's documents through one bulk writer.
func writeQuads(ctx context.Context, st *tg.Store, gen *Quads, n int) error {
	bulk, err := st.NewBulk(ctx, tg.BulkOptions{})
	if err != nil {
		return err
	}
	for i, total := 0, 0; total < n; i++ {
		qs := gen.Document(i)
		qs = qs[:min(len(qs), n-total)]
		total += len(qs)
		if err := bulk.Apply(tg.Change{Add: qs}); err != nil {
			return errors.Join(err, bulk.Close())
		}
	}
	if _, err := bulk.Flush(); err != nil {
		return errors.Join(err, bulk.Close())
	}
	return bulk.Close()
}
