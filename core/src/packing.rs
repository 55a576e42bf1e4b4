//! Packing keyswitch: many LWE ciphertexts into one GLWE ciphertext whose
//! plaintext polynomial holds their plaintexts as coefficients, so that
//! results travel back at `(k+1)` values per `N` bits instead of `n + 1` a
//! bit.
//!
//! The key holds, for every LWE key bit `sᵢ` and gadget level `q`, a GLWE
//! encryption (under the set's GLWE key) of the constant `sᵢ·2^(32−qβ)`.
//! LWE `j` of a chunk contributes `X^j·(0, bⱼ) − Σᵢ Σ_q d_q(aᵢ)·X^j·K_{i,q}`:
//! its phase lands in coefficient `j`, with the decomposition's rounding
//! (`aᵢ` kept to `β·t` bits) and the key's noise added:
//! variance `n·2^(−2βt)/24 + n·t·(B²/12)·σ²` ([`packing_variance`]).
//! Work per input: `n·t` monomial multiply-adds of `(k+1)·N` values, about
//! one LWE keyswitch's worth. The key's rows are GLWE samples under the
//! same key and noise as the bootstrapping key's: no new assumption.

use crate::decomposition::SignedDecomposer;
use crate::error::{check_len, Result};
use crate::glwe::{GlweCiphertext, GlweKeyOperations, GlweSecretKey};
use crate::lwe::{LweCiphertext, LweSecretKey};
use crate::params::{
    DecompositionBaseLog, DecompositionLevelCount, GlweDimension, LweDimension, Parameters, PolynomialSize, StandardDev,
};
use crate::random::{Csprng, MaskGenerator};

/// The shape of a packing key for one parameter set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PackingParameters {
    /// `n`: the dimension of the LWE ciphertexts packed.
    pub lwe_dimension: LweDimension,
    /// `k` of the GLWE output.
    pub glwe_dimension: GlweDimension,
    /// `N`: the bits one GLWE output holds.
    pub polynomial_size: PolynomialSize,
    /// `β`.
    pub base_log: DecompositionBaseLog,
    /// `t`.
    pub level: DecompositionLevelCount,
    /// `σ` of the key's rows: the set's GLWE noise.
    pub noise: StandardDev,
}

impl PackingParameters {
    /// The packing key of `p`: into the set's own GLWE shape, `β = 5`,
    /// `t = 2`, the set's GLWE noise.
    ///
    /// ```
    /// use umbra_fhe_core::{packing::*, params::*};
    /// let p = PackingParameters::for_set(&DEFAULT_BOOLEAN);
    /// assert_eq!((p.glwe_dimension, p.polynomial_size), (GlweDimension(3), PolynomialSize(512)));
    /// ```
    pub fn for_set(p: &Parameters) -> Self {
        Self {
            lwe_dimension: p.lwe_dimension,
            glwe_dimension: p.glwe_dimension,
            polynomial_size: p.polynomial_size,
            base_log: DecompositionBaseLog(5),
            level: DecompositionLevelCount(2),
            noise: p.glwe_noise,
        }
    }

    /// Values of one GLWE output (and of one key row): `(k+1)·N`.
    pub fn glwe_len(&self) -> usize {
        (self.glwe_dimension.0 + 1) * self.polynomial_size.0
    }

    /// Rows of the key: `n·t`.
    pub fn rows(&self) -> usize {
        self.lwe_dimension.0 * self.level.0
    }
}

/// The error variance packing adds to each plaintext (module docs).
pub fn packing_variance(p: &PackingParameters) -> f64 {
    let (n, t, beta) = (p.lwe_dimension.0 as f64, p.level.0 as f64, p.base_log.0 as f64);
    let rounding = n * (-2.0 * beta * t).exp2() / 24.0;
    let digits = n * t * (2.0 * beta).exp2() / 12.0 * p.noise.variance();
    rounding + digits
}

/// A packing keyswitching key: `n·t` GLWE rows whose masks come from one
/// public seed (so it serializes as the seed and the body polynomials).
#[derive(Clone, Debug, PartialEq)]
pub struct PackingKey {
    params: PackingParameters,
    seed: [u8; 32],
    rows: Vec<u32>,
}

