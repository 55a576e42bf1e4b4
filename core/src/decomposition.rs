//! Signed, balanced gadget decomposition with rounding.
//!
//! A torus value `x` is first rounded to its `β·l` most significant bits
//! (`β = base_log`), then written as `Σ_{q=1..l} d_q · 2^{32 − qβ}` with every
//! digit in `[−B/2, B/2)`, `B = 2^β`. Rounding instead of truncating halves the
//! approximation error; balancing halves the digit magnitude. Both keep the
//! external-product and keyswitch noise at the values the TFHE papers state.

use crate::params::{DecompositionBaseLog, DecompositionLevelCount};
use crate::simd;

/// A gadget decomposer for one `(base_log, levels)` pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignedDecomposer {
    base_log: u32,
    levels: usize,
}

impl SignedDecomposer {
    /// A decomposer; `base_log · levels ≤ 32` and `base_log ≤ 16` (checked by
    /// [`Parameters::validate`](crate::params::Parameters::validate)).
    pub fn new(base_log: DecompositionBaseLog, levels: DecompositionLevelCount) -> Self {
        debug_assert!(base_log.0 >= 1 && base_log.0 <= 16 && base_log.0 * levels.0 <= 32);
        Self { base_log: base_log.0 as u32, levels: levels.0 }
    }

    /// Number of digits per value.
    pub fn levels(&self) -> usize {
        self.levels
    }

    /// `x` rounded to the nearest multiple of `2^{32 − β·l}`, shifted down to the
    /// `β·l`-bit integer it represents.
    #[inline]
    fn rounded_top_bits(&self, x: u32) -> u32 {
        let kept = self.base_log * self.levels as u32;
        let shift = 32 - kept;
        if shift == 0 {
            return x;
        }
        let rounded = (u64::from(x) + (1u64 << (shift - 1))) >> shift;
        rounded as u32 & ((((1u64 << kept) - 1) & 0xffff_ffff) as u32)
    }

    /// The torus value the digits of `x` recompose to (the closest representable value).
    ///
    /// ```
    /// use umbra_fhe_core::decomposition::SignedDecomposer;
    /// use umbra_fhe_core::params::{DecompositionBaseLog, DecompositionLevelCount};
    /// let d = SignedDecomposer::new(DecompositionBaseLog(4), DecompositionLevelCount(2));
    /// assert_eq!(d.closest_representable(0x1280_0000), 0x1300_0000);
    /// ```
    pub fn closest_representable(&self, x: u32) -> u32 {
        let kept = self.base_log * self.levels as u32;
        if kept == 32 {
            x
        } else {
            self.rounded_top_bits(x) << (32 - kept)
        }
    }

    /// Writes the `l` digits of `x`, most significant (level 1) first.
    ///
    /// ```
    /// use umbra_fhe_core::decomposition::SignedDecomposer;
    /// use umbra_fhe_core::params::{DecompositionBaseLog, DecompositionLevelCount};
    /// let d = SignedDecomposer::new(DecompositionBaseLog(4), DecompositionLevelCount(2));
    /// let mut digits = [0i32; 2];
    /// d.decompose(0x1f00_0000, &mut digits);
    /// assert_eq!(digits, [2, -1]); // 2·16 − 1 = 0x1f
    /// assert_eq!(d.recompose(&digits), 0x1f00_0000);
    /// ```
    pub fn decompose(&self, x: u32, digits: &mut [i32]) {
        let base = 1i64 << self.base_log;
        let half = base / 2;
        let mask = base - 1;
        let mut rest = i64::from(self.rounded_top_bits(x));
        for digit in digits[..self.levels].iter_mut().rev() {
            let mut d = rest & mask;
            rest >>= self.base_log;
            if d >= half {
                d -= base;
                rest += 1;
            }
            *digit = d as i32;
        }
    }

    /// Decomposes every coefficient of `poly` into `digits`, level-major:
    /// `digits[q·N + j]` is digit `q` (0 = most significant) of `poly[j]`.
    ///
    /// Branch-free and level by level, vectorised by
    /// [`simd`] for the CPU at hand.
    pub fn decompose_slice(&self, poly: &[u32], digits: &mut [i32]) {
        let n = poly.len();
        assert_eq!(digits.len(), n * self.levels, "decompose_slice: digits must hold levels × N values");
        for (r, &x) in digits[..n].iter_mut().zip(poly) {
            *r = self.rounded_top_bits(x) as i32;
        }
        simd::balanced_digits(self.base_log, digits, n);
    }

    /// `Σ_q d_q · 2^{32 − qβ}` (wrapping): the inverse of [`decompose`](Self::decompose).
    pub fn recompose(&self, digits: &[i32]) -> u32 {
        digits[..self.levels].iter().enumerate().fold(0u32, |acc, (q, &d)| {
            let shift = 32 - (q as u32 + 1) * self.base_log;
            acc.wrapping_add((d as u32).wrapping_shl(shift))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decomposer() -> impl Strategy<Value = SignedDecomposer> {
        (1usize..=16)
            .prop_flat_map(|b| (Just(b), 1usize..=(32 / b)))
            .prop_map(|(b, l)| SignedDecomposer::new(DecompositionBaseLog(b), DecompositionLevelCount(l)))
    }

    proptest! {
        #[test]
        fn digits_are_balanced_and_recompose_to_the_rounding(d in decomposer(), x in any::<u32>()) {
            let mut digits = vec![0i32; d.levels()];
            d.decompose(x, &mut digits);
            let half = 1i32 << (d.base_log - 1);
            for &digit in &digits {
                prop_assert!((-half..half).contains(&digit), "digit {} out of range", digit);
            }
            prop_assert_eq!(d.recompose(&digits), d.closest_representable(x));
            // Rounding error is at most half of the last kept unit.
            let kept = d.base_log * d.levels() as u32;
            let err = i64::from(x.wrapping_sub(d.closest_representable(x)) as i32).unsigned_abs();
            prop_assert!(kept == 32 || err <= 1u64 << (31 - kept));
        }

        #[test]
        fn slice_decomposition_matches_scalar(d in decomposer(), xs in proptest::collection::vec(any::<u32>(), 8)) {
            let mut digits = vec![i32::MIN; 8 * d.levels()];
            d.decompose_slice(&xs, &mut digits);
            for (j, &x) in xs.iter().enumerate() {
                let mut scalar = vec![0i32; d.levels()];
                d.decompose(x, &mut scalar);
                for q in 0..d.levels() {
                    prop_assert_eq!(digits[q * 8 + j], scalar[q]);
                }
            }
        }
    }

    #[test]
    fn edge_values() {
        let d = SignedDecomposer::new(DecompositionBaseLog(10), DecompositionLevelCount(2));
        for x in [0u32, 1, 1 << 31, u32::MAX, (1 << 31) - 1, 0x0020_0000, 0x001f_ffff] {
            let mut digits = [0i32; 2];
            d.decompose(x, &mut digits);
            assert_eq!(d.recompose(&digits), d.closest_representable(x), "x = {x:#x}");
        }
    }
}
