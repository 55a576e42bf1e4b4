//! Bootstrapping keys, lookup tables (test polynomials) and the programmable
//! bootstrap pipeline shared by every CPU-side engine.
//!
//! PBS of an LWE sample `(a, b)` of dimension `n`:
//! 1. modulus switch: `ã_i = round(a_i·2N)`, `b̃ = round(b·2N)` (mod 2N);
//! 2. blind rotation: `ACC ← X^{−b̃}·LUT`, then for each `i`
//!    `ACC ← ACC + BSK_i ⊡ (X^{ã_i}·ACC − ACC)` so that `ACC = X^{−φ̃}·LUT`;
//! 3. sample extraction of the constant coefficient (dimension `k·N`);
//! 4. keyswitch back to dimension `n`.
//!
//! Step 2's external product is what backends accelerate: they implement
//! [`CmuxEngine`] (CPU) or run the whole pipeline on a device (GPU).

use crate::error::{check_len, Error, Result};
use crate::ggsw::{encrypt_ggsw_into, GgswShape};
use crate::glwe::{sample_extract, GlweKeyOperations, GlweSecretKey};
use crate::keyswitch::LweKeyswitchKey;
use crate::lwe::{LweCiphertext, LweSecretKey};
use crate::params::{Parameters, PolynomialSize};
use crate::polynomial::mul_by_monomial;
use crate::random::{Csprng, MaskGenerator};
use crate::torus::modulus_switch;

/// The bootstrapping key: `n` GGSW encryptions of the LWE key bits under the
/// GLWE key, in the standard (coefficient) domain. Backends convert it once
/// into their own domain ([`Backend::prepare_key`](crate::backend::Backend::prepare_key)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BootstrapKey {
    shape: GgswShape,
    count: usize,
    data: Vec<u32>,
}

impl BootstrapKey {
    /// Encrypts every bit of `lwe_key` as a GGSW under `glwe_key` with
    /// `params`' gadget and noise: masks from a [`MaskGenerator`] seeded by
    /// `rng`, noise from `rng`. Equal, bit for bit, to
    /// [`SeededBootstrapKey::generate`] with the same `rng` state, decompressed.
    ///
    /// ```
    /// use umbra_fhe_core::{bootstrap::*, glwe::GlweSecretKey, lwe::LweSecretKey, params::TFHE_LIB, random::Csprng};
    /// let p = TFHE_LIB;
    /// let mut rng = Csprng::from_seed([1; 32]);
    /// let lwe = LweSecretKey::generate(p.lwe_dimension, &mut rng);
    /// let glwe = GlweSecretKey::generate(p.glwe_dimension, p.polynomial_size, &mut rng);
    /// let bsk = BootstrapKey::generate(&p, &lwe, &glwe, &mut rng)?;
    /// assert_eq!(bsk.as_slice().len(), 630 * p.ggsw_rows() * 2 * 1024);
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn generate(
        params: &Parameters,
        lwe_key: &LweSecretKey,
        glwe_key: &GlweSecretKey,
        rng: &mut Csprng,
    ) -> Result<Self> {
        let shape = Self::shape_for(params);
        let mut data = Vec::with_capacity(lwe_key.dimension().0 * shape.len());
        let seed = rng.public_seed();
        generate_ggsws(params, lwe_key, glwe_key, seed, rng, |ggsw| data.extend_from_slice(ggsw))?;
        Ok(Self { shape, count: lwe_key.dimension().0, data })
    }

    /// Rebuilds a key of `params`' shape from its GGSWs back to back.
    pub(crate) fn from_parts(params: &Parameters, data: Vec<u32>) -> Result<Self> {
        let shape = Self::shape_for(params);
        check_len("bootstrapping key length", params.lwe_dimension.0 * shape.len(), data.len())?;
        Ok(Self { shape, count: params.lwe_dimension.0, data })
    }

    /// The GGSW shape `params` gives every key element.
    pub fn shape_for(params: &Parameters) -> GgswShape {
        GgswShape {
            glwe_dimension: params.glwe_dimension,
            polynomial_size: params.polynomial_size,
            base_log: params.pbs_base_log,
            level: params.pbs_level,
        }
    }

    /// Shape of each GGSW.
    pub fn shape(&self) -> GgswShape {
        self.shape
    }

