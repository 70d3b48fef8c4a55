package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/factdesk/factdesk/claims/role"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/migrations"
)

// Sentinel errors, translated by the web layer into messages and statuses.
var (
	ErrNotFound        = errors.New("not found")
	ErrUnknownRole     = role.ErrUnknown
	ErrDuplicateEmail  = errors.New("an account with this email already exists")
	ErrBadCredentials  = errors.New("wrong email or password")
	ErrThrottled       = errors.New("too many failed sign-in attempts")
	ErrInvalid         = errors.New("invalid account data")
	ErrLastAdmin       = errors.New("the last active admin cannot be demoted or disabled")
	ErrConflict        = errors.New("the account was changed by someone else")
	ErrSetupDone       = errors.New("setup is already complete")
	ErrSessionNotFound = errors.New("session not found")
)

// Limits for sign-in throttling: failures counted in a sliding window, per
// account and per client address, both stored in the database.
const (
	FailureWindow     = 15 * time.Minute
	MaxAccountFailure = 5
	MaxClientFailure  = 20
	SessionLifetime   = 14 * 24 * time.Hour
	MinPassword       = 10
	MaxPassword       = 200
	MaxName           = 200
	MaxEmail          = 254
)

// User is an account as the rest of the app sees it.
type User struct {
	ID         int64
	Email      string
	Name       string
	Role       Role
	Lang       string
	Disabled   bool
	CreatedAt  time.Time
	Version    int64
	DisabledAt *time.Time
}

type userRow struct {
	ID           int64
	Email        string
	Name         string
	Role         string
	PasswordHash string
	Lang         string
	DisabledAt   *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int64
}

func (userRow) TableName() string { return "users" }

func (r userRow) user() User {
	return User{ID: r.ID, Email: r.Email, Name: r.Name, Role: Role(r.Role), Lang: r.Lang,
		Disabled: r.DisabledAt != nil, DisabledAt: r.DisabledAt, CreatedAt: r.CreatedAt, Version: r.Version}
}

type sessionRow struct {
	TokenHash string `gorm:"primaryKey"`
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
	Client    string
}

func (sessionRow) TableName() string { return "sessions" }

type failureRow struct {
	ID        int64
	Account   string
	Client    string
	CreatedAt time.Time
}

func (failureRow) TableName() string { return "login_failures" }

// Store is the accounts database.
type Store struct {
	db  *gorm.DB
	now func() time.Time
}

// NewStore wraps an open, migrated database.
func NewStore(db *gorm.DB) *Store {
	return &Store{db: db, now: func() time.Time { return time.Now().UTC() }}
}

// NewUser is what it takes to create an account.
type NewUser struct {
	Email    string
	Name     string
	Role     string
	Password string
	Lang     string
}

// FieldErrors maps a form field to the key of its error message.
type FieldErrors map[string]string

func (f FieldErrors) Error() string {
	var b strings.Builder
	for k, v := range f {
		fmt.Fprintf(&b, "%s: %s; ", k, v)
	}
	return strings.TrimSuffix(b.String(), "; ")
}

// NormalizeEmail lower-cases and trims an address.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Validate checks a new account and returns field errors as message keys.
func (n *NewUser) Validate() FieldErrors {
	errs := FieldErrors{}
	n.Email = NormalizeEmail(n.Email)
	n.Name = strings.TrimSpace(n.Name)
	if n.Email == "" {
		errs["email"] = "err.required"
	} else if len(n.Email) > MaxEmail {
		errs["email"] = "err.too_long"
	} else if a, err := mail.ParseAddress(n.Email); err != nil || a.Address != n.Email {
		errs["email"] = "err.email"
	}
	if n.Name == "" {
		errs["name"] = "err.required"
	} else if utf8.RuneCountInString(n.Name) > MaxName {
		errs["name"] = "err.too_long"
	}
	if _, err := ParseRole(n.Role); err != nil {
		errs["role"] = "err.role"
	}
	if n := utf8.RuneCountInString(n.Password); n < MinPassword {
		errs["password"] = "err.password_short"
	} else if n > MaxPassword {
		errs["password"] = "err.too_long"
	}
	if n.Lang != "" && n.Lang != "ar" && n.Lang != "en" {
		errs["lang"] = "err.invalid"
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// CreateUser validates and stores a new account.
func (s *Store) CreateUser(ctx context.Context, n NewUser) (User, error) {
	if errs := n.Validate(); errs != nil {
		return User{}, errs
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return User{}, err
	}
	now := s.now()
	row := userRow{Email: n.Email, Name: n.Name, Role: n.Role, PasswordHash: hash, Lang: n.Lang, CreatedAt: now, UpdatedAt: now, Version: 1}
	if err := s.db.WithContext(ctx).Create(&row).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return User{}, ErrDuplicateEmail
		}
		return User{}, fmt.Errorf("create user: %w", err)
	}
	return row.user(), nil
}

