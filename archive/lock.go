package archive

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// Holder describes the process holding an archive's writer lock.
type Holder struct {
	PID     int       `json:"pid"`
	Command string    `json:"command"`        // "cutline serve", "cutline ingest"
	Addr    string    `json:"addr,omitempty"` // where a running server listens
	Since   time.Time `json:"since"`
}

// LockedError reports an archive held by another writer.
type LockedError struct {
	Dir    string
	Holder Holder // zero when the holder could not be read
}

func (e *LockedError) Error() string {
	h := e.Holder
	if h.PID == 0 {
		return fmt.Sprintf("archive %s is in use by another cutline process; wait for it to finish or stop it", e.Dir)
	}
	cmd := h.Command
	if cmd == "" {
		cmd = "cutline"
	}
	msg := fmt.Sprintf("archive is in use by %s (pid %d", cmd, h.PID)
	if h.Addr != "" {
		msg += ", listening on " + h.Addr
	}
	msg += fmt.Sprintf(", since %s)", h.Since.Format("15:04:05"))
	if strings.Contains(cmd, "serve") {
		return msg + "; stop it, or make the change in the web desk / its API"
	}
	return msg + "; wait for it to finish or stop it"
}

// ErrLocked matches a *LockedError with errors.Is.
var ErrLocked = errors.New("archive is in use")

func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// ReadHolder returns who holds the writer lock of the archive in dir, and
// false when nobody does.
func ReadHolder(dir string) (Holder, bool) {
	path := dir + string(os.PathSeparator) + "cutline.lock"
	held, err := probeLock(path)
	if err != nil || !held {
		return Holder{}, false
	}
	return readHolderFile(path), true
}

func readHolderFile(path string) Holder {
	var h Holder
	b, err := os.ReadFile(path)
	if err == nil && len(b) < 4096 {
		_ = json.Unmarshal(b, &h)
	}
	return h
}

// acquireLock takes the exclusive writer lock at path, waiting up to
// timeout, then writes h (with our pid) into the lock file.
func acquireLock(path string, h Holder, timeout time.Duration) (*fileLock, error) {
	deadline := time.Now().Add(timeout)
	for {
		l, err := tryLock(path)
		if err == nil {
			if h.PID == 0 {
				h.PID = os.Getpid()
			}
			if h.Since.IsZero() {
				h.Since = time.Now()
			}
			if h.Command == "" {
				h.Command = "cutline"
			}
			b, _ := json.Marshal(h)
			if err := l.write(b); err != nil {
				l.release()
				return nil, err
			}
			return l, nil
		}
		if !errors.Is(err, errWouldBlock) {
			return nil, fmt.Errorf("locking archive: %w", err)
		}
		if time.Now().After(deadline) {
			dir := path[:strings.LastIndexByte(path, os.PathSeparator)]
			return nil, &LockedError{Dir: dir, Holder: readHolderFile(path)}
		}
		time.Sleep(50 * time.Millisecond)
	}
}