    /// Number of GGSW ciphertexts, the input LWE dimension `n`.
    pub fn input_dimension(&self) -> usize {
        self.count
    }

    /// GGSW `i` (encrypting bit `i` of the LWE key).
    pub fn ggsw(&self, i: usize) -> &[u32] {
        &self.data[i * self.shape.len()..(i + 1) * self.shape.len()]
    }

    /// All GGSWs back to back.
    pub fn as_slice(&self) -> &[u32] {
        &self.data
    }
}

/// Checks the keys against `params`, then encrypts every bit of `lwe_key` as a
/// GGSW and hands each to `emit`. Masks come from the stream of `seed`, row
/// after row; noise from `rng`.
fn generate_ggsws(
    params: &Parameters,
    lwe_key: &LweSecretKey,
    glwe_key: &GlweSecretKey,
    seed: [u8; 32],
    rng: &mut Csprng,
    mut emit: impl FnMut(&[u32]),
) -> Result<()> {
    params.validate()?;
    check_len("LWE key dimension", params.lwe_dimension.0, lwe_key.dimension().0)?;
    check_len("GLWE dimension", params.glwe_dimension.0, glwe_key.glwe_dimension().0)?;
    check_len("polynomial size", params.polynomial_size.0, glwe_key.polynomial_size().0)?;
    let shape = BootstrapKey::shape_for(params);
    let mut ops = GlweKeyOperations::new(glwe_key);
    let mut masks = MaskGenerator::from_seed(seed);
    let mut ggsw = vec![0u32; shape.len()];
    for &bit in lwe_key.as_slice() {
        encrypt_ggsw_into(&mut ops, glwe_key, shape, bit, params.glwe_noise, &mut masks, rng, &mut ggsw);
        emit(&ggsw);
    }
    Ok(())
}

/// A bootstrapping key in compressed form: the public seed of its masks and
/// the body polynomial of every GGSW row, `n·(k+1)·l·N` values instead of
/// `n·(k+1)·l·(k+1)·N`. [`decompress`](Self::decompress) regenerates the
/// masks and rebuilds the full key bit for bit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeededBootstrapKey {
    shape: GgswShape,
    count: usize,
    seed: [u8; 32],
    bodies: Vec<u32>,
}

impl SeededBootstrapKey {
    /// Generates the compressed bootstrapping key: the mask seed is drawn from
    /// `rng`, then the noise.
    ///
    /// ```
    /// use umbra_fhe_core::{bootstrap::*, glwe::GlweSecretKey, lwe::LweSecretKey, params::TFHE_LIB, random::Csprng};
    /// let p = TFHE_LIB;
    /// let mut rng = Csprng::from_seed([1; 32]);
    /// let lwe = LweSecretKey::generate(p.lwe_dimension, &mut rng);
    /// let glwe = GlweSecretKey::generate(p.glwe_dimension, p.polynomial_size, &mut rng);
    /// let seeded = SeededBootstrapKey::generate(&p, &lwe, &glwe, &mut Csprng::from_seed([2; 32]))?;
    /// let full = BootstrapKey::generate(&p, &lwe, &glwe, &mut Csprng::from_seed([2; 32]))?;
    /// assert_eq!(seeded.decompress(), full);
    /// assert_eq!(seeded.bodies().len() * 2, full.as_slice().len());
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn generate(
        params: &Parameters,
        lwe_key: &LweSecretKey,
        glwe_key: &GlweSecretKey,
        rng: &mut Csprng,
    ) -> Result<Self> {
        let shape = BootstrapKey::shape_for(params);
        let (k, n) = (shape.glwe_dimension.0, shape.polynomial_size.0);
        let mut bodies = Vec::with_capacity(lwe_key.dimension().0 * shape.rows() * n);
        let seed = rng.public_seed();
        generate_ggsws(params, lwe_key, glwe_key, seed, rng, |ggsw| {
            for row in ggsw.chunks_exact(shape.row_len()) {
                bodies.extend_from_slice(&row[k * n..]);
            }
        })?;
        Ok(Self { shape, count: lwe_key.dimension().0, seed, bodies })
    }

    /// Rebuilds a compressed key of `params`' shape from its seed and row bodies.
    pub(crate) fn from_parts(params: &Parameters, seed: [u8; 32], bodies: Vec<u32>) -> Result<Self> {
        let shape = BootstrapKey::shape_for(params);
        let count = params.lwe_dimension.0;
        check_len("bootstrapping key bodies", count * shape.rows() * shape.polynomial_size.0, bodies.len())?;
        Ok(Self { shape, count, seed, bodies })
    }

