//! GLWE secret keys and ciphertexts over `T_N[X]`, and sample extraction.
//!
//! A GLWE ciphertext is `(A_1, …, A_k, B = Σ A_i·S_i + M + E)`, stored as
//! `k + 1` polynomials of `N` coefficients in one buffer, body last.

use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::{check_len, Result};
use crate::fft::{zeroize_spectrum, FftScratch, NegacyclicFft, C64};
use crate::lwe::{LweCiphertext, LweSecretKey};
use crate::params::{GlweDimension, PolynomialSize, StandardDev};
use crate::random::Csprng;
use crate::simd;

/// A binary GLWE secret key: `k` polynomials with coefficients in `{0, 1}`.
/// Zeroized on drop; `Debug` shows only its shape.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct GlweSecretKey {
    #[zeroize(skip)]
    glwe_dimension: GlweDimension,
    #[zeroize(skip)]
    polynomial_size: PolynomialSize,
    coeffs: Vec<u32>,
}

impl GlweSecretKey {
    /// Samples a uniform binary key.
    ///
    /// ```
    /// use umbra_fhe_core::{glwe::GlweSecretKey, params::*, random::Csprng};
    /// let key = GlweSecretKey::generate(GlweDimension(2), PolynomialSize(16), &mut Csprng::from_seed([1; 32]));
    /// assert_eq!(key.as_lwe_key().dimension(), LweDimension(32));
    /// assert!(format!("{key:?}").contains("<redacted>"));
    /// ```
    pub fn generate(k: GlweDimension, n: PolynomialSize, rng: &mut Csprng) -> Self {
        Self { glwe_dimension: k, polynomial_size: n, coeffs: (0..k.0 * n.0).map(|_| rng.binary()).collect() }
    }

    /// The key whose coefficients are the bits of `bits` (`k·N` of them, the
    /// inverse of [`as_lwe_key`](Self::as_lwe_key)).
    pub(crate) fn from_lwe_key(k: GlweDimension, n: PolynomialSize, bits: LweSecretKey) -> Self {
        Self { glwe_dimension: k, polynomial_size: n, coeffs: bits.into_bits() }
    }

    /// `k`.
    pub fn glwe_dimension(&self) -> GlweDimension {
        self.glwe_dimension
    }

    /// `N`.
    pub fn polynomial_size(&self) -> PolynomialSize {
        self.polynomial_size
    }

    /// The LWE key of dimension `k·N` under which extracted samples decrypt:
    /// the coefficients of `S_1, …, S_k` in order.
    pub fn as_lwe_key(&self) -> LweSecretKey {
        LweSecretKey::from_bits(self.coeffs.clone())
    }

    /// Key polynomial `S_i`.
    pub(crate) fn poly(&self, i: usize) -> &[u32] {
        let n = self.polynomial_size.0;
        &self.coeffs[i * n..(i + 1) * n]
    }

    /// `B − Σ A_i·S_i = M + E`, the phase of `ct` under this key.
    pub fn phase(&self, ct: &GlweCiphertext) -> Result<Vec<u32>> {
        check_len("GLWE dimension", self.glwe_dimension.0, ct.glwe_dimension().0)?;
        check_len("polynomial size", self.polynomial_size.0, ct.polynomial_size().0)?;
        let mut ops = GlweKeyOperations::new(self);
        let mut out = ct.body().to_vec();
        ops.accumulate_mask_times_key(ct.mask(), &mut out, true);
        Ok(out)
    }
}

impl std::fmt::Debug for GlweSecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GlweSecretKey")
            .field("glwe_dimension", &self.glwe_dimension.0)
            .field("polynomial_size", &self.polynomial_size.0)
            .field("coeffs", &format_args!("<redacted>"))
            .finish()
    }
}

/// The key in the Fourier domain, for encrypting many GLWE ciphertexts
/// (bootstrapping-key generation) and decrypting them. The spectra are secret:
/// zeroized on drop.
///
/// Exactness: `A_i` has `|a| ≤ 2^31` and `S_i` is binary, so each exact
/// coefficient of `Σ A_i·S_i` is below `k·N·2^31 ≤ 2^48` and the f64
/// round-off (≈ log2(N)·2^-53·‖A‖₂‖S‖₂ ≤ 2^-6) cannot change the rounding.
pub(crate) struct GlweKeyOperations {
    fft: NegacyclicFft,
    key_spectra: Vec<C64>,
    acc: Vec<C64>,
    tmp: Vec<C64>,
    scratch: FftScratch,
    k: usize,
    n: usize,
}

