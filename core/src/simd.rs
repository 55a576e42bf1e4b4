//! The vectorised inner loops of bootstrapping, compiled for several
//! instruction sets and chosen at run time.
//!
//! Every hot loop outside rustfft lives here: the twist and fold before a
//! forward transform, the untwist and rounding after an inverse one, the
//! Fourier-domain sums of an external product ([`ggsw_product`]) and the
//! plain complex multiply-accumulate, gadget decomposition and the keyswitch
//! row update. Each entry point asks [`pulp::Arch`] for the
//! best instruction set the processor offers (AVX-512 or AVX2 + FMA on
//! x86-64, NEON on AArch64, else the target's baseline) and runs a kernel
//! body monomorphised for it. The bodies are `#[inline(always)]` so they are
//! compiled inside pulp's `#[target_feature]` wrapper: plain loops are
//! auto-vectorised for the chosen instruction set, and the complex product,
//! which LLVM does not vectorise well, uses pulp's vector types directly. The
//! same safe code thus serves every CPU without a `target-cpu` build flag.
//!
//! Every kernel computes exactly what its scalar definition in the docs says,
//! except that complex products may be fused with their sums (one rounding
//! instead of two); the tests compare each against a scalar twin, on lengths
//! that leave a remainder for every vector width.

use pulp::{Arch, Simd, WithSimd};

use crate::fft::C64;

/// `acc[i] += x[i]·y[i]` over complex `f64` (possibly fused).
///
/// Panics if the three slices differ in length.
///
/// ```
/// use umbra_fhe_core::fft::C64;
/// let mut acc = vec![C64::new(1.0, 0.0); 5];
/// let x = vec![C64::new(0.0, 1.0); 5];
/// let y = vec![C64::new(2.0, 3.0); 5];
/// umbra_fhe_core::simd::multiply_accumulate(&mut acc, &x, &y);
/// assert_eq!(acc[4], C64::new(-2.0, 2.0)); // 1 + i·(2 + 3i)
/// ```
pub fn multiply_accumulate(acc: &mut [C64], x: &[C64], y: &[C64]) {
    assert!(x.len() == acc.len() && y.len() == acc.len(), "multiply_accumulate: slices of unequal lengths");
    Arch::new().dispatch(MultiplyAccumulate { acc, x, y });
}

struct MultiplyAccumulate<'a> {
    acc: &'a mut [C64],
    x: &'a [C64],
    y: &'a [C64],
}

impl WithSimd for MultiplyAccumulate<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, simd: S) {
        let (acc_head, acc_tail) = S::as_mut_simd_c64s(self.acc);
        let (x_head, x_tail) = S::as_simd_c64s(self.x);
        let (y_head, y_tail) = S::as_simd_c64s(self.y);
        for ((a, &x), &y) in acc_head.iter_mut().zip(x_head).zip(y_head) {
            *a = simd.mul_add_c64s(x, y, *a);
        }
        for ((a, x), y) in acc_tail.iter_mut().zip(x_tail).zip(y_tail) {
            *a += x * y;
        }
    }
}

/// The Fourier-domain half of an external product with one GGSW:
/// `acc[c] = Σ_r digits[r]·key[r][c]`, pointwise over `len` frequencies
/// (possibly fused).
///
/// `digits` holds `R` spectra of `len` values (one per decomposed
/// polynomial), `key` holds `R` rows of `C` spectra (`C = acc.len()/len`, the
/// GLWE components), row-major, and `acc` receives `C` spectra (overwritten).
/// Each vector of partial sums stays in a register across the `R` rows, so
/// the accumulators are read and written once per step instead of once per row.
///
/// Panics unless `len > 0` divides both `acc.len()` and `digits.len()` and
/// `key` holds `R·C·len` values.
///
/// ```
/// use umbra_fhe_core::fft::C64;
/// let one = C64::new(1.0, 0.0);
/// // R = 2 rows, C = 1 component, len = 2.
/// let digits = [one, C64::new(0.0, 1.0), C64::new(2.0, 0.0), one];
/// let key = [C64::new(3.0, 0.0), one, C64::new(5.0, 0.0), one];
/// let mut acc = [C64::default(); 2];
/// umbra_fhe_core::simd::ggsw_product(&mut acc, &digits, &key, 2);
/// assert_eq!(acc, [C64::new(13.0, 0.0), C64::new(1.0, 1.0)]); // 1·3 + 2·5, i·1 + 1·1
/// ```
pub fn ggsw_product(acc: &mut [C64], digits: &[C64], key: &[C64], len: usize) {
    // R·C·len key values for C·len outputs and R·len digits.
    assert_eq!(key.len() * len, acc.len() * digits.len(), "ggsw_product: key must hold R × C spectra");
    ggsw_product_components(acc, &[digits], key, len, 0);
}

