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

use std::path::{Path, PathBuf};
use std::time::Instant;

use umbra_fhe::{params, BackendChoice, ClientKey, IntCiphertext, ServerKey};

type Outcome = Result<(), Box<dyn std::error::Error>>;

const USAGE: &str = "usage: client_server (keygen DIR | encrypt DIR A B | evaluate DIR | decrypt DIR)";

fn main() -> Outcome {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, dir) = match args.as_slice() {
        [command, dir, ..] => (command.as_str(), PathBuf::from(dir)),
        _ => return Err(USAGE.into()),
    };
    match (command, &args[2..]) {
        ("keygen", []) => keygen(&dir),
        ("encrypt", [a, b]) => encrypt(&dir, a.parse()?, b.parse()?),
        ("evaluate", []) => evaluate(&dir),
        ("decrypt", []) => decrypt(&dir),
        _ => Err(USAGE.into()),
    }
}

fn keygen(dir: &Path) -> Outcome {
    std::fs::create_dir_all(dir)?;
    let start = Instant::now();
    let client = ClientKey::new(params::MESSAGE_4_BITS)?;
    let server = ServerKey::with_backend(&client, BackendChoice::Cpu)?;
    let secret = client.to_secret_bytes()?;
    write_private(&dir.join("client.key"), &secret)?;
    let public = server.to_compressed_bytes()?;
    std::fs::write(dir.join("server.key"), &public)?;
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
    if a > 3 || b > 3 {
        return Err("the inputs are 2-bit numbers, 0 to 3".into());
    }
    let client = ClientKey::from_secret_bytes(&std::fs::read(dir.join("client.key"))?)?;
    let batch = [client.encrypt(a)?, client.encrypt(b)?];
    std::fs::write(dir.join("inputs.bin"), IntCiphertext::batch_to_bytes(&batch)?)?;
    println!("encrypted {a} and {b} into inputs.bin");
    Ok(())
}

fn evaluate(dir: &Path) -> Outcome {
    let start = Instant::now();
    let server = ServerKey::from_bytes(&std::fs::read(dir.join("server.key"))?, BackendChoice::from_env()?)?;
    println!("server key loaded in {:.2?} ({})", start.elapsed(), server.backend_description());
    let inputs = IntCiphertext::batch_from_bytes(&std::fs::read(dir.join("inputs.bin"))?)?;
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
    std::fs::write(dir.join("outputs.bin"), IntCiphertext::batch_to_bytes(&outputs)?)?;
    println!("evaluated a + b, a · b and a < b in {:.2?} into outputs.bin", start.elapsed());
    Ok(())
}

fn decrypt(dir: &Path) -> Outcome {
    let client = ClientKey::from_secret_bytes(&std::fs::read(dir.join("client.key"))?)?;
    let outputs = IntCiphertext::batch_from_bytes(&std::fs::read(dir.join("outputs.bin"))?)?;
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
