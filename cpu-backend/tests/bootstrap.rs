//! Bootstrapping on the CPU backend, against the exact reference backend and plaintext.

use umbra_fhe_core::backend::{Backend, Luts};
use umbra_fhe_core::bootstrap::{BootstrapKey, LookupTable};
use umbra_fhe_core::key_set::KeySet;
use umbra_fhe_core::keyswitch::LweKeyswitchKey;
use umbra_fhe_core::lwe::{LweCiphertext, LweSecretKey};
use umbra_fhe_core::params::*;
use umbra_fhe_core::random::Csprng;
use umbra_fhe_core::reference::ReferenceBackend;
use umbra_fhe_cpu::CpuBackend;

struct Keys {
    lwe: LweSecretKey,
    bsk: BootstrapKey,
    ksk: LweKeyswitchKey,
    rng: Csprng,
}

fn keys(params: Parameters, seed: u8) -> Keys {
    let mut rng = Csprng::from_seed([seed; 32]);
    let KeySet { lwe, bsk, ksk, .. } = KeySet::generate(&params, &mut rng).unwrap();
    Keys { lwe, bsk, ksk, rng }
}

fn decode(phase: u32, bits: u32) -> u64 {
    let delta_log = 31 - bits;
    (u64::from(phase.wrapping_add(1 << (delta_log - 1))) >> delta_log) % (1 << bits)
}

/// A small set whose reference bootstrap runs in milliseconds.
const TOY: Parameters = Parameters {
    name: "toy",
    lwe_dimension: LweDimension(16),
    glwe_dimension: GlweDimension(2),
    polynomial_size: PolynomialSize(256),
    lwe_noise: StandardDev(1e-7),
    glwe_noise: StandardDev(1e-9),
    pbs_base_log: DecompositionBaseLog(8),
    pbs_level: DecompositionLevelCount(2),
    ks_base_log: DecompositionBaseLog(4),
    ks_level: DecompositionLevelCount(5),
    message_bits: 2,
};

#[test]
fn cpu_matches_the_exact_reference_backend() {
    let mut k = keys(TOY, 41);
    let luts: Vec<LookupTable> = [|m: u64| m, |m: u64| 3 - m, |m: u64| (m * m) % 4]
        .iter()
        .map(|f| LookupTable::from_function(TOY.polynomial_size, 2, f).unwrap())
        .collect();
    let inputs: Vec<LweCiphertext> =
        (0..12u32).map(|i| LweCiphertext::encrypt(&k.lwe, (i % 4) << 29, TOY.lwe_noise, &mut k.rng)).collect();
    let selection: Vec<usize> = (0..12).map(|i| i % 3).collect();
    let luts = Luts::PerInput { tables: &luts, selection: &selection };

    let reference = ReferenceBackend;
    let cpu = CpuBackend::new();
    let ref_key = reference.prepare_key(&TOY, &k.bsk, &k.ksk).unwrap();
    let cpu_key = cpu.prepare_key(&TOY, &k.bsk, &k.ksk).unwrap();
    let exact = reference.bootstrap_batch(&ref_key, &inputs, luts).unwrap();
    let fast = cpu.bootstrap_batch(&cpu_key, &inputs, luts).unwrap();
    for (i, (e, f)) in exact.iter().zip(&fast).enumerate() {
        // Same mask exactly (keyswitch is exact); body within the FFT bound.
        let diff = e.body().wrapping_sub(f.body()) as i32;
        assert!(diff.abs() <= 64, "input {i}: body differs by {diff}");
        let m = (i % 4) as u64;
        let expected = [m, 3 - m, (m * m) % 4][i % 3];
        assert_eq!(decode(k.lwe.phase(f).unwrap(), 2), expected, "input {i}");
    }
}

#[test]
fn keys_from_another_backend_are_rejected() {
    let k = keys(TOY, 42);
    let reference_key = ReferenceBackend.prepare_key(&TOY, &k.bsk, &k.ksk).unwrap();
    let lut = LookupTable::constant(TOY.polynomial_size, 1 << 29);
    let input = LweCiphertext::trivial(TOY.lwe_dimension, 0);
    let err = CpuBackend::new().bootstrap_batch(&reference_key, &[input], Luts::Shared(&lut)).unwrap_err();
    assert!(matches!(err, umbra_fhe_core::Error::WrongBackend { .. }), "{err}");
}

