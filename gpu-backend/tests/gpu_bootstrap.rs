//! Whole-PBS tests of the GPU backend: cross-checks against the exact
//! reference backend, batch sizes and chunking, a real parameter set, errors.

mod common;

use common::{Keys, TOY_K2};
use umbra_fhe_core::backend::{Backend, Luts};
use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::noise::bootstrap_output_variance;
use umbra_fhe_core::params::TFHE_LIB;
use umbra_fhe_core::reference::ReferenceBackend;
use umbra_fhe_core::torus;
use umbra_fhe_gpu::testing::{backend_or_skip, backend_with_options_or_skip, TOY};
use umbra_fhe_gpu::{CmuxKernel, GpuOptions, HighProduct, PathChoice};

/// `count` inputs with messages cycling through every value, tables cycling through three.
fn batch(keys: &mut Keys, count: usize) -> (Vec<LweCiphertext>, Vec<usize>, Vec<u64>) {
    let modulus = 1u64 << keys.params.message_bits;
    let messages: Vec<u64> = (0..count as u64).map(|i| (i * 7 + i / 3) % modulus).collect();
    let inputs = messages.iter().map(|&m| keys.encrypt(m)).collect();
    let selection = (0..count).map(|i| (i / 2) % 3).collect();
    (inputs, selection, messages)
}

/// GPU vs reference on `keys.params`; returns the largest phase distance seen.
fn cross_check(path: PathChoice, keys: &mut Keys, count: usize, exact: bool) -> Option<f64> {
    cross_check_with(GpuOptions { path, ..GpuOptions::default() }, keys, count, exact)
}

/// [`cross_check`] on a backend built with `options`.
fn cross_check_with(options: GpuOptions, keys: &mut Keys, count: usize, exact: bool) -> Option<f64> {
    let path = options.path;
    let gpu = backend_with_options_or_skip(options)?;
    let tables = keys.tables();
    let (inputs, selection, messages) = batch(keys, count);
    let luts = Luts::PerInput { tables: &tables, selection: &selection };
    let gpu_key = gpu.prepare_key(&keys.params, &keys.bsk, &keys.ksk).unwrap();
    let got = gpu.bootstrap_batch(&gpu_key, &inputs, luts).unwrap();
    let reference_key = ReferenceBackend.prepare_key(&keys.params, &keys.bsk, &keys.ksk).unwrap();
    let expected = ReferenceBackend.bootstrap_batch(&reference_key, &inputs, luts).unwrap();
    assert_eq!(got.len(), count);
    let mut worst = 0f64;
    let mut identical = 0;
    for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
        let want = keys.apply(selection[i], messages[i]);
        assert_eq!(keys.decrypt(e), want, "reference, input {i}");
        assert_eq!(keys.decrypt(g), want, "{path:?}, input {i}");
        if exact {
            assert_eq!(g, e, "{path:?} must match the exact reference bit for bit (input {i})");
        }
        identical += usize::from(g == e);
        worst = worst.max(torus::distance(keys.phase(g), keys.phase(e)).abs());
    }
    eprintln!(
        "{path:?} {}: {identical}/{count} bit-identical, largest phase distance {worst:e} ({})",
        keys.params.name,
        gpu.description()
    );
    Some(worst)
}

/// Phase distance allowed between two bootstraps of the same input: each
/// output carries an error of variance `V_out` (core's noise model) around the
/// same message, so the two lie within 2·7σ_out of each other except with
/// probability below 2^-36 per output. The exact path meets it trivially
/// (distance 0); the f64 path's rare ±1 CMux roundings move outputs by far less.
fn phase_bound(params: &umbra_fhe_core::params::Parameters) -> f64 {
    2.0 * 7.0 * bootstrap_output_variance(params).sqrt()
}

#[test]
fn gpu_cross_reference_u32_bit_exact() {
    let mut keys = Keys::generate(TOY, 1);
    cross_check(PathChoice::U32, &mut keys, 64, true);
}

/// Both ways of forming high products on the u32 path are bit-exact; where the
/// adapter offers SHADER_INT64 (lavapipe, NVIDIA) the default uses it.
#[test]
fn gpu_cross_reference_u32_both_high_products_bit_exact() {
    let mut keys = Keys::generate(TOY, 7);
    let limbs = GpuOptions { path: PathChoice::U32, shader_int64: false, ..GpuOptions::default() };
    let Some(gpu) = backend_with_options_or_skip(limbs.clone()) else { return };
    assert_eq!(gpu.high_product(), HighProduct::Limbs16);
    let Some(default) = backend_or_skip(PathChoice::U32) else { return };
    let offered = default.features().contains(umbra_fhe_gpu::wgpu::Features::SHADER_INT64);
    assert_eq!(default.high_product() == HighProduct::Int64, offered);
    eprintln!("default u32 backend: {}", default.description());
    cross_check_with(limbs, &mut keys, 24, true);
    cross_check(PathChoice::U32, &mut keys, 24, true);
}

