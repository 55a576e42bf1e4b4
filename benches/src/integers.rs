//! The comparison runner's integer section: `add`, `lt` and `mul` on 8-, 16-
//! and 32-bit encrypted integers, Umbra's [`FheInteger`] on the CPU backend
//! (1 and 2 threads) beside tfhe-rs's `FheUint8/16/32` (feature `peer`),
//! and on each GPU path (feature `gpu`).
//!
//! Per row: the latency of one operation (median of the repeats) and the
//! throughput of `n` independent operations evaluated together (Umbra: one
//! lazy evaluation; tfhe-rs: the operations spread over its rayon pool).
//! Every result is decrypted and checked against Rust's.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;
use umbra_fhe::cpu::CpuBackend;
use umbra_fhe::integers::Integer;
use umbra_fhe::{params, ClientKey, FheInteger, Lazy, ServerKey};

use crate::report::median;

/// An integer operation the section measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
pub enum IntOp {
    /// Wrapping addition.
    Add,
    /// Unsigned `<`.
    Lt,
    /// Wrapping multiplication.
    Mul,
}

impl IntOp {
    /// Every measured operation.
    pub const ALL: [IntOp; 3] = [IntOp::Add, IntOp::Lt, IntOp::Mul];

    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            IntOp::Add => "add",
            IntOp::Lt => "lt",
            IntOp::Mul => "mul",
        }
    }

    /// What Rust computes on `bits`-bit operands.
    fn reference(self, bits: u32, x: u64, y: u64) -> u64 {
        let mask = u64::MAX >> (64 - bits);
        match self {
            IntOp::Add => x.wrapping_add(y) & mask,
            IntOp::Lt => u64::from(x < y),
            IntOp::Mul => x.wrapping_mul(y) & mask,
        }
    }
}

/// One measured row.
#[derive(Clone, Debug, Serialize)]
pub struct IntRow {
    /// The operation.
    pub op: IntOp,
    /// Operand width in bits.
    pub bits: u32,
    /// Who was measured, e.g. `umbra cpu ×2`.
    pub contender: String,
    /// Median milliseconds of one operation alone.
    pub latency_ms: f64,
    /// Independent operations in the throughput measurement.
    pub batch: usize,
    /// Operations per second over `batch` independent operations.
    pub ops_per_s: f64,
}

/// Operand pairs for `bits`, deterministic.
fn operands(bits: u32, count: usize) -> Vec<(u64, u64)> {
    use rand::{Rng, SeedableRng};
    let mask = u64::MAX >> (64 - bits);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(u64::from(bits));
    (0..count).map(|_| (rng.random::<u64>() & mask, rng.random::<u64>() & mask)).collect()
}

/// Someone who evaluates integer operations.
pub trait IntContender {
    /// Row label.
    fn label(&self) -> String;
    /// Evaluates `op` on every pair together, checks the results, returns the time.
    fn run(&self, op: IntOp, bits: u32, pairs: &[(u64, u64)]) -> Result<Duration, String>;
}

/// Umbra's [`FheInteger`] on one backend.
pub struct UmbraInts {
    label: String,
    client: ClientKey,
    server: ServerKey,
}

impl UmbraInts {
    /// Keys on `default-boolean` for a CPU backend of `threads` threads.
    pub fn new(threads: usize) -> Result<Self, String> {
        let backend = CpuBackend::with_threads(threads).map_err(|e| e.to_string())?;
        Self::on(format!("umbra cpu ×{threads}"), Arc::new(backend))
    }

    /// Keys on `default-boolean` for any backend, labelled `label`.
    pub fn on(label: String, backend: Arc<dyn umbra_fhe::Backend>) -> Result<Self, String> {
        let client = ClientKey::new(params::DEFAULT_BOOLEAN).map_err(|e| e.to_string())?;
        let server = ServerKey::with_custom_backend(&client, backend, label.clone()).map_err(|e| e.to_string())?;
        Ok(Self { label, client, server })
    }

    fn run_typed<T: Integer>(&self, op: IntOp, pairs: &[(u64, u64)]) -> Result<Duration, String> {
        let enc = |v: u64| FheInteger::<T>::encrypt(T::from_u64_wrapping(v), &self.client);
        let inputs: Vec<_> = pairs.iter().map(|&(x, y)| (enc(x), enc(y))).collect();
        let start = Instant::now();
        let value = |r: &FheInteger<T>, c: &ClientKey| r.decrypt(c).map(Integer::to_u64);
        match op {
            IntOp::Add => self.finish(op, T::BITS, pairs, start, inputs.iter().map(|(a, b)| a + b).collect(), value),
            IntOp::Mul => self.finish(op, T::BITS, pairs, start, inputs.iter().map(|(a, b)| a * b).collect(), value),
            IntOp::Lt => {
                self.finish(op, T::BITS, pairs, start, inputs.iter().map(|(a, b)| a.lt(b)).collect(), |f, c| {
                    f.decrypt(c).map(u64::from)
                })
            }
        }
    }

