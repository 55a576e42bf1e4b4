//! An encrypted comparator: `a < b`, `a == b`, `min` and `max` of two 8-bit numbers.
//!
//! Run: `cargo run --release --example comparator -- [a] [b]` (default 200 57).

mod support;

use clap::Parser;
use umbra_fhe::circuit::{Circuit, CircuitInputs};
use umbra_fhe::{params, ClientKey, ServerKey};

use support::Outcome;

const WIDTH: usize = 8;

/// `a < b`, `a == b`, `min` and `max` of two encrypted 8-bit numbers.
#[derive(Parser)]
struct Args {
    /// First number (0–255).
    #[arg(default_value_t = 200)]
    a: u8,
    /// Second number (0–255).
    #[arg(default_value_t = 57)]
    b: u8,
}

fn main() -> Outcome {
    let Args { a, b } = Args::parse();
    let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    let server = ServerKey::new(&client)?;
    println!("backend: {}", server.backend_description());

    let mut circuit = Circuit::new();
    let x = circuit.bool_inputs(WIDTH);
    let y = circuit.bool_inputs(WIDTH);
    let lt = circuit.lt_words(&x, &y)?;
    let eq = circuit.eq_words(&x, &y)?;
    let (min, max) = circuit.min_max_words(&x, &y)?;
    circuit.output_bool(lt);
    circuit.output_bool(eq);
    for w in min.iter().chain(&max) {
        circuit.output_bool(*w);
    }

    let bits = |v: u8| (0..WIDTH).map(move |i| v >> i & 1 == 1);
    let inputs = CircuitInputs::bools(bits(a).chain(bits(b)).map(|bit| client.encrypt_bool(bit)).collect());
    let (out, stats) = circuit.evaluate(&server, &inputs)?;
    let number = |wires: &[umbra_fhe::BoolCiphertext]| -> Result<u8, umbra_fhe::Error> {
        wires.iter().enumerate().try_fold(0u8, |acc, (i, w)| Ok(acc | u8::from(client.decrypt_bool(w)?) << i))
    };
    let (got_lt, got_eq) = (client.decrypt_bool(&out.bools[0])?, client.decrypt_bool(&out.bools[1])?);
    let (got_min, got_max) = (number(&out.bools[2..2 + WIDTH])?, number(&out.bools[2 + WIDTH..])?);
    println!("{a} < {b}: {got_lt}; {a} == {b}: {got_eq}; min {got_min}; max {got_max}");
    if (got_lt, got_eq, got_min, got_max) != (a < b, a == b, a.min(b), a.max(b)) {
        return Err("comparator disagrees with plaintext".into());
    }
    println!("all correct: {stats}");
    Ok(())
}
