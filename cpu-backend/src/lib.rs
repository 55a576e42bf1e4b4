//! # umbra-fhe-cpu
//!
//! Umbra's CPU backend: the negacyclic product through rustfft's `f64` FFT
//! (folded and twisted to size `N/2`, see [`umbra_fhe_core::fft`]), a
//! bootstrapping key transformed once into the Fourier domain, per-thread
//! buffers reused across CMux steps, and rayon across the inputs of a batch:
//! lockstep groups of inputs per thread when the batch fills the pool, and
//! below that a team of threads sharing each bootstrap's CMux steps and
//! keyswitch, for latency.
//!
//! ```
//! use umbra_fhe_core::backend::Backend;
//! use umbra_fhe_core::polynomial::{IntegerPolynomial, TorusPolynomial};
//! use umbra_fhe_cpu::CpuBackend;
//! let backend = CpuBackend::new();
//! let a = TorusPolynomial::from_coefficients(vec![u32::MAX; 8]).unwrap();
//! let b = IntegerPolynomial::from_coefficients(vec![2; 8]).unwrap();
//! let product = backend.poly_mul(&[a], &[b]).unwrap();
//! assert_eq!(product[0].as_slice()[7], (-16i32) as u32);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod fourier_key;
mod poly_mul;
mod team;
mod team_bootstrap;

use std::sync::Arc;

use rayon::prelude::*;
use umbra_fhe_core::backend::{check_key_material, check_poly_mul, Backend, Luts, PreparedKey};
use umbra_fhe_core::bootstrap::{initial_accumulator, programmable_bootstrap, BootstrapBuffers, BootstrapKey};
use umbra_fhe_core::keyswitch::LweKeyswitchKey;
use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::params::{Parameters, PolynomialSize};
use umbra_fhe_core::polynomial::{IntegerPolynomial, TorusPolynomial};
use umbra_fhe_core::{Error, Result};

pub use fourier_key::{FourierBootstrapKey, FourierCmux};

const NAME: &str = "cpu-fft";

/// The CPU backend. Cheap to clone; clones share the thread pool.
///
/// ```
/// use umbra_fhe_core::backend::{Backend, Luts};
/// use umbra_fhe_core::bootstrap::LookupTable;
/// use umbra_fhe_core::key_set::KeySet;
/// use umbra_fhe_core::lwe::LweCiphertext;
/// use umbra_fhe_core::{params::TFHE_LIB, random::Csprng};
///
/// let mut rng = Csprng::from_seed([7; 32]);
/// let keys = KeySet::generate(&TFHE_LIB, &mut rng)?;
/// let cpu = umbra_fhe_cpu::CpuBackend::new();
/// let prepared = cpu.prepare_key(&TFHE_LIB, &keys.bsk, &keys.ksk)?; // Fourier domain, once
/// // Sign bootstrapping: −1/8 and +1/8 in, the table's ±1/8 out.
/// let (minus, plus) = ((1u32 << 29).wrapping_neg(), 1u32 << 29);
/// let inputs: Vec<_> =
///     [minus, plus].iter().map(|&m| LweCiphertext::encrypt(&keys.lwe, m, TFHE_LIB.lwe_noise, &mut rng)).collect();
/// let table = LookupTable::constant(TFHE_LIB.polynomial_size, 1 << 29);
/// let outputs = cpu.bootstrap_batch(&prepared, &inputs, Luts::Shared(&table))?;
/// let sign = |ct: &LweCiphertext| (keys.lwe.phase(ct).unwrap() as i32) > 0;
/// assert_eq!((sign(&outputs[0]), sign(&outputs[1])), (false, true));
/// # Ok::<(), umbra_fhe_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct CpuBackend {
    pool: Option<Arc<rayon::ThreadPool>>,
}

impl Default for CpuBackend {
    fn default() -> Self {
        Self::new()
    }
}

impl CpuBackend {
    /// A backend that spreads batches over rayon's global pool (all cores by default).
    ///
    /// ```
    /// use umbra_fhe_core::backend::Backend;
    /// let cpu = umbra_fhe_cpu::CpuBackend::new();
    /// assert_eq!((cpu.name(), cpu.threads()), ("cpu-fft", rayon::current_num_threads()));
    /// ```
    pub fn new() -> Self {
        Self { pool: None }
    }

