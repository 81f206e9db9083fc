// Package cores spreads independent pieces of work over the machine's
// cores. Parsing, rendering, indexing and the export all do this; each
// piece writes only its own slot of a result the caller made, so the
// result does not depend on the schedule.
package cores

import (
	"runtime"
	"sync"
)

// Each calls work(i) for every i in [0, n), on as many goroutines as
// there are cores (GOMAXPROCS) but never more than n, and returns when
// every call has returned. Pieces are handed out in order of i.
//
// A panic in work would end the process, past any recover of the caller:
// work must recover itself where a panic is possible.
func Each(n int, work func(i int)) {
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range next {
				work(i)
			}
		})
	}
	wg.Wait()
}
