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
    /// use umbra_core::random::Csprng;
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