    /// A backend with its own pool of `threads` threads (1 = single-threaded).
    ///
    /// ```
    /// let single = umbra_fhe_cpu::CpuBackend::with_threads(1)?;
    /// assert_eq!(single.threads(), 1);
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn with_threads(threads: usize) -> Result<Self> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| Error::Backend { backend: NAME.into(), reason: e.to_string() })?;
        Ok(Self { pool: Some(Arc::new(pool)) })
    }

    /// Number of threads a batch is spread over.
    ///
    /// ```
    /// assert_eq!(umbra_fhe_cpu::CpuBackend::with_threads(2)?.threads(), 2);
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn threads(&self) -> usize {
        self.pool.as_ref().map_or_else(rayon::current_num_threads, |p| p.current_num_threads())
    }

    fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        match &self.pool {
            Some(pool) => pool.install(f),
            None => f(),
        }
    }
}

/// Inputs blind-rotated in lockstep by one thread: enough to reuse each key
/// element from cache many times (up to 16: measured 6–8% faster per
/// bootstrap than groups of 8 on one thread, and no faster at 32), and sized
/// so that every thread gets the same number of equal groups.
fn lockstep_group(inputs: usize, threads: usize) -> usize {
    const MAX_GROUP: usize = 16;
    let threads = threads.max(1);
    let rounds = inputs.div_ceil(threads * MAX_GROUP).max(1);
    inputs.div_ceil(threads * rounds).clamp(1, MAX_GROUP)
}

/// Per-bootstrap time of a large lockstep group against a lone bootstrap,
/// one thread: 7.62 / 10.75 ms (`tfhe-lib`) and 8.00 / 11.23 ms
/// (`default-boolean`), batch 1,024 against batch 1 in one run of the
/// comparison runner (the workspace README's performance table, 2026-11-24).
const LOCKSTEP_FLOOR: f64 = 0.7;

/// What each thread beyond the first adds to a team bootstrap, in threads:
/// a lone bootstrap on 2 threads ran 1.10–1.42× (`default-boolean`) and
/// 1.24–1.65× (`tfhe-lib`) as fast as on one in two runs of the comparison
/// runner, and 1.57× / 1.66× in alternating pairs (2026-12-08, 2-core VM).
/// Lone bootstraps stream the whole Fourier key from memory, so more threads
/// are taken to gain as little each.
const TEAM_GAIN: f64 = 0.45;

/// Estimated time of a team bootstrap of `bootstraps` inputs on `threads`
/// threads with `components = k+1` units per input and step, in lone
/// one-thread bootstraps: the team has `min(threads, bootstraps·(k+1))`
/// members, each beyond the first adding [`TEAM_GAIN`] of a thread.
fn team_cost(threads: usize, components: usize, bootstraps: usize) -> f64 {
    let team = threads.min(bootstraps * components).max(1);
    bootstraps as f64 / (1.0 + (team - 1) as f64 * TEAM_GAIN)
}

/// Whether a batch goes to a team ([`team_bootstrap`]): when it is smaller
/// than the pool and the model says the team beats one lone bootstrap per
/// thread (the other way's time for such a batch).
fn splits_across_threads(threads: usize, components: usize, bootstraps: usize) -> bool {
    bootstraps > 0 && bootstraps < threads && team_cost(threads, components, bootstraps) < 1.0
}

/// Estimated time of a batch of `bootstraps` (see [`Backend::batch_cost`]):
/// a team's ([`team_cost`]) where the batch goes to one, else rounds of one
/// lockstep group of `g` per thread, each `g·f + (1−f)` with
/// `f` = [`LOCKSTEP_FLOOR`]: the group shares the key's stream from memory,
/// not the arithmetic.
fn batch_cost(threads: usize, components: usize, bootstraps: usize) -> f64 {
    let threads = threads.max(1);
    if bootstraps == 0 {
        return 0.0;
    }
    if splits_across_threads(threads, components, bootstraps) {
        return team_cost(threads, components, bootstraps);
    }
    let group = lockstep_group(bootstraps, threads);
    let rounds = bootstraps.div_ceil(group).div_ceil(threads);
    rounds as f64 * (group as f64 * LOCKSTEP_FLOOR + (1.0 - LOCKSTEP_FLOOR))
}

