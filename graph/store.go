// Package graph is tradegraph's store: a cayley quad store behind one small
// API (Open, Apply, ReplaceDocument, Quads, Stats) that works the same on the
// embedded bolt file, in memory, and on PostgreSQL.
package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/cayley/clog"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // registers the postgres backend
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"
)

// Backend names.
const (
	Bolt     = "bolt"
	Memory   = "memory"
	Postgres = "postgres"
)

// DefaultPath is the bolt store used when neither --db nor TRADEGRAPH_DB is set.
const DefaultPath = "tradegraph.db"

// ErrStoreInUse reports that another process holds the store's write lock.
var ErrStoreInUse = errors.New("store in use by another process")

// ErrNoStore reports that a bolt path holds no store, and Config.Create
// did not ask for one.
var ErrNoStore = errors.New("no store here")

// Config says which store to open.
type Config struct {
	// Backend is bolt, memory or postgres; empty infers it from Address.
	Backend string
	// Address is the bolt file path, or the postgres URL or libpq
	// key=value connection string.
	Address string
	// ReadOnly opens a bolt store with a shared lock, so readers run side by side.
	ReadOnly bool
	// Create makes a new bolt store where the path holds none (no file, or an
	// empty one); without it that is ErrNoStore.
	Create bool
	// LockTimeout bounds the wait for another process's lock (default 1.5 s).
	LockTimeout time.Duration
}

// InferBackend picks the backend an address names.
func InferBackend(addr string) string {
	switch {
	case addr == Memory || addr == "memory:":
		return Memory
	case isPostgresURL(addr), isKeyValue(addr):
		return Postgres
	default:
		return Bolt
	}
}

// Store is an open tradegraph graph.
type Store struct {
	qs      cgraph.QuadStore
	backend string
	addr    string      // redacted, safe to print
	boltTx  *sharedTx   // bolt only: lets one change span several cayley batches
	kvw     *boltWriter // bolt opened for writing: the bulk writer's batches and pending nodes
	pg      *sql.DB     // postgres only: the store's own connections beside cayley's (nil in a ThroughCayley view)

	readers atomic.Int64 // direct Readers begun: see ReadersBegun
}

// Open opens the store cfg names, and creates a bolt store if cfg.Create
// asks for one.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	backend := cfg.Backend
	if backend == "" {
		backend = InferBackend(cfg.Address)
	}
	var (
		addr   = cfg.Address
		qs     cgraph.QuadStore
		boltTx *sharedTx
		pg     *sql.DB // postgres: the store's own connections, beside cayley's
		err    error
	)
	switch backend {
	case Bolt:
		qs, boltTx, err = openBolt(cfg)
	case Memory:
		qs = memstore.New()
	case Postgres:
		addr, err = postgresAddress(addr)
		if err == nil {
			qs, pg, err = openPostgres(ctx, addr)
		}
	default:
		return nil, fmt.Errorf("unknown backend %q (want bolt, memory or postgres)", backend)
	}
	if err != nil {
		return nil, err
	}
	st := &Store{qs: qs, backend: backend, addr: Redact(addr), boltTx: boltTx, pg: pg}
	if boltTx != nil && !cfg.ReadOnly {
		st.kvw = newBoltWriter(boltTx.KV.(*hbolt.DB).DB(), st.renewCayley)
	}
	return st, nil
}

// Backend names the backend the store runs on.
func (s *Store) Backend() string { return s.backend }

// QuadStore exposes the cayley store to the query languages and exports.
func (s *Store) QuadStore() cgraph.QuadStore { return s.qs }

// Close releases the store and its lock. On bolt it first waits for a
// batch being written and files the nodes a bulk writer left pending.
func (s *Store) Close() error {
	var err error
	if s.kvw != nil {
		if err = s.kvw.close(); err != nil {
			err = fmt.Errorf("writing to the store: %w", err)
		}
	}
	if s.pg != nil {
		if cerr := s.pg.Close(); err == nil {
			err = cerr
		}
	}
	if cerr := s.qs.Close(); err == nil {
		err = cerr
	}
	return err
}

// createBolt makes a new, initialised store at path: it is built beside
// path and renamed into place, so a process killed while creating it leaves
// no half-made store behind.
func createBolt(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".creating-*")
	if err != nil {
		return fmt.Errorf("%s: cannot create store: %w", path, err)
	}
	name := tmp.Name()
	tmp.Close()
	defer os.Remove(name)
	bdb, err := hbolt.Open(name, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("%s: cannot create store: %w", path, err)
	}
	err = kv.Init(&sharedTx{KV: bdb}, nil)
	if err == nil {
		err = ensureLabelIndex(bdb.DB())
	}
	if cerr := bdb.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, 0o644)
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		return fmt.Errorf("%s: cannot create store: %w", path, err)
	}
	return nil
}

