//! The comparison runner's program section: two whole programs, Umbra
//! beside tfhe-rs in one run, every result decrypted and checked against
//! plaintext.
//!
//! * **SHA-256** of an encrypted message, the construction of
//!   `examples/programs/sha256.rs` for every contender: Umbra's `FheUint32`
//!   (one lazy evaluation), tfhe-rs's `FheUint32` with its default integer
//!   parameters, and tfhe-rs's boolean gates (its `sha256_bool` example's
//!   construction: bitwise gates, carry-save additions and a parallel-prefix
//!   adder, each layer of gates spread over the pool).
//! * **Private face matching**, `examples/programs/face_match.rs`: Umbra's
//!   `FheUint64` words beside the same algorithm on tfhe-rs's `FheUint64`
//!   (entries spread over the pool).
//!
//! Rows give wall time, peak resident memory during the run, and for Umbra
//! bootstraps, levels and the average batch.

#[path = "../../examples/programs/face_match.rs"]
pub mod face_match;
#[path = "../../examples/programs/memory.rs"]
mod memory;
#[path = "../../examples/programs/sha256.rs"]
pub mod sha256;

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;
use umbra_fhe::cpu::CpuBackend;
use umbra_fhe::{params, ClientKey, FheUint32, FheUint64, ServerKey};

use face_match::Template;

/// A program the section measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
pub enum Program {
    /// SHA-256 of an encrypted message.
    Sha256,
    /// An encrypted template against a plaintext database.
    FaceMatch,
}

impl Program {
    /// Every program.
    pub const ALL: [Program; 2] = [Program::Sha256, Program::FaceMatch];

    /// Its name in the report.
    pub fn name(self) -> &'static str {
        match self {
            Program::Sha256 => "sha256",
            Program::FaceMatch => "face-match",
        }
    }
}

/// What the programs run on.
#[derive(Clone, Debug)]
pub struct Workload {
    /// The message SHA-256 hashes.
    pub message: Vec<u8>,
    /// Rounds per SHA-256 block (64: the real hash).
    pub rounds: usize,
    /// Database entries of the face match.
    pub entries: usize,
    /// Its threshold distance.
    pub threshold: u16,
}

impl Workload {
    /// The size of `program`'s run, in words.
    fn size(&self, program: Program) -> String {
        match program {
            Program::Sha256 => {
                let blocks = sha256::padded_blocks(&self.message).len();
                format!("{} B, {blocks} block(s) × {} rounds", self.message.len(), self.rounds)
            }
            Program::FaceMatch => format!("{} entries", self.entries),
        }
    }

    /// The face-match database and probe (deterministic).
    fn faces(&self) -> (Template, Vec<Template>) {
        face_match::sample_database(self.entries, 100, 7)
    }

    /// The plaintext digest words.
    fn digest(&self) -> [u32; 8] {
        sha256::hash(sha256::padded_blocks(&self.message), self.rounds)
    }
}

/// What one run measured.
#[derive(Clone, Debug, Default)]
pub struct Measured {
    /// Wall time of the evaluation (encryption and decryption excluded).
    pub elapsed: Duration,
    /// Bootstraps, levels and average batch, where the contender counts them.
    pub circuit: Option<(usize, usize, f64)>,
}

/// One row of the section.
#[derive(Clone, Debug, Serialize)]
pub struct ProgramRow {
    /// The program.
    pub program: Program,
    /// Its size.
    pub size: String,
    /// Who ran it, e.g. `umbra cpu ×2`.
    pub contender: String,
    /// Wall seconds.
    pub seconds: f64,
    /// Face matching: entries per second.
    pub matches_per_s: Option<f64>,
    /// Bootstraps (Umbra).
    pub bootstraps: Option<usize>,
    /// Levels, one backend call each (Umbra).
    pub levels: Option<usize>,
    /// Bootstraps per level (Umbra).
    pub average_batch: Option<f64>,
    /// Peak resident memory of the process during the run, MB.
    pub peak_mb: Option<f64>,
}

