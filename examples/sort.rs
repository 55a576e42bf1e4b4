//! Sorting encrypted 8-bit numbers with a sorting network: the server never
//! learns the values nor their order.
//!
//! Run: `cargo run --release --example sort -- [v1 v2 v3 v4]` (default 4 random values).

mod support;

use clap::Parser;
use rand::Rng;
use umbra_fhe::circuit::{BoolWire, Circuit, CircuitInputs};
use umbra_fhe::{params, ClientKey, ServerKey};

use support::Outcome;

const WIDTH: usize = 8;
/// The optimal 4-input network: three layers of compare-exchanges.
const NETWORK: [(usize, usize); 5] = [(0, 1), (2, 3), (0, 2), (1, 3), (1, 2)];

/// Sorts four encrypted 8-bit numbers with a sorting network.
#[derive(Parser)]
struct Args {
    /// Exactly four numbers (0–255); four random ones when omitted.
    #[arg(num_args = 0..=4)]
    values: Vec<u8>,
}

fn main() -> Outcome {
    let given = Args::parse().values;
    let values: Vec<u8> = match given.len() {
        4 => given,
        0 => (0..4).map(|_| rand::rng().random()).collect(),
        n => return Err(format!("give four numbers or none, not {n}").into()),
    };
    let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    let server = ServerKey::new(&client)?;
    println!("backend: {}", server.backend_description());

    let mut circuit = Circuit::new();
    let mut words: Vec<Vec<BoolWire>> = (0..values.len()).map(|_| circuit.bool_inputs(WIDTH)).collect();
    for (i, j) in NETWORK {
        let (min, max) = circuit.min_max_words(&words[i], &words[j])?;
        words[i] = min;
        words[j] = max;
    }
    for w in words.iter().flatten() {
        circuit.output_bool(*w);
    }

    let inputs = CircuitInputs::bools(
        values.iter().flat_map(|&v| (0..WIDTH).map(move |i| v >> i & 1 == 1)).map(|b| client.encrypt_bool(b)).collect(),
    );
    let (out, stats) = circuit.evaluate(&server, &inputs)?;
    let mut sorted = Vec::new();
    for chunk in out.bools.chunks(WIDTH) {
        let v = chunk
            .iter()
            .enumerate()
            .try_fold(0u8, |acc, (i, w)| client.decrypt_bool(w).map(|b| acc | u8::from(b) << i))?;
        sorted.push(v);
    }
    let mut expected = values.clone();
    expected.sort_unstable();
    println!("input {values:?} → sorted {sorted:?}");
    if sorted != expected {
        return Err(format!("expected {expected:?}").into());
    }
    println!("all correct: {stats}");
    Ok(())
}
