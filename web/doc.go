// Package web is the HTTP face of factdesk: one Echo server, its routes in
// routes.go, its middleware stack in middleware.go, one error handler, and
// thin handlers that parse a request, call a domain package and render a templ
// view or redirect. It keeps no state of its own: sessions, CSRF tokens and
// flashes live in the database or in cookies, so several servers can share
// one database.
package web
