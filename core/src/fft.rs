//! Negacyclic FFT over `f64`: the folded, twisted transform of size `N/2`.
//!
//! A real polynomial `p` of `T[X]/(X^N+1)` is folded into `N/2` complex values
//! `c_j = (p_j + i·p_{j+N/2})·ω^j` with `ω = e^{iπ/N}`; an FFT of size `N/2`
//! then yields `p` evaluated at the primitive `2N`-th roots `ζ` with
//! `ζ^{N/2} = i` (one of each conjugate pair, which is all a real product
//! needs). Products are pointwise; the inverse transform, untwist and unfold
//! give the negacyclic product back, rounded to the nearest integer mod 2^32.
//!
//! Exactness: with `|a_j| ≤ 2^31` and `|b_j| ≤ D`, every exact output
//! coefficient is at most `N·2^31·D`, and the f64 round-off of the transform
//! is about `log2(N)·2^-53·‖a‖₂·‖b‖₂`. Keeping that below 1/2 is the caller's
//! contract (see `umbra-fhe-cpu` for how the backend meets it). The loops around
//! rustfft's transforms (twist, untwist, rounding) are the run-time
//! dispatched kernels of [`crate::simd`].

use std::sync::Arc;

use num_complex::Complex;
use rustfft::{Fft, FftPlanner};
use zeroize::Zeroize;

use crate::params::PolynomialSize;
use crate::simd::{self, Output};

/// A complex `f64`, the element of every spectrum.
pub type C64 = Complex<f64>;

/// A planned negacyclic transform for one polynomial size; build once, share freely.
pub struct NegacyclicFft {
    half: usize,
    forward: Arc<dyn Fft<f64>>,
    inverse: Arc<dyn Fft<f64>>,
    /// `ω^j`.
    twist: Vec<C64>,
    /// `ω^{-j} / (N/2)`: untwist with the inverse FFT's normalisation folded in.
    untwist: Vec<C64>,
    scratch_len: usize,
}

impl std::fmt::Debug for NegacyclicFft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NegacyclicFft").field("polynomial_size", &(2 * self.half)).finish()
    }
}

impl NegacyclicFft {
    /// Plans the transforms for polynomials of size `N` (a power of two ≥ 2).
    ///
    /// ```
    /// use umbra_fhe_core::fft::NegacyclicFft;
    /// use umbra_fhe_core::params::PolynomialSize;
    /// let fft = NegacyclicFft::new(PolynomialSize(8));
    /// let (mut spec_a, mut spec_b) = (fft.spectrum(), fft.spectrum());
    /// let mut scratch = fft.scratch();
    /// fft.forward_torus(&[1, 1, 0, 0, 0, 0, 0, 0], &mut spec_a, &mut scratch);
    /// fft.forward_integer(&[0, 0, 0, 0, 0, 0, 0, 1], &mut spec_b, &mut scratch);
    /// for (a, b) in spec_a.iter_mut().zip(&spec_b) { *a *= b; }
    /// let mut out = [0u32; 8];
    /// fft.backward_torus(&mut spec_a, &mut out, &mut scratch);
    /// // (1 + X)·X^7 = X^7 + X^8 ≡ X^7 − 1.
    /// assert_eq!(out, [u32::MAX, 0, 0, 0, 0, 0, 0, 1]);
    /// ```
    pub fn new(size: PolynomialSize) -> Self {
        let n = size.0;
        assert!(n >= 2 && n.is_power_of_two(), "polynomial size must be a power of two");
        let half = n / 2;
        let mut planner = FftPlanner::new();
        let forward = planner.plan_fft_forward(half);
        let inverse = planner.plan_fft_inverse(half);
        let angle = std::f64::consts::PI / n as f64;
        let twist = (0..half).map(|j| C64::from_polar(1.0, angle * j as f64)).collect();
        let scale = 1.0 / half as f64;
        let untwist = (0..half).map(|j| C64::from_polar(scale, -angle * j as f64)).collect();
        let scratch_len = forward.get_inplace_scratch_len().max(inverse.get_inplace_scratch_len());
        Self { half, forward, inverse, twist, untwist, scratch_len }
    }

    /// `N`.
    pub fn polynomial_size(&self) -> PolynomialSize {
        PolynomialSize(2 * self.half)
    }

