//! The user API on the GPU backend (feature `gpu`): gate truth tables, the
//! 8-bit adder, encrypted integers, lookup tables and circuits, at batch
//! sizes 1, 7, 64 and one larger than a chunk. Each test runs once per arithmetic path. The wide
//! sweeps run on a toy set (fast on a software adapter); each test keeps a
//! run on a shipped set.
//!
//! Without an adapter these tests print why and return, unless
//! `UMBRA_REQUIRE_GPU=1` (CI), which turns that into a failure.

mod common;

use std::sync::Arc;

use common::{decrypt_bits, encrypt_bits};
use umbra_fhe::circuit::{Circuit, CircuitInputs};
use umbra_fhe::gpu::testing::{backend_with_options_or_skip, TOY};
use umbra_fhe::gpu::{GpuOptions, PathChoice};
use umbra_fhe::{params, ClientKey, Gate, Parameters, ServerKey};

/// Chunk bound that makes the 64- and 100-input batches span several chunks.
const SMALL_CHUNK: usize = 24;

fn gpu_keys(p: Parameters, path: PathChoice) -> Option<(ClientKey, ServerKey)> {
    let options = GpuOptions { path, max_chunk: Some(SMALL_CHUNK), ..GpuOptions::default() };
    let backend = backend_with_options_or_skip(options)?;
    let description = backend.description();
    let client = ClientKey::new(p).unwrap();
    let server = ServerKey::with_custom_backend(&client, Arc::new(backend), description).unwrap();
    Some((client, server))
}

fn each_path(mut test: impl FnMut(PathChoice)) {
    for path in [PathChoice::F64, PathChoice::U32] {
        test(path);
    }
}

#[test]
fn gpu_gate_truth_tables_at_several_batch_sizes() {
    each_path(|path| {
        let cases = [(false, false), (false, true), (true, false), (true, true)];
        for (set, batches) in [(TOY, &[1usize, 7, 64, 100][..]), (params::TFHE_LIB, &[7])] {
            let Some((client, server)) = gpu_keys(set, path) else { return };
            for &batch in batches {
                let inputs: Vec<_> = (0..batch)
                    .map(|i| {
                        let (a, b) = cases[i % 4];
                        (Gate::ALL[(i / 4) % 6], a, b, client.encrypt_bool(a), client.encrypt_bool(b))
                    })
                    .collect();
                let ops: Vec<_> = inputs.iter().map(|(g, _, _, x, y)| (*g, x, y)).collect();
                let out = server.gates_batch(&ops).unwrap();
                assert_eq!(out.len(), batch);
                for ((g, a, b, _, _), ct) in inputs.iter().zip(&out) {
                    let got = client.decrypt_bool(ct).unwrap();
                    assert_eq!(got, g.eval(*a, *b), "{path:?} {} batch {batch}: {g:?}({a}, {b})", set.name);
                }
            }
        }
        // Every gate's full table on the default set too.
        let Some((client, server)) = gpu_keys(params::DEFAULT_BOOLEAN, path) else { return };
        let inputs: Vec<_> = cases.iter().map(|&(a, b)| (client.encrypt_bool(a), client.encrypt_bool(b))).collect();
        let ops: Vec<_> = Gate::ALL.iter().flat_map(|&g| inputs.iter().map(move |(x, y)| (g, x, y))).collect();
        let out = server.gates_batch(&ops).unwrap();
        for (i, ct) in out.iter().enumerate() {
            let (g, (a, b)) = (Gate::ALL[i / 4], cases[i % 4]);
            assert_eq!(client.decrypt_bool(ct).unwrap(), g.eval(a, b), "{path:?} default set: {g:?}({a}, {b})");
        }
    });
}

