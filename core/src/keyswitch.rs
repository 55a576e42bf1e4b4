//! LWE keyswitching: from the extracted key (dimension `k·N`) back to the small key (`n`).
//!
//! Row `(j, q)` of the key encrypts `s_in[j]·2^{32−qβ}` under the output key.
//! Keyswitching `(a, b)` computes `(0, b) − Σ_{j,q} d_{j,q}(a_j)·row_{j,q}`,
//! whose phase is `b − ⟨a, s_in⟩` plus the rows' noise weighted by the digits.

use std::ops::Range;

use crate::decomposition::SignedDecomposer;
use crate::error::{check_len, Error, Result};
use crate::lwe::{encrypt_with_mask, LweCiphertext, LweSecretKey};
use crate::params::{DecompositionBaseLog, DecompositionLevelCount, LweDimension, StandardDev};
use crate::random::{Csprng, MaskGenerator};
use crate::simd;

/// An LWE keyswitching key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LweKeyswitchKey {
    input_dimension: LweDimension,
    output_dimension: LweDimension,
    base_log: DecompositionBaseLog,
    level: DecompositionLevelCount,
    /// `input_dimension · level` rows of `output_dimension + 1` values.
    data: Vec<u32>,
}

impl LweKeyswitchKey {
    /// Generates the key switching from `input` to `output`: masks from a
    /// [`MaskGenerator`] seeded by `rng`, noise from `rng`. Equal, bit for bit,
    /// to [`SeededKeyswitchKey::generate`] with the same `rng` state, decompressed.
    ///
    /// ```
    /// use umbra_fhe_core::{keyswitch::*, lwe::LweSecretKey, params::*, random::Csprng};
    /// let mut rng = Csprng::from_seed([1; 32]);
    /// let (big, small) = (LweSecretKey::generate(LweDimension(64), &mut rng), LweSecretKey::generate(LweDimension(16), &mut rng));
    /// let (b, l, sd) = (DecompositionBaseLog(4), DecompositionLevelCount(3), StandardDev(1e-6));
    /// let full = LweKeyswitchKey::generate(&big, &small, b, l, sd, &mut Csprng::from_seed([2; 32]));
    /// let seeded = SeededKeyswitchKey::generate(&big, &small, b, l, sd, &mut Csprng::from_seed([2; 32]));
    /// assert_eq!(seeded.decompress(), full);
    /// ```
    pub fn generate(
        input: &LweSecretKey,
        output: &LweSecretKey,
        base_log: DecompositionBaseLog,
        level: DecompositionLevelCount,
        noise: StandardDev,
        rng: &mut Csprng,
    ) -> Self {
        let row_len = output.dimension().0 + 1;
        let mut data = Vec::with_capacity(input.dimension().0 * level.0 * row_len);
        let seed = rng.public_seed();
        generate_rows(input, output, base_log, level, noise, seed, rng, |row| data.extend_from_slice(row));
        Self { input_dimension: input.dimension(), output_dimension: output.dimension(), base_log, level, data }
    }

    /// Rebuilds a key from its parts; `data` must hold `n_in·t` rows of `n_out + 1` values.
    pub(crate) fn from_parts(
        input_dimension: LweDimension,
        output_dimension: LweDimension,
        base_log: DecompositionBaseLog,
        level: DecompositionLevelCount,
        data: Vec<u32>,
    ) -> Result<Self> {
        check_len("keyswitching key length", input_dimension.0 * level.0 * (output_dimension.0 + 1), data.len())?;
        Ok(Self { input_dimension, output_dimension, base_log, level, data })
    }

    /// Dimension of ciphertexts this key accepts.
    pub fn input_dimension(&self) -> LweDimension {
        self.input_dimension
    }

    /// Dimension of ciphertexts this key produces.
    pub fn output_dimension(&self) -> LweDimension {
        self.output_dimension
    }

    /// `β`.
    pub fn base_log(&self) -> DecompositionBaseLog {
        self.base_log
    }

    /// `t`.
    pub fn level(&self) -> DecompositionLevelCount {
        self.level
    }

    /// Rows back to back, `(n_in · t) × (n_out + 1)` values.
    pub fn as_slice(&self) -> &[u32] {
        &self.data
    }

    /// Keyswitches the raw sample `input` (`n_in + 1` values) into `out` (`n_out + 1` values).
    pub fn keyswitch_raw(&self, input: &[u32], out: &mut [u32]) -> Result<()> {
        self.keyswitch_lockstep(input, out)
    }