// CreateFirstAdmin creates the first admin only while no admin exists; the
// check and the insert share one serialized transaction so two concurrent
// setup requests cannot both succeed.
func (s *Store) CreateFirstAdmin(ctx context.Context, n NewUser) (User, error) {
	n.Role = string(Admin)
	if errs := n.Validate(); errs != nil {
		return User{}, errs
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return User{}, err
	}
	var out User
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := migrations.Serialize(tx, "accounts.admins"); err != nil {
			return err
		}
		var count int64
		if err := tx.Model(&userRow{}).Where("role = ?", Admin).Count(&count).Error; err != nil {
			return err
		}
		if count > 0 {
			return ErrSetupDone
		}
		now := s.now()
		row := userRow{Email: n.Email, Name: n.Name, Role: n.Role, PasswordHash: hash, Lang: n.Lang, CreatedAt: now, UpdatedAt: now, Version: 1}
		if err := tx.Create(&row).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return ErrDuplicateEmail
			}
			return err
		}
		out = row.user()
		return nil
	})
	return out, err
}

// NeedsSetup reports whether no admin account exists yet.
func (s *Store) NeedsSetup(ctx context.Context) (bool, error) {
	var count int64
	err := s.db.WithContext(ctx).Model(&userRow{}).Where("role = ?", Admin).Count(&count).Error
	return count == 0, err
}

// User returns one account by id.
func (s *Store) User(ctx context.Context, id int64) (User, error) {
	var row userRow
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return User{}, ErrNotFound
	}
	return row.user(), err
}

// Users lists every account, by name.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	var rows []userRow
	if err := s.db.WithContext(ctx).Order("name, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]User, len(rows))
	for i, r := range rows {
		out[i] = r.user()
	}
	return out, nil
}

// ActiveUsers lists accounts that are not disabled, by name.
func (s *Store) ActiveUsers(ctx context.Context) ([]User, error) {
	var rows []userRow
	if err := s.db.WithContext(ctx).Where("disabled_at IS NULL").Order("name, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]User, len(rows))
	for i, r := range rows {
		out[i] = r.user()
	}
	return out, nil
}

// UserByEmail finds an account by its address.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	var row userRow
	err := s.db.WithContext(ctx).Where("email = ?", NormalizeEmail(email)).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return User{}, ErrNotFound
	}
	return row.user(), err
}

// UserUpdate changes an account's role and whether it is disabled. Version is
// the version the editor started from.
type UserUpdate struct {
	ID       int64
	Role     string
	Disabled bool
	Version  int64
}

// UpdateUser changes role and disabled state. Disabling an account ends all of
// its sessions in the same transaction; the last active admin is protected.
func (s *Store) UpdateUser(ctx context.Context, u UserUpdate) (User, error) {
	role, err := ParseRole(u.Role)
	if err != nil {
		return User{}, FieldErrors{"role": "err.role"}
	}
	var out User
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// Two admins demoting each other at once must not both pass the
		// last-admin check.
		if err := migrations.Serialize(tx, "accounts.admins"); err != nil {
			return err
		}
		var row userRow
		if err := tx.Where("id = ?", u.ID).Take(&row).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrNotFound
			}
			return err
		}
		if row.Version != u.Version {
			return ErrConflict
		}
		wasActiveAdmin := row.Role == string(Admin) && row.DisabledAt == nil
		staysActiveAdmin := role == Admin && !u.Disabled
		if wasActiveAdmin && !staysActiveAdmin {
			var admins int64
			if err := tx.Model(&userRow{}).Where("role = ? AND disabled_at IS NULL", Admin).Count(&admins).Error; err != nil {
				return err
			}
			if admins <= 1 {
				return ErrLastAdmin
			}
		}
		now := s.now()
		var disabledAt *time.Time
		if u.Disabled {
			disabledAt = row.DisabledAt
			if disabledAt == nil {
				disabledAt = &now
			}
		}
		res := tx.Model(&userRow{}).Where("id = ? AND version = ?", u.ID, u.Version).
			Updates(map[string]any{"role": string(role), "disabled_at": disabledAt, "updated_at": now, "version": u.Version + 1})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrConflict
		}
		if u.Disabled {
			if err := tx.Where("user_id = ?", u.ID).Delete(&sessionRow{}).Error; err != nil {
				return err
			}
		}
		row.Role, row.DisabledAt, row.UpdatedAt, row.Version = string(role), disabledAt, now, u.Version+1
		out = row.user()
		return nil
	})
	return out, err
}

