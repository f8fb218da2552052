package archive

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations are applied in order; the database records how many ran
// (PRAGMA user_version). Never edit a migration that has shipped: add one.
var migrations = []string{
	// 1: photos, caption history, the index outbox.
	`
CREATE TABLE photos (
	id          TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	bytes       INTEGER NOT NULL,
	width       INTEGER NOT NULL,
	height      INTEGER NOT NULL,
	format      TEXT NOT NULL,
	orientation INTEGER NOT NULL DEFAULT 0,
	taken       TEXT NOT NULL DEFAULT '',
	camera      TEXT NOT NULL DEFAULT '',
	gps_lat     REAL,
	gps_lon     REAL,
	ingested    TEXT NOT NULL,
	sort_date   TEXT NOT NULL,
	embedded    TEXT NOT NULL,
	caption     TEXT NOT NULL,
	facts       TEXT NOT NULL,
	warnings    TEXT NOT NULL DEFAULT '[]',
	preview_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX photos_sort_date ON photos(sort_date);
CREATE TABLE history (
	seq      INTEGER PRIMARY KEY AUTOINCREMENT,
	photo_id TEXT NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
	at       TEXT NOT NULL,
	user     TEXT NOT NULL,
	field    TEXT NOT NULL,
	old      TEXT NOT NULL,
	new      TEXT NOT NULL
);
CREATE INDEX history_photo ON history(photo_id, seq);
CREATE TABLE outbox (
	seq      INTEGER PRIMARY KEY AUTOINCREMENT,
	photo_id TEXT NOT NULL,
	deleted  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE config (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
`,
	// 2: web desk accounts and sessions.
	`
CREATE TABLE users (
	name     TEXT PRIMARY KEY,
	role     TEXT NOT NULL CHECK (role IN ('editor', 'viewer')),
	password TEXT NOT NULL,
	created  TEXT NOT NULL
);
CREATE TABLE sessions (
	token   TEXT PRIMARY KEY,
	user    TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
	created TEXT NOT NULL,
	expires TEXT NOT NULL
);
CREATE INDEX sessions_expires ON sessions(expires);
`,
}

// migrate brings the schema up to date inside one immediate transaction,
// so two processes opening a new archive at once cannot both migrate.
func migrate(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("archive schema version %d is newer than this cutline (knows %d): upgrade cutline", v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	if v == len(migrations) {
		return nil
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, len(migrations))); err != nil {
		return err
	}
	return tx.Commit()
}
