package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/desk"
	"github.com/factdesk/factdesk/web/i18n"
)

func cmdUserAdd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("user add", "user add --email E --name N --role admin|editor|reviewer --password-stdin [--db PATH]", stderr)
	dbPath := dbFlag(fs, getenv)
	email := fs.String("email", "", "email address (required)")
	name := fs.String("name", "", "display name (required)")
	role := fs.String("role", "", "admin, editor or reviewer (required)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !*fromStdin {
		return usageError{"--password-stdin is required (passwords are never taken as arguments)"}
	}
	if _, err := auth.ParseRole(*role); err != nil {
		return usageError{fmt.Sprintf("--role %q: want admin, editor or reviewer", *role)}
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read password: %w", err)
	}
	password := strings.TrimRight(line, "\r\n")
	db, err := openMigrated(ctx, *dbPath, stdout)
	if err != nil {
		return err
	}
	defer migrations.Close(db)
	u, err := desk.New(db).Users.CreateUser(ctx, auth.NewUser{Email: *email, Name: *name, Role: *role, Password: password})
	var fe auth.FieldErrors
	switch {
	case errors.As(err, &fe):
		keys := make([]string, 0, len(fe))
		for k := range fe {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var msgs []string
		for _, k := range keys {
			msgs = append(msgs, k+": "+i18n.EN.T(fe[k]))
		}
		return usageError{strings.Join(msgs, "; ")}
	case errors.Is(err, auth.ErrDuplicateEmail):
		return fmt.Errorf("an account with email %s already exists", auth.NormalizeEmail(*email))
	case err != nil:
		return err
	}
	fmt.Fprintf(stdout, "created %s %s <%s> (id %d)\n", u.Role, u.Name, u.Email, u.ID)
	return nil
}