    /// The full key: masks regenerated from the seed, bodies copied.
    pub fn decompress(&self) -> BootstrapKey {
        let (k, n) = (self.shape.glwe_dimension.0, self.shape.polynomial_size.0);
        let mut data = vec![0u32; self.count * self.shape.len()];
        let mut masks = MaskGenerator::from_seed(self.seed);
        for (row, body) in data.chunks_exact_mut(self.shape.row_len()).zip(self.bodies.chunks_exact(n)) {
            masks.fill_uniform(&mut row[..k * n]);
            row[k * n..].copy_from_slice(body);
        }
        BootstrapKey { shape: self.shape, count: self.count, data }
    }

    /// Shape of each GGSW.
    pub fn shape(&self) -> GgswShape {
        self.shape
    }

    /// Number of GGSW ciphertexts, the input LWE dimension `n`.
    pub fn input_dimension(&self) -> usize {
        self.count
    }

    /// The public seed of the masks.
    pub fn seed(&self) -> &[u8; 32] {
        &self.seed
    }

    /// The body polynomial of each row, rows in key order.
    pub fn bodies(&self) -> &[u32] {
        &self.bodies
    }
}

/// A lookup table: the test polynomial `v` that blind rotation turns into
/// `f(message)` in the constant coefficient.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LookupTable {
    poly: Vec<u32>,
}

impl LookupTable {
    /// The LUT of `f` for messages of `bits` bits with one padding bit.
    ///
    /// Encoding: `m ∈ [0, 2^bits)` is the torus value `m·Δ`, `Δ = 2^{31−bits}`
    /// (the top bit is padding, so phases stay in `[0, 1/2)`). The table holds
    /// `f(m) mod 2^bits` times `Δ` on a box of `N/2^bits` coefficients around
    /// position `m·N/2^bits`, rotated by half a box so that a phase rounding
    /// to `m` from either side lands on `f(m)`.
    ///
    /// ```
    /// use umbra_fhe_core::{bootstrap::LookupTable, params::PolynomialSize};
    /// let lut = LookupTable::from_function(PolynomialSize(64), 2, |m| (m + 1) % 4).unwrap();
    /// assert_eq!(lut.as_slice()[0], 1 << 29); // f(0)·Δ with Δ = 2^29
    /// assert!(LookupTable::from_function(PolynomialSize(8), 3, |m| m).is_err());
    /// ```
    pub fn from_function(size: PolynomialSize, bits: u32, f: impl Fn(u64) -> u64) -> Result<Self> {
        let n = size.0;
        if bits == 0 || bits > 8 || (2usize << bits) > n || !n.is_power_of_two() {
            return Err(Error::InvalidInput(format!(
                "a {bits}-bit lookup table needs a power-of-two size ≥ {}, got {n}",
                2usize << bits.min(16)
            )));
        }
        let modulus = 1u64 << bits;
        let delta = 1u32 << (31 - bits);
        let box_size = n >> bits;
        let mut boxes = vec![0u32; n];
        for (i, v) in boxes.iter_mut().enumerate() {
            let m = (i / box_size) as u64;
            *v = ((f(m) % modulus) as u32).wrapping_mul(delta);
        }
        // Multiply by X^{−box/2} so each box is centred on its message's phase.
        let mut poly = vec![0u32; n];
        mul_by_monomial(&boxes, 2 * n - box_size / 2, &mut poly);
        Ok(Self { poly })
    }

    /// The sign table of gate bootstrapping: every coefficient `μ`, so a phase in
    /// `[0, 1/2)` maps to `+μ` and one in `[1/2, 1)` to `−μ`.
    pub fn constant(size: PolynomialSize, mu: u32) -> Self {
        Self { poly: vec![mu; size.0] }
    }

    /// `N`.
    pub fn polynomial_size(&self) -> PolynomialSize {
        PolynomialSize(self.poly.len())
    }

    /// The test polynomial's coefficients.
    pub fn as_slice(&self) -> &[u32] {
        &self.poly
    }
}