#[test]
fn gpu_cross_reference_f64_within_bound() {
    let mut keys = Keys::generate(TOY, 1);
    if let Some(worst) = cross_check(PathChoice::F64, &mut keys, 64, false) {
        assert!(worst <= phase_bound(&TOY), "phase distance {worst:e} > {:e}", phase_bound(&TOY));
    }
}

#[test]
fn gpu_cross_reference_k2_both_paths() {
    let mut keys = Keys::generate(TOY_K2, 2);
    cross_check(PathChoice::U32, &mut keys, 7, true);
    if let Some(worst) = cross_check(PathChoice::F64, &mut keys, 7, false) {
        assert!(worst <= phase_bound(&TOY_K2));
    }
}

#[test]
fn gpu_batch_sizes_and_chunking_match_reference() {
    let mut keys = Keys::generate(TOY, 3);
    let options =
        GpuOptions { path: PathChoice::U32, max_chunk: Some(5), steps_per_dispatch: 3, ..GpuOptions::default() };
    let Some(chunked) = backend_with_options_or_skip(options) else { return };
    let Some(whole) = backend_or_skip(PathChoice::U32) else { return };
    let tables = keys.tables();
    let chunked_key = chunked.prepare_key(&keys.params, &keys.bsk, &keys.ksk).unwrap();
    let whole_key = whole.prepare_key(&keys.params, &keys.bsk, &keys.ksk).unwrap();
    let reference_key = ReferenceBackend.prepare_key(&keys.params, &keys.bsk, &keys.ksk).unwrap();
    // The same keys throughout: chunk buffers are reused across calls, bound
    // to the prefix each chunk fills, so a small batch after larger ones
    // (or a partial last chunk) must not see the rest of the buffers.
    for count in [1usize, 7, 13, 2] {
        let (inputs, selection, messages) = batch(&mut keys, count);
        let luts = Luts::PerInput { tables: &tables, selection: &selection };
        let expected = ReferenceBackend.bootstrap_batch(&reference_key, &inputs, luts).unwrap();
        assert_eq!(
            chunked.bootstrap_batch(&chunked_key, &inputs, luts).unwrap(),
            expected,
            "chunks of 5, batch {count}"
        );
        assert_eq!(whole.bootstrap_batch(&whole_key, &inputs, luts).unwrap(), expected, "batch {count}");
        let shared = whole.bootstrap_batch(&whole_key, &inputs, Luts::Shared(&tables[1])).unwrap();
        for (ct, m) in shared.iter().zip(&messages) {
            assert_eq!(keys.decrypt(ct), keys.apply(1, *m));
        }
    }
    assert!(whole.bootstrap_batch(&whole_key, &[], Luts::Shared(&tables[0])).unwrap().is_empty());
}

#[test]
fn gpu_tfhe_lib_decrypts_on_both_paths() {
    let mut keys = Keys::generate(TFHE_LIB, 4);
    let n = TFHE_LIB.polynomial_size;
    // Gate bootstrapping's sign table: a phase in [0, 1/2) gives +1/8, one in [1/2, 1) gives −1/8.
    let sign = umbra_fhe_core::bootstrap::LookupTable::constant(n, 1 << 29);
    let plain = |i: u32| if i.is_multiple_of(2) { 1u32 << 29 } else { 7u32 << 29 };
    let inputs: Vec<LweCiphertext> =
        (0..4).map(|i| LweCiphertext::encrypt(&keys.lwe, plain(i), TFHE_LIB.lwe_noise, &mut keys.rng)).collect();
    for path in [PathChoice::U32, PathChoice::F64] {
        let Some(gpu) = backend_or_skip(path) else { continue };
        let key = gpu.prepare_key(&TFHE_LIB, &keys.bsk, &keys.ksk).unwrap();
        let start = std::time::Instant::now();
        let out = gpu.bootstrap_batch(&key, &inputs, Luts::Shared(&sign)).unwrap();
        eprintln!("{path:?} tfhe-lib: {} PBS in {:?} on {}", inputs.len(), start.elapsed(), gpu.description());
        for (i, ct) in (0..).zip(&out) {
            let err = torus::distance(keys.phase(ct), plain(i)).abs();
            assert!(err < 1.0 / 16.0, "{path:?}: phase error {err}");
        }
    }
}

