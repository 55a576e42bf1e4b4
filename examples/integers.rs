//! Encrypted integers written as ordinary Rust: a small program on `u8` and
//! `u32` values (a sum, a comparison, a maximum, products), evaluated lazily
//! as one circuit, decrypted and checked against the same program on
//! plaintext; then a thousand independent additions in one evaluation, and
//! the table of what each operation costs.
//!
//! Run: `cargo run --release --example integers` (about a minute on 2 CPU
//! threads; `--additions 0` skips the thousand additions).

mod support;

use std::time::Instant;

use clap::Parser;
use rand::{Rng, SeedableRng};
use umbra_fhe::{params, ClientKey, FheInteger, FheUint32, FheUint8, ServerKey};

use support::Outcome;

/// Encrypted integer arithmetic with operators, evaluated in merged batches.
#[derive(Parser)]
struct Args {
    /// Independent 8-bit additions evaluated together.
    #[arg(long, default_value_t = 1000)]
    additions: usize,
}

/// The program, for any type with these operators: plaintext or encrypted.
fn scores<T: umbra_fhe::integers::Integer>(
    a: &FheInteger<T>,
    b: &FheInteger<T>,
    c: &FheInteger<T>,
    weight: T,
) -> (FheInteger<T>, FheInteger<T>, FheInteger<T>) {
    let total = &(a + b) + c;
    let best = a.max(b).max(c);
    let weighted = &(a * b) + &(c * weight);
    (total, best, weighted)
}

fn main() -> Outcome {
    let args = Args::parse();
    let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    let server = ServerKey::new(&client)?;
    println!("backend: {} (parallel width {})", server.backend_description(), server.parallel_width());

    // u8: three values, the program, and a comparison.
    let (x, y, z) = (23u8, 200u8, 77u8);
    let [a, b, c] = [x, y, z].map(|v| FheUint8::encrypt(v, &client));
    let (total, best, weighted) = scores(&a, &b, &c, 3);
    let a_below_b = a.lt(&b);
    // u32: a sum, a product and a comparison on larger numbers.
    let (p, q) = (3_000_000u32, 1_234_567u32);
    let [u, v] = [p, q].map(|n| FheUint32::encrypt(n, &client));
    let (sum32, product32, u_above_v) = (&u + &v, &u * &v, u.gt(&v));

    // Nothing has been computed yet: one evaluation runs it all.
    let start = Instant::now();
    let stats = server.evaluate(&((&total, &best, &weighted), &a_below_b, (&sum32, &product32), &u_above_v))?;
    println!("program: {stats}");
    println!("         batch sizes {:?}", stats.batch_sizes);

    let checks = [
        ("u8 a + b + c", u64::from(total.decrypt(&client)?), u64::from(x.wrapping_add(y).wrapping_add(z))),
        ("u8 max(a, b, c)", u64::from(best.decrypt(&client)?), u64::from(x.max(y).max(z))),
        (
            "u8 a·b + 3c",
            u64::from(weighted.decrypt(&client)?),
            u64::from(x.wrapping_mul(y).wrapping_add(z.wrapping_mul(3))),
        ),
        ("u8 a < b", u64::from(a_below_b.decrypt(&client)?), u64::from(x < y)),
        ("u32 u + v", u64::from(sum32.decrypt(&client)?), u64::from(p.wrapping_add(q))),
        ("u32 u·v", u64::from(product32.decrypt(&client)?), u64::from(p.wrapping_mul(q))),
        ("u32 u > v", u64::from(u_above_v.decrypt(&client)?), u64::from(p > q)),
    ];
    for (what, got, want) in checks {
        println!("  {what:<16} = {got:>10} (plaintext {want})");
        if got != want {
            return Err(format!("{what}: decrypted {got}, plaintext gives {want}").into());
        }
    }
    println!("program checked in {:.2?}", start.elapsed());

    if args.additions > 0 {
        let mut rng = rand_chacha::ChaCha8Rng::from_os_rng();
        let pairs: Vec<(u8, u8)> = (0..args.additions).map(|_| (rng.random(), rng.random())).collect();
        let sums: Vec<FheUint8> =
            pairs.iter().map(|&(x, y)| &FheUint8::encrypt(x, &client) + &FheUint8::encrypt(y, &client)).collect();
        let stats = server.evaluate(&sums)?;
        for (s, &(x, y)) in sums.iter().zip(&pairs) {
            if s.decrypt(&client)? != x.wrapping_add(y) {
                return Err(format!("{x} + {y} decrypted wrongly").into());
            }
        }
        println!("{} independent u8 additions: {stats}", args.additions);
        println!(
            "  {:.2} ms per addition, {} backend calls, batch sizes {:?}",
            stats.elapsed.as_secs_f64() * 1e3 / args.additions as f64,
            stats.levels,
            stats.batch_sizes
        );
    }

    println!("\nCost per operation: bootstraps / levels (small shape | shallow shape)");
    print!("{}", umbra_fhe::integers::cost_table());
    Ok(())
}
