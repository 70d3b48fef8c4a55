// Package paths is the one place the app's URLs come from: the route patterns
// web registers (Echo syntax, ":id" for a parameter) and the functions that
// build each path from typed values, derived from the same patterns, so a link,
// a form action or a redirect cannot point at a route that does not exist. A
// path without a parameter is its own pattern. It imports nothing of the app,
// so both the handlers and the views may use it.
package paths