#[test]
fn gpu_rejects_foreign_keys_and_bad_inputs() {
    let mut keys = Keys::generate(TOY, 5);
    let Some(gpu) = backend_or_skip(PathChoice::U32) else { return };
    let tables = keys.tables();
    let foreign = ReferenceBackend.prepare_key(&keys.params, &keys.bsk, &keys.ksk).unwrap();
    let input = keys.encrypt(1);
    assert!(gpu.bootstrap_batch(&foreign, std::slice::from_ref(&input), Luts::Shared(&tables[0])).is_err());
    let key = gpu.prepare_key(&keys.params, &keys.bsk, &keys.ksk).unwrap();
    let short = LweCiphertext::trivial(umbra_fhe_core::params::LweDimension(3), 0);
    assert!(gpu.bootstrap_batch(&key, &[short], Luts::Shared(&tables[0])).is_err());
    let bad = Luts::PerInput { tables: &tables, selection: &[7] };
    assert!(gpu.bootstrap_batch(&key, &[input], bad).is_err());
    assert!(gpu.prepare_key(&TFHE_LIB, &keys.bsk, &keys.ksk).is_err());
}

#[test]
fn gpu_wait_timeout_is_an_error_and_poisons_the_backend() {
    let mut keys = Keys::generate(TOY, 6);
    let options = GpuOptions {
        path: PathChoice::U32,
        wait_timeout: Some(std::time::Duration::from_nanos(1)),
        ..GpuOptions::default()
    };
    assert!(umbra_fhe_gpu::GpuBackend::new(GpuOptions {
        wait_timeout: Some(std::time::Duration::ZERO),
        ..options.clone()
    })
    .is_err());
    let Some(gpu) = backend_with_options_or_skip(options) else { return };
    if gpu.adapter_info().backend == umbra_fhe_gpu::wgpu::Backend::Gl {
        // Reached only when WGPU_BACKEND names gl: its waits block to the end.
        eprintln!("SKIPPED: wgpu's OpenGL backend cannot time out a wait (documented on GpuBackend::new)");
        return;
    }
    let tables = keys.tables();
    let inputs: Vec<LweCiphertext> = (0..8).map(|m| keys.encrypt(m % 4)).collect();
    // No device uploads and transforms a key and bootstraps a batch in a
    // nanosecond: one of the two calls must time out.
    let first = gpu
        .prepare_key(&keys.params, &keys.bsk, &keys.ksk)
        .and_then(|key| gpu.bootstrap_batch(&key, &inputs, Luts::Shared(&tables[0])));
    let message = first.expect_err("a 1 ns wait cannot succeed").to_string();
    assert!(message.contains("did not finish"), "{message}");
    // Every later call fails fast with the same cause.
    let again = gpu.prepare_key(&keys.params, &keys.bsk, &keys.ksk).map(|_| ()).unwrap_err().to_string();
    assert!(again.contains("did not finish"), "{again}");
}

#[test]
fn gpu_wait_timeout_bounds_each_piece_not_the_whole_batch() {
    let mut keys = Keys::generate(TOY, 8);
    // One CMux step per piece: 64 windows, each a small part of the batch.
    let options = GpuOptions { path: PathChoice::U32, steps_per_dispatch: 1, ..GpuOptions::default() };
    let Some(unbounded) = backend_with_options_or_skip(options.clone()) else { return };
    let tables = keys.tables();
    let (inputs, _, messages) = batch(&mut keys, 48);
    let luts = Luts::Shared(&tables[0]);
    let key = unbounded.prepare_key(&keys.params, &keys.bsk, &keys.ksk).unwrap();
    unbounded.bootstrap_batch(&key, &inputs, luts).unwrap(); // warm-up: shader compilation
    let whole = (0..2)
        .map(|_| {
            let start = std::time::Instant::now();
            unbounded.bootstrap_batch(&key, &inputs, luts).unwrap();
            start.elapsed()
        })
        .min()
        .unwrap();

    // A bound of a quarter of the whole batch: the 65 pieces fit it with a
    // wide margin, the batch does not.
    let bound = whole / 4;
    let bounded = backend_with_options_or_skip(GpuOptions { wait_timeout: Some(bound), ..options }).unwrap();
    let key = bounded.prepare_key(&keys.params, &keys.bsk, &keys.ksk).unwrap();
    let start = std::time::Instant::now();
    let out = bounded.bootstrap_batch(&key, &inputs, luts).unwrap();
    let elapsed = start.elapsed();
    assert!(
        elapsed > bound,
        "the batch ({elapsed:?}) must outlast the bound ({bound:?}) for this test to mean anything"
    );
    for (ct, &m) in out.iter().zip(&messages) {
        assert_eq!(keys.decrypt(ct), keys.apply(0, m));
    }
}

