//! The one way servchain runs work on several cores: two jobs side by side
//! ([`join`], the independent analyses), or numbered blocks made on every
//! core and taken in order ([`in_order`], the JSON report's long sections).
//! Scoped std threads: the work is a handful of coarse jobs per run, which
//! a pool or work-stealing (rayon) would not make faster. Two other threads
//! do no such work: the signal listener (`commands::interrupt`) and the
//! one that frees a finished run's memory (`commands::free_in_background`).

use std::sync::mpsc;

/// Runs `a` on this thread and `b` on another, and returns both results.
/// Small jobs (`parallel` false) run one after the other, since a thread
/// costs more than they do. A panic in `b` is passed on unchanged.
pub fn join<A, B, RA, RB>(parallel: bool, a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA,
    B: FnOnce() -> RB + Send,
    RB: Send,
{
    if !parallel || available() < 2 {
        let ra = a();
        return (ra, b());
    }
    std::thread::scope(|s| {
        let handle = s.spawn(b);
        let ra = a();
        (ra, finish(handle))
    })
}

/// Makes blocks `0..blocks` with `make` on every core (worker `k` making
/// blocks `k`, `k + workers`, ...) and hands them to `take` on this thread
/// in block order, so the result is the same however many threads made
/// it. A few blocks per worker are in flight at most, so memory stays
/// bounded. The first error from `take` stops the work and is returned; a
/// panic in `make` is passed on.
pub fn in_order<T: Send, E>(
    blocks: usize,
    make: &(impl Fn(usize) -> T + Sync),
    mut take: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let workers = available().max(2);
    std::thread::scope(|s| {
        let receivers: Vec<mpsc::Receiver<T>> = (0..workers)
            .map(|k| {
                let (tx, rx) = mpsc::sync_channel(4);
                s.spawn(move || {
                    for b in (k..blocks).step_by(workers) {
                        // The taker hung up: it failed and needs no more.
                        if tx.send(make(b)).is_err() {
                            return;
                        }
                    }
                });
                rx
            })
            .collect();
        for b in 0..blocks {
            // A worker stops early only by panicking; the scope passes
            // that panic on once the other workers are done.
            let Ok(block) = receivers[b % workers].recv() else { break };
            take(block)?;
        }
        Ok(())
    })
}

/// A scoped thread's result; its panic, unchanged, if it panicked.
fn finish<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// How many threads are worth using: the cores this process may run on.
pub fn available() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_taken_in_order_whatever_thread_made_them() {
        let mut taken = Vec::new();
        let done: Result<(), ()> = in_order(100, &|b| b * b, |x| {
            taken.push(x);
            Ok(())
        });
        assert_eq!(done, Ok(()));
        assert_eq!(taken, (0..100).map(|b| b * b).collect::<Vec<_>>());
    }

    #[test]
    fn the_first_error_from_take_stops_the_work() {
        let mut taken = 0;
        let done = in_order(1000, &|b| b, |b| {
            taken += 1;
            if b == 10 { Err(b) } else { Ok(()) }
        });
        assert_eq!((done, taken), (Err(10), 11));
    }
}