/// Components `first …` of [`ggsw_product`], with the digit spectra given in
/// groups: `acc` receives `acc.len()/len` consecutive output components
/// starting at `first`, out of the `C = key.len()/(R·len)` the key holds;
/// the `R` rows are the groups' rows in order (each group a whole number of
/// spectra). Lets several threads share one external product, each
/// transforming some rows and forming some components, each in its own buffer.
///
/// Panics unless `len > 0` divides `acc.len()` and every group's length,
/// `key` holds `R·C·len` values and the requested components lie within `C`.
///
/// ```
/// use umbra_fhe_core::fft::C64;
/// use umbra_fhe_core::simd::{ggsw_product, ggsw_product_components};
/// let v = |x: f64| C64::new(x, 0.0);
/// // R = 2 rows, C = 3 components, len = 1.
/// let (digits, key) = ([v(1.0), v(2.0)], [v(1.0), v(2.0), v(3.0), v(4.0), v(5.0), v(6.0)]);
/// let mut all = [C64::default(); 3];
/// ggsw_product(&mut all, &digits, &key, 1);
/// let mut last_two = [C64::default(); 2];
/// ggsw_product_components(&mut last_two, &[&digits[..1], &digits[1..]], &key, 1, 1);
/// assert_eq!((all, last_two), ([v(9.0), v(12.0), v(15.0)], [v(12.0), v(15.0)]));
/// ```
pub fn ggsw_product_components(acc: &mut [C64], digits: &[&[C64]], key: &[C64], len: usize, first: usize) {
    assert!(
        len > 0 && acc.len().is_multiple_of(len) && digits.iter().all(|g| g.len().is_multiple_of(len)),
        "ggsw_product: lengths not multiples of len"
    );
    let rows = digits.iter().map(|g| g.len() / len).sum::<usize>();
    assert!(rows > 0, "ggsw_product: no digit spectra");
    let components = key.len() / (rows * len);
    assert_eq!(key.len(), rows * components * len, "ggsw_product: key must hold R × C spectra");
    assert!(first + acc.len() / len <= components, "ggsw_product: components beyond the key's");
    Arch::new().dispatch(GgswProduct { acc, digits, key, len, first, components });
}

struct GgswProduct<'a> {
    acc: &'a mut [C64],
    digits: &'a [&'a [C64]],
    key: &'a [C64],
    len: usize,
    /// Index of `acc`'s first component among the key's `components`.
    first: usize,
    components: usize,
}

impl WithSimd for GgswProduct<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, simd: S) {
        let Self { acc, digits, key, len, first, components } = self;
        let lanes = std::mem::size_of::<S::c64s>() / std::mem::size_of::<C64>();
        if len % lanes == 0 {
            let blocks = len / lanes;
            let (acc, _) = S::as_mut_simd_c64s(acc);
            let (key, _) = S::as_simd_c64s(key);
            if let [contiguous] = digits {
                // One buffer (the one-thread CMux): plain indexing, with the
                // row count taken from the buffer so that bounds checks fold.
                let (digits, _) = S::as_simd_c64s(contiguous);
                let sums = RowSums { blocks, first, components, rows: digits.len() / blocks };
                sums.run(simd, acc, key, |r, b| digits[r * blocks + b]);
            } else {
                let rows: Vec<&[S::c64s]> =
                    digits.iter().flat_map(|group| S::as_simd_c64s(group).0.chunks_exact(blocks)).collect();
                let sums = RowSums { blocks, first, components, rows: rows.len() };
                sums.run(simd, acc, key, |r, b| rows[r][b]);
            }
        } else {
            let rows: Vec<&[C64]> = digits.iter().flat_map(|group| group.chunks_exact(len)).collect();
            for (c, acc_c) in (first..).zip(acc.chunks_exact_mut(len)) {
                for (f, out) in acc_c.iter_mut().enumerate() {
                    *out = rows.iter().enumerate().map(|(r, row)| row[f] * key[(r * components + c) * len + f]).sum();
                }
            }
        }
    }
}

