package queries

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	tg "github.com/tradegraph/tradegraph/graph"
)

// chileKorea is a store of cfg holding testdata/chile-korea.txt: measures
// of both countries, a bundle, a denied claim and an alias, "R.O.K.",
// spelled with stops.
func chileKorea(t *testing.T, cfg tg.Config) *tg.Store {
	t.Helper()
	return articleStore(t, cfg, "chile-korea.txt")
}

// asking is one named query with its arguments, the flags left at their
// defaults but for those given.
type asking struct {
	query string
	args  []string
	flags map[string]string
}

func (a asking) String() string {
	words := append([]string{a.query}, a.args...)
	for _, k := range slices.Sorted(maps.Keys(a.flags)) {
		words = append(words, "--"+k, a.flags[k])
	}
	return strings.Join(words, " ")
}

// everyQuery asks each named query something chile-korea.txt answers.
var everyQuery = []asking{
	{query: "entities"},
	{query: "concessions"},
	{query: "concessions", flags: map[string]string{"grantor": "Chile"}},
	{query: "bundles"},
	{query: "bundles", flags: map[string]string{"across": "true"}},
	{query: "claims"},
	{query: "actor", args: []string{"Chile"}},
	{query: "sectors"},
	{query: "path", args: []string{"Chile", "r.o.k"}},
	{query: "neighbors", args: []string{"Chile"}, flags: map[string]string{"hops": "2"}},
	{query: "evidence", args: []string{"Chile"}},
}

// ask runs a named query and returns its answer, value and table, as JSON.
func ask(ctx context.Context, st *tg.Store, a asking) (string, error) {
	var q Query
	for _, r := range Registry() {
		if r.Name == a.query {
			q = r
		}
	}
	p := Params{Args: a.args, Flags: map[string]string{}}
	for _, f := range q.Flags {
		p.Flags[f.Name] = f.Default
		if f.Bool {
			p.Flags[f.Name] = "false"
		}
	}
	for k, v := range a.flags {
		p.Flags[k] = v
	}
	res, err := q.Run(ctx, st, p)
	if err != nil {
		return "", err
	}
	b, err := json.Marshal([]any{res.Value, res.Table()})
	return string(b), err
}

// bothStores are the store on which the queries read bolt's indexes
// directly, and one they read through cayley's iterators.
func bothStores(t *testing.T) map[string]*tg.Store {
	return map[string]*tg.Store{
		"bolt":   chileKorea(t, tg.Config{Backend: tg.Bolt, Address: filepath.Join(t.TempDir(), "q.db"), Create: true}),
		"memory": chileKorea(t, tg.Config{Backend: tg.Memory}),
	}
}

func TestACancelledQueryIsAnError(t *testing.T) {
	for name, st := range bothStores(t) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		for _, a := range everyQuery {
			t.Run(name+"/"+a.String(), func(t *testing.T) {
				got, err := ask(ctx, st, a)
				if !errors.Is(err, context.Canceled) {
					t.Errorf("with the context cancelled: %v, %.100s; want %v", err, got, context.Canceled)
				}
			})
		}
	}
}

// endsAfter is a context that is cancelled at its looks-th look (a call
// of Done or Err): a query can be cut off at any point of its reads.
type endsAfter struct {
	context.Context
	cancel context.CancelFunc
	looks  atomic.Int64
}

func newEndsAfter(looks int64) *endsAfter {
	ctx, cancel := context.WithCancel(context.Background())
	c := &endsAfter{Context: ctx, cancel: cancel}
	c.looks.Store(looks)
	return c
}

func (c *endsAfter) look() {
	if c.looks.Add(-1) == 0 {
		c.cancel()
	}
}

func (c *endsAfter) Done() <-chan struct{} { c.look(); return c.Context.Done() }
func (c *endsAfter) Err() error            { c.look(); return c.Context.Err() }

// However late a query is cancelled, it gives its whole answer or the
// cancellation, never part of the answer.
func TestAQueryCancelledMidwayGivesNoPartialAnswer(t *testing.T) {
	for name, st := range bothStores(t) {
		for _, a := range everyQuery {
			t.Run(name+"/"+a.String(), func(t *testing.T) {
				whole, err := ask(context.Background(), st, a)
				if err != nil {
					t.Fatal(err)
				}
				for looks := int64(1); ; looks++ {
					ctx := newEndsAfter(looks)
					got, err := ask(ctx, st, a)
					if err == nil && got != whole {
						t.Fatalf("cancelled at look %d: an answer of %d bytes, not the error or the whole %d", looks, len(got), len(whole))
					}
					if err != nil && !errors.Is(err, context.Canceled) {
						t.Fatalf("cancelled at look %d: %v", looks, err)
					}
					if ctx.Context.Err() == nil {
						break // the query ended before this look: later ones change nothing
					}
					if looks > 1<<16 {
						t.Fatal("the query never ends")
					}
				}
			})
		}
	}
}

// corruptNode overwrites the log entry of v in the bolt store at path, as
// a failing disk or an interrupted copy might leave it.
func corruptNode(t *testing.T, path string, v quad.Value) {
	t.Helper()
	st, err := tg.Open(context.Background(), tg.Config{Backend: tg.Bolt, Address: path, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.NewReader(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	id := r.ID(v)
	r.Close()
	st.Close()
	if id == 0 {
		t.Fatalf("the store has no node %v", v)
	}
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("log")).Put(binary.BigEndian.AppendUint64(nil, id), []byte{0xff})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A node the store cannot read fails every query that reads it: the
// entities do not lose a name, the concessions a grantor, the path a step.
func TestAnUnreadableNodeFailsEveryQueryReadingIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.db")
	chileKorea(t, tg.Config{Backend: tg.Bolt, Address: path, Create: true}).Close()
	corruptNode(t, path, quad.String("Chile")) // the country's label
	st, err := tg.Open(context.Background(), tg.Config{Backend: tg.Bolt, Address: path, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, a := range everyQuery {
		t.Run(a.String(), func(t *testing.T) {
			got, err := ask(context.Background(), st, a)
			if err == nil || !strings.Contains(err.Error(), "reading the store") {
				t.Errorf("got %v, %.100s; want the failed read", err, got)
			}
		})
	}
	// a query that does not read the label still answers
	if _, err := ask(context.Background(), st, asking{query: "bundles", flags: map[string]string{"across": "true", "by": "instrument"}}); err != nil {
		t.Errorf("bundles --across --by instrument: %v", err)
	}
}
