//! A complete set of keys for one parameter set, generated in one call.

use crate::bootstrap::BootstrapKey;
use crate::error::Result;
use crate::glwe::GlweSecretKey;
use crate::keyswitch::LweKeyswitchKey;
use crate::lwe::LweSecretKey;
use crate::params::Parameters;
use crate::random::Csprng;

/// Secret keys and the evaluation keys derived from them: what tests,
/// benchmarks and custom pipelines need to drive a [`Backend`](crate::backend::Backend) directly.
#[derive(Debug)]
pub struct KeySet {
    /// The small LWE key (ciphertexts, keyswitch output).
    pub lwe: LweSecretKey,
    /// The GLWE key (bootstrapping accumulators; `as_lwe_key` for extracted samples).
    pub glwe: GlweSecretKey,
    /// The bootstrapping key: the LWE key bits as GGSWs under the GLWE key.
    pub bsk: BootstrapKey,
    /// The keyswitching key from the extracted key back to the LWE key.
    pub ksk: LweKeyswitchKey,
}

impl KeySet {
    /// Generates every key of `params` from `rng`.
    ///
    /// ```
    /// use umbra_fhe_core::{key_set::KeySet, params::TFHE_LIB, random::Csprng};
    /// let keys = KeySet::generate(&TFHE_LIB, &mut Csprng::from_seed([4; 32]))?;
    /// assert_eq!(keys.ksk.output_dimension(), TFHE_LIB.lwe_dimension);
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn generate(params: &Parameters, rng: &mut Csprng) -> Result<Self> {
        params.validate()?;
        let lwe = LweSecretKey::generate(params.lwe_dimension, rng);
        let glwe = GlweSecretKey::generate(params.glwe_dimension, params.polynomial_size, rng);
        let bsk = BootstrapKey::generate(params, &lwe, &glwe, rng)?;
        let ksk = LweKeyswitchKey::generate(
            &glwe.as_lwe_key(),
            &lwe,
            params.ks_base_log,
            params.ks_level,
            params.lwe_noise,
            rng,
        );
        Ok(Self { lwe, glwe, bsk, ksk })
    }
}