    /// Keyswitches several raw samples at once: `inputs` holds `c` samples of
    /// `n_in + 1` values back to back, `outs` receives `c` samples of
    /// `n_out + 1` values. Each key row is applied to every sample before the
    /// next row is read, so a batch streams the key from memory once instead
    /// of once per sample. Equal, sample by sample, to [`keyswitch_raw`](Self::keyswitch_raw).
    ///
    /// ```
    /// use umbra_fhe_core::{keyswitch::LweKeyswitchKey, lwe::*, params::*, random::Csprng};
    /// let mut rng = Csprng::from_seed([5; 32]);
    /// let big = LweSecretKey::generate(LweDimension(32), &mut rng);
    /// let small = LweSecretKey::generate(LweDimension(8), &mut rng);
    /// let sd = StandardDev::from_log2(-25.0);
    /// let ksk = LweKeyswitchKey::generate(&big, &small, DecompositionBaseLog(4), DecompositionLevelCount(5), sd, &mut rng);
    /// let (x, y) = (LweCiphertext::encrypt(&big, 1 << 30, sd, &mut rng), LweCiphertext::encrypt(&big, 3 << 29, sd, &mut rng));
    /// let mut outs = vec![0u32; 2 * 9];
    /// ksk.keyswitch_lockstep(&[x.as_slice(), y.as_slice()].concat(), &mut outs)?;
    /// assert_eq!(&outs[9..], ksk.keyswitch(&y)?.as_slice());
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn keyswitch_lockstep(&self, inputs: &[u32], outs: &mut [u32]) -> Result<()> {
        let (n_in, n_out) = (self.input_dimension.0, self.output_dimension.0);
        let count = outs.len() / (n_out + 1);
        check_len("keyswitch output length", count * (n_out + 1), outs.len())?;
        check_len("keyswitch input length", count * (n_in + 1), inputs.len())?;
        for (out, input) in outs.chunks_exact_mut(n_out + 1).zip(inputs.chunks_exact(n_in + 1)) {
            out.fill(0);
            out[n_out] = input[n_in];
        }
        self.subtract_rows(inputs, outs, 0..n_in)
    }

    /// The part of [`keyswitch_lockstep`](Self::keyswitch_lockstep) that
    /// input coefficients `coefficients` contribute: subtracts from each
    /// output in `outs` the key rows of those coefficients, weighted by
    /// their digits. Threads that take disjoint ranges, each into its own
    /// zeroed outputs, share one keyswitch; the wrapping sum of their outputs
    /// and the bodies is the keyswitch, bit for bit.
    ///
    /// ```
    /// use umbra_fhe_core::{keyswitch::LweKeyswitchKey, lwe::*, params::*, random::Csprng};
    /// let mut rng = Csprng::from_seed([6; 32]);
    /// let big = LweSecretKey::generate(LweDimension(32), &mut rng);
    /// let small = LweSecretKey::generate(LweDimension(8), &mut rng);
    /// let sd = StandardDev::from_log2(-25.0);
    /// let ksk = LweKeyswitchKey::generate(&big, &small, DecompositionBaseLog(4), DecompositionLevelCount(5), sd, &mut rng);
    /// let x = LweCiphertext::encrypt(&big, 1 << 30, sd, &mut rng);
    /// let (mut low, mut high) = (vec![0u32; 9], vec![0u32; 9]);
    /// ksk.subtract_rows(x.as_slice(), &mut low, 0..20)?;
    /// ksk.subtract_rows(x.as_slice(), &mut high, 20..32)?;
    /// high[8] = high[8].wrapping_add(x.body());
    /// let sum: Vec<u32> = low.iter().zip(&high).map(|(a, b)| a.wrapping_add(*b)).collect();
    /// assert_eq!(sum, ksk.keyswitch(&x)?.as_slice());
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn subtract_rows(&self, inputs: &[u32], outs: &mut [u32], coefficients: Range<usize>) -> Result<()> {
        let (n_in, n_out) = (self.input_dimension.0, self.output_dimension.0);
        if coefficients.start > coefficients.end || coefficients.end > n_in {
            return Err(Error::InvalidParameters(format!(
                "keyswitch coefficients {coefficients:?}: must be a range within 0..{n_in}"
            )));
        }
        let count = outs.len() / (n_out + 1);
        check_len("keyswitch output length", count * (n_out + 1), outs.len())?;
        check_len("keyswitch input length", count * (n_in + 1), inputs.len())?;
        let decomposer = SignedDecomposer::new(self.base_log, self.level);
        let t = self.level.0;
        let row_len = n_out + 1;
        let mut digits = vec![0i32; count * t];
        let key_rows = self.data.chunks_exact(t * row_len).skip(coefficients.start);
        for (j, rows) in coefficients.zip(key_rows) {
            for (input, d) in inputs.chunks_exact(n_in + 1).zip(digits.chunks_exact_mut(t)) {
                decomposer.decompose(input[j], d);
            }
            for (q, row) in rows.chunks_exact(row_len).enumerate() {
                for (out, d) in outs.chunks_exact_mut(row_len).zip(digits.chunks_exact(t)) {
                    if d[q] != 0 {
                        simd::subtract_scaled(out, row, d[q] as u32);
                    }
                }
            }
        }
        Ok(())
    }

