//! How values sit on the torus, and the combinations bootstrapping reads them
//! through: the one place that the eager [`ServerKey`](crate::ServerKey)
//! methods and circuit evaluation both take them from.
//!
//! A boolean is `±1/8` ([`BOOL_MU`]): `true` ↦ `+1/8`, `false` ↦ `−1/8`. A
//! function of booleans is a linear combination (free) followed by one
//! bootstrap with a sign table: a phase in `[0, 1/2)` becomes `+μ`, one in
//! `[1/2, 1)` becomes `−μ`. Every combination below puts its input cases at
//! least `1/8` away from the decision points 0 and 1/2, which is the margin
//! the noise model assumes.
//!
//! An integer `m ∈ [0, 2^bits)` is `m·Δ` with `Δ = 2^{31−bits}`; the top bit
//! of the torus is padding ([`MessageSpace`]).

use umbra_fhe_core::bootstrap::LookupTable;
use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::params::{LweDimension, Parameters, PolynomialSize};
use umbra_fhe_core::{Error, Result};

/// `+1/8` on the torus: the encoding of `true` (and `−1/8` that of `false`).
pub(crate) const BOOL_MU: u32 = 1 << 29;

/// The torus value of a boolean.
pub(crate) fn encode_bool(value: bool) -> u32 {
    if value {
        BOOL_MU
    } else {
        BOOL_MU.wrapping_neg()
    }
}

/// The boolean a phase holds: `true` when it lies in `[0, 1/2)`.
pub(crate) fn decode_bool(phase: u32) -> bool {
    phase as i32 >= 0
}

/// A two-input boolean gate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gate {
    /// `a ∧ b`: bootstraps `a + b − 1/8`.
    And,
    /// `a ∨ b`: bootstraps `a + b + 1/8`.
    Or,
    /// `¬(a ∧ b)`: bootstraps `1/8 − a − b`.
    Nand,
    /// `¬(a ∨ b)`: bootstraps `−1/8 − a − b`.
    Nor,
    /// `a ⊕ b`: bootstraps `2(a + b) + 1/4`.
    Xor,
    /// `¬(a ⊕ b)`: bootstraps `−2(a + b) − 1/4`.
    Xnor,
}

impl Gate {
    /// Every gate, for exhaustive tests.
    pub const ALL: [Gate; 6] = [Gate::And, Gate::Or, Gate::Nand, Gate::Nor, Gate::Xor, Gate::Xnor];

    /// The gate on plaintext booleans.
    ///
    /// ```
    /// assert!(umbra_fhe::Gate::Nand.eval(true, false));
    /// ```
    pub fn eval(self, a: bool, b: bool) -> bool {
        match self {
            Gate::And => a && b,
            Gate::Or => a || b,
            Gate::Nand => !(a && b),
            Gate::Nor => !(a || b),
            Gate::Xor => a ^ b,
            Gate::Xnor => !(a ^ b),
        }
    }

    /// `(scale, offset)`: the gate bootstraps `scale·(a + b) + offset`.
    fn combination(self) -> (i32, u32) {
        match self {
            Gate::And => (1, BOOL_MU.wrapping_neg()),
            Gate::Or => (1, BOOL_MU),
            Gate::Nand => (-1, BOOL_MU),
            Gate::Nor => (-1, BOOL_MU.wrapping_neg()),
            Gate::Xor => (2, 2 * BOOL_MU),
            Gate::Xnor => (-2, (2 * BOOL_MU).wrapping_neg()),
        }
    }

    /// The weights of `a` and `b` in this gate's combination, divided by its
    /// margin in units of `1/8` (for the noise check).
    pub(crate) fn noise_weights(self) -> [i64; 2] {
        let (scale, _) = self.combination();
        per_margin([scale, scale])
    }

