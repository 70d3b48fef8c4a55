package claims

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Organisation is who publishes the desk's reports: its name and address,
// and the methodology and corrections policy every report ends with, in both
// languages (IFCN principles 3 and 5). An admin sets them.
type Organisation struct {
	Name          string
	URL           string
	MethodologyEN string
	MethodologyAR string
	CorrectionsEN string
	CorrectionsAR string
	Version       int64
}

// Methodology is the methodology in lang, or in the other language when it
// is only written in that one; the second value is the language of the text.
func (o Organisation) Methodology(lang string) (string, string) {
	return pick(lang, o.MethodologyEN, o.MethodologyAR)
}

// Corrections is the corrections policy in lang (or the other language, as
// Methodology).
func (o Organisation) Corrections(lang string) (string, string) {
	return pick(lang, o.CorrectionsEN, o.CorrectionsAR)
}

func pick(lang, en, ar string) (string, string) {
	switch {
	case lang == "ar" && ar != "":
		return ar, "ar"
	case lang != "ar" && en != "":
		return en, "en"
	case ar != "":
		return ar, "ar"
	case en != "":
		return en, "en"
	}
	return "", ""
}

// Limits of the organisation settings.
const (
	MaxOrgName   = 200
	MaxOrgPolicy = 20000
)

// The settings keys of the organisation (settings table, migration 00007).
var orgKeys = []string{"org.name", "org.url", "org.methodology_en", "org.methodology_ar", "org.corrections_en", "org.corrections_ar"}

func (o *Organisation) fields() []*string {
	return []*string{&o.Name, &o.URL, &o.MethodologyEN, &o.MethodologyAR, &o.CorrectionsEN, &o.CorrectionsAR}
}

// Organisation reads the organisation settings; unset ones are empty.
func (s *Service) Organisation(ctx context.Context) (Organisation, error) {
	var rows []struct {
		Key   string
		Value string
	}
	if err := s.db.WithContext(ctx).Table("settings").Select("key, value").Where("key LIKE ?", "org.%").Scan(&rows).Error; err != nil {
		return Organisation{}, err
	}
	var o Organisation
	values := map[string]string{}
	for _, r := range rows {
		values[r.Key] = r.Value
	}
	for i, f := range o.fields() {
		*f = values[orgKeys[i]]
	}
	o.Version, _ = strconv.ParseInt(values["org.version"], 10, 64) // 0 until first saved
	return o, nil
}

// validate normalises the input and returns field errors keyed by form field.
func (o *Organisation) validate() FieldErrors {
	errs := FieldErrors{}
	o.Name = strings.Join(strings.Fields(o.Name), " ")
	o.URL = strings.TrimSpace(o.URL)
	if utf8.RuneCountInString(o.Name) > MaxOrgName {
		errs["name"] = "err.too_long"
	}
	if o.URL != "" {
		if key := CheckURL(o.URL); key != "" {
			errs["url"] = key
		}
	}
	for i, f := range o.fields()[2:] {
		*f = strings.TrimSpace(strings.ReplaceAll(*f, "\r\n", "\n"))
		if utf8.RuneCountInString(*f) > MaxOrgPolicy {
			errs[strings.TrimPrefix(orgKeys[i+2], "org.")] = "err.too_long"
		}
	}
	return errs
}

// SaveOrganisation writes the organisation settings (admins only), if they
// are still at in.Version: a stale form is refused with ErrConflict and
// nothing is written.
func (s *Service) SaveOrganisation(ctx context.Context, actor Actor, in Organisation) (Organisation, error) {
	if err := requireAdmin(actor); err != nil {
		return Organisation{}, err
	}
	if errs := in.validate(); len(errs) > 0 {
		return Organisation{}, errs
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		now := s.now()
		next := strconv.FormatInt(in.Version+1, 10)
		var res *gorm.DB
		if in.Version == 0 {
			// The first save: whoever inserts the version first wins.
			res = tx.Exec("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING", "org.version", next, now)
		} else {
			res = tx.Table("settings").Where("key = ? AND value = ?", "org.version", strconv.FormatInt(in.Version, 10)).
				Updates(map[string]any{"value": next, "updated_at": now})
		}
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrConflict
		}
		for i, f := range in.fields() {
			if err := tx.Exec("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "+
				"ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
				orgKeys[i], *f, now).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Organisation{}, err
	}
	return s.Organisation(ctx)
}