impl PackingKey {
    /// The key packing LWE ciphertexts under `lwe` into GLWE ones under `glwe`.
    pub fn generate(
        lwe: &LweSecretKey,
        glwe: &GlweSecretKey,
        params: PackingParameters,
        rng: &mut Csprng,
    ) -> Result<Self> {
        check_len("LWE secret dimension", params.lwe_dimension.0, lwe.dimension().0)?;
        check_len("GLWE polynomial size", params.polynomial_size.0, glwe.polynomial_size().0)?;
        check_len("GLWE dimension", params.glwe_dimension.0, glwe.glwe_dimension().0)?;
        let seed = rng.public_seed();
        let mut masks = MaskGenerator::from_seed(seed);
        let mut ops = GlweKeyOperations::new(glwe);
        let (kn, beta) = (params.glwe_dimension.0 * params.polynomial_size.0, params.base_log.0 as u32);
        let mut rows = vec![0u32; params.rows() * params.glwe_len()];
        for (r, row) in rows.chunks_exact_mut(params.glwe_len()).enumerate() {
            let (i, q) = (r / params.level.0, r % params.level.0 + 1);
            masks.fill_uniform(&mut row[..kn]);
            ops.encrypt_zero_with_mask(params.noise, rng, row);
            let factor = lwe.as_slice()[i].wrapping_mul(1u32.wrapping_shl(32 - q as u32 * beta));
            row[kn] = row[kn].wrapping_add(factor);
        }
        Ok(Self { params, seed, rows })
    }

    /// A key from its seed and its rows' body polynomials (`n·t·N` values):
    /// the masks regenerated.
    pub fn from_seeded(params: PackingParameters, seed: [u8; 32], bodies: &[u32]) -> Result<Self> {
        let (kn, big_n) = (params.glwe_dimension.0 * params.polynomial_size.0, params.polynomial_size.0);
        check_len("packing key bodies", params.rows() * big_n, bodies.len())?;
        let mut masks = MaskGenerator::from_seed(seed);
        let mut rows = vec![0u32; params.rows() * params.glwe_len()];
        for (row, body) in rows.chunks_exact_mut(params.glwe_len()).zip(bodies.chunks_exact(big_n)) {
            masks.fill_uniform(&mut row[..kn]);
            row[kn..].copy_from_slice(body);
        }
        Ok(Self { params, seed, rows })
    }

    /// The key's parameters.
    pub fn parameters(&self) -> &PackingParameters {
        &self.params
    }

    /// The public seed of the rows' masks.
    pub fn seed(&self) -> &[u8; 32] {
        &self.seed
    }

    /// The rows' body polynomials, back to back (what a serialized key holds).
    pub fn bodies(&self) -> Vec<u32> {
        let kn = self.params.glwe_dimension.0 * self.params.polynomial_size.0;
        self.rows.chunks_exact(self.params.glwe_len()).flat_map(|row| row[kn..].iter().copied()).collect()
    }

