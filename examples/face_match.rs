//! Private face matching: a client encrypts a 128-byte face template, the
//! server matches it against its database of plaintext templates by Hamming
//! distance without learning the template or the result, and the client
//! decrypts whether a face matched and which. Checked against the same
//! matching on plaintext.
//!
//! Run: `cargo run --release --example face_match` (100 entries: about
//! 195,000 bootstraps, half an hour on 2 CPU threads of a small cloud VM);
//! `--entries 1000` for a larger database, `--threads N`
//! for the CPU backend on `N` threads (default: the backend `UMBRA_BACKEND`
//! names, on every core).

#[path = "programs/face_match.rs"]
mod face_match;
#[path = "programs/memory.rs"]
mod memory;
mod support;

use std::sync::Arc;

use clap::Parser;
use umbra_fhe::{params, ClientKey, FheUint64, ServerKey};

use support::Outcome;

/// Encrypted face matching against a plaintext database.
#[derive(Parser)]
struct Args {
    /// Database entries.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=65_536))]
    entries: u32,
    /// A match needs a distance below this (of 1,024 bits).
    #[arg(long, default_value_t = 300)]
    threshold: u16,
    /// Bits in which the probe differs from the entry it was taken from.
    #[arg(long, default_value_t = 100)]
    noise_bits: usize,
    /// CPU threads (default: the backend `UMBRA_BACKEND` names).
    #[arg(long)]
    threads: Option<usize>,
}

fn main() -> Outcome {
    let args = Args::parse();
    let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    let server = match args.threads {
        Some(threads) => {
            let backend = umbra_fhe::cpu::CpuBackend::with_threads(threads)?;
            ServerKey::with_custom_backend(&client, Arc::new(backend), format!("CPU, {threads} threads"))?
        }
        None => ServerKey::new(&client)?,
    };
    println!("backend: {}", server.backend_description());

    let (probe, database) = face_match::sample_database(args.entries as usize, args.noise_bits, 7);
    let encrypted = probe.map(|word| FheUint64::encrypt(word, &client));
    let answer = face_match::best_match(&encrypted, &database, args.threshold);
    let stats = server.evaluate(&(&answer.matched, &answer.best, &answer.distances))?;
    let entries = database.len() as f64;
    println!(
        "{} entries: {} bootstraps on {} levels (average batch {:.1}) in {:.2?}: {:.3} matches/s, {:.0} bootstraps per match",
        database.len(),
        stats.bootstraps,
        stats.levels,
        stats.average_batch(),
        stats.elapsed,
        entries / stats.elapsed.as_secs_f64(),
        stats.bootstraps as f64 / entries
    );

    let (matched, best, distances) = face_match::best_match_plain(&probe, &database, args.threshold);
    let got_distances: Vec<u16> = answer.distances.iter().map(|d| d.decrypt(&client)).collect::<Result<_, _>>()?;
    let (got_matched, got_best) = (answer.matched.decrypt(&client)?, answer.best.decrypt(&client)?);
    println!("best entry {got_best} at distance {}, match: {got_matched}", got_distances[usize::from(got_best)]);
    if (got_matched, got_best, &got_distances) != (matched, best, &distances) {
        return Err(format!(
            "plaintext matching gives entry {best} (match: {matched}); distances differ or agree: {}",
            got_distances == distances
        )
        .into());
    }
    println!("checked against plaintext matching");
    if let Some(peak) = memory::peak_memory_bytes() {
        println!("peak memory: {:.0} MB", peak as f64 / 1e6);
    }
    Ok(())
}