/// Someone who runs the programs.
pub trait ProgramContender {
    /// Row label; ends in `×threads`.
    fn label(&self) -> String;
    /// Runs `program` on `work`, checks the result, returns what it measured
    /// (`None`: this contender does not run that program).
    fn run(&self, program: Program, work: &Workload) -> Option<Result<Measured, String>>;
}

/// Umbra's integers on the CPU backend.
pub struct UmbraPrograms {
    threads: usize,
    client: ClientKey,
    server: ServerKey,
}

impl UmbraPrograms {
    /// Keys on `default-boolean` for a CPU backend of `threads` threads.
    pub fn new(threads: usize) -> Result<Self, String> {
        let client = ClientKey::new(params::DEFAULT_BOOLEAN).map_err(|e| e.to_string())?;
        let backend = CpuBackend::with_threads(threads).map_err(|e| e.to_string())?;
        let server = ServerKey::with_custom_backend(&client, Arc::new(backend), format!("umbra cpu ×{threads}"))
            .map_err(|e| e.to_string())?;
        Ok(Self { threads, client, server })
    }

    fn sha256(&self, work: &Workload) -> Result<Measured, String> {
        let blocks: Vec<[FheUint32; 16]> = sha256::padded_blocks(&work.message)
            .iter()
            .map(|block| block.map(|w| FheUint32::encrypt(w, &self.client)))
            .collect();
        let start = Instant::now();
        let digest = sha256::hash(blocks, work.rounds);
        let stats = self.server.evaluate(&digest).map_err(|e| e.to_string())?;
        let elapsed = start.elapsed();
        let words: Vec<u32> =
            digest.iter().map(|w| w.decrypt(&self.client)).collect::<Result<_, _>>().map_err(|e| e.to_string())?;
        check_digest(&words, work)?;
        Ok(Measured { elapsed, circuit: Some((stats.bootstraps, stats.levels, stats.average_batch())) })
    }

    fn face_match(&self, work: &Workload) -> Result<Measured, String> {
        let (probe, database) = work.faces();
        let encrypted = probe.map(|w| FheUint64::encrypt(w, &self.client));
        let start = Instant::now();
        let answer = face_match::best_match(&encrypted, &database, work.threshold);
        let stats = self.server.evaluate(&(&answer.matched, &answer.best)).map_err(|e| e.to_string())?;
        let elapsed = start.elapsed();
        let got = (
            answer.matched.decrypt(&self.client).map_err(|e| e.to_string())?,
            answer.best.decrypt(&self.client).map_err(|e| e.to_string())?,
        );
        check_match(got, &probe, &database, work.threshold)?;
        Ok(Measured { elapsed, circuit: Some((stats.bootstraps, stats.levels, stats.average_batch())) })
    }
}

impl ProgramContender for UmbraPrograms {
    fn label(&self) -> String {
        format!("umbra cpu ×{}", self.threads)
    }

    fn run(&self, program: Program, work: &Workload) -> Option<Result<Measured, String>> {
        Some(match program {
            Program::Sha256 => self.sha256(work),
            Program::FaceMatch => self.face_match(work),
        })
    }
}

fn check_digest(words: &[u32], work: &Workload) -> Result<(), String> {
    let want = work.digest();
    if words == want {
        Ok(())
    } else {
        Err(format!("digest {words:08x?} decrypted, plaintext gives {want:08x?}"))
    }
}

fn check_match(got: (bool, u16), probe: &Template, database: &[Template], threshold: u16) -> Result<(), String> {
    let (matched, best, _) = face_match::best_match_plain(probe, database, threshold);
    if got == (matched, best) {
        Ok(())
    } else {
        Err(format!("face match decrypted to {got:?}, plaintext gives {:?}", (matched, best)))
    }
}

/// Builds a contender (its keys included).
pub type ContenderFactory = Box<dyn Fn() -> Result<Box<dyn ProgramContender>, String>>;

