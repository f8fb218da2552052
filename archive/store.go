package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sync/semaphore"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// Options configure Open. The zero value opens an existing archive for
// reading and writing, waiting up to DefaultLockTimeout for another writer.
type Options struct {
	// Create makes the archive folder and database when absent.
	Create bool
	// ReadOnly opens without taking the writer lock: reads keep working
	// while another process (a running "cutline serve") writes.
	ReadOnly bool
	// Holder describes this process in the writer lock, so that another
	// process can say who holds the archive ("cutline serve").
	Holder Holder
	// LockTimeout bounds the wait for the writer lock (DefaultLockTimeout
	// when zero).
	LockTimeout time.Duration
	// Now is the clock (time.Now when nil); tests set it.
	Now func() time.Time
}

// DefaultLockTimeout is how long Open waits for another writer to let go:
// long enough to ride out a short command finishing, short enough that a
// refused command says so within two seconds of being started.
const DefaultLockTimeout = 1500 * time.Millisecond

// ErrNoArchive reports an archive folder that does not exist (and Create
// was not set).
var ErrNoArchive = errors.New("no archive")

// Store is an open archive: the SQLite database (source of truth), the
// originals and the thumbnail cache. It is safe for concurrent use.
type Store struct {
	dir  string
	db   *sql.DB // one connection; BEGIN IMMEDIATE for every write
	rdb  *sql.DB // read pool
	lock *fileLock
	now  func() time.Time
	ro   bool
	// mem is the memory budget (DefaultMemoryBudget) shared by every
	// ingest of this Store that does not set its own, so that concurrent
	// ingests (uploads to the web desk) are bounded together.
	mem *semaphore.Weighted
	// Originals holds the untouched original files by ID.
	Originals *Blobs
}

// Open opens (or with opts.Create creates) the archive in dir.
func Open(dir string, opts *Options) (*Store, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.LockTimeout == 0 {
		o.LockTimeout = DefaultLockTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	dbPath := filepath.Join(abs, "cutline.db")
	if _, err := os.Stat(dbPath); err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		if !o.Create || o.ReadOnly {
			return nil, fmt.Errorf("%w at %s (cutline ingest creates one; or pass --archive)", ErrNoArchive, abs)
		}
		if err := os.MkdirAll(abs, 0o755); err != nil {
			return nil, fmt.Errorf("creating archive: %w", err)
		}
	}
	s := &Store{dir: abs, now: o.Now, ro: o.ReadOnly, Originals: &Blobs{dir: filepath.Join(abs, "originals")},
		mem: semaphore.NewWeighted(DefaultMemoryBudget)}
	if !o.ReadOnly {
		if s.lock, err = acquireLock(filepath.Join(abs, "cutline.lock"), o.Holder, o.LockTimeout); err != nil {
			return nil, err
		}
	}
	if err := s.openDB(dbPath); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) openDB(path string) error {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Set("_txlock", "immediate")
	dsn := "file:" + path + "?" + q.Encode()
	var err error
	if s.db, err = sql.Open("sqlite", dsn); err != nil {
		return err
	}
	s.db.SetMaxOpenConns(1)
	s.db.SetConnMaxIdleTime(0)
	if s.rdb, err = sql.Open("sqlite", dsn); err != nil {
		return err
	}
	s.rdb.SetMaxOpenConns(4)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if s.ro {
		var v int
		if err := s.rdb.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
			return fmt.Errorf("opening %s: %w", path, err)
		}
		if v < len(migrations) {
			return fmt.Errorf("archive %s needs an upgrade: open it once without --read-only", s.dir)
		}
		return nil
	}
	if err := migrate(ctx, s.db); err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	return nil
}

// Close closes the database and lets go of the writer lock.
func (s *Store) Close() error {
	var errs []error
	if s.db != nil {
		errs = append(errs, s.db.Close())
	}
	if s.rdb != nil {
		errs = append(errs, s.rdb.Close())
	}
	if s.lock != nil {
		errs = append(errs, s.lock.release())
	}
	return errors.Join(errs...)
}

// Dir returns the archive folder.
func (s *Store) Dir() string { return s.dir }

// IndexDir returns the folder of the search index derived from this archive.
func (s *Store) IndexDir() string { return filepath.Join(s.dir, "index") }

// ThumbDir returns the folder of the thumbnail cache.
func (s *Store) ThumbDir() string { return filepath.Join(s.dir, "thumbs") }

// ReadOnly reports whether the store was opened without the writer lock.
func (s *Store) ReadOnly() bool { return s.ro }

// ErrReadOnly reports a write on a store opened read-only.
var ErrReadOnly = errors.New("archive opened read-only")

func (s *Store) writable() error {
	if s.ro {
		return ErrReadOnly
	}
	return nil
}

// Config returns the value of an archive setting ("" when unset).
func (s *Store) Config(ctx context.Context, key string) (string, error) {
	var v string
	err := s.rdb.QueryRowContext(ctx, `SELECT value FROM config WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetConfig stores an archive setting.
func (s *Store) SetConfig(ctx context.Context, key, value string) error {
	if err := s.writable(); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO config(key, value) VALUES(?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// Backup writes a consistent copy of the database to path (VACUUM INTO),
// which is safe while the archive is in use.
func (s *Store) Backup(ctx context.Context, path string) error {
	_, err := s.rdb.ExecContext(ctx, `VACUUM INTO ?`, path)
	return err
}