#[test]
fn gpu_eight_bit_adder_and_merged_circuit_instances() {
    each_path(|path| {
        let Some((client, server)) = gpu_keys(params::DEFAULT_BOOLEAN, path) else { return };
        let sum = server.add_bits(&encrypt_bits(&client, 201, 8), &encrypt_bits(&client, 99, 8)).unwrap();
        assert_eq!(decrypt_bits(&client, &sum), (201 + 99) % 256, "{path:?}");

        // Merged instances on the toy set.
        let Some((client, server)) = gpu_keys(TOY, path) else { return };

        let mut c = Circuit::new();
        let a = c.bool_inputs(8);
        let b = c.bool_inputs(8);
        for s in c.add_words(&a, &b).unwrap() {
            c.output_bool(s);
        }
        let pairs: Vec<(u64, u64)> = (0..5).map(|i| (37 * i + 11, 255 - 19 * i)).collect();
        let instances: Vec<_> = pairs
            .iter()
            .map(|&(x, y)| {
                let mut bits = encrypt_bits(&client, x, 8);
                bits.extend(encrypt_bits(&client, y, 8));
                CircuitInputs::bools(bits)
            })
            .collect();
        let (outputs, stats) = c.evaluate_many(&server, &instances).unwrap();
        // Every level holds that level of all five instances.
        assert_eq!(stats.batch_sizes, c.level_sizes().iter().map(|s| 5 * s).collect::<Vec<_>>());
        for ((x, y), out) in pairs.iter().zip(&outputs) {
            assert_eq!(decrypt_bits(&client, &out.bools), (x + y) % 256, "{path:?}: {x} + {y}");
        }
    });
}

#[test]
fn gpu_lookup_tables_on_a_message_set() {
    each_path(|path| {
        let Some((client, server)) = gpu_keys(params::MESSAGE_2_BITS, path) else { return };
        let inputs: Vec<_> = (0..7u64).map(|m| client.encrypt(m % 4).unwrap()).collect();
        let out = server.apply_lut_batch(&inputs, |m| (m * 3 + 1) % 4).unwrap();
        for (m, ct) in out.iter().enumerate() {
            assert_eq!(client.decrypt(ct).unwrap(), ((m as u64 % 4) * 3 + 1) % 4, "{path:?}");
        }
    });
}

#[test]
fn auto_never_prefers_a_software_adapter_and_gpu_may_use_one() {
    use umbra_fhe::BackendChoice;
    let (auto, why) = BackendChoice::Auto.build().unwrap();
    let Some(gpu) = backend_with_options_or_skip(GpuOptions::default()) else {
        assert_eq!(auto.name(), "cpu-fft", "{why}");
        return;
    };
    if gpu.is_software_adapter() {
        assert_eq!(auto.name(), "cpu-fft", "{why}");
        assert!(why.contains("software rasteriser"), "{why}");
        let refused =
            umbra_fhe::gpu::GpuBackend::new(GpuOptions { allow_software_adapter: false, ..GpuOptions::default() });
        assert!(matches!(refused, Err(umbra_fhe::Error::Unsupported(_))), "{refused:?}");
    } else {
        assert!(auto.name().starts_with("gpu-"), "{why}");
    }
    // Asked for by name, the GPU backend takes whatever adapter there is.
    let (requested, why) = BackendChoice::Gpu.build().unwrap();
    assert!(requested.name().starts_with("gpu-"), "{why}");
    assert!(why.contains(&gpu.adapter_info().name), "{why}");
}

