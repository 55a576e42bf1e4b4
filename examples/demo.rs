//! Umbra end to end: keys, an 8-bit adder built from encrypted gates, and a
//! lookup table over a batch of encrypted small integers, each checked
//! against plaintext, with timings per bootstrap.
//!
//! Run: `cargo run --release --example demo` (set `UMBRA_BACKEND=cpu|gpu|auto`).

mod support;

use std::time::Instant;

use umbra_fhe::{params, BoolCiphertext, ClientKey, ServerKey};

use support::Outcome;

fn main() -> Outcome {
    // Part 1: booleans, default 128-bit set.
    let t = Instant::now();
    let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    let server = ServerKey::new(&client)?;
    println!("keys for `{}` in {:.2?}", params::DEFAULT_BOOLEAN.name, t.elapsed());
    println!("backend: {}", server.backend_description());

    let (x, y) = (173u8, 94u8);
    let encrypt = |v: u8| -> Vec<BoolCiphertext> { (0..8).map(|i| client.encrypt_bool(v >> i & 1 == 1)).collect() };
    let (ex, ey) = (encrypt(x), encrypt(y));
    let t = Instant::now();
    let sum = server.add_bits(&ex, &ey)?;
    let elapsed = t.elapsed();
    let mut decrypted = 0u8;
    for (i, bit) in sum.iter().enumerate() {
        decrypted |= u8::from(client.decrypt_bool(bit)?) << i;
    }
    let bootstraps = 4 * 8 - 2;
    println!(
        "8-bit add: {x} + {y} = {decrypted} (mod 256) in {elapsed:.2?}, {bootstraps} bootstraps, {:.2} ms per bootstrap",
        elapsed.as_secs_f64() * 1e3 / f64::from(bootstraps)
    );
    if decrypted != x.wrapping_add(y) {
        return Err(format!("adder gave {decrypted}, expected {}", x.wrapping_add(y)).into());
    }

    // Part 2: a lookup table over a batch of 4-bit integers.
    let p = params::MESSAGE_4_BITS;
    let t = Instant::now();
    let client = ClientKey::new(p)?;
    let server = ServerKey::new(&client)?;
    println!("keys for `{}` in {:.2?}", p.name, t.elapsed());
    let f = |m: u64| (m * m + 3) % 16;
    let messages: Vec<u64> = (0..64).map(|i| (i * 7) % 16).collect();
    let inputs = messages.iter().map(|&m| client.encrypt(m)).collect::<Result<Vec<_>, _>>()?;
    let t = Instant::now();
    let outputs = server.apply_lut_batch(&inputs, f)?;
    let elapsed = t.elapsed();
    for (m, ct) in messages.iter().zip(&outputs) {
        let got = client.decrypt(ct)?;
        if got != f(*m) {
            return Err(format!("LUT gave {got} for {m}, expected {}", f(*m)).into());
        }
    }
    println!(
        "LUT m ↦ (m² + 3) mod 16 on {} encrypted 4-bit integers: all correct in {elapsed:.2?}, {:.2} ms per bootstrap",
        inputs.len(),
        elapsed.as_secs_f64() * 1e3 / inputs.len() as f64
    );
    Ok(())
}
