//! Noise bounds, tracked like degrees: every linear operation says what error
//! its result may carry, and one whose result would decrypt (or bootstrap)
//! wrongly more often than the parameter set's failure target is an
//! [`Error::NoiseOverflow`] before anything is computed.
//!
//! The error of a ciphertext is a linear combination `Σ cᵢ·eᵢ` of the errors
//! of fresh encryptions and of bootstrap outputs (a bootstrap replaces
//! whatever error its input had by a fresh output error). A [`NoiseBound`]
//! keeps what the variance of such a sum needs, as exact integers (public,
//! like the degree, and serialized with it):
//!
//! * `Σ cᵢ²` over bootstrap outputs: their independent parts add in variance;
//! * `Σ cᵢ` over bootstrap outputs: every output under one key shares the
//!   same constant offset ([`noise::bootstrap_offset_variance`]), which adds
//!   up linearly, so `k` outputs summed carry `k²` times its variance;
//! * `Σ cᵢ²` over fresh encryptions.
//!
//! [`NoiseModel`] turns a bound into a variance,
//! `V = Σcᵢ²·(V_out − V_off) + (Σcᵢ)²·V_off + Σfᵢ²·V_fresh`, and the variance
//! into a failure probability at the next bootstrap (the modulus switch adds
//! `V_ms`; a decryption alone fails less often).

use umbra_fhe_core::noise;
use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::{Error, Result};

/// What the error of a ciphertext is made of (see the module docs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct NoiseBound {
    /// `Σ cᵢ²` over bootstrap outputs.
    bootstrapped: u64,
    /// `Σ cᵢ` over bootstrap outputs: the multiple of the key's offset.
    offset: i64,
    /// `Σ cᵢ²` over fresh encryptions.
    fresh: u64,
}

impl NoiseBound {
    /// A public value (a trivial ciphertext): no error.
    pub(crate) const NONE: Self = Self { bootstrapped: 0, offset: 0, fresh: 0 };
    /// A fresh secret-key encryption.
    pub(crate) const FRESH: Self = Self { bootstrapped: 0, offset: 0, fresh: 1 };
    /// The output of one bootstrap.
    pub(crate) const BOOTSTRAPPED: Self = Self { bootstrapped: 1, offset: 1, fresh: 0 };
    /// The most a [`BoolCiphertext`](crate::BoolCiphertext) may carry: the
    /// output of a mux, two bootstrap outputs summed. Every boolean the API
    /// returns is within it (a circuit checks its boolean outputs), so a
    /// boolean input is assumed to be at it.
    pub(crate) const BOOLEAN_CIPHERTEXT: Self = Self { bootstrapped: 2, offset: 2, fresh: 0 };

    /// The error of `a + b`.
    pub(crate) fn plus(self, other: Self) -> Self {
        Self {
            bootstrapped: self.bootstrapped.saturating_add(other.bootstrapped),
            offset: self.offset.saturating_add(other.offset),
            fresh: self.fresh.saturating_add(other.fresh),
        }
    }

    /// The error of `a − b`: the shared offsets cancel.
    pub(crate) fn minus(self, other: Self) -> Self {
        self.plus(other.times(-1))
    }

    /// The error of `c·a`.
    pub(crate) fn times(self, c: i64) -> Self {
        let square = c.unsigned_abs().saturating_mul(c.unsigned_abs());
        Self {
            bootstrapped: self.bootstrapped.saturating_mul(square),
            offset: self.offset.saturating_mul(c),
            fresh: self.fresh.saturating_mul(square),
        }
    }

    /// `Σ wᵢ·xᵢ` of bounds `xᵢ` with weights `wᵢ`.
    pub(crate) fn weighted_sum(terms: impl IntoIterator<Item = (Self, i64)>) -> Self {
        terms.into_iter().fold(Self::NONE, |sum, (bound, weight)| sum.plus(bound.times(weight)))
    }