/// The vector loop of [`ggsw_product_components`], over `blocks` vectors
/// per spectrum: output components `first …` of `components`, `rows` rows.
struct RowSums {
    blocks: usize,
    first: usize,
    components: usize,
    rows: usize,
}

impl RowSums {
    /// `acc[c][b] = Σ_r digit(r, b)·key[r][c][b]`, the sum kept in a register.
    #[inline(always)]
    fn run<S: Simd>(&self, simd: S, acc: &mut [S::c64s], key: &[S::c64s], digit: impl Fn(usize, usize) -> S::c64s) {
        let Self { blocks, first, components, rows } = *self;
        for (c, acc_c) in (first..).zip(acc.chunks_exact_mut(blocks)) {
            for (b, out) in acc_c.iter_mut().enumerate() {
                let mut sum = simd.splat_c64s(C64::default());
                for r in 0..rows {
                    sum = simd.mul_add_c64s(digit(r, b), key[(r * components + c) * blocks + b], sum);
                }
                *out = sum;
            }
        }
    }
}

/// The folded, twisted input of a negacyclic transform:
/// `out[j] = (low[j] + i·high[j])·twist[j]`.
///
/// Panics if the four slices differ in length.
///
/// ```
/// use umbra_fhe_core::fft::C64;
/// let mut out = vec![C64::default(); 3];
/// let twist = vec![C64::new(0.0, 1.0); 3];
/// umbra_fhe_core::simd::twist_fold(&[1, 2, 3], &[-1, 0, 5], &twist, &mut out);
/// assert_eq!(out[2], C64::new(-5.0, 3.0)); // (3 + 5i)·i
/// ```
pub fn twist_fold(low: &[i32], high: &[i32], twist: &[C64], out: &mut [C64]) {
    let n = out.len();
    assert!(low.len() == n && high.len() == n && twist.len() == n, "twist_fold: slices of unequal lengths");
    Arch::new().dispatch(TwistFold { low, high, twist, out });
}

struct TwistFold<'a> {
    low: &'a [i32],
    high: &'a [i32],
    twist: &'a [C64],
    out: &'a mut [C64],
}

impl WithSimd for TwistFold<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, _: S) {
        for (((o, w), &re), &im) in self.out.iter_mut().zip(self.twist).zip(self.low).zip(self.high) {
            let (re, im) = (f64::from(re), f64::from(im));
            *o = C64::new(re * w.re - im * w.im, re * w.im + im * w.re);
        }
    }
}

/// Whether [`untwist_round`] overwrites its outputs or adds to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// `out = value`.
    Overwrite,
    /// `out += value` (wrapping).
    Accumulate,
}

/// Unfolds an inverse transform back to a torus polynomial: with
/// `v = spec[j]·untwist[j]`, `low[j] ← round(v.re)` and
/// `high[j] ← round(v.im)`, rounded to nearest (ties to even) and reduced
/// mod 2^32, overwriting or accumulating as `output` says.
///
/// Exact for every finite input: `x` is first reduced to
/// `r = x − 2^32·round(x·2^-32)`, which is exact (both terms are multiples
/// of `ulp(x)` and `|r| ≤ 2^31`) and has the parity of `x`'s rounding, then
/// `r + 1.5·2^52` leaves `round(r) + 2^51 ≡ round(r) (mod 2^32)` in the
/// low mantissa bits. Branch-free, so it vectorises.
///
/// Panics if the five slices differ in length.
///
/// ```
/// use umbra_fhe_core::fft::C64;
/// use umbra_fhe_core::simd::{untwist_round, Output};
/// let (mut low, mut high) = ([10u32], [0u32]);
/// let spec = [C64::new(-2.5, 4294967296.0 * 3.0 + 7.4)];
/// untwist_round(&spec, &[C64::new(1.0, 0.0)], &mut low, &mut high, Output::Accumulate);
/// assert_eq!((low[0], high[0]), (8, 7)); // 10 + round(−2.5) = 10 − 2; 3·2^32 + 7 ≡ 7
/// ```
pub fn untwist_round(spec: &[C64], untwist: &[C64], low: &mut [u32], high: &mut [u32], output: Output) {
    let n = spec.len();
    assert!(untwist.len() == n && low.len() == n && high.len() == n, "untwist_round: slices of unequal lengths");
    Arch::new().dispatch(UntwistRound { spec, untwist, low, high, output });
}

