//! Many encrypted additions at once: 8-bit and 16-bit ripple-carry adders
//! over independent instances, whose levels merge into large batches.
//!
//! Run: `cargo run --release --example adders -- [instances]` (default 32).

use std::error::Error;

use rand::{Rng, SeedableRng};
use umbra_fhe::circuit::{Circuit, CircuitInputs};
use umbra_fhe::{params, ClientKey, ServerKey};

fn main() -> Result<(), Box<dyn Error>> {
    let instances: usize = std::env::args().nth(1).map_or(Ok(32), |s| s.parse())?;
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
        let (outputs, stats) = circuit.evaluate_many(&server, &inputs)?;
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
