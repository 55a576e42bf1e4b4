use std::time::Instant;
use umbra_core::backend::{Backend, Luts};
use umbra_core::bootstrap::{BootstrapKey, LookupTable};
use umbra_core::glwe::GlweSecretKey;
use umbra_core::keyswitch::LweKeyswitchKey;
use umbra_core::lwe::{LweCiphertext, LweSecretKey};
use umbra_core::params::*;
use umbra_core::random::Csprng;
use umbra_cpu::CpuBackend;
fn main() {
    for params in [TFHE_LIB, DEFAULT_BOOLEAN, MESSAGE_4_BITS] {
        let mut rng = Csprng::from_seed([1; 32]);
        let lwe = LweSecretKey::generate(params.lwe_dimension, &mut rng);
        let glwe = GlweSecretKey::generate(params.glwe_dimension, params.polynomial_size, &mut rng);
        let t = Instant::now();
        let bsk = BootstrapKey::generate(&params, &lwe, &glwe, &mut rng).unwrap();
        let ksk = LweKeyswitchKey::generate(&glwe.as_lwe_key(), &lwe, params.ks_base_log, params.ks_level, params.lwe_noise, &mut rng);
        println!("{} keygen {:?}", params.name, t.elapsed());
        let b = CpuBackend::with_threads(1).unwrap();
        let key = b.prepare_key(&params, &bsk, &ksk).unwrap();
        let lut = LookupTable::constant(params.polynomial_size, 1 << 29);
        let ct = LweCiphertext::encrypt(&lwe, 1 << 29, params.lwe_noise, &mut rng);
        let inputs = vec![ct; 16];
        let t = Instant::now();
        b.bootstrap_batch(&key, &inputs, Luts::Shared(&lut)).unwrap();
        println!("{} pbs {:?}", params.name, t.elapsed() / 16);
    }
}
