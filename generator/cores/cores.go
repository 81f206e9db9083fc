// Package cores spreads independent pieces of work over the machine's
// cores, and owns the rule for a panic in such work: it becomes an error.
//
// Parsing, rendering, indexing and the export all use Each; each piece
// writes only its own slot of a result the caller made, so the result
// does not depend on the schedule. Go runs one piece of work beside the
// caller (the search index while the pages render).
//
// A panic in a goroutine ends the process, past any recover of the
// goroutine that started it. So work never runs here without a recover:
// a panic becomes a *PanicError carrying the panic's value and the stack
// of the goroutine that panicked, and is returned like any other error.
// Callers write no recover of their own.
package cores

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
)

// PanicError is a panic recovered from work given to Each, Go or Call.
// Its message is short, for people: the stack is for whoever debugs it.
type PanicError struct {
	Index int    // for Each, the i whose work panicked; else 0
	Value any    // what was passed to panic
	Stack []byte // the stack of the goroutine that panicked, as debug.Stack prints it
}

func (e *PanicError) Error() string { return fmt.Sprintf("程序内部错误：%v", e.Value) }

// Call calls work on the calling goroutine and returns its error, or a
// *PanicError if it panicked: for work that runs where no one else would
// recover it (a watch loop, an HTTP handler).
func Call(work func() error) error { return call(0, work) }

func call(i int, work func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Index: i, Value: v, Stack: debug.Stack()}
		}
	}()
	return work()
}

// Each calls work(i) for every i in [0, n), on as many goroutines as
// there are cores (GOMAXPROCS) but never more than n, and returns when
// every call has returned. Pieces are handed out in order of i.
//
// Every piece runs, whatever the others return. The error is that of
// the lowest i that failed, so that it does not depend on the schedule:
// a build reports the first page that fails in the site's order.
func Each(n int, work func(i int) error) error {
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range next {
				errs[i] = call(i, func() error { return work(i) })
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Go calls work on a new goroutine and returns a function that waits for
// its result, a panic having become a *PanicError. wait may be called
// any number of times.
func Go[T any](work func() (T, error)) (wait func() (T, error)) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		r.err = call(0, func() (err error) {
			r.v, err = work()
			return err
		})
		done <- r
	}()
	return sync.OnceValues(func() (T, error) {
		r := <-done
		return r.v, r.err
	})
}