    /// Evaluates the recorded `results` together, takes the time since
    /// `start`, then checks each decrypted result (by `read`) against Rust's.
    fn finish<L: Lazy>(
        &self,
        op: IntOp,
        bits: u32,
        pairs: &[(u64, u64)],
        start: Instant,
        results: Vec<L>,
        read: impl Fn(&L, &ClientKey) -> umbra_fhe::Result<u64>,
    ) -> Result<Duration, String> {
        self.server.evaluate(&results).map_err(|e| e.to_string())?;
        let elapsed = start.elapsed();
        for (r, &(x, y)) in results.iter().zip(pairs) {
            check(op, bits, x, y, read(r, &self.client).map_err(|e| e.to_string())?)?;
        }
        Ok(elapsed)
    }
}

fn check(op: IntOp, bits: u32, x: u64, y: u64, got: u64) -> Result<(), String> {
    let want = op.reference(bits, x, y);
    if got == want {
        Ok(())
    } else {
        Err(format!("{} on {bits} bits: ({x}, {y}) decrypted to {got}, expected {want}", op.name()))
    }
}

impl IntContender for UmbraInts {
    fn label(&self) -> String {
        self.label.clone()
    }

    fn run(&self, op: IntOp, bits: u32, pairs: &[(u64, u64)]) -> Result<Duration, String> {
        match bits {
            8 => self.run_typed::<u8>(op, pairs),
            16 => self.run_typed::<u16>(op, pairs),
            32 => self.run_typed::<u32>(op, pairs),
            _ => Err(format!("{bits}-bit integers are not measured")),
        }
    }
}

/// Every contender of this build: Umbra with 1 and 2 threads, tfhe-rs with
/// 1 and 2 threads under feature `peer`, and under feature `gpu` Umbra on
/// each GPU path of a hardware adapter (of a software one too with
/// `allow_software`, labelled so).
pub fn int_contenders(allow_software: bool) -> Result<Vec<Box<dyn IntContender>>, String> {
    let mut all: Vec<Box<dyn IntContender>> = Vec::new();
    for threads in [1, 2] {
        all.push(Box::new(UmbraInts::new(threads)?));
        #[cfg(feature = "peer")]
        all.push(Box::new(peer::TfheRsInts::new(threads)?));
    }
    all.extend(gpu_int_contenders(allow_software)?);
    Ok(all)
}

#[cfg(not(feature = "gpu"))]
fn gpu_int_contenders(_allow_software: bool) -> Result<Vec<Box<dyn IntContender>>, String> {
    Ok(Vec::new())
}

/// Umbra on each GPU path of the adapter found.
#[cfg(feature = "gpu")]
fn gpu_int_contenders(allow_software: bool) -> Result<Vec<Box<dyn IntContender>>, String> {
    use umbra_fhe::Backend;
    use umbra_fhe_gpu::{GpuBackend, GpuOptions, PathChoice};
    let mut out: Vec<Box<dyn IntContender>> = Vec::new();
    for path in [PathChoice::F64, PathChoice::U32] {
        match GpuBackend::new(GpuOptions { path, ..GpuOptions::default() }) {
            Ok(gpu) if allow_software || !gpu.is_software_adapter() => {
                let software = if gpu.is_software_adapter() { " (software)" } else { "" };
                let label = format!("umbra {}{software}", gpu.name());
                out.push(Box::new(UmbraInts::on(label, Arc::new(gpu))?));
            }
            Ok(gpu) => eprintln!("integers: skipping {} (a software adapter)", gpu.description()),
            Err(e) => eprintln!("integers: skipping GPU path {path:?}: {e}"),
        }
    }
    Ok(out)
}

/// Measures every contender, operation and width: `repeats` lone operations
/// (median) and one run of `throughput_ops(op, bits)` independent ones.
pub fn measure(
    contenders: &[Box<dyn IntContender>],
    ops: &[IntOp],
    widths: &[u32],
    repeats: usize,
    throughput_ops: impl Fn(IntOp, u32) -> usize,
    mut progress: impl FnMut(&str),
) -> Result<Vec<IntRow>, String> {
    let mut rows = Vec::new();
    for &op in ops {
        for &bits in widths {
            let batch = throughput_ops(op, bits).max(1);
            let pairs = operands(bits, batch.max(repeats));
            for contender in contenders {
                progress(&format!("{} {} on {bits} bits", contender.label(), op.name()));
                let mut lone: Vec<f64> = pairs[..repeats]
                    .iter()
                    .map(|p| contender.run(op, bits, std::slice::from_ref(p)).map(|d| d.as_secs_f64() * 1e3))
                    .collect::<Result<_, _>>()?;
                lone.sort_by(f64::total_cmp);
                let latency_ms = median(&lone).unwrap_or(f64::NAN);
                let elapsed = contender.run(op, bits, &pairs[..batch])?;
                rows.push(IntRow {
                    op,
                    bits,
                    contender: contender.label(),
                    latency_ms,
                    batch,
                    ops_per_s: batch as f64 / elapsed.as_secs_f64(),
                });
            }
        }
    }
    Ok(rows)
}

