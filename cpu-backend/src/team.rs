//! A team of threads sharing one piece of phased work, for latency.
//!
//! The work is `phases × units` independent units; a unit of phase `p` may
//! start only once every unit of the phases before it has finished (a blind
//! rotation: phase `2i` decomposes and transforms the accumulator of CMux
//! step `i`, phase `2i+1` forms its products and adds them back).
//!
//! Units are numbered `g = p·units + u` and handed out by one atomic counter,
//! so whoever is present takes the next one: the calling thread alone can
//! finish all of them, and helpers that the pool starts late, or never,
//! change the speed but not the result. A participant that has taken a unit
//! of phase `p` waits (spinning, then yielding) until a second counter says
//! every earlier unit is done. Waiting is only ever on units already taken,
//! and the earliest unfinished one waits on nothing, so the team cannot
//! deadlock however its members are scheduled, even beside other teams in the
//! same pool. One counter pair replaces the per-step fork and join of a
//! thread pool: a step costs two atomic increments per unit and a short spin,
//! instead of a hand-off to sleeping threads.
//!
//! A unit that returns an error, or panics, stops the team: the others stop
//! waiting and leave, the error is returned and the panic resumes in the
//! caller once every helper has left.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use umbra_fhe_core::{Error, Result};

/// Work cut into phases of independent units (see the [module docs](self)).
pub(crate) trait PhasedWork: Sync {
    /// Per-participant working memory.
    type Scratch;

    /// Fresh working memory for one participant.
    fn scratch(&self) -> Self::Scratch;

    /// Number of phases, run one after the other.
    fn phases(&self) -> usize;

    /// Number of units in every phase, run in any order and concurrently.
    fn units(&self) -> usize;

    /// Runs unit `unit` of phase `phase`.
    fn run(&self, phase: usize, unit: usize, scratch: &mut Self::Scratch) -> Result<()>;
}

/// Spins before a waiting participant starts yielding its core: a few
/// microseconds, longer than a unit's typical wait for its phase to end.
const SPINS_BEFORE_YIELD: u32 = 1 << 12;

/// A value alone on its cache lines (two, for processors that fetch lines in
/// pairs): state that different threads write, such as the team's counters
/// and each unit's lock, would otherwise bounce between cores along with
/// whatever shares its line.
#[repr(align(128))]
#[derive(Debug, Default)]
pub(crate) struct CacheLine<T>(pub(crate) T);

impl<T> std::ops::Deref for CacheLine<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// Shared progress of one team run.
struct Progress {
    /// Units handed out so far (may run past the total as participants leave).
    taken: CacheLine<AtomicUsize>,
    /// Units finished.
    done: CacheLine<AtomicUsize>,
    /// Set when a unit failed or panicked: everyone leaves.
    stop: AtomicBool,
    error: Mutex<Option<Error>>,
}

/// Sets the stop flag if dropped while unwinding out of a unit.
struct StopOnPanic<'a>(&'a AtomicBool);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.store(true, Ordering::Release);
        }
    }
}