#[test]
fn gpu_kernel_times_come_from_timestamp_queries() {
    let mut keys = Keys::generate(TOY, 9);
    let Some(gpu) = backend_or_skip(PathChoice::U32) else { return };
    if !gpu.features().contains(umbra_fhe_gpu::wgpu::Features::TIMESTAMP_QUERY) {
        eprintln!("SKIPPED: adapter `{}` has no TIMESTAMP_QUERY", gpu.adapter_info().name);
        return;
    }
    assert_eq!(gpu.last_batch_kernel_times(), None);
    let tables = keys.tables();
    let (inputs, _, _) = batch(&mut keys, 8);
    let key = gpu.prepare_key(&keys.params, &keys.bsk, &keys.ksk).unwrap();
    let start = std::time::Instant::now();
    gpu.bootstrap_batch(&key, &inputs, Luts::Shared(&tables[0])).unwrap();
    let wall = start.elapsed();
    let t = gpu.last_batch_kernel_times().expect("timestamps of the batch");
    // 64 CMux steps against one initialisation: the blind rotation dominates,
    // and no kernel takes longer than the whole call.
    assert!(t.cmux > t.init && t.init > std::time::Duration::ZERO, "{t:?}");
    assert!(t.keyswitch > std::time::Duration::ZERO, "{t:?}");
    assert!(t.init + t.cmux + t.keyswitch <= wall, "{t:?} in {wall:?}");
}

#[test]
fn gpu_keyswitch_groups_of_every_size_are_bit_exact() {
    // 1 ciphertext per keyswitch workgroup, a group of 3 that leaves the last
    // one partial (10 = 3 + 3 + 3 + 1), and the default (4 on every adapter
    // with 16 KiB or more), for k = 1 and k = 2.
    for (params, seed) in [(TOY, 11), (TOY_K2, 12)] {
        let mut keys = Keys::generate(params, seed);
        for group in [Some(1), Some(3), None] {
            let options = GpuOptions {
                path: PathChoice::U32,
                keyswitch_ciphertexts_per_workgroup: group,
                ..GpuOptions::default()
            };
            cross_check_with(options, &mut keys, 10, true);
        }
    }
    // A group that cannot fit the device's workgroup memory is an error, not a failed dispatch.
    let Some(gpu) = backend_with_options_or_skip(GpuOptions {
        keyswitch_ciphertexts_per_workgroup: Some(1 << 20),
        ..GpuOptions::default()
    }) else {
        return;
    };
    let keys = Keys::generate(TOY, 13);
    let err = gpu.prepare_key(&keys.params, &keys.bsk, &keys.ksk).map(|_| ()).unwrap_err();
    assert!(matches!(err, umbra_fhe_core::Error::Unsupported(_)), "{err}");
}

/// A shipped set's GLWE shape and gadget with a short LWE side (12), so the
/// schoolbook reference stays fast.
fn shape(name: &'static str, k: usize, n: usize, base: usize, levels: usize) -> umbra_fhe_core::params::Parameters {
    umbra_fhe_core::params::Parameters {
        name,
        lwe_dimension: umbra_fhe_core::params::LweDimension(12),
        glwe_dimension: umbra_fhe_core::params::GlweDimension(k),
        polynomial_size: umbra_fhe_core::params::PolynomialSize(n),
        pbs_base_log: umbra_fhe_core::params::DecompositionBaseLog(base),
        pbs_level: umbra_fhe_core::params::DecompositionLevelCount(levels),
        ..TOY
    }
}