impl GlweKeyOperations {
    pub(crate) fn new(key: &GlweSecretKey) -> Self {
        let (k, n) = (key.glwe_dimension.0, key.polynomial_size.0);
        let fft = NegacyclicFft::new(key.polynomial_size);
        let mut scratch = fft.scratch();
        let mut key_spectra = vec![C64::default(); k * n / 2];
        let mut int_poly = vec![0i32; n];
        for i in 0..k {
            for (d, &s) in int_poly.iter_mut().zip(key.poly(i)) {
                *d = s as i32;
            }
            fft.forward_integer(&int_poly, &mut key_spectra[i * n / 2..(i + 1) * n / 2], &mut scratch);
        }
        int_poly.zeroize();
        let acc = fft.spectrum();
        let tmp = fft.spectrum();
        Self { fft, key_spectra, acc, tmp, scratch, k, n }
    }

    /// `out ± Σ A_i·S_i` (sign by `subtract`), with `mask` the `k·N` mask polynomials.
    pub(crate) fn accumulate_mask_times_key(&mut self, mask: &[u32], out: &mut [u32], subtract: bool) {
        let (n, half) = (self.n, self.n / 2);
        self.acc.fill(C64::default());
        for i in 0..self.k {
            self.fft.forward_torus(&mask[i * n..(i + 1) * n], &mut self.tmp, &mut self.scratch);
            simd::multiply_accumulate(&mut self.acc, &self.tmp, &self.key_spectra[i * half..(i + 1) * half]);
        }
        if subtract {
            for a in &mut self.acc {
                *a = -*a;
            }
        }
        self.fft.backward_add_torus(&mut self.acc, out, &mut self.scratch);
    }

    /// Overwrites `out` (`(k+1)·N`) with a fresh GLWE encryption of zero.
    pub(crate) fn encrypt_zero(&mut self, noise: StandardDev, rng: &mut Csprng, out: &mut [u32]) {
        rng.fill_uniform(&mut out[..self.k * self.n]);
        self.encrypt_zero_with_mask(noise, rng, out);
    }

    /// Completes `out` (`(k+1)·N`), whose first `k·N` values already hold a
    /// uniform mask, into a GLWE encryption of zero: the noise comes from `rng`.
    pub(crate) fn encrypt_zero_with_mask(&mut self, noise: StandardDev, rng: &mut Csprng, out: &mut [u32]) {
        let (mask, body) = out.split_at_mut(self.k * self.n);
        for b in body.iter_mut() {
            *b = rng.gaussian(noise);
        }
        self.accumulate_mask_times_key(mask, body, false);
    }
}

impl Drop for GlweKeyOperations {
    fn drop(&mut self) {
        zeroize_spectrum(&mut self.key_spectra);
        zeroize_spectrum(&mut self.acc);
        zeroize_spectrum(&mut self.tmp);
    }
}
/// A GLWE ciphertext: `k` mask polynomials then the body, `(k+1)·N` torus values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlweCiphertext {
    glwe_dimension: GlweDimension,
    polynomial_size: PolynomialSize,
    data: Vec<u32>,
}

impl GlweCiphertext {
    /// Encrypts the torus polynomial `message` (length `N`) under `key`.
    ///
    /// ```
    /// use umbra_fhe_core::{glwe::*, params::*, random::Csprng, torus};
    /// let mut rng = Csprng::from_seed([9; 32]);
    /// let key = GlweSecretKey::generate(GlweDimension(1), PolynomialSize(64), &mut rng);
    /// let msg: Vec<u32> = (0..64).map(|i| (i as u32) << 26).collect();
    /// let ct = GlweCiphertext::encrypt(&key, &msg, StandardDev::from_log2(-25.0), &mut rng).unwrap();
    /// let phase = key.phase(&ct).unwrap();
    /// assert!(phase.iter().zip(&msg).all(|(p, m)| torus::distance(*p, *m).abs() < 1e-5));
    /// ```
    pub fn encrypt(key: &GlweSecretKey, message: &[u32], noise: StandardDev, rng: &mut Csprng) -> Result<Self> {
        check_len("message polynomial size", key.polynomial_size.0, message.len())?;
        let mut ct = Self::zero(key.glwe_dimension, key.polynomial_size);
        GlweKeyOperations::new(key).encrypt_zero(noise, rng, &mut ct.data);
        for (b, &m) in ct.body_mut().iter_mut().zip(message) {
            *b = b.wrapping_add(m);
        }
        Ok(ct)
    }

    /// The all-zero (trivial) ciphertext.
    pub fn zero(k: GlweDimension, n: PolynomialSize) -> Self {
        Self { glwe_dimension: k, polynomial_size: n, data: vec![0; (k.0 + 1) * n.0] }
    }

    /// The noiseless encryption `(0, …, 0, body)`.
    pub fn trivial(k: GlweDimension, body: &[u32]) -> Result<Self> {
        let n = PolynomialSize(body.len());
        if !body.len().is_power_of_two() {
            return Err(crate::Error::InvalidInput("polynomial size must be a power of two".into()));
        }
        let mut ct = Self::zero(k, n);
        ct.body_mut().copy_from_slice(body);
        Ok(ct)
    }

