// Package backup copies a desk's database as a whole: Write takes a
// consistent copy of a live SQLite file, Check reads what a copy holds,
// Restore puts one back, BeforeUpgrade keeps a copy before pending
// migrations change the schema, and Copy moves every row of a desk between
// any two databases (SQLite to PostgreSQL and back: the factdesk copy
// command). It sits beside migrations rather than in it because it works on
// whole databases the migrations have made, through migrations' seams
// (Tables, Serialize, Version), and migrations never needs it.
package backup
