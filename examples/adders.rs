//! Many encrypted additions at once: 8-bit and 16-bit parallel-prefix adders
//! over independent instances, whose levels merge into large batches.
//!
//! Run: `cargo run --release --example adders -- [instances]` (default 32;
//! about 40 s per 100 instances, both widths, on 2 CPU threads; a progress bar
//! shows the levels).

mod support;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use rand::{Rng, SeedableRng};
use umbra_fhe::circuit::{Circuit, CircuitInputs};
use umbra_fhe::{params, ClientKey, ServerKey};

use support::Outcome;

/// Encrypted 8- and 16-bit additions over many independent instances, whose
/// circuit levels merge into large backend batches.
#[derive(Parser)]
struct Args {
    /// Independent additions per width.
    #[arg(default_value_t = 32)]
    instances: usize,
}

fn main() -> Outcome {
    let instances = Args::parse().instances;
    let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    let server = ServerKey::new(&client)?;
    println!("backend: {}", server.backend_description());
    let mut rng = rand_chacha::ChaCha8Rng::from_os_rng();

    for width in [8usize, 16] {
        let mut circuit = Circuit::new();
        let a = circuit.bool_inputs(width);
        let b = circuit.bool_inputs(width);
        for s in circuit.add_words(&a, &b)? {
            circuit.output_bool(s);
        }
        let modulus = 1u64 << width;
        let pairs: Vec<(u64, u64)> =
            (0..instances).map(|_| (rng.random_range(0..modulus), rng.random_range(0..modulus))).collect();
        let inputs: Vec<CircuitInputs> = pairs
            .iter()
            .map(|&(x, y)| {
                let bits = (0..width).map(|i| x >> i & 1).chain((0..width).map(|i| y >> i & 1));
                CircuitInputs::bools(bits.map(|bit| client.encrypt_bool(bit == 1)).collect())
            })
            .collect();
        let bar = ProgressBar::new((circuit.bootstraps() * instances) as u64).with_style(ProgressStyle::with_template(
            "{bar:30} {pos}/{len} bootstraps, level {msg}, {elapsed} elapsed",
        )?);
        let (outputs, stats) = circuit.evaluate_many_with_progress(&server, &inputs, |p| {
            bar.set_position(p.bootstraps as u64);
            bar.set_message(format!("{}/{}", p.level, p.levels));
        })?;
        bar.finish_and_clear();
        for ((x, y), out) in pairs.iter().zip(&outputs) {
            let mut sum = 0u64;
            for (i, bit) in out.bools.iter().enumerate() {
                sum |= u64::from(client.decrypt_bool(bit)?) << i;
            }
            if sum != (x + y) % modulus {
                return Err(format!("{x} + {y} gave {sum}").into());
            }
        }
        println!("{instances} × {width}-bit additions, all correct: {stats}");
    }
    Ok(())
}