    /// The combination this gate bootstraps, with the
    /// [narrow](Amplitude::Narrow) sign table.
    pub(crate) fn linear(self, a: &LweCiphertext, b: &LweCiphertext) -> Result<LweCiphertext> {
        let (scale, offset) = self.combination();
        let mut out = a.clone();
        out.add_assign(b)?;
        out.scalar_mul_assign(scale);
        out.add_plaintext(offset);
        Ok(out)
    }
}

/// The two combinations of `c ? a : b`, `c ∧ a` and `¬c ∧ b`, each
/// bootstrapped with the [narrow](Amplitude::Narrow) sign table. At most one
/// of the two is true, so [`disjoint_or`] of the results is the mux, with no
/// third bootstrap; its noise is the sum of two bootstrapped ciphertexts
/// (twice a gate's), which the noise model includes for every shipped set.
pub(crate) fn mux_halves(c: &LweCiphertext, a: &LweCiphertext, b: &LweCiphertext) -> Result<[LweCiphertext; 2]> {
    let mut not_c = c.clone();
    not_c.negate();
    Ok([Gate::And.linear(c, a)?, Gate::And.linear(&not_c, b)?])
}

/// `a ∨ b` for booleans that are never both true: `a + b + 1/8`, free. With
/// inputs that can both be true the result is wrong.
pub(crate) fn disjoint_or(a: &LweCiphertext, b: &LweCiphertext) -> Result<LweCiphertext> {
    let mut out = a.clone();
    out.add_assign(b)?;
    out.add_plaintext(BOOL_MU);
    Ok(out)
}

/// How a boolean is encoded on the torus: `±1/8` (every value users see),
/// or `±1/4`, which a bootstrap produces at the same noise by a table of
/// twice the amplitude. A wide value is only ever the `c` operand of
/// [`Combine3::AndXor`]: there it stands for `2c` at the noise of `c`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Amplitude {
    Narrow,
    Wide,
}

impl Amplitude {
    /// The torus value of `true`.
    pub(crate) fn mu(self) -> u32 {
        match self {
            Amplitude::Narrow => BOOL_MU,
            Amplitude::Wide => 2 * BOOL_MU,
        }
    }

    /// The sign table that bootstraps a combination into this encoding.
    pub(crate) fn sign_table(self, size: PolynomialSize) -> LookupTable {
        LookupTable::constant(size, self.mu())
    }
}

/// The three-input boolean functions a single bootstrap computes: each is
/// the sign of a weighted sum `Σ wᵢ·xᵢ + offset` of inputs encoded as `±1/8`,
/// whose cases all lie at least a margin away from the decision points 0
/// and 1/2 (noise in [`Circuit::majority`](crate::circuit::Circuit::majority)
/// and the other constructors).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Combine3 {
    /// `maj(a, b, c)`: `a + b + c`, cases at `±1/8, ±3/8` (margin 1/8).
    Majority,
    /// `a ⊕ b ⊕ c`: `−2(a + b + c)`, cases at `±1/4, ±3/4` (margin 1/4).
    Xor3,
    /// `g ∨ (p ∧ c)` for `g`, `p` never both true: `2g + p + c + 1/8`, cases
    /// at `±1/8, ±3/8` (margin 1/8).
    Carry,
    /// `(a ∧ b) ⊕ c`: `a + b + 2c + 1/8`, cases at `±1/8, ±3/8` (margin
    /// 1/8). A [`Amplitude::Wide`] `c` brings its weight 2 in its encoding,
    /// so its noise counts once, not four times; the result is encoded at
    /// amplitude `out`.
    AndXor { c: Amplitude, out: Amplitude },
    /// Bit `i` of one radix-4 row `d·a` for an odd digit `d ∈ {±1, ±3}`:
    /// `u + v + r + 5/8` for a column `u = aᵢ ⊙ tᵢ` (narrow, `t = 3a`),
    /// `v = ¬aᵢ` (wide) and a row `r = ¬big + neg` (the free phase sum of a
    /// narrow `big = [|d| = 3]` and a wide `neg = [d < 0]`). The four
    /// column states `(aᵢ, tᵢ) = 10, 11, 01, 00` lie a quarter turn apart, so
    /// the row's offset puts exactly the two where the selected bit is 1 in
    /// the positive half (`+1/8` selects `aᵢ`, `−1/8` selects `tᵢ`, `+1/2`
    /// negates): cases at `±1/8, ±3/8` (margin 1/8), four terms, each a
    /// bootstrap's output but `big`, which may be an input (at most 5× a
    /// bootstrap's variance).
    RowSelect,
    /// `|d| = 2` for the Booth digit `d = −2a + b + c`, i.e. `a ≠ b = c`:
    /// `−a + b + c + 3/4`, cases at `±1/8, ±3/8` (margin 1/8).
    BoothTwo,
}