/// What [`CpuBackend::prepare_key`] stores: the Fourier-domain bootstrapping key and the keyswitching key.
struct CpuKey {
    bsk: FourierBootstrapKey,
    ksk: LweKeyswitchKey,
}

impl Backend for CpuBackend {
    fn name(&self) -> &str {
        NAME
    }

    /// One bootstrap per thread.
    fn parallel_width(&self) -> usize {
        self.threads()
    }

    /// The CPU's cost model, in lone one-thread bootstraps: a batch small
    /// enough goes to a team of `min(threads, bootstraps·(k+1))` threads,
    /// each beyond the first taken to add 0.45 of a thread (measured: a lone
    /// bootstrap on 2 threads 1.1–1.66× as fast as on one); larger batches
    /// run lockstep groups on each thread, whose bootstraps cost down to 0.7
    /// of a lone one (measured at groups of 16). The constants, and where
    /// they were measured, are in the source beside the model.
    ///
    /// ```
    /// use umbra_fhe_core::{backend::Backend, params::DEFAULT_BOOLEAN};
    /// let two = umbra_fhe_cpu::CpuBackend::with_threads(2)?;
    /// let one = umbra_fhe_cpu::CpuBackend::with_threads(1)?;
    /// assert!(two.batch_cost(&DEFAULT_BOOLEAN, 1) < one.batch_cost(&DEFAULT_BOOLEAN, 1));
    /// assert!(one.batch_cost(&DEFAULT_BOOLEAN, 16) < 16.0 * one.batch_cost(&DEFAULT_BOOLEAN, 1));
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    fn batch_cost(&self, params: &Parameters, bootstraps: usize) -> f64 {
        batch_cost(self.threads(), params.glwe_dimension.0 + 1, bootstraps)
    }

    fn poly_mul(&self, torus: &[TorusPolynomial], integer: &[IntegerPolynomial]) -> Result<Vec<TorusPolynomial>> {
        let n = check_poly_mul(torus, integer)?;
        if torus.is_empty() {
            return Ok(Vec::new());
        }
        let multiplier = poly_mul::ExactMultiplier::new(PolynomialSize(n));
        self.install(|| {
            torus
                .par_iter()
                .zip(integer)
                .map_init(
                    || multiplier.buffers(),
                    |buffers, (t, i)| {
                        let mut out = vec![0u32; n];
                        multiplier.multiply(t.as_slice(), i.as_slice(), &mut out, buffers);
                        TorusPolynomial::from_coefficients(out)
                    },
                )
                .collect()
        })
    }

    fn prepare_key(&self, params: &Parameters, bsk: &BootstrapKey, ksk: &LweKeyswitchKey) -> Result<PreparedKey> {
        check_key_material(params, bsk, ksk)?;
        let fourier = self.install(|| FourierBootstrapKey::new(bsk));
        Ok(PreparedKey::new(NAME, *params, CpuKey { bsk: fourier, ksk: ksk.clone() }))
    }

    fn bootstrap_batch(
        &self,
        key: &PreparedKey,
        inputs: &[LweCiphertext],
        luts: Luts<'_>,
    ) -> Result<Vec<LweCiphertext>> {
        let params = *key.params();
        let prepared: &CpuKey = key.for_batch(NAME, inputs, &luts)?;
        if splits_across_threads(self.threads(), params.glwe_dimension.0 + 1, inputs.len()) {
            return self.install(|| bootstrap_as_team(prepared, &params, inputs, &luts));
        }
        self.install(|| {
            let group = lockstep_group(inputs.len(), rayon::current_num_threads());
            let groups: Vec<Vec<LweCiphertext>> = inputs
                .par_chunks(group)
                .enumerate()
                .map_init(
                    || (prepared.bsk.cmux_engine(), BootstrapBuffers::default()),
                    |(engine, buffers), (g, chunk)| {
                        let cts: Vec<&LweCiphertext> = chunk.iter().collect();
                        let tables: Vec<_> = (0..chunk.len()).map(|j| luts.get(g * group + j)).collect();
                        programmable_bootstrap(engine, &params, &prepared.ksk, &cts, &tables, buffers)
                    },
                )
                .collect::<Result<_>>()?;
            Ok(groups.into_iter().flatten().collect())
        })
    }
}