/// The rows as a Markdown table, with Umbra's ratios to tfhe-rs at the same
/// thread count where the peer was measured (above 1: Umbra is better).
pub fn markdown(rows: &[IntRow]) -> String {
    let mut out = String::from(
        "| op | bits | contender | latency ms | batch | ops/s | latency ÷ peer's | throughput ÷ peer's |\n\
         |---|---:|---|---:|---:|---:|---:|---:|\n",
    );
    for r in rows {
        let threads = r.contender.rsplit('×').next().unwrap_or("");
        let peer = rows.iter().find(|p| {
            p.op == r.op && p.bits == r.bits && p.contender.starts_with("tfhe-rs") && p.contender.ends_with(threads)
        });
        let (lat, thr) = match peer {
            Some(p) if r.contender.starts_with("umbra") => {
                (format!("{:.2}×", p.latency_ms / r.latency_ms), format!("{:.2}×", r.ops_per_s / p.ops_per_s))
            }
            _ => ("—".into(), "—".into()),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {:.1} | {} | {:.2} | {lat} | {thr} |\n",
            r.op.name(),
            r.bits,
            r.contender,
            r.latency_ms,
            r.batch,
            r.ops_per_s
        ));
    }
    out
}

#[cfg(feature = "peer")]
mod peer {
    //! tfhe-rs's high-level integers with its default parameters
    //! (2-bit message, 2-bit carry blocks), on a rayon pool of its own.

    use std::time::{Duration, Instant};

    use rayon::prelude::*;
    use tfhe::prelude::*;
    use tfhe::{generate_keys, set_server_key, ClientKey, ConfigBuilder, FheUint16, FheUint32, FheUint8};

    use super::{check, IntContender, IntOp};

    /// tfhe-rs `FheUint8/16/32` on `threads` threads.
    pub struct TfheRsInts {
        threads: usize,
        pool: rayon::ThreadPool,
        client: ClientKey,
    }

    impl TfheRsInts {
        pub fn new(threads: usize) -> Result<Self, String> {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| e.to_string())?;
            let (client, server) = generate_keys(ConfigBuilder::default().build());
            // The server key is per thread in tfhe-rs: every worker gets one.
            pool.broadcast(|_| set_server_key(server.clone()));
            Ok(Self { threads, pool, client })
        }
    }

    macro_rules! run_width {
        ($self:ident, $ty:ty, $plain:ty, $op:ident, $bits:expr, $pairs:ident) => {{
            let inputs: Vec<($ty, $ty)> = $pairs
                .iter()
                .map(|&(x, y)| (<$ty>::encrypt(x as $plain, &$self.client), <$ty>::encrypt(y as $plain, &$self.client)))
                .collect();
            let start = Instant::now();
            let (elapsed, results): (Duration, Vec<u64>) = $self.pool.install(|| match $op {
                IntOp::Add => {
                    let out: Vec<$ty> = inputs.par_iter().map(|(a, b)| a + b).collect();
                    let elapsed = start.elapsed();
                    (elapsed, out.iter().map(|r| u64::from(FheDecrypt::<$plain>::decrypt(r, &$self.client))).collect())
                }
                IntOp::Mul => {
                    let out: Vec<$ty> = inputs.par_iter().map(|(a, b)| a * b).collect();
                    let elapsed = start.elapsed();
                    (elapsed, out.iter().map(|r| u64::from(FheDecrypt::<$plain>::decrypt(r, &$self.client))).collect())
                }
                IntOp::Lt => {
                    let out: Vec<_> = inputs.par_iter().map(|(a, b)| a.lt(b)).collect();
                    let elapsed = start.elapsed();
                    (elapsed, out.iter().map(|r| u64::from(FheDecrypt::<bool>::decrypt(r, &$self.client))).collect())
                }
            });
            for (&got, &(x, y)) in results.iter().zip($pairs) {
                check($op, $bits, x, y, got)?;
            }
            Ok(elapsed)
        }};
    }

    impl IntContender for TfheRsInts {
        fn label(&self) -> String {
            format!("tfhe-rs ×{}", self.threads)
        }

        fn run(&self, op: IntOp, bits: u32, pairs: &[(u64, u64)]) -> Result<Duration, String> {
            match bits {
                8 => run_width!(self, FheUint8, u8, op, 8, pairs),
                16 => run_width!(self, FheUint16, u16, op, 16, pairs),
                32 => run_width!(self, FheUint32, u32, op, 32, pairs),
                _ => Err(format!("{bits}-bit integers are not measured")),
            }
        }
    }
}
