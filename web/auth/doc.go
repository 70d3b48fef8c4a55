// Package auth owns accounts, roles, password hashing, database-backed
// sessions and sign-in throttling. It knows nothing of HTTP: the web package
// turns its results into cookies, redirects and status codes.
//
// Everything lives in the database so that any number of servers sharing it
// agree on who is signed in, and a disabled account is locked out everywhere
// at once.
package auth