func openBolt(cfg Config) (cgraph.QuadStore, *sharedTx, error) {
	path := cfg.Address
	if path == "" {
		path = DefaultPath
	}
	fi, statErr := os.Stat(path)
	if statErr == nil && fi.IsDir() {
		return nil, nil, fmt.Errorf("%s: is a directory, not a tradegraph store", path)
	}
	if errors.Is(statErr, os.ErrNotExist) || (statErr == nil && fi.Size() == 0) {
		if !cfg.Create {
			return nil, nil, fmt.Errorf("%s: %w", Redact(path), ErrNoStore)
		}
		if looksLikeAddress(path) {
			return nil, nil, fmt.Errorf("%s: looks like a server address, not a file path (--backend postgres takes it as one)", Redact(path))
		}
		if err := createBolt(path); err != nil {
			return nil, nil, err
		}
	}
	timeout := cfg.LockTimeout
	if timeout == 0 {
		timeout = 1500 * time.Millisecond
	}
	opts := &bolt.Options{Timeout: timeout, ReadOnly: cfg.ReadOnly}
	if !opts.ReadOnly {
		// address space only: a file that grows within it is not remapped,
		// which would copy every page a large write holds
		opts.InitialMmapSize = 1 << 30
	}
	bdb, err := hbolt.Open(path, opts)
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, nil, fmt.Errorf("%s: %w (try again when it finishes)", path, ErrStoreInUse)
		}
		return nil, nil, fmt.Errorf("%s: cannot open store: %w", path, err)
	}
	db := &sharedTx{KV: bdb}
	if err := checkLayoutVersion(bdb.DB()); err != nil {
		db.Close()
		return nil, nil, err
	}
	if !opts.ReadOnly {
		if err := ensureLabelIndex(bdb.DB()); err != nil {
			db.Close()
			return nil, nil, fmt.Errorf("%s: not a tradegraph store: %w", path, err)
		}
		if err := repairPending(bdb.DB()); err != nil {
			db.Close()
			return nil, nil, fmt.Errorf("%s: completing an interrupted write: %w", path, err)
		}
	} else if unfinished, err := hasPending(bdb.DB()); err != nil || unfinished {
		// a reader completes what an interrupted writer left, then reads
		db.Close()
		if err == nil {
			err = completeUnfinished(path, timeout)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: completing an interrupted write: %w", path, err)
		}
		return openBolt(cfg)
	}
	// no_bloom: without it every open reads the whole store to fill a bloom filter.
	qs, err := kv.New(db, cgraph.Options{kv.OptNoBloom: true})
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("%s: not a tradegraph store: %w", path, err)
	}
	return qs, db, nil
}

// sharedTx is the bolt database as cayley sees it. Inside inOneTx, cayley's
// write transactions are all one transaction, committed when inOneTx ends.
type sharedTx struct {
	hkv.KV
	mu  sync.Mutex
	cur hkv.Tx // set only inside inOneTx
}

func (db *sharedTx) Tx(ctx context.Context, rw bool) (hkv.Tx, error) {
	if rw && db.cur != nil {
		return keptTx{db.cur}, nil
	}
	return db.KV.Tx(ctx, rw)
}

func (db *sharedTx) View(ctx context.Context, fn func(hkv.Tx) error) error {
	return hkv.View(ctx, db, fn)
}

func (db *sharedTx) Update(ctx context.Context, fn func(hkv.Tx) error) error {
	return hkv.Update(ctx, db, fn)
}

// inOneTx runs write in one bolt transaction: all of it is stored or none.
func (db *sharedTx) inOneTx(ctx context.Context, write func() error) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	tx, err := db.KV.Tx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Close()
	db.cur = tx
	err = write()
	db.cur = nil
	if err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// keptTx is the shared transaction lent to cayley, which may not end it.
type keptTx struct{ hkv.Tx }

func (keptTx) Commit(context.Context) error { return nil }
func (keptTx) Close() error                 { return nil }

// quietCayley turns off cayley's log: its sql backend logs the errors it also
// returns, with the address and its password, and an "already exists" error on
// every open of an existing database. tradegraph prints the returned errors
// itself, redacted.
var quietCayley sync.Once

// openPostgres opens the store at addr, an address postgresAddress made,
// and the store's own pool of connections beside cayley's. The first
// process to open a database makes cayley's tables and tradegraph's index
// in it; processes opening it at once wait for that one (an advisory lock
// held meanwhile), as two making the same table at once fail. Its errors
// keep only the driver's words: a server that was never reached is not
// one that went away.
func openPostgres(ctx context.Context, addr string) (cgraph.QuadStore, *sql.DB, error) {
	quietCayley.Do(func() { clog.SetLogger(nil) })
	safe := Redact(addr)
	fail := func(err error) (cgraph.QuadStore, *sql.DB, error) {
		return nil, nil, fmt.Errorf("postgres %s: %s", safe, redactErr(err))
	}
	db, err := sql.Open("postgres", addr)
	if err != nil {
		return fail(err)
	}
	qs, err := initPostgres(ctx, db, addr)
	if err != nil {
		db.Close()
		return fail(err)
	}
	return qs, db, nil
}

// initKey is the advisory lock the processes opening a database take
// while one makes its tables.
const initKey = 0x7467696e6974 // "tginit"

func initPostgres(ctx context.Context, db *sql.DB, addr string) (cgraph.QuadStore, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	// held until tx ends, however it ends
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", initKey); err != nil {
		return nil, err
	}
	err = cgraph.InitQuadStore(Postgres, addr, nil)
	if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		return nil, err
	}
	if err := ensureLabelIndexPG(ctx, tx); err != nil {
		return nil, fmt.Errorf("creating the index %s: %w", pgLabelIndex, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return cgraph.NewQuadStore(Postgres, addr, nil)
}

// pgError says which server failed, without its password, and keeps the
// driver's error underneath for callers that test what went wrong.
func pgError(safeAddr string, err error) error {
	return &redactedError{msg: fmt.Sprintf("postgres %s: %s", safeAddr, redactErr(err)), err: err}
}

// redactErr is a driver error on one line, without passwords.
func redactErr(err error) string {
	return strings.ReplaceAll(Redact(err.Error()), "\n", " ")
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }
