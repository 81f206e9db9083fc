package catalog

import (
	"testing"
	"time"
)

func TestDateAfter(t *testing.T) {
	d := func(y, m, day int) Date { return Date{y, time.Month(m), day} }
	for _, c := range []struct {
		a, b Date
		want bool
	}{
		{d(2018, 6, 30), d(2018, 6, 29), true},
		{d(2018, 6, 30), d(2018, 6, 30), false},
		{d(2018, 6, 30), d(2018, 7, 1), false},
		{d(2019, 1, 1), d(2018, 12, 31), true},
		{d(2018, 12, 1), d(2018, 2, 28), true},
		{Date{}, d(2018, 1, 1), false},
		{d(2018, 1, 1), Date{}, true},
		{Date{}, Date{}, false},
	} {
		if got := c.a.After(c.b); got != c.want || got != (c.a.String() > c.b.String()) {
			t.Errorf("%v.After(%v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