    /// A zeroed spectrum buffer (`N/2` values).
    pub fn spectrum(&self) -> Vec<C64> {
        vec![C64::default(); self.half]
    }

    /// A scratch buffer for this plan; reuse it across calls.
    pub fn scratch(&self) -> FftScratch {
        FftScratch(vec![C64::default(); self.scratch_len])
    }

    /// Spectrum of a torus polynomial, coefficients read as signed `i32`.
    pub fn forward_torus(&self, poly: &[u32], out: &mut [C64], scratch: &mut FftScratch) {
        self.forward_integer(bytemuck::cast_slice(poly), out, scratch);
    }

    /// Spectrum of an integer polynomial.
    pub fn forward_integer(&self, poly: &[i32], out: &mut [C64], scratch: &mut FftScratch) {
        let half = self.half;
        simd::twist_fold(&poly[..half], &poly[half..2 * half], &self.twist, &mut out[..half]);
        self.forward.process_with_scratch(&mut out[..half], &mut scratch.0);
    }

    fn backward_with(&self, spec: &mut [C64], out: &mut [u32], scratch: &mut FftScratch, output: Output) {
        let half = self.half;
        self.inverse.process_with_scratch(&mut spec[..half], &mut scratch.0);
        let (low, high) = out[..2 * half].split_at_mut(half);
        simd::untwist_round(&spec[..half], &self.untwist, low, high, output);
    }

    /// `out = round(inverse(spec))`; `spec` is used as the transform buffer.
    pub fn backward_torus(&self, spec: &mut [C64], out: &mut [u32], scratch: &mut FftScratch) {
        self.backward_with(spec, out, scratch, Output::Overwrite);
    }

    /// `out += round(inverse(spec))` (wrapping); `spec` is used as the transform buffer.
    pub fn backward_add_torus(&self, spec: &mut [C64], out: &mut [u32], scratch: &mut FftScratch) {
        self.backward_with(spec, out, scratch, Output::Accumulate);
    }
}

/// Working memory of a [`NegacyclicFft`]; its contents between calls are meaningless.
pub struct FftScratch(Vec<C64>);

/// Zeroes a spectrum that held secret-derived values.
pub fn zeroize_spectrum(spec: &mut [C64]) {
    bytemuck::cast_slice_mut::<C64, f64>(spec).zeroize();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::polynomial::negacyclic_mul_reference;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn product(fft: &NegacyclicFft, a: &[u32], b: &[i32], garbage: f64) -> Vec<u32> {
        let mut sa = vec![C64::new(garbage, -garbage); a.len() / 2];
        let mut sb = sa.clone();
        let mut scratch = fft.scratch();
        scratch.0.fill(C64::new(garbage, garbage));
        fft.forward_torus(a, &mut sa, &mut scratch);
        fft.forward_integer(b, &mut sb, &mut scratch);
        for (x, y) in sa.iter_mut().zip(&sb) {
            *x *= y;
        }
        let mut out = vec![0xdead_beef; a.len()];
        fft.backward_torus(&mut sa, &mut out, &mut scratch);
        out
    }

    #[test]
    fn matches_reference_on_seeded_input_with_garbage_scratch() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        for log_n in 1..=11 {
            let n = 1usize << log_n;
            let fft = NegacyclicFft::new(PolynomialSize(n));
            let a: Vec<u32> = (0..n).map(|_| rng.random()).collect();
            let b: Vec<i32> = (0..n).map(|_| rng.random_range(-512..512)).collect();
            let mut expected = vec![0; n];
            negacyclic_mul_reference(&a, &b, &mut expected).unwrap();
            assert_eq!(product(&fft, &a, &b, 1e300), expected, "N = {n}");
            assert_eq!(product(&fft, &a, &b, f64::NAN), expected, "N = {n}");
        }
    }

    #[test]
    fn backward_add_accumulates() {
        let fft = NegacyclicFft::new(PolynomialSize(4));
        let mut scratch = fft.scratch();
        let mut spec = fft.spectrum();
        fft.forward_torus(&[5, 0, 0, 0], &mut spec, &mut scratch);
        let mut out = [1u32, 2, 3, u32::MAX];
        fft.backward_add_torus(&mut spec, &mut out, &mut scratch);
        assert_eq!(out, [6, 2, 3, u32::MAX]);
    }
}
