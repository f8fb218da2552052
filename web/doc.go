// Package web is cutline's web desk: server-rendered HTML pages and a JSON
// API over the same archive, index and thumbnails as the command line.
//
// # Routes
//
// One route table (Server.Handler, Go 1.22 patterns) serves "cutline
// serve" and the tests alike:
//
//	GET  /                         search page; ?q= (the query language of package index), &sort=, &page=
//	GET  /photos/{id}              photo page: preview, edit form, facts and suggestions, credit lines, history
//	POST /photos/{id}              save the edit form (refused with 409 when the caption changed meanwhile)
//	POST /photos/{id}/suggest      apply one suggestion from the parsed facts
//	POST /photos/{id}/revert       restore the value before a history entry
//	GET  /photos/{id}/original     the original file
//	GET  /photos/{id}/export       the JPEG with the current caption embedded
//	POST /batch                    apply a template or a field change to the selected photos
//	GET  /upload, POST /upload     upload files (drag and drop with per-file progress)
//	GET  /login, POST /login, POST /logout
//	GET  /thumbs/{id}/{size}       renditions (320, 1280), by ID only, immutable
//	GET  /static/{name}            embedded CSS, JavaScript (htmx), images
//	/api/...                       JSON: search, photos (get, patch), history, revert,
//	                               credit, batch, upload, export, original, login, logout, me
//
// Handlers return errors; the page and api adapters (errors.go) turn them
// into a status and an error page or {"error","status"}.
//
// # Accounts
//
// With accounts (archive users), every route but /login and /static needs
// a session: a cookie from the login page, or "Authorization: Bearer
// TOKEN" from POST /api/login. Viewers read; editors change. Without
// accounts the desk is open, every request acting as Config.LocalUser with
// the editor role, and New allows that only on a loopback address.
//
// # Hardening
//
// Every state-changing request passes http.CrossOriginProtection. Every
// response carries a strict Content-Security-Policy (scripts, styles and
// images from the desk itself only: no inline script or style, no eval),
// X-Content-Type-Options: nosniff and frame denial. Templates are
// html/template, parsed once; text from photos (captions, names, file
// names, warnings) is always data to them, never markup: highlights are
// passed as plain segments, and the page script writes with textContent.
// Files are served by photo ID only. Uploads are streamed one file at a
// time through http.MaxBytesReader with per-request size and file-count
// limits. Server.Serve sets header, read, write and idle timeouts and
// shuts down gracefully.
//
// # Index
//
// The server is the archive's one writer. Every change (save, batch,
// upload, revert) runs Index.Sync before its response, one at a time, so
// a search right after a save finds the new caption.
package web