impl Combine3 {
    /// `(weights, offset)` of the combination this function bootstraps.
    fn combination(self) -> ([i32; 3], u32) {
        match self {
            Combine3::Majority => ([1, 1, 1], 0),
            Combine3::Xor3 => ([-2, -2, -2], 0),
            Combine3::Carry => ([2, 1, 1], BOOL_MU),
            Combine3::AndXor { c: Amplitude::Narrow, .. } => ([1, 1, 2], BOOL_MU),
            Combine3::AndXor { c: Amplitude::Wide, .. } => ([1, 1, 1], BOOL_MU),
            Combine3::RowSelect => ([1, 1, 1], 5 * BOOL_MU),
            Combine3::BoothTwo => ([-1, 1, 1], 6 * BOOL_MU),
        }
    }

    /// The weights of the three inputs, divided by the combination's margin
    /// in units of `1/8` (for the noise check).
    pub(crate) fn noise_weights(self) -> [i64; 3] {
        per_margin(self.combination().0)
    }

    /// The encoding of the result: the sign table its combination is
    /// bootstrapped with.
    pub(crate) fn output(self) -> Amplitude {
        match self {
            Combine3::AndXor { out, .. } => out,
            Combine3::Majority | Combine3::Xor3 | Combine3::Carry | Combine3::RowSelect | Combine3::BoothTwo => {
                Amplitude::Narrow
            }
        }
    }

    /// The combination this function bootstraps.
    pub(crate) fn linear(self, inputs: [&LweCiphertext; 3]) -> Result<LweCiphertext> {
        let (weights, offset) = self.combination();
        weighted_sum(inputs[0].dimension(), inputs.into_iter().zip(weights), offset)
    }
}

/// A bit of the count `s` of true inputs among `k ≤ 6`, each the sign of a
/// combination with cases at least 1/8 (weights ±1) or 1/4 (weights ±2)
/// from the decision points, so at most 6× a bootstrap's variance for
/// bootstrapped inputs. Bootstrapped with the [narrow](Amplitude::Narrow)
/// sign table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CountBit {
    /// `s mod 2`: `−2·Σxᵢ − (k + 1)/4` puts `s` at `(k − 2s)/4 − (k + 1)/4`,
    /// a half turn per input: odd counts at `+1/4`, even at `−1/4`.
    Parity,
    /// `⌊s/2⌋ mod 2`: `Σxᵢ + (k − 3)/8` puts `s` at `(2s − 3)/8`, a quarter
    /// turn per input: `s mod 4 = 2, 3` at `+1/8, +3/8`, `0, 1` at `−3/8,
    /// −1/8` (three inputs: the majority).
    Twos,
}

impl CountBit {
    /// `(weight, offset)` of the combination for `k` inputs.
    fn combination(self, k: usize) -> (i32, u32) {
        let k = k as u32;
        match self {
            CountBit::Parity => (-2, (k + 1).wrapping_mul(2 * BOOL_MU).wrapping_neg()),
            CountBit::Twos => (1, k.wrapping_sub(3).wrapping_mul(BOOL_MU)),
        }
    }

