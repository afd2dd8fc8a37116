//! When to analyse a document after an edit: at most once per window. An edit after a
//! quiet period is analysed at once (typing one character shows its diagnostics without
//! waiting); the edits of a burst are analysed once, at the end of the window, on the
//! latest text.

use std::time::{Duration, Instant};

/// The time to analyse at, given the time of the last (possibly still pending) run.
pub(crate) fn next_run(now: Instant, last_run: Option<Instant>, window: Duration) -> Instant {
    match last_run {
        // A run is pending: this edit joins it.
        Some(last) if last > now => last,
        Some(last) => (last + window).max(now),
        None => now,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_one_run_per_window() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let window = ms(75);
        // Quiet: at once.
        assert_eq!(next_run(t0, None, window), t0);
        assert_eq!(next_run(t0 + ms(500), Some(t0), window), t0 + ms(500));
        // Within the window of the last run: at its end.
        assert_eq!(next_run(t0 + ms(10), Some(t0), window), t0 + ms(75));
        // While that run is pending: the same run.
        assert_eq!(next_run(t0 + ms(20), Some(t0 + ms(75)), window), t0 + ms(75));
        assert_eq!(next_run(t0 + ms(80), Some(t0 + ms(75)), window), t0 + ms(150));
    }
}