struct UntwistRound<'a> {
    spec: &'a [C64],
    untwist: &'a [C64],
    low: &'a mut [u32],
    high: &'a mut [u32],
    output: Output,
}

impl WithSimd for UntwistRound<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, _: S) {
        let values = self
            .spec
            .iter()
            .zip(self.untwist)
            .map(|(s, w)| (round_to_torus(s.re * w.re - s.im * w.im), round_to_torus(s.re * w.im + s.im * w.re)));
        let outputs = self.low.iter_mut().zip(self.high.iter_mut());
        match self.output {
            Output::Overwrite => {
                for ((lo, hi), (re, im)) in outputs.zip(values) {
                    (*lo, *hi) = (re, im);
                }
            }
            Output::Accumulate => {
                for ((lo, hi), (re, im)) in outputs.zip(values) {
                    (*lo, *hi) = (lo.wrapping_add(re), hi.wrapping_add(im));
                }
            }
        }
    }
}

/// Rounds a real to the nearest integer (ties to even) and reduces it mod 2^32;
/// see [`untwist_round`] for why this is exact.
#[inline(always)]
pub(crate) fn round_to_torus(x: f64) -> u32 {
    const TWO_POW_32: f64 = 4_294_967_296.0;
    const MAGIC: f64 = 6_755_399_441_055_744.0; // 1.5·2^52
    let reduced = x - (x * (1.0 / TWO_POW_32)).round_ties_even() * TWO_POW_32;
    (reduced + MAGIC).to_bits() as u32
}

/// `out[i] −= factor·row[i]` (wrapping): one keyswitch row applied with its digit.
///
/// Panics if the slices differ in length.
///
/// ```
/// let mut out = [5u32, 0];
/// umbra_fhe_core::simd::subtract_scaled(&mut out, &[2, 1], u32::MAX); // factor −1
/// assert_eq!(out, [7, 1]);
/// ```
pub fn subtract_scaled(out: &mut [u32], row: &[u32], factor: u32) {
    assert_eq!(out.len(), row.len(), "subtract_scaled: slices of unequal lengths");
    Arch::new().dispatch(SubtractScaled { out, row, factor });
}

struct SubtractScaled<'a> {
    out: &'a mut [u32],
    row: &'a [u32],
    factor: u32,
}

impl WithSimd for SubtractScaled<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, _: S) {
        for (o, &r) in self.out.iter_mut().zip(self.row) {
            *o = o.wrapping_sub(r.wrapping_mul(self.factor));
        }
    }
}

/// The digit loop of [`SignedDecomposer::decompose_slice`](crate::decomposition::SignedDecomposer::decompose_slice):
/// `digits` holds `levels` rows of `N`; on entry row 0 holds each value's
/// rounded top `β·l` bits, on exit row `q` holds digit `q` (0 = most
/// significant), each in `[−2^{β−1}, 2^{β−1})`.
///
/// Level by level from the least significant: `d = rest mod 2^β`, carry
/// `c = [d ≥ 2^{β−1}]`, digit `d − c·2^β`, `rest ← rest/2^β + c`.
pub(crate) fn balanced_digits(base_log: u32, digits: &mut [i32], n: usize) {
    Arch::new().dispatch(BalancedDigits { base_log, digits, n });
}

struct BalancedDigits<'a> {
    base_log: u32,
    digits: &'a mut [i32],
    n: usize,
}

