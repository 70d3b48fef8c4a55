package migrations

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// MinPostgres is the oldest PostgreSQL server factdesk accepts (13: identity
// columns, EXECUTE FUNCTION triggers, trusted extensions, DROP … WITH FORCE).
const MinPostgres = 130000

// pool holds the connection-pool settings of one server process. They are
// taken from the URL's query (pgxpool's names) and removed from it before
// the URL reaches the driver, which would send unknown keys to the server.
type pool struct {
	maxConns    int
	maxIdle     int
	maxLifetime time.Duration
	maxIdleTime time.Duration
}

// Defaults sized for a few servers sharing one PostgreSQL with the stock
// max_connections of 100: 4 servers × 20 leave room for psql and backups.
// Idle connections are kept up to the pool's size (maxIdle 0 means that):
// with fewer kept, a busy server closes and reopens connections all the
// time, and each new backend starts with cold caches (measured: PostgreSQL's
// CPU per request 4.6 ms with 10 of 20 kept, 2.0 ms with 20; docs/SCALING.md).
// maxIdleTime still closes them after a quiet spell.
var defaultPool = pool{maxConns: 20, maxIdle: 0, maxLifetime: 30 * time.Minute, maxIdleTime: 5 * time.Minute}

func takePoolParams(u *url.URL) (pool, error) {
	p := defaultPool
	q := u.Query()
	ints := map[string]*int{"pool_max_conns": &p.maxConns, "pool_max_idle_conns": &p.maxIdle}
	for k, dst := range ints {
		if v := q.Get(k); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 10000 {
				return p, fmt.Errorf("%s=%q: want a whole number from 1 to 10000", k, v)
			}
			*dst = n
		}
		q.Del(k)
	}
	durs := map[string]*time.Duration{"pool_max_conn_lifetime": &p.maxLifetime, "pool_max_conn_idle_time": &p.maxIdleTime}
	for k, dst := range durs {
		if v := q.Get(k); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d < time.Second {
				return p, fmt.Errorf("%s=%q: want a duration of at least 1s, such as 30m", k, v)
			}
			*dst = d
		}
		q.Del(k)
	}
	if p.maxIdle == 0 || p.maxIdle > p.maxConns {
		p.maxIdle = p.maxConns
	}
	u.RawQuery = q.Encode()
	return p, nil
}

// openPostgres connects to the PostgreSQL database of a postgres:// URL and
// checks that factdesk can use it before anyone writes to it.
func openPostgres(dsn string) (*gorm.DB, error) {
	shown := Redact(dsn)
	fail := func(format string, args ...any) error {
		return fmt.Errorf("open database %s: %s", shown, fmt.Sprintf(format, args...))
	}
	u, err := url.Parse(dsn)
	if err != nil {
		// url's error repeats the URL, password included: do not wrap it.
		return nil, fail("not a valid URL")
	}
	if u.Host == "" && u.Query().Get("host") == "" {
		return nil, fail("the URL names no server (want postgres://USER:PASSWORD@HOST:PORT/DATABASE)")
	}
	p, err := takePoolParams(u)
	if err != nil {
		return nil, fail("%v", err)
	}
	cfg, err := pgx.ParseConfig(u.String())
	if err != nil {
		return nil, fail("not a valid PostgreSQL URL: %v", err)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	if _, ok := cfg.RuntimeParams["application_name"]; !ok {
		cfg.RuntimeParams["application_name"] = "factdesk"
	}
	// Times are UTC everywhere in factdesk: on the wire, and in the
	// time.Time values scanned back (pgx would otherwise use time.Local).
	cfg.RuntimeParams["timezone"] = "UTC"
	// Statements are planned once, except those whose plan depends on their
	// values, which are planned at every execution (see pgPool). A
	// plan_cache_mode in the URL applies to the others (force_custom_plan
	// plans every statement every time, as factdesk did before); with
	// default_query_exec_mode=exec nothing is prepared at all.
	sqlDB := stdlib.OpenDB(*cfg, stdlib.OptionAfterConnect(func(ctx context.Context, c *pgx.Conn) error {
		c.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID,
			Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
		return nil
	}))
	sqlDB.SetMaxOpenConns(p.maxConns)
	sqlDB.SetMaxIdleConns(p.maxIdle)
	sqlDB.SetConnMaxLifetime(p.maxLifetime)
	sqlDB.SetConnMaxIdleTime(p.maxIdleTime)

	ctx, cancel := context.WithTimeout(context.Background(), cfg.ConnectTimeout+5*time.Second)
	defer cancel()
	var version int
	var encoding, database string
	err = sqlDB.QueryRowContext(ctx, "SELECT current_setting('server_version_num')::int, current_setting('server_encoding'), current_database()").
		Scan(&version, &encoding, &database)
	if err != nil {
		sqlDB.Close()
		return nil, fail("%s", explainConnectError(err, cfg))
	}
	switch {
	case version < MinPostgres:
		sqlDB.Close()
		return nil, fail("the server runs PostgreSQL %d.%d; factdesk needs %d or newer", version/10000, version%10000, MinPostgres/10000)
	case encoding != "UTF8":
		sqlDB.Close()
		return nil, fail("database %q uses the %s encoding; factdesk stores Arabic and needs UTF8 (createdb -E UTF8 -T template0 …)", database, encoding)
	}
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: newPGPool(sqlDB)}), gormConfig())
	if err != nil {
		sqlDB.Close()
		return nil, fail("%v", err)
	}
	return db, nil
}

// explainConnectError turns the driver's error into one line an operator can
// act on.
func explainConnectError(err error, cfg *pgx.ConnConfig) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "28P01":
			return fmt.Sprintf("authentication failed for user %q: check the user and password in the URL", cfg.User)
		case "28000":
			return fmt.Sprintf("the server refuses user %q (pg_hba.conf or role settings): %s", cfg.User, pg.Message)
		case "3D000":
			return fmt.Sprintf("database %q does not exist: create it first (createdb -E UTF8 -O %s %s)", cfg.Database, cfg.User, cfg.Database)
		case "53300":
			return "the server has no free connection slots (max_connections reached)"
		}
		return fmt.Sprintf("the server refused the connection: %s (SQLSTATE %s)", pg.Message, pg.Code)
	}
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("no answer from %s:%d within %s", cfg.Host, cfg.Port, cfg.ConnectTimeout)
	case errors.As(err, &dns):
		return fmt.Sprintf("cannot find the server %s: %v", cfg.Host, dns.Err)
	case errors.As(err, &op):
		return fmt.Sprintf("cannot reach the server at %s:%d: %v", cfg.Host, cfg.Port, op.Err)
	}
	return fmt.Sprintf("cannot reach the server at %s:%d: %v", cfg.Host, cfg.Port, err)
}
