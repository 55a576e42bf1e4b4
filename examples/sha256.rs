//! SHA-256 of an encrypted message: the client encrypts the padded message
//! as 32-bit words, the server hashes it without seeing it (one lazy
//! evaluation of the whole program), the client decrypts the digest, and the
//! example checks it against the plaintext digest.
//!
//! Run: `cargo run --release --example sha256 -- "message"` (up to 55
//! bytes make one block: 51,743 bootstraps, about 9 minutes on 2 CPU
//! threads of a small cloud VM).
//! `--threads N` runs the CPU backend on `N` threads (default: the backend
//! `UMBRA_BACKEND` names, on every core); `--rounds R` hashes with the first
//! `R` of the 64 rounds per block (a reduced-round variant, checked against
//! the same variant on plaintext; the comparison runner uses it where the
//! full hash would take too long).

#[path = "programs/memory.rs"]
mod memory;
#[path = "programs/sha256.rs"]
mod sha256;
mod support;

use std::sync::Arc;
use std::time::Instant;

use clap::Parser;
use sha2::Digest;
use umbra_fhe::{params, ClientKey, FheUint32, ServerKey};

use memory::peak_memory_bytes;
use support::Outcome;

/// SHA-256 of an encrypted message.
#[derive(Parser)]
struct Args {
    /// The message to hash.
    #[arg(default_value = "abc")]
    message: String,
    /// CPU threads (default: the backend `UMBRA_BACKEND` names).
    #[arg(long)]
    threads: Option<usize>,
    /// Rounds per block, 1 to 64 (64: SHA-256 itself).
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u8).range(1..=64))]
    rounds: u8,
}

fn main() -> Outcome {
    let args = Args::parse();
    let rounds = usize::from(args.rounds);
    let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    let server = match args.threads {
        Some(threads) => {
            let backend = umbra_fhe::cpu::CpuBackend::with_threads(threads)?;
            ServerKey::with_custom_backend(&client, Arc::new(backend), format!("CPU, {threads} threads"))?
        }
        None => ServerKey::new(&client)?,
    };
    println!("backend: {}", server.backend_description());

    // Client: pad (the length is public) and encrypt every word.
    let blocks = sha256::padded_blocks(args.message.as_bytes());
    let encrypted: Vec<[FheUint32; 16]> =
        blocks.iter().map(|block| block.map(|word| FheUint32::encrypt(word, &client))).collect();

    // Server: record the whole hash, then evaluate it at once.
    let start = Instant::now();
    let digest = sha256::hash(encrypted, rounds);
    let recorded = start.elapsed();
    let stats = server.evaluate(&digest)?;
    println!(
        "{} block(s), {rounds} rounds each: {} bootstraps on {} levels (average batch {:.1}) in {:.2?} \
         ({:.2?} to record)",
        blocks.len(),
        stats.bootstraps,
        stats.levels,
        stats.average_batch(),
        stats.elapsed,
        recorded
    );

    // Client: decrypt and check against the plaintext.
    let words: Vec<u32> = digest.iter().map(|w| w.decrypt(&client)).collect::<Result<_, _>>()?;
    let words: [u32; 8] = words.try_into().expect("eight digest words");
    let got = sha256::digest_bytes(&words);
    let want = if rounds == 64 {
        sha2::Sha256::digest(args.message.as_bytes()).into()
    } else {
        sha256::digest_bytes(&sha256::hash(blocks.iter().copied(), rounds))
    };
    println!("digest:    {}", hex(&got));
    println!("plaintext: {}", hex(&want));
    if got != want {
        return Err("the decrypted digest differs from the plaintext digest".into());
    }
    if let Some(peak) = peak_memory_bytes() {
        println!("peak memory: {:.0} MB", peak as f64 / 1e6);
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
