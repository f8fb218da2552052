package thumbnails

import (
	"sync"
	"syscall"
	"testing"

	"github.com/cutline/cutline/internal/synth"
)

// TestResidentMemory renders 24 MP photos on two goroutines, the way the
// ingest pipeline keeps two cores busy, and checks the process's peak
// resident size (getrusage maxrss) against the 1 GiB the issue allows.
// The baseline and progressive files are each rendered several times so
// that the garbage collector's headroom shows.
func TestResidentMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: renders 24 MP photos")
	}
	base, err := synth.JPEG(3, 6000, 4000, nil)
	if err != nil {
		t.Fatal(err)
	}
	files := [][]byte{base, progressive(t, base)}
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 4; i++ {
				if _, err := Render(files[(g+i)%2], 6, nil); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Skip(err)
	}
	rss := ru.Maxrss << 10 // kilobytes on Linux
	t.Logf("peak resident size: %d MB (Cost for 24 MP: %d MB)", rss>>20, Cost(6000, 4000)>>20)
	if rss > 1<<30 {
		t.Errorf("peak resident size %d MB, want under 1024 MB", rss>>20)
	}
}
