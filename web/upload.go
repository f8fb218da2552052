package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode"

	"github.com/cutline/cutline/archive"
)

type uploadView struct {
	base
	MaxFiles int
	MaxMB    int64
	Report   *archive.Report
	Error    string
}

func (s *Server) uploadPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, "upload", s.uploadView(r))
}

func (s *Server) uploadView(r *http.Request) *uploadView {
	return &uploadView{base: s.base(r, "Upload"), MaxFiles: s.cfg.MaxUploadFiles, MaxMB: s.cfg.MaxFileBytes >> 20}
}

// uploadForm takes the upload form without JavaScript and shows the
// ingest report as a page.
func (s *Server) uploadForm(w http.ResponseWriter, r *http.Request) error {
	rep, err := s.receive(w, r)
	if rep == nil {
		return err
	}
	v := s.uploadView(r)
	v.Report = rep
	status := http.StatusOK
	if err != nil {
		status, v.Error = statusOf(err)
	}
	return s.render(w, r, status, "upload", v)
}

// apiUpload takes multipart/form-data with one or more files and returns
// the ingest report: {"ingested","duplicates","rejected"}. The desk's
// upload page sends one file per request, to show per-file progress.
func (s *Server) apiUpload(w http.ResponseWriter, r *http.Request) error {
	rep, err := s.receive(w, r)
	if rep == nil {
		return err
	}
	if err != nil {
		status, msg := statusOf(err)
		return writeJSON(w, status, map[string]any{
			"error": msg, "status": status,
			"ingested": rep.Ingested, "duplicates": rep.Duplicates, "rejected": rep.Rejected,
		})
	}
	return writeJSON(w, http.StatusOK, rep)
}

// receive streams the files of a multipart upload into the archive one
// at a time (never holding more than one in memory), within the limits of
// the configuration: the whole body is cut at MaxUploadBytes, each file
// at MaxFileBytes, and files past MaxUploadFiles are rejected unread. It
// returns the report so far with the error that stopped it, if any.
func (s *Server) receive(w http.ResponseWriter, r *http.Request) (*archive.Report, error) {
	_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(30 * time.Minute))
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUploadBytes)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, errorf(http.StatusBadRequest, "upload files as multipart/form-data (%v)", err)
	}
	rep := &archive.Report{Ingested: []archive.Ingested{}, Duplicates: []archive.Duplicate{}, Rejected: []archive.Rejected{}}
	opts := &archive.IngestOptions{User: userName(r), MaxFileBytes: s.cfg.MaxFileBytes, Workers: 1}
	files := 0
	var stop error
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			var mb *http.MaxBytesError
			if !errors.As(err, &mb) {
				err = errorf(http.StatusBadRequest, "reading the upload: %v", err)
			}
			stop = err
			break
		}
		if part.FileName() == "" {
			part.Close()
			continue // a plain form field
		}
		name := uploadName(part.FileName())
		files++
		if files > s.cfg.MaxUploadFiles {
			rep.Rejected = append(rep.Rejected, archive.Rejected{Path: name,
				Error: fmt.Sprintf("not read: at most %d files in one upload", s.cfg.MaxUploadFiles)})
			part.Close()
			continue
		}
		one, err := s.store.IngestReader(r.Context(), name, part, opts)
		part.Close()
		if one != nil {
			rep.Ingested = append(rep.Ingested, one.Ingested...)
			rep.Duplicates = append(rep.Duplicates, one.Duplicates...)
			rep.Rejected = append(rep.Rejected, one.Rejected...)
		}
		if err != nil {
			stop = err
			break
		}
	}
	if len(rep.Ingested) > 0 {
		if err := s.sync(r.Context()); err != nil {
			return rep, err
		}
	}
	if stop == nil && files == 0 {
		stop = errorf(http.StatusBadRequest, "no file in the upload")
	}
	// A body over the limit shows up as the rejection of the file being
	// read; report it as such (413).
	for _, rj := range rep.Rejected {
		if stop == nil && strings.Contains(rj.Error, "request body too large") {
			stop = &http.MaxBytesError{Limit: s.cfg.MaxUploadBytes}
		}
	}
	return rep, stop
}

// uploadName keeps the base name of an uploaded file, without path
// separators or control characters, at most 200 bytes long.
func uploadName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(name)
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	if len(name) > 200 {
		ext := path.Ext(name)
		if len(ext) > 10 {
			ext = ""
		}
		name = strings.ToValidUTF8(name[:200-len(ext)], "") + ext
	}
	if name == "" || name == "." || name == "/" {
		name = "upload.jpg"
	}
	return name
}
