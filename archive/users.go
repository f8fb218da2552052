package archive

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Role is what a web desk account may do.
type Role string

const (
	// RoleEditor may read and change everything: captions, batches,
	// uploads, reverts.
	RoleEditor Role = "editor"
	// RoleViewer may search, read and download, and change nothing.
	RoleViewer Role = "viewer"
)

// ParseRole reads "editor" or "viewer".
func ParseRole(s string) (Role, error) {
	switch r := Role(strings.ToLower(strings.TrimSpace(s))); r {
	case RoleEditor, RoleViewer:
		return r, nil
	}
	return "", fmt.Errorf("%w: %q (want editor or viewer)", ErrBadRole, s)
}

// CanEdit reports whether the role may change the archive.
func (r Role) CanEdit() bool { return r == RoleEditor }

// User is a web desk account. The password hash never leaves this file.
type User struct {
	Name    string    `json:"name"`
	Role    Role      `json:"role"`
	Created time.Time `json:"created"`
}

// Errors of accounts and sessions.
var (
	ErrBadRole     = errors.New("not a role")
	ErrBadUserName = errors.New("not a valid user name")
	ErrUserExists  = errors.New("user already exists")
	ErrNoUser      = errors.New("no such user")
	ErrWeakPass    = errors.New("password too short")
	// ErrLogin reports a wrong name or password; it does not say which,
	// so that the login page does not tell who has an account.
	ErrLogin = errors.New("wrong user name or password")
	// ErrNoSession reports a session token that is unknown or expired.
	ErrNoSession = errors.New("no such session, or it has expired")
)

// MinPasswordLen is the shortest password AddUser accepts, in characters.
const MinPasswordLen = 8

// maxPasswordLen bounds what is hashed: Argon2 would take a megabyte
// happily, but a login form has no reason to send one.
const maxPasswordLen = 1024

// CheckUserName checks a user name: 1 to 64 letters, digits and ". _ - @".
// Names appear in the history and on every page, so they are kept plain.
func CheckUserName(name string) error {
	if name == "" || utf8.RuneCountInString(name) > 64 || !utf8.ValidString(name) {
		return fmt.Errorf("%w: %q (1 to 64 letters, digits, '.', '_', '-', '@')", ErrBadUserName, name)
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("._-@", r) {
			return fmt.Errorf("%w: %q (1 to 64 letters, digits, '.', '_', '-', '@')", ErrBadUserName, name)
		}
	}
	return nil
}

// AddUser creates an account with a password, which is stored as an
// Argon2id hash only.
func (s *Store) AddUser(ctx context.Context, name string, role Role, password string) error {
	if err := s.writable(); err != nil {
		return err
	}
	if err := CheckUserName(name); err != nil {
		return err
	}
	if _, err := ParseRole(string(role)); err != nil {
		return err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO users(name, role, password, created) VALUES(?, ?, ?, ?)
		ON CONFLICT(name) DO NOTHING`, name, string(role), hash, s.now().UTC().Format(time.RFC3339))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: %s", ErrUserExists, name)
	}
	return nil
}

// SetPassword replaces a user's password and ends their sessions.
func (s *Store) SetPassword(ctx context.Context, name, password string) error {
	if err := s.writable(); err != nil {
		return err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE users SET password = ? WHERE name = ?`, hash, name)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: %s", ErrNoUser, name)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user = ?`, name); err != nil {
		return err
	}
	return tx.Commit()
}

// RemoveUser deletes an account and its sessions (the history keeps the
// name in the entries it wrote).
func (s *Store) RemoveUser(ctx context.Context, name string) error {
	if err := s.writable(); err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `DELETE FROM users WHERE name = ?`, name)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: %s", ErrNoUser, name)
	}
	return nil
}

// Users lists the accounts by name.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT name, role, created FROM users ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var (
			u       User
			created string
		)
		if err := rows.Scan(&u.Name, &u.Role, &created); err != nil {
			return nil, err
		}
		u.Created, _ = time.Parse(time.RFC3339, created)
		out = append(out, u)
	}
	return out, rows.Err()
}