/// One accelerated CMux step: `acc ← acc + BSK_i ⊡ (X^{rotation}·acc − acc)`.
///
/// `acc` is the `(k+1)·N` accumulator; `rotation ∈ (0, 2N)`.
pub trait CmuxEngine {
    /// Applies the CMux with GGSW `key_index` of the bootstrapping key.
    fn cmux_rotate(&mut self, acc: &mut [u32], key_index: usize, rotation: usize);
}

/// Blind-rotates `lut` by the phase of `input` and writes the extracted sample
/// (dimension `k·N`) into `extracted` (`k·N + 1` values). `acc` is working
/// memory of `(k+1)·N` values.
pub fn blind_rotate_and_extract<E: CmuxEngine + ?Sized>(
    engine: &mut E,
    params: &Parameters,
    input: &[u32],
    lut: &LookupTable,
    acc: &mut [u32],
    extracted: &mut [u32],
) -> Result<()> {
    let (k, n) = (params.glwe_dimension.0, params.polynomial_size.0);
    check_len("extracted sample length", k * n + 1, extracted.len())?;
    blind_rotate_lockstep(engine, params, &[input], &[lut], acc)?;
    sample_extract(acc, params.glwe_dimension, params.polynomial_size, extracted);
    Ok(())
}

/// Blind-rotates several inputs in lockstep: step `i` applies GGSW `i` to every
/// accumulator before moving on, so a cache-sized key element is fetched once
/// for the whole group instead of once per input. `accs` holds one `(k+1)·N`
/// accumulator per input, back to back.
pub fn blind_rotate_lockstep<E: CmuxEngine + ?Sized>(
    engine: &mut E,
    params: &Parameters,
    inputs: &[&[u32]],
    luts: &[&LookupTable],
    accs: &mut [u32],
) -> Result<()> {
    let (k, n) = (params.glwe_dimension.0, params.polynomial_size.0);
    let acc_len = (k + 1) * n;
    check_len("lookup tables per input", inputs.len(), luts.len())?;
    check_len("accumulators length", inputs.len() * acc_len, accs.len())?;
    for ((input, lut), acc) in inputs.iter().zip(luts).zip(accs.chunks_exact_mut(acc_len)) {
        initial_accumulator(params, input, lut, acc)?;
    }
    for i in 0..params.lwe_dimension.0 {
        for (input, acc) in inputs.iter().zip(accs.chunks_exact_mut(acc_len)) {
            let rotation = cmux_rotation(params, input, i);
            if rotation != 0 {
                engine.cmux_rotate(acc, i, rotation);
            }
        }
    }
    Ok(())
}

/// The accumulator a blind rotation of `input` starts from: the trivial GLWE
/// `(0, …, 0, X^{−b̃}·lut)` with `b̃` the body switched to `Z_{2N}`. Checks the
/// lengths of `input`, `lut` and `acc` (`(k+1)·N`).
///
/// ```
/// use umbra_fhe_core::bootstrap::{initial_accumulator, LookupTable};
/// use umbra_fhe_core::params::TFHE_LIB;
/// let n = TFHE_LIB.polynomial_size.get();
/// let table = LookupTable::constant(TFHE_LIB.polynomial_size, 5);
/// let mut input = vec![0u32; TFHE_LIB.lwe_dimension.get() + 1];
/// *input.last_mut().unwrap() = 1 << 31; // b = 1/2: b̃ = N, and X^{−N} = −1
/// let mut acc = vec![7u32; 2 * n];
/// initial_accumulator(&TFHE_LIB, &input, &table, &mut acc)?;
/// assert!(acc[..n].iter().all(|&a| a == 0) && acc[n..].iter().all(|&b| b == 5u32.wrapping_neg()));
/// # Ok::<(), umbra_fhe_core::Error>(())
/// ```
pub fn initial_accumulator(params: &Parameters, input: &[u32], lut: &LookupTable, acc: &mut [u32]) -> Result<()> {
    let (k, n) = (params.glwe_dimension.0, params.polynomial_size.0);
    check_len("bootstrap input dimension", params.lwe_dimension.0 + 1, input.len())?;
    check_len("lookup table size", n, lut.poly.len())?;
    check_len("accumulator length", (k + 1) * n, acc.len())?;
    let b_tilde = cmux_rotation(params, input, params.lwe_dimension.0);
    acc[..k * n].fill(0);
    mul_by_monomial(&lut.poly, 2 * n - b_tilde, &mut acc[k * n..]);
    Ok(())
}