/// Every contender of this build, to be built one at a time: Umbra with 1
/// and 2 threads, and with feature `peer` tfhe-rs's integers and booleans
/// with 1 and 2 threads.
pub fn program_contenders() -> Vec<ContenderFactory> {
    let mut all: Vec<ContenderFactory> = Vec::new();
    for threads in [1, 2] {
        all.push(Box::new(move || Ok(Box::new(UmbraPrograms::new(threads)?) as Box<dyn ProgramContender>)));
        #[cfg(feature = "peer")]
        {
            all.push(Box::new(move || Ok(Box::new(peer::TfheRsIntegers::new(threads)?) as Box<dyn ProgramContender>)));
            all.push(Box::new(move || Ok(Box::new(peer::TfheRsBooleans::new(threads)?) as Box<dyn ProgramContender>)));
        }
    }
    all
}

/// Runs every contender on every program, one run each. Contenders are
/// built one at a time and dropped after their runs, so a row's peak
/// resident memory (from a high-water mark reset before the run, Linux)
/// holds its own keys and ciphertexts, not the others'.
pub fn measure(
    contenders: &[ContenderFactory],
    programs: &[Program],
    work: &Workload,
    mut progress: impl FnMut(&str),
) -> Result<Vec<ProgramRow>, String> {
    let mut rows = Vec::new();
    for build in contenders {
        for &program in programs {
            reset_peak_memory();
            let contender = build()?;
            progress(&format!("{} {}", contender.label(), program.name()));
            let Some(measured) = contender.run(program, work) else { continue };
            let measured = measured.map_err(|e| format!("{} {}: {e}", contender.label(), program.name()))?;
            let seconds = measured.elapsed.as_secs_f64();
            rows.push(ProgramRow {
                program,
                size: work.size(program),
                contender: contender.label(),
                seconds,
                matches_per_s: (program == Program::FaceMatch).then(|| work.entries as f64 / seconds),
                bootstraps: measured.circuit.map(|c| c.0),
                levels: measured.circuit.map(|c| c.1),
                average_batch: measured.circuit.map(|c| c.2),
                peak_mb: memory::peak_memory_bytes().map(|b| b as f64 / 1e6),
            });
        }
    }
    rows.sort_by_key(|r| Program::ALL.iter().position(|&p| p == r.program));
    Ok(rows)
}

