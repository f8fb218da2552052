package archive

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseRole(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Role
		err  bool
	}{
		{"editor", RoleEditor, false},   // canonical
		{" Viewer ", RoleViewer, false}, // case and spaces are forgiven
		{"admin", "", true},             // no such role
		{"", "", true},                  // empty
		{"editor,viewer", "", true},     // one role only
	} {
		got, err := ParseRole(c.in)
		if got != c.want || (err != nil) != c.err {
			t.Errorf("ParseRole(%q) = %q, %v; want %q, error %v", c.in, got, err, c.want, c.err)
		}
		if err != nil && !errors.Is(err, ErrBadRole) {
			t.Errorf("ParseRole(%q) error %v does not wrap ErrBadRole", c.in, err)
		}
	}
}

func TestCheckUserName(t *testing.T) {
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"anna", true},                   // plain
		{"lee.in-young_2@desk", true},    // every allowed punctuation
		{"이인영", true},                    // letters of any script
		{"", false},                      // empty
		{"a b", false},                   // space
		{"<script>", false},              // markup
		{"x\x00y", false},                // control character
		{strings.Repeat("a", 65), false}, // too long
		{strings.Repeat("a", 64), true},  // longest allowed
		{"\xff", false},                  // not UTF-8
	} {
		err := CheckUserName(c.name)
		if (err == nil) != c.ok {
			t.Errorf("CheckUserName(%q) = %v, want ok %v", c.name, err, c.ok)
		}
	}
}

