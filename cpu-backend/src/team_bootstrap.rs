//! Bootstraps of a few inputs by a team of threads, for latency.
//!
//! A batch smaller than the thread pool would leave threads idle if each
//! input went to one thread, so every CMux step of every input is split
//! across the team ([`crate::team`]) by GLWE component, and the keyswitch by
//! ranges of key rows. Unit `(b, c)` of phase `p ≤ n` owns component `c` of
//! input `b`'s accumulator and
//!
//! 1. finishes step `p−1`: forms output component `c` of the Fourier-domain
//!    product of the step's digit spectra (all `(k+1)·l` rows, written by
//!    the `k+1` units of phase `p−1`) with GGSW `p−1`
//!    ([`ggsw_product_components`]) and adds its inverse transform to `acc_c`;
//! 2. starts step `p`: `X^{ã_p}·acc_c − acc_c`, its `l` gadget digits and
//!    their forward transforms, for the units of phase `p+1` to read.
//!
//! So a CMux step costs one phase boundary, and phases `0 ..= n` cover the
//! `n` steps. The digit spectra alternate between two buffers by phase
//! parity: phase `p` reads the ones phase `p−1` wrote and overwrites those
//! phase `p−1` read. A step an input skips (rotation 0) is skipped by its
//! units on either side.
//!
//! In the last phase, `n + 1`, unit `u` extracts every sample and applies
//! the `u`-th range of keyswitching-key rows to all of them
//! ([`LweKeyswitchKey::subtract_rows`]), unit 0 starting from the bodies;
//! the outputs are the wrapping sums of the units' shares.
//!
//! Each unit does exactly what [`crate::FourierCmux`] and the lockstep
//! keyswitch do for its part, with the same kernels in the same order, so the
//! result is bit-identical to the one-thread bootstrap.

use std::sync::{Mutex, PoisonError, RwLock, RwLockReadGuard};

use umbra_fhe_core::bootstrap::cmux_rotation;
use umbra_fhe_core::decomposition::SignedDecomposer;
use umbra_fhe_core::fft::{FftScratch, C64};
use umbra_fhe_core::glwe::sample_extract;
use umbra_fhe_core::keyswitch::LweKeyswitchKey;
use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::polynomial::monomial_difference;
use umbra_fhe_core::simd::ggsw_product_components;
use umbra_fhe_core::Result;

use crate::fourier_key::FourierBootstrapKey;
use crate::team::{CacheLine, PhasedWork};

/// The state of a team bootstrap, each piece behind its own lock
/// (uncontended: the phases give every unit its own component).
pub(crate) struct TeamBootstrap<'a> {
    key: &'a FourierBootstrapKey,
    ksk: &'a LweKeyswitchKey,
    params: Parameters,
    decomposer: SignedDecomposer,
    inputs: &'a [&'a [u32]],
    /// Accumulator component `c` of input `b` at `b·(k+1) + c`, `N` values each.
    accs: Vec<CacheLine<Mutex<Vec<u32>>>>,
    /// Two sets (by phase parity) of the `l` digit spectra of component `c`
    /// of input `b` at `b·(k+1) + c`, `N/2` values each.
    spectra: [Vec<CacheLine<RwLock<Vec<C64>>>>; 2],
    /// Each unit's share of the keyswitch of every sample.
    switched: Vec<CacheLine<Mutex<Vec<u32>>>>,
}

/// One participant's working memory.
pub(crate) struct UnitScratch {
    diff: Vec<u32>,
    digits: Vec<i32>,
    product: Vec<C64>,
    fft: FftScratch,
    /// Accumulators, then samples, of every input (last phase).
    glwe: Vec<u32>,
    extracted: Vec<u32>,
}

