//! The cryptographically secure generator behind every key and encryption.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha20Rng;
use rand_distr::{Distribution, Normal};

use crate::params::StandardDev;
use crate::torus;

/// ChaCha20 CSPRNG seeded from the operating system, or from a seed for
/// reproducible tests. Its state is secret: it never appears in `Debug`.
pub struct Csprng(ChaCha20Rng);

impl Csprng {
    /// A generator seeded from the operating system's entropy source.
    pub fn from_entropy() -> Self {
        Self(ChaCha20Rng::from_os_rng())
    }

    /// A deterministic generator, for tests and reproducible examples only.
    ///
    /// ```
    /// use umbra_fhe_core::random::Csprng;
    /// let (mut a, mut b) = (Csprng::from_seed([7; 32]), Csprng::from_seed([7; 32]));
    /// assert_eq!(a.uniform_u32(), b.uniform_u32());
    /// ```
    pub fn from_seed(seed: [u8; 32]) -> Self {
        Self(ChaCha20Rng::from_seed(seed))
    }

    /// A uniform torus element (public masks).
    pub fn uniform_u32(&mut self) -> u32 {
        self.0.random()
    }

    /// A uniform 64-bit value (identifiers).
    pub fn uniform_u64(&mut self) -> u64 {
        self.0.random()
    }

    /// A uniform bit, as 0 or 1 (binary secret keys).
    pub fn binary(&mut self) -> u32 {
        u32::from(self.0.random::<bool>())
    }

    /// Fills `out` with uniform torus elements.
    pub fn fill_uniform(&mut self, out: &mut [u32]) {
        self.0.fill(out);
    }

    /// 32 fresh bytes for a [`MaskGenerator`]: the seed is public once drawn,
    /// and reveals nothing about this generator's later output.
    pub fn public_seed(&mut self) -> [u8; 32] {
        self.0.random()
    }

    /// A centred Gaussian torus error of deviation `sd` (fraction of the torus).
    pub fn gaussian(&mut self, sd: StandardDev) -> u32 {
        // `validate` keeps σ finite and positive; a degenerate σ yields no noise.
        match Normal::new(0.0, sd.0) {
            Ok(normal) => torus::from_f64(normal.sample(&mut self.0)),
            Err(_) => 0,
        }
    }
}

impl std::fmt::Debug for Csprng {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Csprng(<redacted>)")
    }
}

/// The public stream the masks of a key's rows are drawn from: ChaCha20 keyed
/// by a public 32-byte seed. Anyone holding the seed regenerates the same
/// masks, which is what lets a compressed key store the seed instead of them.
/// Noise and secrets never come from here, always from a [`Csprng`].
pub struct MaskGenerator(ChaCha20Rng);

impl MaskGenerator {
    /// The stream of `seed`.
    ///
    /// ```
    /// use umbra_fhe_core::random::MaskGenerator;
    /// let (mut a, mut b) = ([0u32; 4], [0u32; 4]);
    /// MaskGenerator::from_seed([3; 32]).fill_uniform(&mut a);
    /// MaskGenerator::from_seed([3; 32]).fill_uniform(&mut b);
    /// assert_eq!(a, b);
    /// ```
    pub fn from_seed(seed: [u8; 32]) -> Self {
        Self(ChaCha20Rng::from_seed(seed))
    }

    /// Fills `out` with the next uniform torus elements of the stream.
    pub fn fill_uniform(&mut self, out: &mut [u32]) {
        self.0.fill(out);
    }
}

impl std::fmt::Debug for MaskGenerator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MaskGenerator")
    }
}
