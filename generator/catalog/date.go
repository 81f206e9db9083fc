package catalog

import (
	"fmt"
	"time"
)

// Date is a calendar date without a time or a zone, as TOML local dates are.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d.Year == 0 }

// After reports whether d lies after e; a zero date lies before any other.
func (d Date) After(e Date) bool {
	switch {
	case d.IsZero() || e.IsZero():
		return !d.IsZero() && e.IsZero()
	case d.Year != e.Year:
		return d.Year > e.Year
	case d.Month != e.Month:
		return d.Month > e.Month
	}
	return d.Day > e.Day
}

// String is the ISO form, 2018-06-30, also used in feeds and data files.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Chinese is the form residents read, 2018年6月30日.
func (d Date) Chinese() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
}

func dateOf(t time.Time) Date { return Date{t.Year(), t.Month(), t.Day()} }
