//! A client and a server that only share files.
//!
//! ```sh
//! cargo run --release --example client_server -- keygen   DIR   # client: keys
//! cargo run --release --example client_server -- encrypt  DIR 2 3   # client: two 2-bit numbers
//! cargo run --release --example client_server -- evaluate DIR   # server: sum, product, comparison
//! cargo run --release --example client_server -- decrypt  DIR   # client: the results
//! ```
//!
//! `keygen` writes `client.key` (secret, stays with the client) and
//! `server.key` (compressed public evaluation key). `encrypt` writes
//! `inputs.bin`, a batch of two ciphertexts. `evaluate` loads only
//! `server.key` and `inputs.bin`, bootstraps, and writes `outputs.bin`;
//! it never sees the client key. `decrypt` reads `outputs.bin` with `client.key`.

mod support;

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Parser, Subcommand};
use umbra_fhe::{params, BackendChoice, ClientKey, IntCiphertext, ServerKey};

use support::Outcome;

/// A client and a server that share only files in DIR.
#[derive(Parser)]
struct Args {
    #[command(subcommand)]
    step: Step,
}

#[derive(Subcommand)]
enum Step {
    /// Client: generate keys into DIR/client.key (secret) and DIR/server.key.
    Keygen { dir: PathBuf },
    /// Client: encrypt two 2-bit numbers (0–3) into DIR/inputs.bin.
    Encrypt {
        dir: PathBuf,
        #[arg(value_parser = clap::value_parser!(u64).range(0..=3))]
        a: u64,
        #[arg(value_parser = clap::value_parser!(u64).range(0..=3))]
        b: u64,
    },
    /// Server: a + b, a · b and a < b from DIR/server.key and DIR/inputs.bin into DIR/outputs.bin.
    Evaluate { dir: PathBuf },
    /// Client: decrypt DIR/outputs.bin with DIR/client.key.
    Decrypt { dir: PathBuf },
}

fn main() -> Outcome {
    match Args::parse().step {
        Step::Keygen { dir } => keygen(&dir),
        Step::Encrypt { dir, a, b } => encrypt(&dir, a, b),
        Step::Evaluate { dir } => evaluate(&dir),
        Step::Decrypt { dir } => decrypt(&dir),
    }
}

/// Reads a file; the error names it.
fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes a file; the error names it.
fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn keygen(dir: &Path) -> Outcome {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let start = Instant::now();
    let client = ClientKey::new(params::MESSAGE_4_BITS)?;
    let server = ServerKey::with_backend(&client, BackendChoice::Cpu)?;
    let secret = client.to_secret_bytes()?;
    let secret_path = dir.join("client.key");
    write_private(&secret_path, &secret).map_err(|e| format!("{}: {e}", secret_path.display()))?;
    let public = server.to_compressed_bytes()?;
    write(&dir.join("server.key"), &public)?;
    println!(
        "keys for `{}` in {:.2?}: client.key {} bytes, server.key {} bytes (compressed; {} in full)",
        client.parameters().name,
        start.elapsed(),
        secret.len(),
        public.len(),
        server.to_bytes()?.len()
    );
    Ok(())
}

fn encrypt(dir: &Path, a: u64, b: u64) -> Outcome {
    let client = ClientKey::from_secret_bytes(&read(&dir.join("client.key"))?)?;
    let batch = [client.encrypt_bounded(a, 3)?, client.encrypt_bounded(b, 3)?];
    write(&dir.join("inputs.bin"), &IntCiphertext::batch_to_bytes(&batch)?)?;
    println!("encrypted {a} and {b} into inputs.bin");
    Ok(())
}

fn evaluate(dir: &Path) -> Outcome {
    let start = Instant::now();
    let server = ServerKey::from_bytes(&read(&dir.join("server.key"))?, BackendChoice::from_env()?)?;
    println!("server key loaded in {:.2?} ({})", start.elapsed(), server.backend_description());
    let inputs = IntCiphertext::batch_from_bytes(&read(&dir.join("inputs.bin"))?)?;
    let [a, b] = inputs.as_slice() else { return Err("inputs.bin must hold two ciphertexts".into()) };
    let start = Instant::now();
    // Two 2-bit inputs packed into one 4-bit message `a + 4·b` (no bootstrap),
    // then one table per function of the pair, all in one backend call.
    let packed = server.add(a, &server.scalar_mul(b, 4)?)?;
    let (x, y) = (|m: u64| m % 4, |m: u64| m / 4);
    let tables = [
        server.lookup_table(|m| x(m) + y(m))?,
        server.lookup_table(|m| x(m) * y(m))?,
        server.lookup_table(|m| u64::from(x(m) < y(m)))?,
    ];
    let outputs = server.apply_lookup_tables_batch(&[packed.clone(), packed.clone(), packed], &tables, &[0, 1, 2])?;
    write(&dir.join("outputs.bin"), &IntCiphertext::batch_to_bytes(&outputs)?)?;
    println!("evaluated a + b, a · b and a < b in {:.2?} into outputs.bin", start.elapsed());
    Ok(())
}

fn decrypt(dir: &Path) -> Outcome {
    let client = ClientKey::from_secret_bytes(&read(&dir.join("client.key"))?)?;
    let outputs = IntCiphertext::batch_from_bytes(&read(&dir.join("outputs.bin"))?)?;
    let names = ["a + b", "a · b", "a < b"];
    for (name, ct) in names.iter().zip(&outputs) {
        println!("{name} = {}", client.decrypt(ct)?);
    }
    Ok(())
}

/// Writes a secret file readable by its owner only (where the platform allows).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    std::io::Write::write_all(&mut options.open(path)?, bytes)
}
