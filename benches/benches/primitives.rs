//! Criterion micro-benchmarks: negacyclic products (exact reference, CPU FFT,
//! each GPU path), one CMux (external product), one PBS on one thread per
//! boolean set, and a batch of 64 on all threads and on each GPU path.
//! `cargo bench -p umbra-benches` (add `--features gpu` for the GPU rows and
//! `--features peer` for tfhe-rs's NAND gate on the same parameters).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use umbra_benches::Fixture;
use umbra_fhe_core::backend::{Backend, Luts};
use umbra_fhe_core::bootstrap::CmuxEngine;
use umbra_fhe_core::params::{PolynomialSize, DEFAULT_BOOLEAN, TFHE_LIB};
use umbra_fhe_core::polynomial::{IntegerPolynomial, TorusPolynomial};
use umbra_fhe_core::reference::ReferenceBackend;
use umbra_fhe_cpu::{CpuBackend, FourierBootstrapKey};

fn poly_mul(c: &mut Criterion) {
    let mut group = c.benchmark_group("poly_mul");
    let cpu = CpuBackend::with_threads(1).expect("thread pool");
    let gpus = gpu_backends();
    for n in [512usize, 1024, 2048] {
        let size = PolynomialSize(n);
        let a = TorusPolynomial::from_coefficients((0..n as u32).map(|i| i.wrapping_mul(0x9e37_79b9)).collect())
            .expect("power of two");
        let b = IntegerPolynomial::from_coefficients((0..n as i32).map(|i| (i * 37) % 1024 - 512).collect())
            .expect("power of two");
        let (a, b) = (vec![a], vec![b]);
        group.bench_with_input(BenchmarkId::new("reference", size.0), &size, |bench, _| {
            bench.iter(|| ReferenceBackend.poly_mul(black_box(&a), black_box(&b)))
        });
        group.bench_with_input(BenchmarkId::new("cpu-fft", size.0), &size, |bench, _| {
            bench.iter(|| cpu.poly_mul(black_box(&a), black_box(&b)))
        });
        for gpu in &gpus {
            group.bench_with_input(BenchmarkId::new(gpu.name(), size.0), &size, |bench, _| {
                bench.iter(|| gpu.poly_mul(black_box(&a), black_box(&b)))
            });
        }
    }
    group.finish();
}

/// The GPU backend on each path the adapter offers (none without feature `gpu`).
#[cfg(feature = "gpu")]
fn gpu_backends() -> Vec<Box<dyn Backend>> {
    use umbra_fhe_gpu::{GpuBackend, GpuOptions, PathChoice};
    [PathChoice::F64, PathChoice::U32]
        .into_iter()
        .filter_map(|path| match GpuBackend::new(GpuOptions { path, ..GpuOptions::default() }) {
            Ok(b) => Some(Box::new(b) as Box<dyn Backend>),
            Err(e) => {
                eprintln!("no GPU rows for {path:?}: {e}");
                None
            }
        })
        .collect()
}

#[cfg(not(feature = "gpu"))]
fn gpu_backends() -> Vec<Box<dyn Backend>> {
    Vec::new()
}

fn external_product(c: &mut Criterion) {
    let mut group = c.benchmark_group("cmux");
    for params in [TFHE_LIB, DEFAULT_BOOLEAN] {
        let fixture = Fixture::new(params);
        let key = FourierBootstrapKey::new(&fixture.bsk);
        let mut engine = key.cmux_engine();
        let mut acc: Vec<u32> = (0..(params.glwe_dimension.0 + 1) * params.polynomial_size.0)
            .map(|i| (i as u32).wrapping_mul(0x9e37_79b9))
            .collect();
        group.bench_function(params.name, |bench| bench.iter(|| engine.cmux_rotate(black_box(&mut acc), 0, 7)));
    }
    group.finish();
}

fn pbs(c: &mut Criterion) {
    let mut group = c.benchmark_group("pbs");
    group.sample_size(20);
    let single = CpuBackend::with_threads(1).expect("thread pool");
    let all = CpuBackend::new();
    for params in [TFHE_LIB, DEFAULT_BOOLEAN] {
        let mut fixture = Fixture::new(params);
        let table = fixture.sign_table();
        let one = fixture.inputs(1);
        let key1 = single.prepare_key(&params, &fixture.bsk, &fixture.ksk).expect("key");
        group.throughput(Throughput::Elements(1));
        group.bench_function(BenchmarkId::new("umbra-cpu-1thread", params.name), |bench| {
            bench.iter(|| single.bootstrap_batch(&key1, black_box(&one), Luts::Shared(&table)))
        });
        let batch = fixture.inputs(64);
        let key_all = all.prepare_key(&params, &fixture.bsk, &fixture.ksk).expect("key");
        group.throughput(Throughput::Elements(64));
        group.bench_function(
            BenchmarkId::new(format!("umbra-cpu-batch64-{}threads", all.threads()), params.name),
            |bench| bench.iter(|| all.bootstrap_batch(&key_all, black_box(&batch), Luts::Shared(&table))),
        );
        for gpu in gpu_backends() {
            let key = gpu.prepare_key(&params, &fixture.bsk, &fixture.ksk).expect("key");
            group.bench_function(BenchmarkId::new(format!("umbra-{}-batch64", gpu.name()), params.name), |bench| {
                bench.iter(|| gpu.bootstrap_batch(&key, black_box(&batch), Luts::Shared(&table)))
            });
        }
        #[cfg(feature = "peer")]
        peer::nand(&mut group, params.name);
    }
    group.finish();
}

#[cfg(feature = "peer")]
mod peer {
    use std::hint::black_box;

    use criterion::{measurement::WallTime, BenchmarkGroup, BenchmarkId, Throughput};
    use tfhe::boolean::prelude::{BinaryBooleanGates, ClientKey, ServerKey};

    /// tfhe-rs's NAND gate (PBS + keyswitch) on the current thread.
    pub fn nand(group: &mut BenchmarkGroup<'_, WallTime>, set: &str) {
        let params = match set {
            "tfhe-lib" => tfhe::boolean::parameters::TFHE_LIB_PARAMETERS,
            _ => tfhe::boolean::parameters::DEFAULT_PARAMETERS,
        };
        let client = ClientKey::new(&params);
        let server = ServerKey::new(&client);
        let (a, b) = (client.encrypt(true), client.encrypt(false));
        group.throughput(Throughput::Elements(1));
        group.bench_function(BenchmarkId::new("tfhe-rs-nand-1thread", set), |bench| {
            bench.iter(|| server.nand(black_box(&a), black_box(&b)))
        });
    }
}

criterion_group!(benches, poly_mul, external_product, pbs);
criterion_main!(benches);
