//! Shared fixtures for Umbra's benchmarks: keys per parameter set, inputs, and
//! the contenders (backend × configuration) that the comparison runner measures.

pub mod contenders;
pub mod integers;
pub mod machine;
pub mod programs;
pub mod report;
pub mod sizes;

use umbra_fhe_core::bootstrap::{BootstrapKey, LookupTable};
use umbra_fhe_core::key_set::KeySet;
use umbra_fhe_core::keyswitch::LweKeyswitchKey;
use umbra_fhe_core::lwe::{LweCiphertext, LweSecretKey};
use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::random::Csprng;

/// Keys and a batch source for one parameter set (seeded: benchmarks are reproducible).
pub struct Fixture {
    /// The parameter set.
    pub params: Parameters,
    /// The small LWE key (for checking outputs).
    pub lwe: LweSecretKey,
    /// The bootstrapping key in the standard domain.
    pub bsk: BootstrapKey,
    /// The keyswitching key.
    pub ksk: LweKeyswitchKey,
    rng: Csprng,
}

/// `+1/8`, the boolean `true`.
pub const MU: u32 = 1 << 29;

impl Fixture {
    /// Generates keys for `params`.
    pub fn new(params: Parameters) -> Self {
        let mut rng = Csprng::from_seed([0x5e; 32]);
        let KeySet { lwe, bsk, ksk, .. } = KeySet::generate(&params, &mut rng).expect("shipped parameters are valid");
        Self { params, lwe, bsk, ksk, rng }
    }

    /// `count` fresh encryptions alternating `±1/8` (gate inputs).
    pub fn inputs(&mut self, count: usize) -> Vec<LweCiphertext> {
        (0..count)
            .map(|i| {
                let m = if i % 2 == 0 { MU } else { MU.wrapping_neg() };
                LweCiphertext::encrypt(&self.lwe, m, self.params.lwe_noise, &mut self.rng)
            })
            .collect()
    }

    /// The gate-bootstrapping sign table.
    pub fn sign_table(&self) -> LookupTable {
        LookupTable::constant(self.params.polynomial_size, MU)
    }

    /// `true` when every output decrypts to the sign its input had.
    pub fn outputs_correct(&self, outputs: &[LweCiphertext]) -> bool {
        outputs.iter().enumerate().all(|(i, ct)| self.lwe.phase(ct).is_ok_and(|p| ((p as i32) >= 0) == (i % 2 == 0)))
    }
}