    /// The weight of every input, divided by the combination's margin in
    /// units of `1/8` (for the noise check).
    pub(crate) fn noise_weight(self) -> i64 {
        let [weight] = per_margin([self.combination(1).0]);
        weight
    }

    /// The combination this bit bootstraps; an error for no inputs.
    pub(crate) fn linear(self, inputs: &[&LweCiphertext]) -> Result<LweCiphertext> {
        let (weight, offset) = self.combination(inputs.len());
        let first = inputs.first().ok_or_else(|| Error::InvalidInput("a count of no inputs".into()))?;
        weighted_sum(first.dimension(), inputs.iter().map(|&input| (input, weight)), offset)
    }
}

/// Weights divided by their greatest common divisor: a combination whose
/// weights are all multiples of `g` has its cases `g/8` from the decision
/// points, so its noise compares to a margin of `1/8` as that of the
/// weights divided by `g` (`2(a + b) + 1/4` of a XOR as `a + b`).
fn per_margin<const N: usize>(weights: [i32; N]) -> [i64; N] {
    fn gcd(a: i64, b: i64) -> i64 {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }
    let g = weights.iter().fold(0, |g, &w| gcd(g, i64::from(w).abs())).max(1);
    weights.map(|w| i64::from(w) / g)
}

/// `offset + Σ wᵢ·xᵢ` for terms `(xᵢ, wᵢ)` of LWE dimension `dimension`.
fn weighted_sum<'a>(
    dimension: LweDimension,
    terms: impl IntoIterator<Item = (&'a LweCiphertext, i32)>,
    offset: u32,
) -> Result<LweCiphertext> {
    let mut out = LweCiphertext::trivial(dimension, offset);
    for (input, weight) in terms {
        let mut term = input.clone();
        term.scalar_mul_assign(weight);
        out.add_assign(&term)?;
    }
    Ok(out)
}

/// The integers a parameter set carries, their encoding, and the degree
/// rules of every integer operation (the table in the documentation of
/// `crate::integer`): the one place that [`ServerKey`](crate::ServerKey) and
/// circuits check them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MessageSpace {
    bits: u32,
}

impl MessageSpace {
    pub(crate) fn of(params: &Parameters) -> Self {
        Self { bits: params.message_bits }
    }

    /// The torus value of `m`: `m·Δ` with `Δ = 2^{31−bits}`.
    pub(crate) fn encode(self, m: u64) -> u32 {
        (m as u32).wrapping_mul(1 << (31 - self.bits))
    }

    /// The message a phase holds: the phase rounded to the nearest multiple
    /// of `Δ`, mod `2^bits`.
    pub(crate) fn decode(self, phase: u32) -> u64 {
        let shift = 31 - self.bits;
        let rounded = (u64::from(phase) + (1 << (shift - 1))) >> shift;
        rounded % (1 << self.bits)
    }

    /// The largest message, `2^bits − 1`.
    pub(crate) fn max(self) -> u64 {
        (1 << self.bits) - 1
    }

    /// The degree of a value that may use the padding bit, `2^(bits+1) − 1`.
    pub(crate) fn wrapped(self) -> u64 {
        (2 << self.bits) - 1
    }

    /// `degree` when it is at most [`max`](Self::max).
    pub(crate) fn in_range(self, degree: u64) -> Result<u64> {
        if degree > self.max() {
            return Err(Error::MessageOverflow { degree, max: self.max() });
        }
        Ok(degree)
    }

    /// A plaintext constant: below `2^bits`.
    pub(crate) fn constant(self, c: u64) -> Result<u64> {
        if c > self.max() {
            return Err(Error::InvalidInput(format!("constant {c} does not fit in {} bits", self.bits)));
        }
        Ok(c)
    }