#[test]
fn gpu_encrypted_integers_match_rust_in_both_shapes() {
    use umbra_fhe::circuit::Shape;
    use umbra_fhe::{FheUint16, FheUint32, FheUint8};
    each_path(|path| {
        let Some((client, server)) = gpu_keys(TOY, path) else { return };
        for shape in [Shape::Small, Shape::Shallow] {
            let pairs = [(0u8, 0u8), (255, 1), (200, 100), (17, 17), (254, 255)];
            let values: Vec<_> =
                pairs.iter().map(|&(x, y)| (FheUint8::encrypt(x, &client), FheUint8::encrypt(y, &client))).collect();
            let sums: Vec<_> = values.iter().map(|(a, b)| a + b).collect();
            let products: Vec<_> = values.iter().map(|(a, b)| a * b).collect();
            let maxima: Vec<_> = values.iter().map(|(a, b)| a.max(b)).collect();
            let less: Vec<_> = values.iter().map(|(a, b)| a.lt(b)).collect();
            server.evaluate_with_shape(&(&sums, &products, &maxima, &less), shape).unwrap();
            for (i, &(x, y)) in pairs.iter().enumerate() {
                let what = format!("{path:?} {shape:?} ({x}, {y})");
                assert_eq!(sums[i].decrypt(&client).unwrap(), x.wrapping_add(y), "{what}");
                assert_eq!(products[i].decrypt(&client).unwrap(), x.wrapping_mul(y), "{what}");
                assert_eq!(maxima[i].decrypt(&client).unwrap(), x.max(y), "{what}");
                assert_eq!(less[i].decrypt(&client).unwrap(), x < y, "{what}");
            }
        }
        // Wider products: radix-4 rows (wide sign tables, row selections) and six-bit counters.
        let (x16, y16, x32, y32) = (0xBEEFu16, 0x1235u16, 0xDEAD_BEEFu32, 0x0123_4568u32);
        let (a16, b16) = (FheUint16::encrypt(x16, &client), FheUint16::encrypt(y16, &client));
        let (a32, b32) = (FheUint32::encrypt(x32, &client), FheUint32::encrypt(y32, &client));
        let (p16, p32) = (&a16 * &b16, &a32 * &b32);
        server.evaluate_with_shape(&(&p16, &p32), Shape::Small).unwrap();
        assert_eq!(p16.decrypt(&client).unwrap(), x16.wrapping_mul(y16), "{path:?}");
        assert_eq!(p32.decrypt(&client).unwrap(), x32.wrapping_mul(y32), "{path:?}");
        // A shipped set, and the shape evaluation picks for this backend.
        let Some((client, server)) = gpu_keys(params::DEFAULT_BOOLEAN, path) else { return };
        let (a, b) = (FheUint8::encrypt(200, &client), FheUint8::encrypt(77, &client));
        let (difference, ge) = (&a - &b, a.ge(&b));
        server.evaluate(&(&difference, &ge)).unwrap();
        assert_eq!(difference.decrypt(&client).unwrap(), 123, "{path:?}");
        assert!(ge.decrypt(&client).unwrap(), "{path:?}");
    });
}

/// Inputs from a public key and from a seeded upload, on a shipped set:
/// ordinary ciphertexts once expanded, bootstrapped on the GPU.
#[test]
fn gpu_public_key_and_seeded_inputs_evaluate() {
    use umbra_fhe::{FheUint8, PublicKey};
    each_path(|path| {
        let Some((client, server)) = gpu_keys(params::DEFAULT_BOOLEAN, path) else { return };
        let public = PublicKey::new(&client).unwrap();
        let from_public = FheUint8::encrypt_public(&[201, 7], &public).expand();
        let seeded = FheUint8::encrypt_compressed(&[99], &client).expand();
        let (sum, less) = (&from_public[0] + &seeded[0], from_public[1].lt(&seeded[0]));
        server.evaluate(&(&sum, &less)).unwrap();
        assert_eq!(sum.decrypt(&client).unwrap(), 201u8.wrapping_add(99), "{path:?}");
        assert!(less.decrypt(&client).unwrap(), "{path:?}");
        let bits = public.encrypt_bools(&[true, false, true]).expand();
        let nand = server.nand_batch(&bits[..2], &bits[1..]).unwrap();
        let plain: Vec<bool> = nand.iter().map(|ct| client.decrypt_bool(ct).unwrap()).collect();
        assert_eq!(plain, [true, true], "{path:?}");
    });
}

/// The README's kernel design table is the GPU crate's count of what each
/// CMux step moves (no adapter needed).
#[test]
fn readme_has_the_kernel_design_table() {
    let readme = include_str!("../README.md");
    let table = umbra_fhe::gpu::design::table();
    assert!(readme.contains(&table), "README lacks the design table:\n{table}");
}