// SetLang remembers a user's interface language.
func (s *Store) SetLang(ctx context.Context, userID int64, lang string) error {
	if lang != "ar" && lang != "en" {
		return FieldErrors{"lang": "err.invalid"}
	}
	return s.db.WithContext(ctx).Model(&userRow{}).Where("id = ?", userID).
		Updates(map[string]any{"lang": lang, "updated_at": s.now()}).Error
}

// Authenticate checks email and password, enforcing the throttle. A failure
// never says which part was wrong.
func (s *Store) Authenticate(ctx context.Context, email, password, client string) (User, error) {
	email = NormalizeEmail(email)
	if len(email) > MaxEmail || len(password) > MaxPassword*4 {
		return User{}, ErrBadCredentials
	}
	since := s.now().Add(-FailureWindow)
	var byAccount, byClient int64
	db := s.db.WithContext(ctx)
	if err := db.Model(&failureRow{}).Where("account = ? AND created_at > ?", email, since).Count(&byAccount).Error; err != nil {
		return User{}, err
	}
	if err := db.Model(&failureRow{}).Where("client = ? AND created_at > ?", client, since).Count(&byClient).Error; err != nil {
		return User{}, err
	}
	if byAccount >= MaxAccountFailure || byClient >= MaxClientFailure {
		return User{}, ErrThrottled
	}
	var row userRow
	err := db.Where("email = ?", email).Take(&row).Error
	found := err == nil
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return User{}, err
	}
	hash := dummyHash
	if found {
		hash = row.PasswordHash
	}
	ok := CheckPassword(hash, password)
	if !found || !ok || row.DisabledAt != nil {
		if err := db.Create(&failureRow{Account: email, Client: client, CreatedAt: s.now()}).Error; err != nil {
			return User{}, err
		}
		return User{}, ErrBadCredentials
	}
	// A success clears the account's failures so a legitimate user is not
	// locked out by earlier typos.
	if err := db.Where("account = ?", email).Delete(&failureRow{}).Error; err != nil {
		return User{}, err
	}
	return row.user(), nil
}

// SetPassword replaces a user's password.
func (s *Store) SetPassword(ctx context.Context, userID int64, password string) error {
	if n := utf8.RuneCountInString(password); n < MinPassword || n > MaxPassword {
		return FieldErrors{"password": "err.password_short"}
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.db.WithContext(ctx).Model(&userRow{}).Where("id = ?", userID).
		Updates(map[string]any{"password_hash": hash, "updated_at": s.now()}).Error
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewToken returns 32 random bytes, URL-safe.
func NewToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// CreateSession starts a session and returns its token (only its hash is
// stored). A new token is issued at every sign-in, so a session id planted
// before sign-in is worthless after it.
func (s *Store) CreateSession(ctx context.Context, userID int64, client string) (string, error) {
	token := NewToken()
	now := s.now()
	row := sessionRow{TokenHash: hashToken(token), UserID: userID, CreatedAt: now, ExpiresAt: now.Add(SessionLifetime), Client: truncate(client, 100)}
	if err := s.db.WithContext(ctx).Create(&row).Error; err != nil {
		return "", fmt.Errorf("create session: %w", err)
	}
	return token, nil
}

// SessionUser returns the active user behind a session token.
func (s *Store) SessionUser(ctx context.Context, token string) (User, error) {
	if token == "" || len(token) > 100 {
		return User{}, ErrSessionNotFound
	}
	// Every request of a signed-in user asks this first: one plain
	// statement with the columns a User needs (built by GORM's query
	// builder and read with every column, it cost 20 % more on
	// PostgreSQL).
	var row userRow
	res := s.db.WithContext(ctx).Raw(`SELECT u.id, u.email, u.name, u.role, u.lang, u.created_at, u.version
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`, hashToken(token), s.now()).Scan(&row)
	if res.Error != nil {
		return User{}, res.Error
	}
	if res.RowsAffected == 0 {
		return User{}, ErrSessionNotFound
	}
	return row.user(), nil
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	return s.db.WithContext(ctx).Where("token_hash = ?", hashToken(token)).Delete(&sessionRow{}).Error
}

// PruneExpired removes expired sessions and old sign-in failures.
func (s *Store) PruneExpired(ctx context.Context) error {
	now := s.now()
	if err := s.db.WithContext(ctx).Where("expires_at <= ?", now).Delete(&sessionRow{}).Error; err != nil {
		return err
	}
	return s.db.WithContext(ctx).Where("created_at <= ?", now.Add(-24*time.Hour)).Delete(&failureRow{}).Error
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
