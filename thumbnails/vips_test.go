package thumbnails

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/cutline/cutline/internal/synth"
)

func TestMeasureVips(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := range 3 {
		b, err := synth.JPEG(int64(i), 1600, 1200, nil)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "p"+string(rune('a'+i))+".jpg")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	cpu, wall, err := MeasureVips(context.Background(), files)
	if errors.Is(err, ErrNoVips) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if cpu <= 0 || wall <= 0 {
		t.Errorf("cpu %v, wall %v: want both positive", cpu, wall)
	}
	t.Logf("vipsthumbnail, 3 files × 2 sizes: cpu %v, wall %v", cpu, wall)
	// A missing file is an error, not a silent zero.
	if _, _, err := MeasureVips(context.Background(), []string{filepath.Join(dir, "missing.jpg")}); err == nil {
		t.Error("MeasureVips on a missing file succeeded")
	}
}
