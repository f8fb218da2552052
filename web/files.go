package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/thumbnails"
)

// Files are served by photo ID only: no path from a request ever reaches
// the file system. IDs are checked by archive.ParseID, and the thumbnail
// cache and the original store build their paths from checked IDs.

// thumb serves a rendition: GET /thumbs/{id}/{size} with size 320 or 1280.
// Renditions never change for an ID, size and renderer version, so they
// carry that as ETag and may be cached forever.
func (s *Server) thumb(w http.ResponseWriter, r *http.Request) error {
	id, err := archive.ParseID(r.PathValue("id"))
	if err != nil {
		return err
	}
	size, err := strconv.Atoi(r.PathValue("size"))
	if err != nil || !containsInt(thumbnails.DefaultSizes, size) {
		return errorf(http.StatusNotFound, "renditions are %v pixels", thumbnails.DefaultSizes)
	}
	etag := fmt.Sprintf(`"%s-%d-v%d"`, id, size, thumbnails.Version)
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "private, max-age=31536000, immutable")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	var f io.ReadSeekCloser
	f, err = s.thumbs.Open(string(id), size)
	if errors.Is(err, fs.ErrNotExist) {
		if f, err = s.rerender(r.Context(), id, size); err != nil {
			return err
		}
	}
	if err != nil {
		return err
	}
	defer f.Close()
	h.Set("Content-Type", "image/jpeg")
	http.ServeContent(w, r, "", time.Time{}, f)
	return nil
}

// rerender makes a lost rendition again from the original (the cache is
// derived data), at most two at a time. A photo without renditions gets
// the placeholder image instead.
func (s *Server) rerender(ctx context.Context, id archive.ID, size int) (io.ReadSeekCloser, error) {
	p, err := s.store.Photo(ctx, id)
	if err != nil {
		return nil, err
	}
	if !s.hasPreview(p) {
		return nil, errorf(http.StatusNotFound, "photo %s has no preview", id.Short())
	}
	select {
	case s.renderSem <- struct{}{}:
		defer func() { <-s.renderSem }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if f, err := s.thumbs.Open(string(id), size); err == nil {
		return f, nil // another request made it meanwhile
	}
	data, err := s.store.Originals.Read(id)
	if err != nil {
		return nil, err
	}
	rends, err := thumbnails.Render(data, p.Orientation, nil)
	if err != nil {
		return nil, errorf(http.StatusNotFound, "photo %s has no preview: %v", id.Short(), err)
	}
	for _, rd := range rends {
		if err := s.thumbs.Write(string(id), rd.Size, rd.JPEG); err != nil {
			s.cfg.Logf("caching rendition of %s: %v", id.Short(), err)
		}
		if rd.Size == size {
			return nopCloser{bytes.NewReader(rd.JPEG)}, nil
		}
	}
	return nil, errorf(http.StatusNotFound, "no %d px rendition", size)
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// downloadOriginal sends the original file as it was ingested.
func (s *Server) downloadOriginal(w http.ResponseWriter, r *http.Request) error {
	id, err := s.photoID(r)
	if err != nil {
		return err
	}
	p, err := s.store.Photo(r.Context(), id)
	if err != nil {
		return err
	}
	f, err := s.store.Originals.Open(id)
	if err != nil {
		return err
	}
	defer f.Close()
	extendWrite(w)
	h := w.Header()
	h.Set("Content-Type", "image/jpeg")
	h.Set("Content-Disposition", attachment(p.Name, ""))
	h.Set("ETag", `"`+string(id)+`"`)
	h.Set("Cache-Control", "private, max-age=31536000, immutable")
	http.ServeContent(w, r, "", time.Time{}, f)
	return nil
}

// downloadExport sends the JPEG with the edited caption embedded. The
// export's warnings (IIM length limits) travel in X-Cutline-Warning.
func (s *Server) downloadExport(w http.ResponseWriter, r *http.Request) error {
	id, err := s.photoID(r)
	if err != nil {
		return err
	}
	p, err := s.store.Photo(r.Context(), id)
	if err != nil {
		return err
	}
	data, warnings, err := s.store.ExportBytes(r.Context(), id)
	if err != nil {
		return err
	}
	extendWrite(w)
	h := w.Header()
	h.Set("Content-Type", "image/jpeg")
	h.Set("Content-Disposition", attachment(p.Name, "-cutline"))
	h.Set("Cache-Control", "no-store")
	for _, wn := range warnings {
		h.Add("X-Cutline-Warning", headerSafe(wn))
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
	return nil
}

// extendWrite gives a large download more time than the server's default
// write timeout.
func extendWrite(w http.ResponseWriter) {
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(30 * time.Minute))
}

// attachment builds a Content-Disposition for a file name taken from an
// upload: path separators, controls and quotes are dropped, the
// extension is forced to .jpg, and non-ASCII names are sent the RFC 6266
// way by mime.FormatMediaType.
func attachment(name, suffix string) string {
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune(`/\"<>:|?*;`, r) {
			return '_'
		}
		return r
	}, path.Base(strings.ReplaceAll(name, "\\", "/")))
	base := strings.TrimSuffix(name, path.Ext(name))
	if base == "" || base == "." || base == ".." {
		base = "photo"
	}
	if len(base) > 120 {
		base = base[:120]
	}
	v := mime.FormatMediaType("attachment", map[string]string{"filename": base + suffix + ".jpg"})
	if v == "" {
		return `attachment; filename="photo.jpg"`
	}
	return v
}

// headerSafe keeps a header value on one line of printable characters.
func headerSafe(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	if len(s) > 500 {
		s = s[:500]
	}
	return s
}