impl<'a> TeamBootstrap<'a> {
    /// Bootstraps of `inputs`, blind rotations starting from `accs` (`(k+1)·N`
    /// values per input, back to back).
    pub(crate) fn new(
        key: &'a FourierBootstrapKey,
        ksk: &'a LweKeyswitchKey,
        params: &Parameters,
        inputs: &'a [&'a [u32]],
        accs: &[u32],
    ) -> Self {
        let shape = key.shape();
        let (n, l) = (shape.polynomial_size.0, shape.level.0);
        let spectra =
            || accs.chunks_exact(n).map(|_| CacheLine(RwLock::new(vec![C64::default(); l * n / 2]))).collect();
        Self {
            key,
            ksk,
            params: *params,
            decomposer: shape.decomposer(),
            inputs,
            accs: accs.chunks_exact(n).map(|component| CacheLine(Mutex::new(component.to_vec()))).collect(),
            spectra: [spectra(), spectra()],
            switched: accs.chunks_exact(n).map(|_| CacheLine::default()).collect(),
        }
    }

    /// The bootstrapped samples, once the team has run: the wrapping sum of
    /// the units' shares.
    pub(crate) fn into_outputs(self) -> Result<Vec<LweCiphertext>> {
        let row_len = self.ksk.output_dimension().0 + 1;
        let mut outs = vec![0u32; self.inputs.len() * row_len];
        for share in self.switched {
            for (o, s) in outs.iter_mut().zip(share.0.into_inner().unwrap_or_else(PoisonError::into_inner)) {
                *o = o.wrapping_add(s);
            }
        }
        outs.chunks_exact(row_len).map(|out| LweCiphertext::from_raw(out.to_vec())).collect()
    }

    /// Last phase: unit `unit`'s range of keyswitching-key rows, applied to every sample.
    fn keyswitch(&self, unit: usize, scratch: &mut UnitScratch) -> Result<()> {
        let (k, n) = (self.params.glwe_dimension, self.params.polynomial_size);
        let (n_in, row_len) = (self.ksk.input_dimension().0, self.ksk.output_dimension().0 + 1);
        let coefficients = unit * n_in / self.accs.len()..(unit + 1) * n_in / self.accs.len();
        scratch.glwe.clear();
        for acc in &self.accs {
            scratch.glwe.extend_from_slice(&acc.lock().unwrap_or_else(PoisonError::into_inner));
        }
        scratch.extracted.resize(self.inputs.len() * (k.0 * n.0 + 1), 0);
        for (glwe, sample) in
            scratch.glwe.chunks_exact((k.0 + 1) * n.0).zip(scratch.extracted.chunks_exact_mut(k.0 * n.0 + 1))
        {
            sample_extract(glwe, k, n, sample);
        }
        let mut share = vec![0u32; self.inputs.len() * row_len];
        if unit == 0 {
            for (out, sample) in share.chunks_exact_mut(row_len).zip(scratch.extracted.chunks_exact(n_in + 1)) {
                out[row_len - 1] = sample[n_in];
            }
        }
        self.ksk.subtract_rows(&scratch.extracted, &mut share, coefficients)?;
        *self.switched[unit].lock().unwrap_or_else(PoisonError::into_inner) = share;
        Ok(())
    }

    fn components(&self) -> usize {
        self.params.glwe_dimension.0 + 1
    }

    /// Rotation of step `step` for input `b`, 0 outside the rotation.
    fn rotation(&self, b: usize, step: usize) -> usize {
        if step < self.params.lwe_dimension.0 {
            cmux_rotation(&self.params, self.inputs[b], step)
        } else {
            0
        }
    }
}

impl PhasedWork for TeamBootstrap<'_> {
    type Scratch = UnitScratch;

    fn scratch(&self) -> UnitScratch {
        let (n, l) = (self.params.polynomial_size.0, self.decomposer.levels());
        UnitScratch {
            diff: vec![0; n],
            digits: vec![0; l * n],
            product: vec![C64::default(); n / 2],
            fft: self.key.fft().scratch(),
            glwe: Vec::new(),
            extracted: Vec::new(),
        }
    }

    fn phases(&self) -> usize {
        self.params.lwe_dimension.0 + 2
    }

    fn units(&self) -> usize {
        self.inputs.len() * self.components()
    }

    fn run(&self, phase: usize, unit: usize, scratch: &mut UnitScratch) -> Result<()> {
        if phase > self.params.lwe_dimension.0 {
            return self.keyswitch(unit, scratch);
        }
        let (k1, b, c) = (self.components(), unit / self.components(), unit % self.components());
        let n = self.params.polynomial_size.0;
        let fft = self.key.fft();
        let mut acc = self.accs[unit].lock().unwrap_or_else(PoisonError::into_inner);
        if phase > 0 && self.rotation(b, phase - 1) != 0 {
            let written = &self.spectra[(phase - 1) % 2][b * k1..][..k1];
            let guards: Vec<RwLockReadGuard<'_, Vec<C64>>> =
                written.iter().map(|s| s.read().unwrap_or_else(PoisonError::into_inner)).collect();
            let groups: Vec<&[C64]> = guards.iter().map(|g| g.as_slice()).collect();
            ggsw_product_components(&mut scratch.product, &groups, self.key.ggsw(phase - 1), n / 2, c);
            drop(groups);
            drop(guards);
            fft.backward_add_torus(&mut scratch.product, &mut acc, &mut scratch.fft);
        }
        let rotation = self.rotation(b, phase);
        if rotation != 0 {
            monomial_difference(&acc, rotation, &mut scratch.diff);
            self.decomposer.decompose_slice(&scratch.diff, &mut scratch.digits);
            let mut spectra = self.spectra[phase % 2][unit].write().unwrap_or_else(PoisonError::into_inner);
            for (digits, spec) in scratch.digits.chunks_exact(n).zip(spectra.chunks_exact_mut(n / 2)) {
                fft.forward_integer(digits, spec, &mut scratch.fft);
            }
        }
        Ok(())
    }
}