impl Progress {
    /// Waits until `target` units are done; false if the team stopped meanwhile.
    fn wait_for(&self, target: usize) -> bool {
        let mut spins = 0u32;
        while self.done.load(Ordering::Acquire) < target {
            if self.stop.load(Ordering::Acquire) {
                return false;
            }
            if spins < SPINS_BEFORE_YIELD {
                spins += 1;
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
        true
    }

    /// Takes and runs units until none is left or the team stops.
    fn participate<W: PhasedWork>(&self, work: &W) {
        let (units, total) = (work.units(), work.phases() * work.units());
        let mut scratch = None;
        while !self.stop.load(Ordering::Acquire) {
            let g = self.taken.fetch_add(1, Ordering::Relaxed);
            if g >= total || !self.wait_for(g - g % units) {
                return;
            }
            let scratch = scratch.get_or_insert_with(|| work.scratch());
            let guard = StopOnPanic(&self.stop);
            let outcome = work.run(g / units, g % units, scratch);
            drop(guard);
            if let Err(error) = outcome {
                self.error.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get_or_insert(error);
                self.stop.store(true, Ordering::Release);
                return;
            }
            self.done.fetch_add(1, Ordering::Release);
        }
    }
}

/// Runs `work` on the calling thread and up to `helpers` threads of the
/// current rayon pool, returning once every unit has run (or the first error).
pub(crate) fn run_as_team<W: PhasedWork>(work: &W, helpers: usize) -> Result<()> {
    if work.units() == 0 {
        return Ok(());
    }
    let progress = Progress {
        taken: CacheLine(AtomicUsize::new(0)),
        done: CacheLine(AtomicUsize::new(0)),
        stop: AtomicBool::new(false),
        error: Mutex::new(None),
    };
    rayon::scope(|scope| {
        for _ in 0..helpers {
            scope.spawn(|_| progress.participate(work));
        }
        progress.participate(work);
    });
    match progress.error.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner()) {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU64;

    /// Phase `p` adds to every cell the sum of all cells after phase `p−1`,
    /// read from a snapshot: wrong if any unit of `p` runs before all of `p−1`.
    struct Prefix {
        phases: usize,
        cells: Vec<AtomicU64>,
        snapshots: Vec<Vec<AtomicU64>>,
        fail_at: Option<(usize, usize, bool)>,
    }

    impl Prefix {
        fn new(phases: usize, units: usize, fail_at: Option<(usize, usize, bool)>) -> Self {
            let cells = (0..units as u64).map(AtomicU64::new).collect();
            let snapshots = (0..phases).map(|_| (0..units).map(|_| AtomicU64::new(0)).collect()).collect();
            Self { phases, cells, snapshots, fail_at }
        }

        /// The same computation, sequentially.
        fn expected(phases: usize, units: usize) -> Vec<u64> {
            let mut cells: Vec<u64> = (0..units as u64).collect();
            for _ in 0..phases {
                // The sums outgrow u64 within a few dozen phases: wrapping, as in `run`.
                let total = cells.iter().fold(0u64, |t, c| t.wrapping_add(*c));
                cells.iter_mut().for_each(|c| *c = c.wrapping_add(total));
            }
            cells
        }
    }

    impl PhasedWork for Prefix {
        type Scratch = Vec<u8>;

        fn scratch(&self) -> Vec<u8> {
            vec![0xa5; 16]
        }

        fn phases(&self) -> usize {
            self.phases
        }

        fn units(&self) -> usize {
            self.cells.len()
        }

        fn run(&self, phase: usize, unit: usize, scratch: &mut Vec<u8>) -> Result<()> {
            assert_eq!(scratch.len(), 16);
            if let Some((p, u, panics)) = self.fail_at {
                if (p, u) == (phase, unit) {
                    assert!(!panics, "injected panic at {phase}/{unit}");
                    return Err(Error::Backend {
                        backend: "test".into(),
                        reason: format!("injected at {phase}/{unit}"),
                    });
                }
            }
            // Snapshot this cell's value before the phase, then (once every
            // unit of the phase has written its snapshot, which the next phase
            // guarantees) add the snapshots' sum.
            let cell = self.cells[unit].load(Ordering::Relaxed);
            if phase > 0 {
                let total =
                    self.snapshots[phase - 1].iter().fold(0u64, |t, s| t.wrapping_add(s.load(Ordering::Relaxed)));
                self.cells[unit].store(cell.wrapping_add(total), Ordering::Relaxed);
            }
            self.snapshots[phase][unit].store(self.cells[unit].load(Ordering::Relaxed), Ordering::Relaxed);
            Ok(())
        }
    }

    #[test]
    fn phases_run_in_order_on_every_team_size() {
        for threads in 1..=4 {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            for units in [1, 2, 3, 5, 8] {
                // Phase 0 only snapshots; each later phase adds the previous snapshot sum.
                let work = Prefix::new(40, units, None);
                pool.install(|| run_as_team(&work, threads - 1)).unwrap();
                let got: Vec<u64> = work.cells.iter().map(|c| c.load(Ordering::Relaxed)).collect();
                assert_eq!(got, Prefix::expected(39, units), "{threads} threads, {units} units");
            }
        }
    }

    #[test]
    fn more_helpers_than_the_pool_has_threads_still_finish() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let work = Prefix::new(10, 3, None);
        pool.install(|| run_as_team(&work, 7)).unwrap();
        assert_eq!(work.cells.iter().map(|c| c.load(Ordering::Relaxed)).collect::<Vec<_>>(), Prefix::expected(9, 3));
    }

    #[test]
    fn teams_sharing_a_pool_do_not_deadlock() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let works: Vec<Prefix> = (0..6).map(|_| Prefix::new(200, 2, None)).collect();
        // Six teams at once, each asking for both threads of the pool.
        pool.install(|| {
            rayon::scope(|s| {
                for work in &works {
                    s.spawn(move |_| run_as_team(work, 1).unwrap());
                }
            })
        });
        for work in &works {
            let got: Vec<u64> = work.cells.iter().map(|c| c.load(Ordering::Relaxed)).collect();
            assert_eq!(got, Prefix::expected(199, 2));
        }
    }

    #[test]
    fn an_error_mid_run_stops_the_team_and_is_returned() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
        let work = Prefix::new(50, 4, Some((20, 2, false)));
        let error = pool.install(|| run_as_team(&work, 2)).unwrap_err();
        assert!(error.to_string().contains("injected at 20/2"), "{error}");
        // Nothing of phase 21 or later ran.
        assert!(work.snapshots[21..].iter().flatten().all(|s| s.load(Ordering::Relaxed) == 0));
    }

    #[test]
    fn a_panic_mid_run_reaches_the_caller_without_deadlock() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
        let work = Prefix::new(50, 4, Some((20, 1, true)));
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pool.install(|| run_as_team(&work, 2))));
        let message = caught.unwrap_err();
        let text = message.downcast_ref::<String>().map(String::as_str).unwrap_or_default();
        assert!(text.contains("injected panic at 20/1"), "{text}");
        assert!(work.snapshots[21..].iter().flatten().all(|s| s.load(Ordering::Relaxed) == 0));
        // The pool is still usable afterwards.
        let again = Prefix::new(5, 4, None);
        pool.install(|| run_as_team(&again, 2)).unwrap();
        assert_eq!(again.cells.iter().map(|c| c.load(Ordering::Relaxed)).collect::<Vec<_>>(), Prefix::expected(4, 4));
    }
}
