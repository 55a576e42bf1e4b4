//! Keys, parameter sets and encodings shared by the GPU integration tests.

#![allow(dead_code)]

use umbra_fhe_core::bootstrap::{BootstrapKey, LookupTable};
use umbra_fhe_core::key_set::KeySet;
use umbra_fhe_core::keyswitch::LweKeyswitchKey;
use umbra_fhe_core::lwe::{LweCiphertext, LweSecretKey};
use umbra_fhe_core::params::*;
use umbra_fhe_core::random::Csprng;

/// A toy set with k = 2, a different gadget and a full 32-bit PBS decomposition
/// (base 2^8 × 4 levels), to exercise general shapes.
pub const TOY_K2: Parameters = Parameters {
    name: "toy-k2",
    lwe_dimension: LweDimension(40),
    glwe_dimension: GlweDimension(2),
    polynomial_size: PolynomialSize(128),
    lwe_noise: StandardDev(9.5367431640625e-7),
    glwe_noise: StandardDev(9.313225746154785e-10),
    pbs_base_log: DecompositionBaseLog(8),
    pbs_level: DecompositionLevelCount(4),
    ks_base_log: DecompositionBaseLog(3),
    ks_level: DecompositionLevelCount(5),
    message_bits: 2,
};

/// Secret and public keys of one parameter set.
pub struct Keys {
    pub params: Parameters,
    pub lwe: LweSecretKey,
    pub bsk: BootstrapKey,
    pub ksk: LweKeyswitchKey,
    pub rng: Csprng,
}

impl Keys {
    pub fn generate(params: Parameters, seed: u8) -> Self {
        let mut rng = Csprng::from_seed([seed; 32]);
        let KeySet { lwe, bsk, ksk, .. } = KeySet::generate(&params, &mut rng).unwrap();
        Self { params, lwe, bsk, ksk, rng }
    }

    /// `Δ = 2^{31 − bits}`: the torus step of one message unit (one padding bit).
    pub fn delta(&self) -> u32 {
        1 << (31 - self.params.message_bits)
    }

    pub fn encrypt(&mut self, m: u64) -> LweCiphertext {
        let plain = (m as u32).wrapping_mul(self.delta());
        LweCiphertext::encrypt(&self.lwe, plain, self.params.lwe_noise, &mut self.rng)
    }

    pub fn decrypt(&self, ct: &LweCiphertext) -> u64 {
        let phase = self.lwe.phase(ct).unwrap();
        let bits = self.params.message_bits;
        let rounded = (u64::from(phase) + (1u64 << (30 - bits))) >> (31 - bits);
        rounded % (1 << bits)
    }

    pub fn phase(&self, ct: &LweCiphertext) -> u32 {
        self.lwe.phase(ct).unwrap()
    }

    /// Three distinct tables: identity, `m + 1` and `3·m + 2` (mod 2^bits).
    pub fn tables(&self) -> Vec<LookupTable> {
        let (n, bits) = (self.params.polynomial_size, self.params.message_bits);
        let functions: [fn(u64) -> u64; 3] = [|m| m, |m| m + 1, |m| 3 * m + 2];
        functions.iter().map(|f| LookupTable::from_function(n, bits, f).unwrap()).collect()
    }

    pub fn apply(&self, table: usize, m: u64) -> u64 {
        let out = match table {
            0 => m,
            1 => m + 1,
            _ => 3 * m + 2,
        };
        out % (1 << self.params.message_bits)
    }
}