    /// `k`.
    pub fn glwe_dimension(&self) -> GlweDimension {
        self.glwe_dimension
    }

    /// `N`.
    pub fn polynomial_size(&self) -> PolynomialSize {
        self.polynomial_size
    }

    /// The `k·N` mask coefficients.
    pub fn mask(&self) -> &[u32] {
        &self.data[..self.glwe_dimension.0 * self.polynomial_size.0]
    }

    /// The body polynomial `B`.
    pub fn body(&self) -> &[u32] {
        &self.data[self.glwe_dimension.0 * self.polynomial_size.0..]
    }

    fn body_mut(&mut self) -> &mut [u32] {
        let start = self.glwe_dimension.0 * self.polynomial_size.0;
        &mut self.data[start..]
    }

    /// The whole `(k+1)·N` buffer.
    pub fn as_slice(&self) -> &[u32] {
        &self.data
    }

    /// The whole `(k+1)·N` buffer, mutable.
    pub fn as_mut_slice(&mut self) -> &mut [u32] {
        &mut self.data
    }

    /// The LWE encryption of the constant coefficient of the plaintext, under
    /// [`GlweSecretKey::as_lwe_key`].
    pub fn sample_extract(&self) -> LweCiphertext {
        let mut out = vec![0u32; self.glwe_dimension.0 * self.polynomial_size.0 + 1];
        sample_extract(&self.data, self.glwe_dimension, self.polynomial_size, &mut out);
        LweCiphertext::from_raw(out).expect("non-empty by construction")
    }
}

/// Writes into `out` (`k·N + 1`) the LWE sample of coefficient 0 of the GLWE in `glwe`.
///
/// Coefficient 0 of `A_i·S_i` is `A_i[0]·S_i[0] − Σ_{j≥1} A_i[N−j]·S_i[j]`, so the
/// extracted mask is `(A_i[0], −A_i[N−1], …, −A_i[1])` per polynomial and the body `B[0]`.
pub fn sample_extract(glwe: &[u32], k: GlweDimension, n: PolynomialSize, out: &mut [u32]) {
    let n = n.0;
    for i in 0..k.0 {
        let a = &glwe[i * n..(i + 1) * n];
        let o = &mut out[i * n..(i + 1) * n];
        o[0] = a[0];
        for j in 1..n {
            o[j] = a[n - j].wrapping_neg();
        }
    }
    out[k.0 * n] = glwe[k.0 * n];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::torus;

    #[test]
    fn extracted_sample_decrypts_to_the_constant_coefficient() {
        let mut rng = Csprng::from_seed([11; 32]);
        for (k, n) in [(1, 1024), (3, 512), (2, 16)] {
            let key = GlweSecretKey::generate(GlweDimension(k), PolynomialSize(n), &mut rng);
            let msg: Vec<u32> = (0..n).map(|_| rng.uniform_u32()).collect();
            let ct = GlweCiphertext::encrypt(&key, &msg, StandardDev::from_log2(-25.0), &mut rng).unwrap();
            let lwe = ct.sample_extract();
            let phase = key.as_lwe_key().phase(&lwe).unwrap();
            assert!(torus::distance(phase, msg[0]).abs() < 1e-6, "k={k} N={n}");
        }
    }

    #[test]
    fn phase_rejects_other_shapes() {
        let mut rng = Csprng::from_seed([12; 32]);
        let key = GlweSecretKey::generate(GlweDimension(1), PolynomialSize(16), &mut rng);
        assert!(key.phase(&GlweCiphertext::zero(GlweDimension(2), PolynomialSize(16))).is_err());
        assert!(key.phase(&GlweCiphertext::zero(GlweDimension(1), PolynomialSize(32))).is_err());
        assert!(GlweCiphertext::encrypt(&key, &[0; 8], StandardDev(1e-9), &mut rng).is_err());
    }

    #[test]
    fn fresh_encryption_noise_has_the_requested_deviation() {
        let mut rng = Csprng::from_seed([13; 32]);
        let key = GlweSecretKey::generate(GlweDimension(2), PolynomialSize(512), &mut rng);
        let sd = StandardDev::from_log2(-20.0);
        let ct = GlweCiphertext::encrypt(&key, &[0; 512], sd, &mut rng).unwrap();
        let phase = key.phase(&ct).unwrap();
        let var = phase.iter().map(|&p| torus::to_f64(p).powi(2)).sum::<f64>() / 512.0;
        let ratio = var / sd.variance();
        assert!((0.8..1.25).contains(&ratio), "variance ratio {ratio}");
    }
}