impl WithSimd for BalancedDigits<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, _: S) {
        let beta = self.base_log;
        let half = 1u32 << (beta - 1);
        let mask = (1u32 << beta) - 1;
        // `rest` lives in the most significant level's row until that level is reached.
        let (top, lower) = self.digits.split_at_mut(self.n);
        for level in lower.chunks_exact_mut(self.n).rev() {
            for (d, r) in level.iter_mut().zip(top.iter_mut()) {
                let rest = *r as u32;
                let digit = rest & mask;
                let carry = u32::from(digit >= half);
                *d = digit.wrapping_sub(carry << beta) as i32;
                *r = ((rest >> beta) + carry) as i32;
            }
        }
        for r in top.iter_mut() {
            let rest = *r as u32 & mask;
            let carry = u32::from(rest >= half);
            *r = rest.wrapping_sub(carry << beta) as i32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn complex() -> impl Strategy<Value = C64> {
        (-1e12f64..1e12, -1e12f64..1e12).prop_map(|(re, im)| C64::new(re, im))
    }

    proptest! {
        /// Against the scalar definition, on lengths that leave a tail for every vector width.
        #[test]
        fn multiply_accumulate_matches_scalar(
            v in proptest::collection::vec((complex(), complex(), complex()), 0..37)
        ) {
            let mut acc: Vec<C64> = v.iter().map(|t| t.0).collect();
            let x: Vec<C64> = v.iter().map(|t| t.1).collect();
            let y: Vec<C64> = v.iter().map(|t| t.2).collect();
            multiply_accumulate(&mut acc, &x, &y);
            for (i, (a0, x, y)) in v.iter().enumerate() {
                let expected = a0 + x * y;
                // A fused product rounds once instead of twice: relative error ≤ 2^-52.
                let scale = (x.norm() * y.norm() + a0.norm()).max(1.0);
                prop_assert!((acc[i] - expected).norm() <= scale * 1e-15, "{} vs {}", acc[i], expected);
            }
        }

        #[test]
        fn ggsw_product_matches_scalar(
            shape in (1usize..5, 1usize..9, prop_oneof![Just(1usize), Just(2), Just(3), Just(8), Just(12), Just(64)]),
            seed in any::<u64>(),
        ) {
            let (components, rows, len) = shape;
            let mut next = seed;
            let mut value = move || {
                next = next.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                C64::new((next >> 40) as f64 - 8e6, (next >> 20 & 0xfffff) as f64 - 5e5)
            };
            let digits: Vec<C64> = (0..rows * len).map(|_| value()).collect();
            let key: Vec<C64> = (0..rows * components * len).map(|_| value()).collect();
            let mut acc = vec![C64::new(f64::NAN, 1e300); components * len];
            ggsw_product(&mut acc, &digits, &key, len);
            let expected = |c: usize, f: usize| -> C64 {
                (0..rows).map(|r| digits[r * len + f] * key[(r * components + c) * len + f]).sum()
            };
            for c in 0..components {
                for f in 0..len {
                    // Integer-valued inputs below 2^24: every product and sum is exact, fused or not.
                    prop_assert_eq!(acc[c * len + f], expected(c, f));
                }
            }
            // Every run of consecutive components, alone, into a buffer full of garbage.
            for first in 0..components {
                for count in 1..=components - first {
                    let mut part = vec![C64::new(f64::NAN, 1e300); count * len];
                    // Rows in two groups: the first one or two, and the rest (possibly none).
                    let split = len * rows.min(1 + first % 2);
                    let groups = [&digits[..split], &digits[split..]];
                    ggsw_product_components(&mut part, &groups, &key, len, first);
                    for (i, value) in part.iter().enumerate() {
                        prop_assert_eq!(*value, expected(first + i / len, i % len));
                    }
                }
            }
        }

        #[test]
        fn twist_fold_matches_scalar(
            v in proptest::collection::vec((any::<i32>(), any::<i32>(), complex()), 0..37)
        ) {
            let low: Vec<i32> = v.iter().map(|t| t.0).collect();
            let high: Vec<i32> = v.iter().map(|t| t.1).collect();
            let twist: Vec<C64> = v.iter().map(|t| t.2).collect();
            let mut out = vec![C64::new(f64::NAN, f64::NAN); v.len()];
            twist_fold(&low, &high, &twist, &mut out);
            for (j, (lo, hi, w)) in v.iter().enumerate() {
                prop_assert_eq!(out[j], C64::new(f64::from(*lo), f64::from(*hi)) * w);
            }
        }

        #[test]
        fn untwist_round_matches_scalar(
            v in proptest::collection::vec((-1e17f64..1e17, -1e17f64..1e17, any::<u32>()), 0..37),
            accumulate in any::<bool>(),
        ) {
            let spec: Vec<C64> = v.iter().map(|t| C64::new(t.0, t.1)).collect();
            let untwist = vec![C64::new(1.0, 0.0); v.len()];
            let (mut low, mut high): (Vec<u32>, Vec<u32>) = v.iter().map(|t| (t.2, t.2 ^ 0xffff)).unzip();
            let output = if accumulate { Output::Accumulate } else { Output::Overwrite };
            untwist_round(&spec, &untwist, &mut low, &mut high, output);
            for (j, (re, im, start)) in v.iter().enumerate() {
                let (base_lo, base_hi) = if accumulate { (*start, start ^ 0xffff) } else { (0, 0) };
                prop_assert_eq!(low[j], base_lo.wrapping_add(reference_round(*re)));
                prop_assert_eq!(high[j], base_hi.wrapping_add(reference_round(*im)));
            }
        }

        #[test]
        fn subtract_scaled_matches_scalar(
            v in proptest::collection::vec((any::<u32>(), any::<u32>()), 0..70), factor in any::<u32>()
        ) {
            let mut out: Vec<u32> = v.iter().map(|t| t.0).collect();
            let row: Vec<u32> = v.iter().map(|t| t.1).collect();
            subtract_scaled(&mut out, &row, factor);
            for (j, (o, r)) in v.iter().enumerate() {
                prop_assert_eq!(out[j], o.wrapping_sub(r.wrapping_mul(factor)));
            }
        }
    }

    /// Round half to even through exact integer arithmetic, reduced mod 2^32.
    fn reference_round(x: f64) -> u32 {
        (x.round_ties_even() as i128).rem_euclid(1 << 32) as u32
    }

    #[test]
    fn rounding_is_to_nearest_modulo_two_to_the_32() {
        for (x, expected) in [
            (0.4, 0u32),
            (-0.4, 0),
            (0.6, 1),
            (-0.6, u32::MAX),
            (-1.0, u32::MAX),
            (4294967296.0 + 3.0, 3),
            (-4294967296.0 * 1000.0 - 2.2, (-2i32) as u32),
            (2f64.powi(52) + 8.0, 8),
            (-(2f64.powi(60)) - 4096.0, (-4096i32) as u32),
        ] {
            assert_eq!(round_to_torus(x), expected, "x = {x}");
        }
    }

    #[test]
    fn rounding_edges() {
        let cases = [
            0.0,
            -0.0,
            0.5,
            1.5,
            -0.5,
            -1.5,
            2.5,
            4294967295.5,
            4294967296.5,
            -2147483648.5,
            2147483647.5,
            2f64.powi(51) - 0.5,
            2f64.powi(52) + 2.0,
            -(2f64.powi(53)) - 2.0,
            2f64.powi(60) + 4096.0,
            -(2f64.powi(84)),
            3.0 * 2f64.powi(90),
            f64::from(u32::MAX),
            -f64::from(u32::MAX),
        ];
        for x in cases {
            assert_eq!(round_to_torus(x), reference_round(x), "x = {x}");
        }
    }

    #[test]
    fn balanced_digits_on_edge_values() {
        // base 2^10, two levels: rounded top bits of 0, 2^31, u32::MAX and 2^19 − 1.
        let tops = [0i32, 0x80000, 0, 0x1ff];
        let mut digits = tops.to_vec();
        digits.extend([i32::MIN; 4]);
        balanced_digits(10, &mut digits, 4);
        for (j, &top) in tops.iter().enumerate() {
            let (d0, d1) = (digits[j], digits[4 + j]);
            assert!((-512..512).contains(&d0) && (-512..512).contains(&d1));
            assert_eq!((d0 * 1024 + d1) & 0xfffff, top, "column {j}");
        }
    }
}
