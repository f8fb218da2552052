package thumbnails

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"
)

// ErrNoVips reports that vipsthumbnail is not installed (Debian package
// libvips-tools); benchmarks skip the comparison when they see it.
var ErrNoVips = errors.New("vipsthumbnail not installed")

// MeasureVips runs libvips' vipsthumbnail over files once per default
// rendition size (as the issue measured it: one run for 1280 px, one for
// 320 px, JPEG quality DefaultQuality), writing into a temporary folder
// that is removed afterwards, and returns the CPU time (user + system, all
// threads, from the children's rusage) and the wall time. It is the
// reference the ingest benchmark is compared with.
func MeasureVips(ctx context.Context, files []string) (cpu, wall time.Duration, err error) {
	bin, err := exec.LookPath("vipsthumbnail")
	if err != nil {
		return 0, 0, fmt.Errorf("thumbnails: %w: %w", ErrNoVips, err)
	}
	if len(files) == 0 {
		return 0, 0, nil
	}
	out, err := os.MkdirTemp("", "cutline-vips-*")
	if err != nil {
		return 0, 0, err
	}
	defer os.RemoveAll(out)
	const batch = 64 // files per process: keeps argv short, start-up cost small
	for _, size := range DefaultSizes {
		for i := 0; i < len(files); i += batch {
			args := []string{
				"--size", strconv.Itoa(size) + "x" + strconv.Itoa(size),
				"-o", out + "/%s-" + strconv.Itoa(size) + ".jpg[Q=" + strconv.Itoa(DefaultQuality) + ",strip]",
			}
			args = append(args, files[i:min(i+batch, len(files))]...)
			cmd := exec.CommandContext(ctx, bin, args...)
			start := time.Now()
			msg, err := cmd.CombinedOutput()
			wall += time.Since(start)
			if cmd.ProcessState != nil {
				cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			}
			if err != nil {
				return cpu, wall, fmt.Errorf("thumbnails: vipsthumbnail: %w: %s", err, msg)
			}
		}
	}
	return cpu, wall, nil
}

// ProcessCPU returns the CPU time (user + system) this process has used so
// far, for measuring the in-process side of a benchmark the same way as
// MeasureVips measures vipsthumbnail.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
