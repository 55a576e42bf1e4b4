//! PBS throughput of the GPU backend on the TFHE-library set, per arithmetic path.
//!
//! `cargo run --release -p umbra-fhe-gpu --example gpu_throughput -- [batch] [repeats]`
//! (defaults 16 and 2). `WGPU_BACKEND` and `VK_DRIVER_FILES` pick the adapter.

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use umbra_fhe_core::backend::{Backend, Luts};
use umbra_fhe_core::bootstrap::LookupTable;
use umbra_fhe_core::key_set::KeySet;
use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::params::TFHE_LIB;
use umbra_fhe_core::random::Csprng;
use umbra_fhe_gpu::{GpuBackend, GpuOptions, PathChoice};

/// Bootstraps per second of the GPU backend on `tfhe-lib`, per arithmetic path.
#[derive(Parser)]
struct Args {
    /// Bootstraps per batch.
    #[arg(default_value_t = 16, value_parser = clap::value_parser!(u64).range(1..=65536))]
    batch: u64,
    /// Timed batches (after one warm-up batch).
    #[arg(default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..))]
    repeats: u64,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(Args { batch, repeats }: Args) -> Result<(), umbra_fhe_core::Error> {
    let batch = batch as usize;
    let params = TFHE_LIB;
    let mut rng = Csprng::from_seed([1; 32]);
    let KeySet { lwe, bsk, ksk, .. } = KeySet::generate(&params, &mut rng)?;
    let inputs: Vec<LweCiphertext> =
        (0..batch).map(|i| LweCiphertext::encrypt(&lwe, (i as u32 % 2) << 30, params.lwe_noise, &mut rng)).collect();
    let lut = LookupTable::constant(params.polynomial_size, 1 << 29);
    for path in [PathChoice::F64, PathChoice::U32] {
        let gpu = match GpuBackend::new(GpuOptions { path, ..GpuOptions::default() }) {
            Ok(gpu) => gpu,
            Err(e) => {
                println!("{path:?}: unavailable ({e})");
                continue;
            }
        };
        let start = Instant::now();
        let key = gpu.prepare_key(&params, &bsk, &ksk)?;
        let prepare = start.elapsed();
        // Warm-up: the first batch pays for driver-side shader compilation.
        gpu.bootstrap_batch(&key, &inputs[..1], Luts::Shared(&lut))?;
        let start = Instant::now();
        for _ in 0..repeats {
            gpu.bootstrap_batch(&key, &inputs, Luts::Shared(&lut))?;
        }
        let per_batch = start.elapsed().as_secs_f64() / repeats as f64;
        println!(
            "{}: {}, key preparation {:.2?}, batch {batch}: {:.3} s, {:.2} PBS/s{}",
            gpu.name(),
            gpu.description(),
            prepare,
            per_batch,
            batch as f64 / per_batch,
            if gpu.is_software_adapter() { " (software adapter: a correctness vehicle, not a GPU speed)" } else { "" }
        );
    }
    Ok(())
}
