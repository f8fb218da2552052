//go:build !unix

package index

import "time"

// processCPU is not measured here; the benchmark then shows 0.
func processCPU() time.Duration { return 0 }