func TestUsersAndAuthentication(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if has, err := s.HasUsers(ctx); err != nil || has {
		t.Fatalf("HasUsers on a new archive = %v, %v; want false", has, err)
	}
	if err := s.AddUser(ctx, "anna", RoleEditor, "correct horse"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddUser(ctx, "vic", RoleViewer, "battery staple"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddUser(ctx, "anna", RoleViewer, "another one"); !errors.Is(err, ErrUserExists) {
		t.Errorf("adding anna twice: %v, want ErrUserExists", err)
	}
	if err := s.AddUser(ctx, "bob", RoleEditor, "short"); !errors.Is(err, ErrWeakPass) {
		t.Errorf("short password: %v, want ErrWeakPass", err)
	}
	if err := s.AddUser(ctx, "bob", Role("admin"), "long enough"); !errors.Is(err, ErrBadRole) {
		t.Errorf("bad role: %v, want ErrBadRole", err)
	}
	if has, err := s.HasUsers(ctx); err != nil || !has {
		t.Fatalf("HasUsers = %v, %v; want true", has, err)
	}
	users, err := s.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range users {
		got = append(got, u.Name+":"+string(u.Role))
	}
	if d := cmp.Diff([]string{"anna:editor", "vic:viewer"}, got); d != "" {
		t.Errorf("Users (-want +got):\n%s", d)
	}

	for _, c := range []struct {
		name, pass string
		want       Role // "" means the login fails with ErrLogin
	}{
		{"anna", "correct horse", RoleEditor}, // right password
		{"vic", "battery staple", RoleViewer}, // the viewer
		{"anna", "correct horsE", ""},         // wrong password
		{"anna", "", ""},                      // empty password
		{"nobody", "correct horse", ""},       // unknown user: same error
		{"ANNA", "correct horse", ""},         // names are exact
	} {
		u, err := s.Authenticate(ctx, c.name, c.pass)
		switch {
		case c.want == "" && !errors.Is(err, ErrLogin):
			t.Errorf("Authenticate(%q, %q) = %v, %v; want ErrLogin", c.name, c.pass, u, err)
		case c.want != "" && (err != nil || u.Role != c.want || u.Name != c.name):
			t.Errorf("Authenticate(%q, %q) = %+v, %v; want role %s", c.name, c.pass, u, err, c.want)
		}
	}

	// The stored value is a salted Argon2id hash, not the password.
	var stored string
	if err := s.rdb.QueryRow(`SELECT password FROM users WHERE name = 'anna'`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stored, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(stored, "horse") {
		t.Errorf("stored hash %q", stored)
	}
	if err := s.SetPassword(ctx, "anna", "new password!"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "anna", "correct horse"); !errors.Is(err, ErrLogin) {
		t.Errorf("old password still works after SetPassword: %v", err)
	}
	if _, err := s.Authenticate(ctx, "anna", "new password!"); err != nil {
		t.Errorf("new password: %v", err)
	}
	if err := s.SetPassword(ctx, "nobody", "whatever12"); !errors.Is(err, ErrNoUser) {
		t.Errorf("SetPassword of unknown user: %v", err)
	}
	if err := s.RemoveUser(ctx, "vic"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "vic", "battery staple"); !errors.Is(err, ErrLogin) {
		t.Errorf("removed user can log in: %v", err)
	}
	if err := s.RemoveUser(ctx, "vic"); !errors.Is(err, ErrNoUser) {
		t.Errorf("removing twice: %v", err)
	}
}

func TestSessions(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	s, err := Open(filepath.Join(t.TempDir(), "archive"), &Options{Create: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.AddUser(ctx, "anna", RoleEditor, "correct horse"); err != nil {
		t.Fatal(err)
	}
	tok, exp, err := s.NewSession(ctx, "anna", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if !exp.Equal(now.Add(time.Hour)) {
		t.Errorf("expires %v, want %v", exp, now.Add(time.Hour))
	}
	tok2, _, err := s.NewSession(ctx, "anna", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if tok == tok2 || len(tok) < 40 {
		t.Errorf("tokens %q and %q: want distinct and long", tok, tok2)
	}
	u, err := s.SessionUser(ctx, tok)
	if err != nil || u.Name != "anna" || u.Role != RoleEditor {
		t.Fatalf("SessionUser = %+v, %v", u, err)
	}
	// The database holds a hash of the token, not the token.
	var n int
	if err := s.rdb.QueryRow(`SELECT count(*) FROM sessions WHERE token = ?`, tok).Scan(&n); err != nil || n != 0 {
		t.Errorf("token stored in clear (%d rows, %v)", n, err)
	}
	for _, bad := range []string{"", "nope", tok + "x", strings.Repeat("a", 500)} {
		if _, err := s.SessionUser(ctx, bad); !errors.Is(err, ErrNoSession) {
			t.Errorf("SessionUser(%q) = %v, want ErrNoSession", bad, err)
		}
	}
	if _, _, err := s.NewSession(ctx, "nobody", time.Hour); !errors.Is(err, ErrNoUser) {
		t.Errorf("session for unknown user: %v", err)
	}

	if err := s.EndSession(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionUser(ctx, tok); !errors.Is(err, ErrNoSession) {
		t.Errorf("session survives logout: %v", err)
	}
	// Expiry: an hour later the second session is gone.
	now = now.Add(time.Hour)
	if _, err := s.SessionUser(ctx, tok2); !errors.Is(err, ErrNoSession) {
		t.Errorf("expired session accepted: %v", err)
	}
	if err := s.PruneSessions(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.rdb.QueryRow(`SELECT count(*) FROM sessions`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d sessions left after prune (%v)", n, err)
	}
	// Changing the password ends the user's sessions.
	tok3, _, err := s.NewSession(ctx, "anna", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetPassword(ctx, "anna", "another password"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionUser(ctx, tok3); !errors.Is(err, ErrNoSession) {
		t.Errorf("session survives a password change: %v", err)
	}
	// Removing the user ends their sessions (foreign key cascade).
	tok4, _, err := s.NewSession(ctx, "anna", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveUser(ctx, "anna"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionUser(ctx, tok4); !errors.Is(err, ErrNoSession) {
		t.Errorf("session survives the removal of its user: %v", err)
	}
}

func TestCheckPasswordRejectsTamperedHashes(t *testing.T) {
	for _, c := range []struct {
		name, phc string
	}{
		{"bcrypt, not argon2id", "$2a$10$abcdefghijklmnopqrstuu"},
		{"huge memory", "$argon2id$v=19$m=99999999,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
		{"zero passes", "$argon2id$v=19$m=19456,t=0,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
		{"bad base64", "$argon2id$v=19$m=19456,t=2,p=1$!!!$AAAA"},
		{"other version", "$argon2id$v=16$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
		{"empty", ""},
	} {
		if ok, err := checkPassword(c.phc, "password"); ok || err == nil {
			t.Errorf("%s: checkPassword = %v, %v; want an error", c.name, ok, err)
		}
	}
	h, err := hashPassword("password")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := checkPassword(h, "password"); !ok || err != nil {
		t.Errorf("own hash: %v, %v", ok, err)
	}
	if ok, err := checkPassword(dummyHash, "password"); ok || err != nil {
		t.Errorf("dummy hash must parse and never match: %v, %v", ok, err)
	}
}