#[test]
fn every_lut_input_of_every_message_set_bootstraps_correctly() {
    for (seed, params) in [MESSAGE_1_BIT, MESSAGE_2_BITS, MESSAGE_3_BITS, MESSAGE_4_BITS].into_iter().enumerate() {
        let mut k = keys(params, 50 + seed as u8);
        let bits = params.message_bits;
        let modulus = 1u64 << bits;
        let backend = CpuBackend::new();
        let key = backend.prepare_key(&params, &k.bsk, &k.ksk).unwrap();
        let f = |m: u64| (3 * m + 1) % modulus;
        let lut = LookupTable::from_function(params.polynomial_size, bits, f).unwrap();
        let inputs: Vec<LweCiphertext> = (0..modulus)
            .map(|m| LweCiphertext::encrypt(&k.lwe, (m as u32) << (31 - bits), params.lwe_noise, &mut k.rng))
            .collect();
        let outputs = backend.bootstrap_batch(&key, &inputs, Luts::Shared(&lut)).unwrap();
        for (m, ct) in outputs.iter().enumerate() {
            assert_eq!(decode(k.lwe.phase(ct).unwrap(), bits), f(m as u64), "{}: m = {m}", params.name);
        }
    }
}

#[test]
fn gate_bootstrap_signs_for_both_boolean_sets() {
    for params in [DEFAULT_BOOLEAN, TFHE_LIB] {
        let mut k = keys(params, 60);
        let backend = CpuBackend::new();
        let key = backend.prepare_key(&params, &k.bsk, &k.ksk).unwrap();
        let mu = 1u32 << 29;
        let lut = LookupTable::constant(params.polynomial_size, mu);
        let inputs: Vec<LweCiphertext> = [mu, mu.wrapping_neg(), 3 * mu, 5 * mu]
            .iter()
            .map(|&m| LweCiphertext::encrypt(&k.lwe, m, params.lwe_noise, &mut k.rng))
            .collect();
        let out = backend.bootstrap_batch(&key, &inputs, Luts::Shared(&lut)).unwrap();
        let signs: Vec<bool> = out.iter().map(|ct| (k.lwe.phase(ct).unwrap() as i32) > 0).collect();
        assert_eq!(signs, [true, false, true, false], "{}", params.name);
    }
}

/// Batches smaller than the pool split each bootstrap across the threads
/// (`team_rotation`); the arithmetic is the same, so the outputs must be
/// bit-identical to one thread's, on every shipped set and on every batch
/// size around the thread count (team below it, one group per thread from it).
#[test]
fn split_bootstraps_are_bit_identical_to_one_thread() {
    let single = CpuBackend::with_threads(1).unwrap();
    for (seed, params) in Parameters::all().into_iter().enumerate() {
        let mut k = keys(params, 70 + seed as u8);
        let bits = params.message_bits;
        let lut = LookupTable::from_function(params.polynomial_size, bits, |m| (m + 1) % (1 << bits)).unwrap();
        let inputs: Vec<LweCiphertext> = (0..4u32)
            .map(|m| LweCiphertext::encrypt(&k.lwe, (m % (1 << bits)) << (31 - bits), params.lwe_noise, &mut k.rng))
            .collect();
        let one_key = single.prepare_key(&params, &k.bsk, &k.ksk).unwrap();
        let expected = single.bootstrap_batch(&one_key, &inputs, Luts::Shared(&lut)).unwrap();
        for (m, ct) in expected.iter().enumerate() {
            let m = m as u64 % (1 << bits);
            assert_eq!(decode(k.lwe.phase(ct).unwrap(), bits), (m + 1) % (1 << bits), "{}", params.name);
        }
        for threads in [2, 3] {
            let team = CpuBackend::with_threads(threads).unwrap();
            let key = team.prepare_key(&params, &k.bsk, &k.ksk).unwrap();
            for batch in 1..=(threads + 1).min(inputs.len()) {
                let got = team.bootstrap_batch(&key, &inputs[..batch], Luts::Shared(&lut)).unwrap();
                assert_eq!(got, expected[..batch], "{}: {threads} threads, batch {batch}", params.name);
            }
        }
    }
}