/// Resets the process's peak resident set size to its current size
/// (Linux: `5` written to `/proc/self/clear_refs`); elsewhere a no-op, and
/// the peak then covers the whole process so far.
fn reset_peak_memory() {
    // Where the file cannot be written, the rows say the process's peak.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The rows as a Markdown table, with the ratio of the fastest tfhe-rs row
/// of the same program and thread count to Umbra's time (above 1: Umbra
/// is faster).
pub fn markdown(rows: &[ProgramRow]) -> String {
    let mut out = String::from(
        "| program | size | contender | seconds | matches/s | bootstraps | levels | average batch | peak MB | \
         fastest tfhe-rs ÷ Umbra |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    let opt = |v: Option<f64>, digits: usize| v.map_or("—".to_owned(), |v| format!("{v:.digits$}"));
    for r in rows {
        let threads = r.contender.rsplit('×').next().unwrap_or("");
        let fastest_peer = rows
            .iter()
            .filter(|p| p.program == r.program && p.contender.starts_with("tfhe-rs") && p.contender.ends_with(threads))
            .map(|p| p.seconds)
            .min_by(f64::total_cmp);
        let ratio = match fastest_peer {
            Some(peer) if r.contender.starts_with("umbra") => format!("{:.2}×", peer / r.seconds),
            _ => "—".to_owned(),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {:.1} | {} | {} | {} | {} | {} | {ratio} |\n",
            r.program.name(),
            r.size,
            r.contender,
            r.seconds,
            opt(r.matches_per_s, 3),
            r.bootstraps.map_or("—".to_owned(), |b| b.to_string()),
            r.levels.map_or("—".to_owned(), |l| l.to_string()),
            opt(r.average_batch, 1),
            opt(r.peak_mb, 0),
        ));
    }
    out
}

#[cfg(feature = "peer")]
mod peer {
    //! tfhe-rs 1.8.2: `FheUint32`/`FheUint64` with its default integer
    //! parameters, and its boolean gates with `DEFAULT_PARAMETERS`, each on
    //! a rayon pool of its own.

    use std::sync::Arc;
    use std::time::Instant;

    use rayon::prelude::*;
    use tfhe::boolean::prelude::{BinaryBooleanGates, Ciphertext};
    use tfhe::prelude::*;
    use tfhe::{generate_keys, set_server_key, ClientKey, ConfigBuilder, FheBool, FheUint16, FheUint32, FheUint64};

    use super::face_match::{Template, TEMPLATE_WORDS};
    use super::sha256::{self, Word};
    use super::{check_digest, check_match, Measured, Program, ProgramContender, Workload};

    fn pool(threads: usize) -> Result<rayon::ThreadPool, String> {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| e.to_string())
    }

    impl Word for FheUint32 {
        fn public(value: u32) -> Self {
            FheUint32::encrypt_trivial(value)
        }
        fn rotr(&self, k: u32) -> Self {
            RotateRight::rotate_right(self, k)
        }
        fn shr(&self, k: u32) -> Self {
            self >> k
        }
        fn xor(&self, other: &Self) -> Self {
            self ^ other
        }
        fn and(&self, other: &Self) -> Self {
            self & other
        }
        fn not(&self) -> Self {
            !self
        }
        fn sum(terms: &[&Self], constant: u32) -> Self {
            let sum: FheUint32 = terms.iter().copied().sum();
            if constant == 0 {
                sum
            } else {
                sum + constant
            }
        }
    }

    /// tfhe-rs's radix integers on `threads` threads.
    pub struct TfheRsIntegers {
        threads: usize,
        pool: rayon::ThreadPool,
        client: ClientKey,
    }

    impl TfheRsIntegers {
        pub fn new(threads: usize) -> Result<Self, String> {
            let pool = pool(threads)?;
            let (client, server) = generate_keys(ConfigBuilder::default().build());
            pool.broadcast(|_| set_server_key(server.clone()));
            Ok(Self { threads, pool, client })
        }

        fn sha256(&self, work: &Workload) -> Result<Measured, String> {
            let blocks: Vec<[FheUint32; 16]> = sha256::padded_blocks(&work.message)
                .iter()
                .map(|block| block.map(|w| FheUint32::encrypt(w, &self.client)))
                .collect();
            let start = Instant::now();
            let digest = self.pool.install(|| sha256::hash(blocks, work.rounds));
            let elapsed = start.elapsed();
            let words: Vec<u32> = digest.iter().map(|w| w.decrypt(&self.client)).collect();
            check_digest(&words, work)?;
            Ok(Measured { elapsed, circuit: None })
        }

        fn face_match(&self, work: &Workload) -> Result<Measured, String> {
            let (probe, database) = work.faces();
            let encrypted: [FheUint64; TEMPLATE_WORDS] = probe.map(|w| FheUint64::encrypt(w, &self.client));
            let start = Instant::now();
            let (matched, best) = self.pool.install(|| best_match(&encrypted, &database, work.threshold));
            let elapsed = start.elapsed();
            let got: (bool, u16) = (matched.decrypt(&self.client), best.decrypt(&self.client));
            check_match(got, &probe, &database, work.threshold)?;
            Ok(Measured { elapsed, circuit: None })
        }
    }

    /// The face match of `examples/programs/face_match.rs` on tfhe-rs's
    /// integers: distances of the entries in parallel, then the tournament.
    fn best_match(probe: &[FheUint64; TEMPLATE_WORDS], database: &[Template], threshold: u16) -> (FheBool, FheUint16) {
        let distances: Vec<FheUint16> = database
            .par_iter()
            .map(|template| {
                let counts: Vec<FheUint16> = probe
                    .par_iter()
                    .zip(template.par_iter())
                    .map(|(p, &t)| FheUint16::cast_from((p ^ t).count_ones()))
                    .collect();
                counts.iter().sum()
            })
            .collect();
        let mut best = FheUint16::encrypt_trivial(0u16);
        let mut best_distance = distances[0].clone();
        for (i, d) in distances.iter().enumerate().skip(1) {
            let closer = d.lt(&best_distance);
            best_distance = closer.select(d, &best_distance);
            best = closer.select(&FheUint16::encrypt_trivial(i as u16), &best);
        }
        (best_distance.lt(threshold), best)
    }

    impl ProgramContender for TfheRsIntegers {
        fn label(&self) -> String {
            format!("tfhe-rs FheUint ×{}", self.threads)
        }

        fn run(&self, program: Program, work: &Workload) -> Option<Result<Measured, String>> {
            Some(match program {
                Program::Sha256 => self.sha256(work),
                Program::FaceMatch => self.face_match(work),
            })
        }
    }

    /// A 32-bit word of tfhe-rs boolean ciphertexts, least significant bit
    /// first, with the server key its gates use (none for a public word).
    #[derive(Clone)]
    pub struct BoolWord {
        bits: Vec<Ciphertext>,
        key: Option<Arc<tfhe::boolean::prelude::ServerKey>>,
    }

    impl BoolWord {
        fn key_of(&self, other: &Self) -> Option<Arc<tfhe::boolean::prelude::ServerKey>> {
            self.key.clone().or_else(|| other.key.clone())
        }

        /// `gate` on every bit pair, the bits in parallel.
        fn bitwise(
            &self,
            other: &Self,
            gate: fn(&tfhe::boolean::prelude::ServerKey, &Ciphertext, &Ciphertext) -> Ciphertext,
            plain: fn(bool, bool) -> bool,
        ) -> Self {
            let key = self.key_of(other);
            let bits = match &key {
                Some(k) => self.bits.par_iter().zip(&other.bits).map(|(a, b)| gate(k, a, b)).collect(),
                None => self
                    .bits
                    .iter()
                    .zip(&other.bits)
                    .map(|(a, b)| Ciphertext::Trivial(plain(public(a), public(b))))
                    .collect(),
            };
            Self { bits, key }
        }

        fn xor_bits(&self, other: &Self) -> Self {
            self.bitwise(other, |k, a, b| k.xor(a, b), |a, b| a ^ b)
        }

        fn and_bits(&self, other: &Self) -> Self {
            self.bitwise(other, |k, a, b| k.and(a, b), |a, b| a & b)
        }

        fn or_bits(&self, other: &Self) -> Self {
            self.bitwise(other, |k, a, b| k.or(a, b), |a, b| a | b)
        }

        /// The word shifted left by `k` bits (zeros in).
        fn shl(&self, k: usize) -> Self {
            let bits =
                (0..32).map(|i| if i >= k { self.bits[i - k].clone() } else { Ciphertext::Trivial(false) }).collect();
            Self { bits, key: self.key.clone() }
        }

        /// A carry-save step: `x + y + z = sum + carry` bitwise.
        fn carry_save(x: &Self, y: &Self, z: &Self) -> (Self, Self) {
            let t = x.xor_bits(y);
            let sum = t.xor_bits(z);
            let carry = x.and_bits(y).or_bits(&z.and_bits(&t)).shl(1);
            (sum, carry)
        }

        /// `x + y` by a Kogge–Stone parallel-prefix adder.
        fn add(x: &Self, y: &Self) -> Self {
            let mut generate = x.and_bits(y);
            let propagate = x.xor_bits(y);
            let mut spread = propagate.clone();
            let mut d = 1;
            while d < 32 {
                generate = generate.or_bits(&spread.and_bits(&generate.shl(d)));
                spread = spread.and_bits(&spread.shl(d));
                d *= 2;
            }
            propagate.xor_bits(&generate.shl(1))
        }
    }

    /// The value of a trivial ciphertext (public words hold only those).
    fn public(c: &Ciphertext) -> bool {
        match c {
            Ciphertext::Trivial(b) => *b,
            Ciphertext::Encrypted(_) => unreachable!("a word without a key holds only public bits"),
        }
    }

    impl Word for BoolWord {
        fn public(value: u32) -> Self {
            Self { bits: (0..32).map(|i| Ciphertext::Trivial(value >> i & 1 == 1)).collect(), key: None }
        }
        fn rotr(&self, k: u32) -> Self {
            let k = k as usize;
            Self { bits: (0..32).map(|i| self.bits[(i + k) % 32].clone()).collect(), key: self.key.clone() }
        }
        fn shr(&self, k: u32) -> Self {
            let k = k as usize;
            let bits = (0..32).map(|i| self.bits.get(i + k).cloned().unwrap_or(Ciphertext::Trivial(false))).collect();
            Self { bits, key: self.key.clone() }
        }
        fn xor(&self, other: &Self) -> Self {
            self.xor_bits(other)
        }
        fn and(&self, other: &Self) -> Self {
            self.and_bits(other)
        }
        fn not(&self) -> Self {
            let bits = match &self.key {
                Some(k) => self.bits.iter().map(|b| k.not(b)).collect(),
                None => self.bits.iter().map(|b| Ciphertext::Trivial(!public(b))).collect(),
            };
            Self { bits, key: self.key.clone() }
        }
        fn sum(terms: &[&Self], constant: u32) -> Self {
            let mut words: Vec<Self> = terms.iter().map(|&t| t.clone()).collect();
            if constant != 0 || words.is_empty() {
                words.push(Self::public(constant));
            }
            while words.len() > 2 {
                let rest = words.split_off(3);
                let (sum, carry) = Self::carry_save(&words[0], &words[1], &words[2]);
                words = rest;
                words.push(sum);
                words.push(carry);
            }
            match words.len() {
                2 => Self::add(&words[0], &words[1]),
                _ => words.remove(0),
            }
        }
    }

    /// tfhe-rs's boolean gates on `threads` threads: SHA-256 only.
    pub struct TfheRsBooleans {
        threads: usize,
        pool: rayon::ThreadPool,
        client: tfhe::boolean::prelude::ClientKey,
        server: Arc<tfhe::boolean::prelude::ServerKey>,
    }

    impl TfheRsBooleans {
        pub fn new(threads: usize) -> Result<Self, String> {
            let (client, server) = tfhe::boolean::gen_keys();
            Ok(Self { threads, pool: pool(threads)?, client, server: Arc::new(server) })
        }

        fn sha256(&self, work: &Workload) -> Result<Measured, String> {
            let blocks: Vec<[BoolWord; 16]> = sha256::padded_blocks(&work.message)
                .iter()
                .map(|block| {
                    block.map(|w| BoolWord {
                        bits: (0..32).map(|i| self.client.encrypt(w >> i & 1 == 1)).collect(),
                        key: Some(self.server.clone()),
                    })
                })
                .collect();
            let start = Instant::now();
            let digest = self.pool.install(|| sha256::hash(blocks, work.rounds));
            let elapsed = start.elapsed();
            let words: Vec<u32> = digest
                .iter()
                .map(|w| w.bits.iter().enumerate().map(|(i, b)| u32::from(self.client.decrypt(b)) << i).sum())
                .collect();
            check_digest(&words, work)?;
            Ok(Measured { elapsed, circuit: None })
        }
    }

    impl ProgramContender for TfheRsBooleans {
        fn label(&self) -> String {
            format!("tfhe-rs boolean ×{}", self.threads)
        }

        fn run(&self, program: Program, work: &Workload) -> Option<Result<Measured, String>> {
            (program == Program::Sha256).then(|| self.sha256(work))
        }
    }
}