    /// Keyswitches `input` (under the input key) to a ciphertext under the output key.
    ///
    /// ```
    /// use umbra_fhe_core::{keyswitch::LweKeyswitchKey, lwe::*, params::*, random::Csprng, torus};
    /// let mut rng = Csprng::from_seed([5; 32]);
    /// let big = LweSecretKey::generate(LweDimension(256), &mut rng);
    /// let small = LweSecretKey::generate(LweDimension(64), &mut rng);
    /// let sd = StandardDev::from_log2(-20.0);
    /// let ksk = LweKeyswitchKey::generate(&big, &small, DecompositionBaseLog(4), DecompositionLevelCount(4), sd, &mut rng);
    /// let ct = LweCiphertext::encrypt(&big, 1 << 30, sd, &mut rng);
    /// let switched = ksk.keyswitch(&ct).unwrap();
    /// assert!(torus::distance(small.phase(&switched).unwrap(), 1 << 30).abs() < 1e-2);
    /// ```
    pub fn keyswitch(&self, input: &LweCiphertext) -> Result<LweCiphertext> {
        let mut out = vec![0u32; self.output_dimension.0 + 1];
        self.keyswitch_raw(input.as_slice(), &mut out)?;
        LweCiphertext::from_raw(out)
    }
}

/// Encrypts row `(j, q)`, `s_in[j]·2^{32−qβ}` under `output`, for every `j`
/// then `q`, and hands each `(mask, body)` row to `emit`. Masks come from the
/// stream of `seed`, one row after the other; noise from `rng`.
#[allow(clippy::too_many_arguments)]
fn generate_rows(
    input: &LweSecretKey,
    output: &LweSecretKey,
    base_log: DecompositionBaseLog,
    level: DecompositionLevelCount,
    noise: StandardDev,
    seed: [u8; 32],
    rng: &mut Csprng,
    mut emit: impl FnMut(&[u32]),
) {
    let n_out = output.dimension().0;
    let mut masks = MaskGenerator::from_seed(seed);
    let mut row = vec![0u32; n_out + 1];
    for &bit in input.as_slice() {
        for q in 1..=level.0 {
            let gadget = 1u32.wrapping_shl(32 - (q * base_log.0) as u32);
            masks.fill_uniform(&mut row[..n_out]);
            encrypt_with_mask(output, bit.wrapping_mul(gadget), noise, rng, &mut row);
            emit(&row);
        }
    }
}

/// A keyswitching key in compressed form: the public seed of its masks and
/// the body of every row, `n_in·t` values instead of `n_in·t·(n_out + 1)`.
/// [`decompress`](Self::decompress) regenerates the masks and rebuilds the
/// full key bit for bit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeededKeyswitchKey {
    input_dimension: LweDimension,
    output_dimension: LweDimension,
    base_log: DecompositionBaseLog,
    level: DecompositionLevelCount,
    seed: [u8; 32],
    bodies: Vec<u32>,
}