    /// Packs `inputs` (LWE ciphertexts under the key's LWE secret), `N` to a
    /// GLWE ciphertext: coefficient `j` of chunk `c` holds input `c·N + j`.
    ///
    /// ```
    /// use umbra_fhe_core::{glwe::GlweSecretKey, lwe::*, packing::*, params::*, random::Csprng, torus};
    /// let p = PackingParameters::for_set(&TFHE_LIB);
    /// let mut rng = Csprng::from_seed([2; 32]);
    /// let (lwe, glwe) = (LweSecretKey::generate(p.lwe_dimension, &mut rng), GlweSecretKey::generate(p.glwe_dimension, p.polynomial_size, &mut rng));
    /// let key = PackingKey::generate(&lwe, &glwe, p, &mut rng)?;
    /// let cts: Vec<_> = [1u32 << 29, 7 << 29].iter().map(|&m| LweCiphertext::encrypt(&lwe, m, TFHE_LIB.lwe_noise, &mut rng)).collect();
    /// let packed = key.pack(&cts)?;
    /// let phases = glwe.phase(&packed[0])?;
    /// assert!(torus::distance(phases[1], 7 << 29).abs() < 0.01);
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn pack(&self, inputs: &[LweCiphertext]) -> Result<Vec<GlweCiphertext>> {
        let p = &self.params;
        let (n, big_n, t) = (p.lwe_dimension.0, p.polynomial_size.0, p.level.0);
        let decomposer = SignedDecomposer::new(p.base_log, p.level);
        let mut digits = vec![0i32; t];
        let mut out = Vec::with_capacity(inputs.len().div_ceil(big_n));
        for chunk in inputs.chunks(big_n) {
            let mut packed = GlweCiphertext::zero(p.glwe_dimension, p.polynomial_size);
            let glwe = packed.as_mut_slice();
            for (j, ct) in chunk.iter().enumerate() {
                check_len("packed LWE dimension", n, ct.dimension().0)?;
                let body_start = p.glwe_dimension.0 * big_n;
                glwe[body_start + j] = glwe[body_start + j].wrapping_add(ct.body());
                for (i, &a) in ct.mask().iter().enumerate() {
                    decomposer.decompose(a, &mut digits);
                    for (q, &d) in digits.iter().enumerate() {
                        if d != 0 {
                            let row = &self.rows[(i * t + q) * p.glwe_len()..(i * t + q + 1) * p.glwe_len()];
                            subtract_rotated(glwe, row, j, d as u32, big_n);
                        }
                    }
                }
            }
            out.push(packed);
        }
        Ok(out)
    }
}

/// `glwe −= d·X^j·row`, polynomial by polynomial (negacyclic: coefficients
/// pushed past `N` come back negated).
fn subtract_rotated(glwe: &mut [u32], row: &[u32], j: usize, d: u32, big_n: usize) {
    for (out, poly) in glwe.chunks_exact_mut(big_n).zip(row.chunks_exact(big_n)) {
        let (low, high) = poly.split_at(big_n - j);
        for (o, &x) in out[j..].iter_mut().zip(low) {
            *o = o.wrapping_sub(x.wrapping_mul(d));
        }
        for (o, &x) in out[..j].iter_mut().zip(high) {
            *o = o.wrapping_add(x.wrapping_mul(d));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::{DEFAULT_BOOLEAN, TFHE_LIB};
    use crate::torus;

    #[test]
    fn packed_coefficients_carry_the_inputs_with_the_modelled_error() {
        for set in [DEFAULT_BOOLEAN, TFHE_LIB] {
            let p = PackingParameters::for_set(&set);
            let mut rng = Csprng::from_seed([6; 32]);
            let lwe = LweSecretKey::generate(p.lwe_dimension, &mut rng);
            let glwe = GlweSecretKey::generate(p.glwe_dimension, p.polynomial_size, &mut rng);
            let key = PackingKey::generate(&lwe, &glwe, p, &mut rng).unwrap();
            let back = PackingKey::from_seeded(p, *key.seed(), &key.bodies()).unwrap();
            assert_eq!(back, key);
            // Noiseless inputs: what is measured is packing's own error.
            let count = p.polynomial_size.0 + 37;
            let messages: Vec<u32> = (0..count as u32).map(|i| i.wrapping_mul(0x9E37_79B9)).collect();
            let inputs: Vec<LweCiphertext> =
                messages.iter().map(|&m| LweCiphertext::encrypt(&lwe, m, StandardDev(0.0), &mut rng)).collect();
            let packed = key.pack(&inputs).unwrap();
            assert_eq!(packed.len(), 2);
            let mut square_sum = 0.0;
            for (i, &m) in messages.iter().enumerate() {
                let phase = glwe.phase(&packed[i / p.polynomial_size.0]).unwrap()[i % p.polynomial_size.0];
                let e = torus::distance(phase, m);
                square_sum += e * e;
            }
            // Coefficients past the inputs of the last chunk hold nothing.
            let rest =
                glwe.phase(&packed[1]).unwrap()[37..].iter().map(|&x| torus::distance(x, 0).abs()).fold(0.0, f64::max);
            assert!(rest < 0.05, "{}: {rest}", set.name);
            let ratio = square_sum / count as f64 / packing_variance(&p);
            println!("{}: packing error, measured / modelled variance {ratio:.3}", set.name);
            assert!((0.5..=2.0).contains(&ratio), "{}: {ratio}", set.name);
        }
    }
}