// HasUsers reports whether any account exists. Without accounts the web
// desk runs open, and only on a loopback address.
func (s *Store) HasUsers(ctx context.Context) (bool, error) {
	var n int
	err := s.rdb.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM users)`).Scan(&n)
	return n == 1, err
}

// Authenticate checks a name and password. Unknown names and wrong
// passwords both give ErrLogin, after the same hashing work, so that
// timing does not tell which accounts exist.
func (s *Store) Authenticate(ctx context.Context, name, password string) (*User, error) {
	var (
		u             User
		hash, created string
	)
	err := s.rdb.QueryRowContext(ctx, `SELECT name, role, password, created FROM users WHERE name = ?`, name).
		Scan(&u.Name, &u.Role, &hash, &created)
	if errors.Is(err, sql.ErrNoRows) {
		checkPassword(dummyHash, password)
		return nil, ErrLogin
	}
	if err != nil {
		return nil, err
	}
	ok, err := checkPassword(hash, password)
	if err != nil {
		return nil, fmt.Errorf("user %s: %w", name, err)
	}
	if !ok {
		return nil, ErrLogin
	}
	u.Created, _ = time.Parse(time.RFC3339, created)
	return &u, nil
}

// NewSession starts a session for user, valid for ttl, and returns its
// token. Only the SHA-256 of the token is stored, so a copy of the
// database does not hold usable sessions.
func (s *Store) NewSession(ctx context.Context, user string, ttl time.Duration) (token string, expires time.Time, err error) {
	if err := s.writable(); err != nil {
		return "", time.Time{}, err
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", time.Time{}, err
	}
	token = base64.RawURLEncoding.EncodeToString(b[:])
	now := s.now().UTC()
	expires = now.Add(ttl)
	_, err = s.db.ExecContext(ctx, `INSERT INTO sessions(token, user, created, expires) VALUES(?, ?, ?, ?)`,
		tokenKey(token), user, now.Format(time.RFC3339), expires.Format(time.RFC3339))
	if err != nil {
		if strings.Contains(err.Error(), "FOREIGN KEY") {
			return "", time.Time{}, fmt.Errorf("%w: %s", ErrNoUser, user)
		}
		return "", time.Time{}, err
	}
	return token, expires, nil
}

// SessionUser returns the user of a live session.
func (s *Store) SessionUser(ctx context.Context, token string) (*User, error) {
	if token == "" || len(token) > 128 {
		return nil, ErrNoSession
	}
	var (
		u                User
		created, expires string
	)
	err := s.rdb.QueryRowContext(ctx, `SELECT u.name, u.role, u.created, s.expires FROM sessions s
		JOIN users u ON u.name = s.user WHERE s.token = ?`, tokenKey(token)).Scan(&u.Name, &u.Role, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoSession
	}
	if err != nil {
		return nil, err
	}
	exp, err := time.Parse(time.RFC3339, expires)
	if err != nil || !s.now().Before(exp) {
		return nil, ErrNoSession
	}
	u.Created, _ = time.Parse(time.RFC3339, created)
	return &u, nil
}

// EndSession deletes a session (logging out); an unknown token is no error.
func (s *Store) EndSession(ctx context.Context, token string) error {
	if err := s.writable(); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token = ?`, tokenKey(token))
	return err
}

// PruneSessions deletes the expired sessions.
func (s *Store) PruneSessions(ctx context.Context) error {
	if err := s.writable(); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE expires <= ?`, s.now().UTC().Format(time.RFC3339))
	return err
}

func tokenKey(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Argon2id parameters: OWASP's minimum recommendation (19 MiB, two
// passes, one lane), which keeps a login near 30 ms on a small server.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024 // KiB
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// dummyHash is checked against when the user does not exist, so that an
// unknown name costs the same as a wrong password.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

// hashPassword returns the PHC string of an Argon2id hash of password.
func hashPassword(password string) (string, error) {
	if utf8.RuneCountInString(password) < MinPasswordLen {
		return "", fmt.Errorf("%w: use at least %d characters", ErrWeakPass, MinPasswordLen)
	}
	if len(password) > maxPasswordLen {
		return "", fmt.Errorf("password longer than %d bytes", maxPasswordLen)
	}
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// checkPassword compares password with a PHC Argon2id string in constant
// time. The parameters come from the string (so they can be raised later
// without invalidating old hashes) but are bounded, so that a tampered
// row cannot make a login allocate gigabytes.
func checkPassword(phc, password string) (bool, error) {
	if len(password) > maxPasswordLen {
		return false, nil
	}
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return false, errors.New("stored password hash is not Argon2id")
	}
	var m, t, p int
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, _ := strings.Cut(kv, "=")
		n, err := strconv.Atoi(v)
		if err != nil {
			return false, errors.New("stored password hash has bad parameters")
		}
		switch k {
		case "m":
			m = n
		case "t":
			t = n
		case "p":
			p = n
		}
	}
	if m < 8 || m > 1<<20 || t < 1 || t > 16 || p < 1 || p > 16 {
		return false, errors.New("stored password hash has parameters out of range")
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) < 16 || len(want) > 64 {
		return false, errors.New("stored password hash is malformed")
	}
	got := argon2.IDKey([]byte(password), salt, uint32(t), uint32(m), uint8(p), uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