impl SeededKeyswitchKey {
    /// Generates the compressed key switching from `input` to `output`: the
    /// mask seed is drawn from `rng`, then the noise.
    ///
    /// ```
    /// use umbra_fhe_core::{keyswitch::SeededKeyswitchKey, lwe::LweSecretKey, params::*, random::Csprng};
    /// let mut rng = Csprng::from_seed([1; 32]);
    /// let (big, small) = (LweSecretKey::generate(LweDimension(64), &mut rng), LweSecretKey::generate(LweDimension(16), &mut rng));
    /// let key = SeededKeyswitchKey::generate(&big, &small, DecompositionBaseLog(4), DecompositionLevelCount(3), StandardDev(1e-6), &mut rng);
    /// assert_eq!(key.bodies().len(), 64 * 3);
    /// assert_eq!(key.decompress().as_slice().len(), 64 * 3 * 17);
    /// ```
    pub fn generate(
        input: &LweSecretKey,
        output: &LweSecretKey,
        base_log: DecompositionBaseLog,
        level: DecompositionLevelCount,
        noise: StandardDev,
        rng: &mut Csprng,
    ) -> Self {
        let n_out = output.dimension().0;
        let mut bodies = Vec::with_capacity(input.dimension().0 * level.0);
        let seed = rng.public_seed();
        generate_rows(input, output, base_log, level, noise, seed, rng, |row| bodies.push(row[n_out]));
        Self { input_dimension: input.dimension(), output_dimension: output.dimension(), base_log, level, seed, bodies }
    }

    /// Rebuilds a key from its parts; `bodies` must hold `n_in·t` values.
    pub(crate) fn from_parts(
        input_dimension: LweDimension,
        output_dimension: LweDimension,
        base_log: DecompositionBaseLog,
        level: DecompositionLevelCount,
        seed: [u8; 32],
        bodies: Vec<u32>,
    ) -> Result<Self> {
        check_len("keyswitching key bodies", input_dimension.0 * level.0, bodies.len())?;
        Ok(Self { input_dimension, output_dimension, base_log, level, seed, bodies })
    }

    /// The full key: masks regenerated from the seed, bodies copied.
    pub fn decompress(&self) -> LweKeyswitchKey {
        let n_out = self.output_dimension.0;
        let mut data = vec![0u32; self.bodies.len() * (n_out + 1)];
        let mut masks = MaskGenerator::from_seed(self.seed);
        for (row, &body) in data.chunks_exact_mut(n_out + 1).zip(&self.bodies) {
            masks.fill_uniform(&mut row[..n_out]);
            row[n_out] = body;
        }
        LweKeyswitchKey {
            input_dimension: self.input_dimension,
            output_dimension: self.output_dimension,
            base_log: self.base_log,
            level: self.level,
            data,
        }
    }

    /// Dimension of ciphertexts the key accepts.
    pub fn input_dimension(&self) -> LweDimension {
        self.input_dimension
    }

    /// Dimension of ciphertexts the key produces.
    pub fn output_dimension(&self) -> LweDimension {
        self.output_dimension
    }

    /// `β`.
    pub fn base_log(&self) -> DecompositionBaseLog {
        self.base_log
    }

    /// `t`.
    pub fn level(&self) -> DecompositionLevelCount {
        self.level
    }

    /// The public seed of the masks.
    pub fn seed(&self) -> &[u8; 32] {
        &self.seed
    }

    /// The body of each row, in row order.
    pub fn bodies(&self) -> &[u32] {
        &self.bodies
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::torus;

    #[test]
    fn keyswitch_preserves_the_message_for_both_shipped_shapes() {
        let mut rng = Csprng::from_seed([31; 32]);
        for p in [crate::params::TFHE_LIB, crate::params::DEFAULT_BOOLEAN] {
            let big = LweSecretKey::generate(p.extracted_lwe_dimension(), &mut rng);
            let small = LweSecretKey::generate(p.lwe_dimension, &mut rng);
            let ksk = LweKeyswitchKey::generate(&big, &small, p.ks_base_log, p.ks_level, p.lwe_noise, &mut rng);
            for m in [0u32, 1 << 29, 7 << 29] {
                let ct = LweCiphertext::encrypt(&big, m, p.glwe_noise, &mut rng);
                let out = ksk.keyswitch(&ct).unwrap();
                assert_eq!(out.dimension(), p.lwe_dimension);
                let err = torus::distance(small.phase(&out).unwrap(), m);
                assert!(err.abs() < 1.0 / 32.0, "{}: error {err}", p.name);
            }
        }
    }

    #[test]
    fn keyswitch_rejects_wrong_dimension() {
        let mut rng = Csprng::from_seed([32; 32]);
        let big = LweSecretKey::generate(LweDimension(32), &mut rng);
        let small = LweSecretKey::generate(LweDimension(8), &mut rng);
        let ksk = LweKeyswitchKey::generate(
            &big,
            &small,
            DecompositionBaseLog(4),
            DecompositionLevelCount(3),
            StandardDev(1e-6),
            &mut rng,
        );
        assert!(ksk.keyswitch(&LweCiphertext::trivial(LweDimension(31), 0)).is_err());
    }
}