    /// `Σ cᵢ²` over bootstrap outputs: the multiple of a bootstrap's
    /// independent variance this error has (for the documented bounds).
    #[cfg(test)]
    pub(crate) fn bootstrap_weight(self) -> u64 {
        self.bootstrapped
    }

    /// The three fields in serialization order: `Σcᵢ²` and `Σcᵢ` over
    /// bootstrap outputs, `Σcᵢ²` over fresh encryptions.
    pub(crate) fn to_words(self) -> [u64; 3] {
        [self.bootstrapped, self.offset as u64, self.fresh]
    }

    /// The bound of [`to_words`](Self::to_words); `None` for fields no
    /// combination can produce (`|Σcᵢ| > Σcᵢ²`, as integer weights
    /// have `|cᵢ| ≤ cᵢ²`).
    pub(crate) fn from_words([bootstrapped, offset, fresh]: [u64; 3]) -> Option<Self> {
        let offset = offset as i64;
        (offset.unsigned_abs() <= bootstrapped).then_some(Self { bootstrapped, offset, fresh })
    }
}

/// The noise model of one parameter set for one encoding: the variances of
/// [`NoiseBound`]'s sources, the margin a value may drift before it decodes
/// wrongly, and the failure target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct NoiseModel {
    /// `V_out − V_off`: the part of a bootstrap output's error that is
    /// independent between outputs.
    independent: f64,
    /// `V_off`: the variance of the per-key offset of every bootstrap output.
    offset: f64,
    /// `V_fresh`: a fresh encryption's error.
    fresh: f64,
    /// `V_ms`: what the modulus switch of the next bootstrap adds.
    modulus_switch: f64,
    /// Half the distance between two encoded values.
    margin: f64,
    /// `log2` of the failure probability a result may have.
    target_log2: f64,
}

/// The failure target per decryption or bootstrap, unless a parameter set's
/// own design point is looser (then that point is the target: the set's
/// plain lookup, or gate, must stay usable).
pub(crate) const FAILURE_TARGET_LOG2: f64 = -64.0;

impl NoiseModel {
    fn new(p: &Parameters, margin: f64, design_point_log2: f64) -> Self {
        let offset = noise::bootstrap_offset_variance(p);
        Self {
            independent: noise::bootstrap_output_variance(p) - offset,
            offset,
            fresh: noise::fresh_variance(p),
            modulus_switch: noise::modulus_switch_variance(p),
            margin,
            target_log2: FAILURE_TARGET_LOG2.max(design_point_log2),
        }
    }

    /// Integers of `p.message_bits` bits: margin `Δ/2 = 2^{−(bits+2)}`;
    /// target 2⁻⁶⁴, or the set's own lookup on a bootstrap output
    /// ([`noise::lut_failure_log2`]) where that is looser.
    pub(crate) fn integers(p: &Parameters) -> Self {
        let margin = (-(f64::from(p.message_bits) + 2.0)).exp2();
        Self::new(p, margin, noise::lut_failure_log2(p))
    }

    /// Booleans at `±1/8`, and every combination bootstrapped from them once
    /// its weights are divided by their margin in units of `1/8`
    /// ([`crate::encoding`]): target 2⁻⁶⁴, or the set's documented gate
    /// ([`noise::gate_failure_log2`]) where that is looser.
    pub(crate) fn booleans(p: &Parameters) -> Self {
        Self::new(p, 0.125, noise::gate_failure_log2(p))
    }

    /// The variance of an error of bound `b`.
    pub(crate) fn variance(&self, b: NoiseBound) -> f64 {
        let offset = b.offset as f64;
        b.bootstrapped as f64 * self.independent + offset * offset * self.offset + b.fresh as f64 * self.fresh
    }

    /// `log2` of the probability that a value of bound `b` goes through a
    /// bootstrap (or a decryption) wrongly.
    pub(crate) fn failure_log2(&self, b: NoiseBound) -> f64 {
        noise::log2_failure(self.margin, self.variance(b) + self.modulus_switch)
    }

