//! Two pieces of work at once, on a scoped thread: the few places where
//! servchain splits work over cores (independent analyses, report sections) go through here.

/// Runs `a` on this thread and `b` on another, and returns both results.
/// Small jobs (`parallel` false) run one after the other, since a thread
/// costs more than they do. A panic in `b` is passed on unchanged.
pub fn join<A, B, RA, RB>(parallel: bool, a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA,
    B: FnOnce() -> RB + Send,
    RB: Send,
{
    if !parallel || threads() < 2 {
        let ra = a();
        return (ra, b());
    }
    std::thread::scope(|s| {
        let handle = s.spawn(b);
        let ra = a();
        (ra, finish(handle))
    })
}

/// A scoped thread's result; its panic, unchanged, if it panicked.
fn finish<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// How many threads are worth using: the cores this process may run on.
pub fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
}
