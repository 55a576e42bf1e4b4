//! Cross-check of the GPU backend against the CPU FFT backend on the
//! TFHE-library set (too large for the schoolbook reference).

mod common;

use common::Keys;
use umbra_fhe_core::backend::{Backend, Luts};
use umbra_fhe_core::bootstrap::LookupTable;
use umbra_fhe_core::noise::bootstrap_output_variance;
use umbra_fhe_core::params::TFHE_LIB;
use umbra_fhe_core::torus;
use umbra_fhe_cpu::CpuBackend;
use umbra_fhe_gpu::testing::backend_or_skip;
use umbra_fhe_gpu::PathChoice;

/// Both backends bootstrap the same batch with per-input tables (identity and
/// negation of one bit); decryptions must be identical and phases close.
///
/// Bound: each output's phase is the table value plus an error of variance
/// `V_out` (core's noise model), so two bootstraps of one input lie within
/// 2·7σ_out except with probability below 2^-36 per output. The backends differ
/// only by f64 round-off (rare ±1 per CMux coefficient), far inside that.
#[test]
fn gpu_cross_cpu_tfhe_lib() {
    let mut keys = Keys::generate(TFHE_LIB, 9);
    let n = TFHE_LIB.polynomial_size;
    let tables =
        [LookupTable::from_function(n, 1, |m| m).unwrap(), LookupTable::from_function(n, 1, |m| 1 - m).unwrap()];
    let count = 8;
    let messages: Vec<u64> = (0..count).map(|i| (i as u64 / 2) % 2).collect();
    let selection: Vec<usize> = (0..count).map(|i| i % 2).collect();
    let inputs: Vec<_> = messages.iter().map(|&m| keys.encrypt(m)).collect();
    let luts = Luts::PerInput { tables: &tables, selection: &selection };
    let cpu = CpuBackend::new();
    let cpu_key = cpu.prepare_key(&TFHE_LIB, &keys.bsk, &keys.ksk).unwrap();
    let expected = cpu.bootstrap_batch(&cpu_key, &inputs, luts).unwrap();
    let bound = 2.0 * 7.0 * bootstrap_output_variance(&TFHE_LIB).sqrt();
    for path in [PathChoice::U32, PathChoice::F64] {
        let Some(gpu) = backend_or_skip(path) else { continue };
        let key = gpu.prepare_key(&TFHE_LIB, &keys.bsk, &keys.ksk).unwrap();
        let got = gpu.bootstrap_batch(&key, &inputs, luts).unwrap();
        let mut worst = 0f64;
        for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
            let want = if selection[i] == 0 { messages[i] } else { 1 - messages[i] };
            assert_eq!(keys.decrypt(e), want, "cpu, input {i}");
            assert_eq!(keys.decrypt(g), want, "{path:?}, input {i}");
            worst = worst.max(torus::distance(keys.phase(g), keys.phase(e)).abs());
        }
        eprintln!("{path:?} vs cpu, tfhe-lib: largest phase distance {worst:e} (bound {bound:e})");
        assert!(worst <= bound, "{path:?}: phase distance {worst:e} > {bound:e}");
    }
}