    /// A multiplier: below `2^bits` (noise grows by the factor), as an `i32`.
    pub(crate) fn scalar(self, c: u64) -> Result<i32> {
        // `max()` < 2^8, so the conversion cannot fail once the constant fits.
        i32::try_from(self.constant(c)?).map_err(|_| Error::InvalidInput(format!("scalar {c} too large")))
    }

    pub(crate) fn add(self, a: u64, b: u64) -> Result<u64> {
        self.in_range(a.saturating_add(b))
    }

    pub(crate) fn scalar_add(self, a: u64, c: u64) -> Result<u64> {
        self.add(a, self.constant(c)?)
    }

    pub(crate) fn scalar_mul(self, a: u64, c: u64) -> Result<u64> {
        self.scalar(c)?;
        self.in_range(a.saturating_mul(c))
    }

    pub(crate) fn wrapping_add(self, a: u64, b: u64) -> u64 {
        a.saturating_add(b).min(self.wrapped())
    }

    pub(crate) fn wrapping_sub(self, a: u64, b: u64) -> u64 {
        if b == 0 {
            a
        } else {
            self.wrapped()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::noise_bound::{NoiseBound, NoiseModel};

    #[test]
    fn weights_are_divided_by_their_margin() {
        assert_eq!(Gate::Xor.noise_weights(), [1, 1]);
        assert_eq!(Gate::Nand.noise_weights(), [-1, -1]);
        assert_eq!(Combine3::Xor3.noise_weights(), [-1, -1, -1]);
        assert_eq!(Combine3::Carry.noise_weights(), [2, 1, 1]);
        assert_eq!(CountBit::Parity.noise_weight(), -1);
        assert_eq!(per_margin([0, 0]), [0, 0]);
    }

    /// The bounds the documentation of each combination claims, computed by
    /// the code evaluation checks them with: a gate reads two booleans at
    /// worst a mux output each (4× a bootstrap's variance), the three-input
    /// functions and counters read bootstrap outputs (at most 6×; a row
    /// select's third term is the phase sum of a possible input and a
    /// bootstrap output, 5× in all), and every shipped set accepts them all.
    #[test]
    fn combinations_stay_within_their_documented_noise() {
        let (boot, user) = (NoiseBound::BOOTSTRAPPED, NoiseBound::BOOLEAN_CIPHERTEXT);
        let mut cases: Vec<(String, NoiseBound, u64)> = Vec::new();
        for gate in Gate::ALL {
            let [wa, wb] = gate.noise_weights();
            cases.push((format!("{gate:?}"), NoiseBound::weighted_sum([(user, wa), (user, wb)]), 4));
        }
        let wide = Combine3::AndXor { c: Amplitude::Wide, out: Amplitude::Narrow };
        let narrow = Combine3::AndXor { c: Amplitude::Narrow, out: Amplitude::Wide };
        for f in [Combine3::Majority, Combine3::Xor3, Combine3::Carry, wide, narrow, Combine3::BoothTwo] {
            let [wa, wb, wc] = f.noise_weights();
            cases.push((format!("{f:?}"), NoiseBound::weighted_sum([(boot, wa), (boot, wb), (boot, wc)]), 6));
        }
        let [wu, wv, wr] = Combine3::RowSelect.noise_weights();
        let row = user.times(-1).plus(boot);
        cases.push(("RowSelect".into(), NoiseBound::weighted_sum([(boot, wu), (boot, wv), (row, wr)]), 5));
        for f in [CountBit::Parity, CountBit::Twos] {
            for k in 1..=6 {
                cases.push((format!("{f:?} of {k}"), NoiseBound::weighted_sum(vec![(boot, f.noise_weight()); k]), 6));
            }
        }
        for (name, bound, claimed) in &cases {
            assert!(bound.bootstrap_weight() <= *claimed, "{name}: {bound:?} above {claimed}×");
            for p in Parameters::all() {
                assert!(NoiseModel::booleans(&p).check(*bound).is_ok(), "{name} on {}", p.name);
            }
        }
    }
}