/// The rotation CMux step `i` of a blind rotation of `input` applies:
/// `input[i]` switched to `Z_{2N}` (`i = n` gives the body's `b̃`). Zero means
/// the step leaves the accumulator as it is.
///
/// ```
/// use umbra_fhe_core::{bootstrap::cmux_rotation, params::TFHE_LIB};
/// let mut input = vec![0u32; TFHE_LIB.lwe_dimension.get() + 1];
/// input[3] = 3 << 20; // 3/4096 of a turn is 1.5 of 2N = 2048 steps: rounds to 2
/// assert_eq!((cmux_rotation(&TFHE_LIB, &input, 3), cmux_rotation(&TFHE_LIB, &input, 4)), (2, 0));
/// ```
pub fn cmux_rotation(params: &Parameters, input: &[u32], i: usize) -> usize {
    modulus_switch(input[i], (2 * params.polynomial_size.0).trailing_zeros())
}

/// Reusable buffers for [`programmable_bootstrap`].
#[derive(Debug, Default)]
pub struct BootstrapBuffers {
    accs: Vec<u32>,
}

/// Full PBS → keyswitch of a group of samples, blind-rotated in lockstep
/// (see [`blind_rotate_lockstep`]) and keyswitched in lockstep (see
/// [`LweKeyswitchKey::keyswitch_lockstep`]): returns LWE encryptions of
/// `luts[j](message_j)` under the small key.
pub fn programmable_bootstrap<E: CmuxEngine + ?Sized>(
    engine: &mut E,
    params: &Parameters,
    ksk: &LweKeyswitchKey,
    inputs: &[&LweCiphertext],
    luts: &[&LookupTable],
    buffers: &mut BootstrapBuffers,
) -> Result<Vec<LweCiphertext>> {
    let acc_len = (params.glwe_dimension.0 + 1) * params.polynomial_size.0;
    buffers.accs.resize(inputs.len() * acc_len, 0);
    let raw: Vec<&[u32]> = inputs.iter().map(|ct| ct.as_slice()).collect();
    blind_rotate_lockstep(engine, params, &raw, luts, &mut buffers.accs)?;
    extract_and_keyswitch(params, ksk, &buffers.accs)
}

/// The end of a programmable bootstrap: extracts the constant coefficient of
/// each blind-rotated accumulator in `accs` (`(k+1)·N` values each, back to
/// back) and keyswitches the samples in lockstep to the small key.
pub fn extract_and_keyswitch(params: &Parameters, ksk: &LweKeyswitchKey, accs: &[u32]) -> Result<Vec<LweCiphertext>> {
    let (k, n) = (params.glwe_dimension.0, params.polynomial_size.0);
    let acc_len = (k + 1) * n;
    let count = accs.len() / acc_len;
    check_len("accumulators length", count * acc_len, accs.len())?;
    let mut extracted = vec![0u32; count * (k * n + 1)];
    for (acc, sample) in accs.chunks_exact(acc_len).zip(extracted.chunks_exact_mut(k * n + 1)) {
        sample_extract(acc, params.glwe_dimension, params.polynomial_size, sample);
    }
    let out_len = ksk.output_dimension().0 + 1;
    let mut switched = vec![0u32; count * out_len];
    ksk.keyswitch_lockstep(&extracted, &mut switched)?;
    switched.chunks_exact(out_len).map(|out| LweCiphertext::from_raw(out.to_vec())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lut_boxes_are_centred() {
        let n = 64;
        let lut = LookupTable::from_function(PolynomialSize(n), 2, |m| 3 - m).unwrap();
        // Constant coefficient of X^{−φ̃}·v is v[φ̃] for φ̃ < N and −v[φ̃−N] above.
        let value_at = |phi: usize| if phi < n { lut.poly[phi] } else { lut.poly[phi - n].wrapping_neg() };
        let delta = 1u32 << 29;
        let box_size = n / 4;
        for m in 0..4usize {
            let centre = m * box_size;
            for offset in 0..box_size / 2 {
                let expected = ((3 - m) as u32) * delta;
                assert_eq!(value_at(centre + offset), expected, "m={m} +{offset}");
                assert_eq!(value_at((centre + 2 * n - offset - 1) % (2 * n)), expected, "m={m} -{offset}");
            }
        }
    }
}
