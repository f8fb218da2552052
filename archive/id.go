package archive

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// ID identifies a photo: the SHA-256 of its original bytes, as 64 lower-case
// hex characters. Build one with ParseID or IDOf; the zero ID is invalid.
type ID string

// MinPrefix is the shortest ID prefix accepted on the command line and in URLs.
const MinPrefix = 8

// ErrBadID reports a string that is not an ID or an ID prefix.
var ErrBadID = errors.New("not a photo ID")

// IDOf returns the ID of the given bytes.
func IDOf(data []byte) ID {
	sum := sha256.Sum256(data)
	return ID(hex.EncodeToString(sum[:]))
}

// ParseID checks that s is a full 64-hex-character ID (case-insensitive).
func ParseID(s string) (ID, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) != 64 || !isHex(s) {
		return "", fmt.Errorf("%w: %q (want 64 hex characters)", ErrBadID, s)
	}
	return ID(s), nil
}

// ParsePrefix checks that s is an ID or a prefix of one of at least
// MinPrefix hex characters, and returns it in lower case.
func ParsePrefix(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) < MinPrefix || len(s) > 64 || !isHex(s) {
		return "", fmt.Errorf("%w: %q (want at least %d hex characters)", ErrBadID, s, MinPrefix)
	}
	return s, nil
}

// Short returns the first 12 characters, enough to be unique in practice.
func (id ID) Short() string {
	if len(id) < 12 {
		return string(id)
	}
	return string(id[:12])
}

func (id ID) String() string { return string(id) }

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
