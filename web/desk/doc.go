// Package desk is the one place the desk is wired: from a database handle it
// builds the claims and sources services, sets each one's adapter to the
// other (sources asks claims about a claim, claims asks sources how much
// evidence a claim has), gives the search index every kind's loader, opens
// the accounts store, and turns the sources into what reports and exports
// read. The domains never import each other; cmd, the CLI commands, the web
// server and the tests all take their services from New, so no caller wires
// a domain of its own or runs with one missing. It imports no Echo and no
// templ: it is the building, not the front door.
package desk
