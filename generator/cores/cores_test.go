package cores

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		calls := make([]atomic.Int32, n)
		if err := Each(n, func(i int) error { calls[i].Add(1); return nil }); err != nil {
			t.Errorf("n=%d: %v", n, err)
		}
		for i := range calls {
			if got := calls[i].Load(); got != 1 {
				t.Errorf("n=%d: work(%d) ran %d times", n, i, got)
			}
		}
	}
}

// TestEachFirstError: the error is the lowest i's, whatever the
// schedule, and every piece still runs.
func TestEachFirstError(t *testing.T) {
	for range 20 {
		var ran atomic.Int32
		err := Each(100, func(i int) error {
			ran.Add(1)
			if i%10 == 7 {
				return fmt.Errorf("piece %d", i)
			}
			return nil
		})
		if err == nil || err.Error() != "piece 7" {
			t.Fatalf("error %v, want piece 7", err)
		}
		if n := ran.Load(); n != 100 {
			t.Fatalf("%d pieces ran, want 100", n)
		}
	}
}

// TestEachPanic: a panicking worker yields an error carrying the value,
// the piece and the stack, and the process goes on.
func TestEachPanic(t *testing.T) {
	err := Each(50, func(i int) error {
		if i == 31 {
			panicky()
		}
		return nil
	})
	var pe *PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T), want a *PanicError", err, err)
	}
	if pe.Index != 31 || pe.Value != "boom" || err.Error() != "程序内部错误：boom" {
		t.Errorf("PanicError{Index: %d, Value: %v}, %q", pe.Index, pe.Value, err)
	}
	if !strings.Contains(string(pe.Stack), "cores.panicky") {
		t.Errorf("the stack does not name the function that panicked:\n%s", pe.Stack)
	}
}

func panicky() { panic("boom") }

func TestGo(t *testing.T) {
	wait := Go(func() (int, error) { return 42, nil })
	if v, err := wait(); v != 42 || err != nil {
		t.Errorf("Go: %d, %v", v, err)
	}
	if v, err := wait(); v != 42 || err != nil {
		t.Errorf("Go, waited again: %d, %v", v, err)
	}
	_, err := Go(func() (int, error) { var m map[string]int; m["x"] = 1; return 0, nil })()
	var pe *PanicError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "nil map") {
		t.Errorf("Go of a panicking function: %v", err)
	}
	if err := Call(func() error { panic("boom") }); err == nil || err.Error() != "程序内部错误：boom" {
		t.Errorf("Call of a panicking function: %v", err)
	}
}
