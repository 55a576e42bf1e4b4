//! Private lookup: the server applies a public 16-entry table to encrypted
//! 4-bit indices without learning them, then combines results — all in one
//! circuit whose lookups share a batch.
//!
//! Run: `cargo run --release --example private_lookup`.

mod support;

use umbra_fhe::circuit::{Circuit, CircuitInputs};
use umbra_fhe::{params, ClientKey, ServerKey};

use support::Outcome;

/// A public substitution table (the 4-bit S-box of the PRESENT cipher).
const SBOX: [u64; 16] = [0xC, 0x5, 0x6, 0xB, 0x9, 0x0, 0xA, 0xD, 0x3, 0xE, 0xF, 0x8, 0x4, 0x7, 0x1, 0x2];

fn main() -> Outcome {
    let client = ClientKey::new(params::MESSAGE_4_BITS)?;
    let server = ServerKey::new(&client)?;
    println!("backend: {}", server.backend_description());

    // out = SBOX[SBOX[x]/2 + y] for y ≤ 8: the sum never reaches the padding
    // bit. (Two table outputs summed would be refused on `message-4`: their
    // noise together would make the last lookup wrong more often than 2^-64.
    // A table output plus a fresh input is within the target.)
    let mut circuit = Circuit::new();
    let x = circuit.int_input();
    let y = circuit.int_input();
    let sx = circuit.lut(x, |m| SBOX[m as usize]);
    let half_sx = circuit.lut(x, |m| SBOX[m as usize] / 2);
    let sum = circuit.add(half_sx, y);
    let out = circuit.lut(sum, |m| SBOX[m as usize]);
    circuit.output_int(sx);
    circuit.output_int(out);

    let instances: Vec<(u64, u64)> = (0..16).map(|i| (i, (i * 5 + 3) % 9)).collect();
    let inputs = instances
        .iter()
        .map(|&(a, b)| Ok(CircuitInputs::ints(vec![client.encrypt(a)?, client.encrypt_bounded(b, 8)?])))
        .collect::<Result<Vec<_>, umbra_fhe::Error>>()?;
    let (outputs, stats) = circuit.evaluate_many(&server, &inputs)?;
    for ((a, b), o) in instances.iter().zip(&outputs) {
        let expected = SBOX[(SBOX[*a as usize] / 2 + b) as usize];
        let (got_sx, got) = (client.decrypt(&o.ints[0])?, client.decrypt(&o.ints[1])?);
        if got_sx != SBOX[*a as usize] || got != expected {
            return Err(format!("lookup of ({a}, {b}) gave ({got_sx}, {got})").into());
        }
    }
    println!("16 private lookups of two indices each, all correct: {stats}");
    Ok(())
}
