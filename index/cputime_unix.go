//go:build unix

package index

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user and system) the process has used,
// which the benchmark reports beside wall time: on a machine shared with
// other work the wall time of a build depends on their load, its CPU time
// much less.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