/// A batch small against the pool ([`splits_across_threads`]): every
/// bootstrap's CMux steps and keyswitch split across the pool's threads
/// ([`team_bootstrap`]).
fn bootstrap_as_team(
    prepared: &CpuKey,
    params: &Parameters,
    inputs: &[LweCiphertext],
    luts: &Luts<'_>,
) -> Result<Vec<LweCiphertext>> {
    let (k, n) = (params.glwe_dimension.0, params.polynomial_size.0);
    let mut accs = vec![0u32; inputs.len() * (k + 1) * n];
    for (j, (input, acc)) in inputs.iter().zip(accs.chunks_exact_mut((k + 1) * n)).enumerate() {
        initial_accumulator(params, input.as_slice(), luts.get(j), acc)?;
    }
    let raw: Vec<&[u32]> = inputs.iter().map(|ct| ct.as_slice()).collect();
    let work = team_bootstrap::TeamBootstrap::new(&prepared.bsk, &prepared.ksk, params, &raw, &accs);
    let units = inputs.len() * (k + 1);
    team::run_as_team(&work, rayon::current_num_threads().min(units) - 1)?;
    work.into_outputs()
}

#[cfg(test)]
mod tests {
    use super::{batch_cost, lockstep_group, splits_across_threads};

    #[test]
    fn the_cost_model_prefers_what_the_backend_runs_faster() {
        // A lone bootstrap: one thread's time on one thread, less on a team,
        // no gain past the k+1 units a step has.
        assert_eq!(batch_cost(1, 4, 1), 1.0);
        assert!(batch_cost(2, 4, 1) < 0.7);
        assert_eq!(batch_cost(16, 2, 1), batch_cost(2, 2, 1));
        // Teams only where they are expected to win.
        assert!(splits_across_threads(2, 2, 1) && splits_across_threads(8, 4, 3));
        assert!(!splits_across_threads(2, 4, 2) && !splits_across_threads(16, 4, 8) && !splits_across_threads(1, 4, 1));
        for threads in 1..=16 {
            assert_eq!(batch_cost(threads, 4, 0), 0.0);
            let mut previous = 0.0;
            for bootstraps in 1..=300 {
                let cost = batch_cost(threads, 4, bootstraps);
                // More work never costs less; a batch never costs more than
                // its bootstraps one after another on one thread.
                assert!(cost >= previous && cost <= bootstraps as f64, "{threads} threads, {bootstraps}: {cost}");
                previous = cost;
            }
        }
        // Large batches approach the lockstep floor per bootstrap per thread.
        assert!((batch_cost(2, 4, 1024) / 512.0 - 0.7).abs() < 0.025);
    }

    #[test]
    fn lockstep_groups_are_capped_and_balanced_across_threads() {
        for threads in 1..=8 {
            for inputs in 1..=300 {
                let group = lockstep_group(inputs, threads);
                assert!((1..=16).contains(&group), "{inputs} inputs, {threads} threads: group {group}");
                // No thread runs more groups one after another than the cap forces.
                let groups = inputs.div_ceil(group);
                let rounds = groups.div_ceil(threads);
                assert!(rounds <= inputs.div_ceil(threads * 16), "{inputs}/{threads}: {groups} groups of {group}");
                // Groups are even: the last one is at most one round's worth short.
                assert!(groups * group - inputs < threads * rounds, "{inputs}/{threads}: {groups} groups of {group}");
            }
        }
        assert_eq!(lockstep_group(40, 2), 10);
        assert_eq!(lockstep_group(1024, 2), 16);
        assert_eq!(lockstep_group(1, 2), 1);
    }
}

/// The package README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