#[test]
fn gpu_every_kernel_layout_is_exact_on_u32_and_within_bound_on_f64() {
    // For k = 3 at N = 512 and k = 1 at N = 2048 (3 inputs: the last
    // workgroup of two is partial), on both paths: at radix 4 and 8, every
    // combination of 1 or 2 ciphertexts per CMux workgroup, 1 or 2 exchange
    // buffers and the accumulators in global or workgroup memory, the
    // spectral accumulators in workgroup memory with two exchange buffers and
    // in registers with one; radix 2 and 16 with the rest chosen by the backend. A layout the device's
    // workgroup memory cannot hold must be refused with `Unsupported`, never run.
    let mut layouts = Vec::new();
    for per in [4, 8] {
        for cts in [1, 2] {
            for buffers in [1, 2] {
                for acc in [false, true] {
                    layouts.push((
                        Some(cts),
                        CmuxKernel {
                            values_per_invocation: Some(per),
                            exchange_buffers: Some(buffers),
                            accumulator_on_chip: Some(acc),
                            spectra_on_chip: Some(buffers == 2),
                        },
                    ));
                }
            }
        }
    }
    for per in [2, 16] {
        layouts.push((None, CmuxKernel { values_per_invocation: Some(per), ..CmuxKernel::default() }));
    }
    for (seed, params) in [(31, shape("k3-n512", 3, 512, 10, 2)), (32, shape("k1-n2048", 1, 2048, 7, 3))] {
        let mut keys = Keys::generate(params, seed);
        for path in [PathChoice::U32, PathChoice::F64] {
            for &(cts, cmux_kernel) in &layouts {
                let options = GpuOptions {
                    path,
                    cmux_ciphertexts_per_workgroup: cts,
                    cmux_kernel,
                    // Windows of 5, 5 and 2 steps: accumulators kept on chip
                    // go back to global memory at each window's end.
                    steps_per_dispatch: 5,
                    ..GpuOptions::default()
                };
                let Some(gpu) = backend_with_options_or_skip(options.clone()) else { continue };
                let n = params.polynomial_size.get() as u64;
                let accumulator = if cmux_kernel.accumulator_on_chip == Some(true) {
                    4 * (params.glwe_dimension.0 as u64 + 1) * n
                } else {
                    0
                };
                let exchange = 8 * n * u64::from(cmux_kernel.exchange_buffers.unwrap_or(1));
                let spectra = if cmux_kernel.spectra_on_chip == Some(true) {
                    8 * (params.glwe_dimension.0 as u64 + 1) * n
                } else {
                    0
                };
                let need = u64::from(cts.unwrap_or(1)) * (exchange + accumulator + spectra);
                if need > u64::from(gpu.limits().max_compute_workgroup_storage_size) {
                    let err = gpu.prepare_key(&keys.params, &keys.bsk, &keys.ksk).map(|_| ()).unwrap_err();
                    assert!(matches!(err, umbra_fhe_core::Error::Unsupported(_)), "{err}");
                    eprintln!("{} {path:?}: {cts:?} {cmux_kernel:?} needs {need} bytes, refused", params.name);
                    continue;
                }
                let exact = path == PathChoice::U32;
                let worst = cross_check_with(options, &mut keys, 3, exact).unwrap();
                let bound = phase_bound(&params);
                assert!(worst <= bound, "{} {cts:?} {cmux_kernel:?}: {worst} > {bound}", params.name);
            }
        }
    }
}

#[test]
fn gpu_shipped_shapes_are_bit_exact_with_every_workgroup_grouping() {
    // The GLWE shapes and gadgets of the shipped sets (k = 3 with N = 512,
    // k = 2 with N = 1024, k = 1 with N = 2048) with a short LWE side, so the
    // schoolbook reference stays fast; u32 bit for bit, f64 within the bound.
    for (seed, params) in [
        (21, shape("k3-n512", 3, 512, 10, 2)),
        (22, shape("k2-n1024", 2, 1024, 10, 2)),
        (23, shape("k1-n2048", 1, 2048, 7, 3)),
    ] {
        let mut keys = Keys::generate(params, seed);
        // One ciphertext per CMux and keyswitch workgroup, then the defaults
        // (2 and 4 here), with 5 inputs so the last groups are partial.
        for group in [Some(1), None] {
            let exact = GpuOptions {
                path: PathChoice::U32,
                keyswitch_ciphertexts_per_workgroup: group,
                cmux_ciphertexts_per_workgroup: group,
                ..GpuOptions::default()
            };
            cross_check_with(exact.clone(), &mut keys, 5, true);
            let f64_path = GpuOptions { path: PathChoice::F64, ..exact };
            if let Some(worst) = cross_check_with(f64_path, &mut keys, 5, false) {
                let bound = phase_bound(&params);
                assert!(worst <= bound, "{}: {worst} > {bound}", params.name);
            }
        }
    }
}
