package web

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/searchindex"
	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/desk"
)

//go:embed static
var staticFS embed.FS

// Config is what the server needs from its caller.
type Config struct {
	// Desk is the wired desk (desk.New): the database, both domains, the
	// search index and the accounts.
	Desk   *desk.Desk
	Logger *slog.Logger
	// Secure marks cookies Secure and sends HSTS; set when served over TLS
	// (directly or behind a TLS-terminating proxy).
	Secure bool
	// TrustProxy takes the client address from X-Forwarded-For (only behind
	// a proxy that sets it).
	TrustProxy bool
	Version    string
	// MaxBody limits request bodies (uploads included).
	MaxBody string
	// Chromium is the browser that renders reports as PDF (see
	// FindChromium); "" when there is none, and the report page says how
	// to enable it.
	Chromium string
	// MaxInFlight bounds the requests worked on at once (the others wait in
	// arrival order); 0 means no bound.
	MaxInFlight int
	// BaseURL is the public address of this factdesk (e.g.
	// https://desk.example.org), for the public links of reports and the
	// url of ClaimReviews; "" takes it from each request.
	BaseURL string
}

// Server holds the dependencies of the handlers.
type Server struct {
	cfg     Config
	desk    *desk.Desk
	users   *auth.Store
	claims  *claims.Service
	sources *sources.Service
	index   *searchindex.Index // search and "checked before"
	log     *slog.Logger
	assetV  string
	echo    *echo.Echo
	pdf     *pdfRenderer  // nil without Chromium
	slots   chan struct{} // admission (Config.MaxInFlight); nil: no bound
}

// New builds the server with every route and middleware.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MaxBody == "" {
		cfg.MaxBody = "8M"
	}
	d := cfg.Desk
	s := &Server{cfg: cfg, desk: d, users: d.Users, claims: d.Claims, sources: d.Sources, index: d.Index, log: cfg.Logger, assetV: assetVersion(),
		pdf: newPDFRenderer(cfg.Chromium)}
	if cfg.MaxInFlight > 0 {
		s.slots = make(chan struct{}, cfg.MaxInFlight)
	}
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	if cfg.TrustProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	} else {
		e.IPExtractor = echo.ExtractIPDirect()
	}
	s.echo = e
	s.middleware(e)
	s.routes(e)
	return s
}

// ServeHTTP makes the server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.echo.ServeHTTP(w, r) }

// Echo exposes the router (for route listings in tests).
func (s *Server) Echo() *echo.Echo { return s.echo }

// Users exposes the accounts store to the command line.
func (s *Server) Users() *auth.Store { return s.users }

func staticFiles() fs.FS {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err)
	}
	return sub
}

// assetVersion hashes the embedded assets once so their URLs change when
// their content does, and browsers may cache them for a year.
func assetVersion() string {
	h := sha256.New()
	_ = fs.WalkDir(staticFS, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(path)
		if err != nil {
			return err
		}
		h.Write([]byte(path))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func (s *Server) ping(ctx context.Context) error {
	sqlDB, err := s.desk.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}
