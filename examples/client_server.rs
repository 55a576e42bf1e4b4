//! A client and a server that only share files.
//!
//! ```sh
//! cargo run --release --example client_server -- keygen   DIR          # client: keys
//! cargo run --release --example client_server -- encrypt  DIR 200 100  # client: two u8, seeded
//! cargo run --release --example client_server -- evaluate DIR          # server: sum, product, comparison
//! cargo run --release --example client_server -- decrypt  DIR          # client: the results
//! ```
//!
//! `keygen` writes `client.key` (secret, stays with the client) and
//! `server.key` (compressed public evaluation key). `encrypt` writes
//! `inputs.bin`, two encrypted `u8` whose masks come from one public seed
//! (4 bytes a bit instead of 3,276). `evaluate` loads only `server.key` and
//! `inputs.bin`, expands the inputs, bootstraps, and writes `sum.bin`,
//! `product.bin` and `less.bin`; it never sees the client key. `decrypt`
//! reads them with `client.key`.

mod support;

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Parser, Subcommand};
use umbra_fhe::{params, BackendChoice, ClientKey, CompressedFheIntegers, FheBool, FheUint8, ServerKey};

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
    /// Client: encrypt two numbers (0–255) into DIR/inputs.bin, seeded.
    Encrypt { dir: PathBuf, a: u8, b: u8 },
    /// Server: a + b, a · b and a < b (wrapping u8) from DIR/server.key and DIR/inputs.bin.
    Evaluate { dir: PathBuf },
    /// Client: decrypt the results with DIR/client.key.
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
    let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
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

fn encrypt(dir: &Path, a: u8, b: u8) -> Outcome {
    let client = ClientKey::from_secret_bytes(&read(&dir.join("client.key"))?)?;
    let upload = FheUint8::encrypt_compressed(&[a, b], &client).to_bytes()?;
    write(&dir.join("inputs.bin"), &upload)?;
    let full = FheUint8::encrypt(a, &client).to_bytes()?.len() + FheUint8::encrypt(b, &client).to_bytes()?.len();
    println!("encrypted {a} and {b} into inputs.bin: {} bytes seeded ({full} as ordinary ciphertexts)", upload.len());
    Ok(())
}

fn evaluate(dir: &Path) -> Outcome {
    let start = Instant::now();
    let server = ServerKey::from_bytes(&read(&dir.join("server.key"))?, BackendChoice::from_env()?)?;
    println!("server key loaded in {:.2?} ({})", start.elapsed(), server.backend_description());
    let inputs = CompressedFheIntegers::<u8>::from_bytes(&read(&dir.join("inputs.bin"))?)?.expand();
    let [a, b] = inputs.as_slice() else { return Err("inputs.bin must hold two values".into()) };
    let start = Instant::now();
    let (sum, product, less) = (a + b, a * b, a.lt(b));
    let stats = server.evaluate(&(&sum, &product, &less))?;
    write(&dir.join("sum.bin"), &sum.to_bytes()?)?;
    write(&dir.join("product.bin"), &product.to_bytes()?)?;
    write(&dir.join("less.bin"), &less.to_bytes()?)?;
    println!("evaluated a + b, a · b and a < b in {:.2?} ({stats})", start.elapsed());
    Ok(())
}

fn decrypt(dir: &Path) -> Outcome {
    let client = ClientKey::from_secret_bytes(&read(&dir.join("client.key"))?)?;
    let sum = FheUint8::from_bytes(&read(&dir.join("sum.bin"))?)?;
    let product = FheUint8::from_bytes(&read(&dir.join("product.bin"))?)?;
    let less = FheBool::from_bytes(&read(&dir.join("less.bin"))?)?;
    println!("a + b = {}", sum.decrypt(&client)?);
    println!("a · b = {}", product.decrypt(&client)?);
    println!("a < b = {}", less.decrypt(&client)?);
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