    /// `b` when its failure probability is within the target, else an
    /// [`Error::NoiseOverflow`].
    pub(crate) fn check(&self, b: NoiseBound) -> Result<NoiseBound> {
        let predicted = self.failure_log2(b);
        if predicted > self.target_log2 {
            return Err(Error::NoiseOverflow {
                predicted_log2: predicted.ceil() as i32,
                target_log2: self.target_log2.floor() as i32,
            });
        }
        Ok(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use umbra_fhe_core::params;

    #[test]
    fn arithmetic_follows_the_linear_combination() {
        let b = NoiseBound::BOOTSTRAPPED;
        assert_eq!(b.plus(b), NoiseBound { bootstrapped: 2, offset: 2, fresh: 0 });
        assert_eq!(b.minus(b), NoiseBound { bootstrapped: 2, offset: 0, fresh: 0 });
        assert_eq!(b.times(-3), NoiseBound { bootstrapped: 9, offset: -3, fresh: 0 });
        assert_eq!(
            NoiseBound::FRESH.times(4).plus(NoiseBound::NONE),
            NoiseBound { bootstrapped: 0, offset: 0, fresh: 16 }
        );
        let sum = NoiseBound::weighted_sum([(b, 2), (b, 1), (NoiseBound::FRESH, -1)]);
        assert_eq!(sum, NoiseBound { bootstrapped: 5, offset: 3, fresh: 1 });
        let huge = NoiseBound::BOOTSTRAPPED.times(i64::MAX);
        assert_eq!(huge.times(i64::MAX).bootstrapped, u64::MAX, "saturates, never wraps");
    }

    #[test]
    fn words_round_trip_and_impossible_fields_are_refused() {
        for b in [NoiseBound::NONE, NoiseBound::FRESH, NoiseBound::BOOTSTRAPPED.times(-7).plus(NoiseBound::FRESH)] {
            assert_eq!(NoiseBound::from_words(b.to_words()), Some(b));
        }
        assert_eq!(NoiseBound::from_words([1, 2, 0]), None);
        assert_eq!(NoiseBound::from_words([1, (-2i64) as u64, 0]), None);
    }

    #[test]
    fn every_set_accepts_its_own_building_blocks() {
        for p in Parameters::all() {
            let ints = NoiseModel::integers(&p);
            assert!(ints.check(NoiseBound::BOOTSTRAPPED).is_ok(), "{}", p.name);
            assert!(ints.check(NoiseBound::FRESH).is_ok(), "{}", p.name);
            // Gates read two user-visible booleans, each at worst a mux
            // output (two bootstrap outputs summed).
            let bools = NoiseModel::booleans(&p);
            let mux = NoiseBound::BOOTSTRAPPED.plus(NoiseBound::BOOTSTRAPPED);
            assert!(bools.check(mux.plus(mux)).is_ok(), "{}", p.name);
        }
    }

    #[test]
    fn more_noise_fails_more_often() {
        let model = NoiseModel::integers(&params::MESSAGE_4_BITS);
        let failures: Vec<f64> = (1..=15).map(|c| model.failure_log2(NoiseBound::BOOTSTRAPPED.times(c))).collect();
        assert!(failures.windows(2).all(|w| w[0] < w[1]), "{failures:?}");
        // The variance of a sum of k outputs lies between k·V_out (no
        // shared offset) and k²·V_out (all of it shared).
        let one = model.variance(NoiseBound::BOOTSTRAPPED);
        let eight = model.variance(NoiseBound::weighted_sum([(NoiseBound::BOOTSTRAPPED, 1); 8]));
        assert!(eight > 8.0 * one && eight < 64.0 * one);
    }

    #[test]
    fn the_multiplied_table_bit_of_message_4_is_refused() {
        let model = NoiseModel::integers(&params::MESSAGE_4_BITS);
        let err = model.check(NoiseBound::BOOTSTRAPPED.times(15)).unwrap_err();
        assert!(
            matches!(err, Error::NoiseOverflow { predicted_log2, target_log2: -64 } if predicted_log2 > -4),
            "{err}"
        );
    }
}
