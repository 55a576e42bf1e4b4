//! Side-by-side comparison of every backend compiled in (and tfhe-rs with
//! feature `peer`): bootstraps per second against batch size, in one run.
//!
//! `cargo run --release -p umbra-benches --bin compare` (add `--all-features`
//! for the GPU rows and the peer). Writes `compare.{csv,json,svg}` and
//! `compare.md` into `--out` (default `bench-results/`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use umbra_benches::contenders::{all_contenders, GpuLayout};
use umbra_benches::integers::{int_contenders, markdown as integer_markdown, measure, IntOp};
use umbra_benches::machine::MachineInfo;
use umbra_benches::programs::{self, Program, Workload};
use umbra_benches::report::{csv, fill_ratios, markdown_table, plot, Document, Row};
use umbra_benches::sizes;
use umbra_benches::Fixture;
use umbra_fhe_core::params::Parameters;

#[derive(Parser, Debug)]
#[command(about = "Bootstraps per second of each Umbra backend (and tfhe-rs) against batch size")]
struct Args {
    /// Batch sizes to measure (default 1,16,64,256,1024; with --quick 1,16).
    #[arg(long, value_delimiter = ',')]
    batch_sizes: Option<Vec<usize>>,
    /// Parameter sets by name, or `all` for every shipped set (default
    /// tfhe-lib,default-boolean; with --quick tfhe-lib).
    #[arg(long, value_delimiter = ',')]
    params: Option<Vec<String>>,
    /// Measure the GPU backend's paths only (no CPU rows, no peer).
    #[arg(long)]
    gpu_only: bool,
    /// Fail unless a GPU backend is measured on a hardware adapter; with
    /// --allow-software, a software adapter (llvmpipe/lavapipe, SwiftShader,
    /// WARP) is accepted and its rows are marked as such.
    #[arg(long)]
    require_gpu: bool,
    /// Accept a software adapter for --require-gpu.
    #[arg(long)]
    allow_software: bool,
    /// A Markdown file whose text heads the report (and is kept in the JSON).
    #[arg(long)]
    notes: Option<PathBuf>,
    /// Timed repetitions per row; the median is reported (default 5; with --quick 2).
    #[arg(long)]
    repeats: Option<usize>,
    /// A short run (under a minute on 2 cores), for smoke tests.
    #[arg(long)]
    quick: bool,
    /// Exit with an error unless every expected row was measured.
    #[arg(long)]
    check: bool,
    /// Measure the integer section instead: `add`, `lt`, `mul` on 8/16/32-bit
    /// encrypted integers, latency and throughput, Umbra CPU ×1/×2 beside
    /// tfhe-rs (feature `peer`). Writes `integers.{md,json}`.
    #[arg(long)]
    integers: bool,
    /// Measure the size section instead: bytes of an encrypted `u8`, `u32`
    /// and `[u8; 128]`, ordinary, compressed and as a public key's compact
    /// list, Umbra beside tfhe-rs (feature `peer`). Writes `sizes.{md,json}`.
    #[arg(long)]
    sizes: bool,
    /// Measure the program section instead: SHA-256 of an encrypted message
    /// and private face matching, Umbra CPU ×1/×2 beside tfhe-rs's integers
    /// and (SHA-256) booleans (feature `peer`). Writes `programs.{md,json}`.
    #[arg(long)]
    programs: bool,
    /// Programs of the program section (default both).
    #[arg(long, value_enum, value_delimiter = ',')]
    program: Option<Vec<Program>>,
    /// The message SHA-256 hashes.
    #[arg(long, default_value = "abc")]
    sha_message: String,
    /// Rounds per SHA-256 block, 1 to 64 (default 64, the real hash; with
    /// --quick 1): fewer give a reduced-round variant of the same
    /// construction, each round the same work.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=64))]
    sha_rounds: Option<u8>,
    /// Database entries of the face match (default 100; with --quick 1).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=65_536))]
    faces: Option<u32>,
    /// Independent `add`/`lt` operations per throughput row of the integer
    /// section (default 100; with --quick 4).
    #[arg(long)]
    int_batch: Option<usize>,
    /// Independent `mul` operations per throughput row (default 8; with --quick 2).
    #[arg(long)]
    int_mul_batch: Option<usize>,
    /// Integer operations (default all: add, lt, mul).
    #[arg(long, value_enum, value_delimiter = ',')]
    int_ops: Option<Vec<IntOp>>,
    /// Integer widths (default 8,16,32; with --quick 8).
    #[arg(long, value_delimiter = ',')]
    int_widths: Option<Vec<u32>>,
    /// Extra rows of the GPU backend with forced CMux layouts,
    /// PATH:VALUESxCIPHERTEXTS each (path f64 or u32; values of a transform
    /// per invocation, 2 to 16; ciphertexts per workgroup, 1 or 2), e.g.
    /// `f64:8x1,f64:4x2,u32:16x1`.
    #[arg(long, value_delimiter = ',')]
    layouts: Vec<GpuLayout>,
    /// Directory for the CSV, JSON, Markdown and SVG outputs.
    #[arg(long, default_value = "bench-results")]
    out: PathBuf,
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<bool, Box<dyn std::error::Error>> {
    let args = Args::parse();
    if args.integers {
        return run_integers(&args);
    }
    if args.sizes {
        return run_sizes(&args);
    }
    if args.programs {
        return run_programs(&args);
    }
    let batch_sizes =
        args.batch_sizes.clone().unwrap_or_else(|| if args.quick { vec![1, 16] } else { vec![1, 16, 64, 256, 1024] });
    if batch_sizes.iter().any(|&b| b == 0 || b > 1 << 16) {
        return Err("batch sizes must be in 1..=65536".into());
    }
    let names = args.params.clone().unwrap_or_else(|| {
        if args.quick {
            vec!["tfhe-lib".into()]
        } else {
            vec!["tfhe-lib".into(), "default-boolean".into()]
        }
    });
    let sets = if names.iter().any(|n| n == "all") {
        Parameters::all().to_vec()
    } else {
        names
            .iter()
            .map(|n| Parameters::by_name(n).ok_or_else(|| format!("unknown parameter set `{n}`")))
            .collect::<Result<Vec<_>, _>>()?
    };
    let notes = match &args.notes {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?,
        None => String::new(),
    };
    let repeats = args.repeats.unwrap_or(if args.quick { 2 } else { 5 }).max(1);

    let mut machine = MachineInfo::detect();
    let mut contenders = all_contenders(&mut machine, &args.layouts);
    if args.gpu_only {
        contenders.retain(|c| c.is_gpu());
    }
    if args.require_gpu {
        if !contenders.iter().any(|c| c.is_gpu()) {
            return Err(
                "--require-gpu: no GPU backend could be built (is the `gpu` feature on, and a driver installed?)"
                    .into(),
            );
        }
        if !args.allow_software {
            if let Some(c) = contenders.iter().find(|c| c.is_software()) {
                return Err(format!(
                    "--require-gpu: {} runs on a software adapter ({}), not a GPU; \
                     pass --allow-software to measure it anyway (its rows are marked)",
                    c.label(),
                    c.details()
                )
                .into());
            }
        }
    }
    println!("machine: {} ({} threads, {})", machine.cpu, machine.threads, machine.os);
    for a in &machine.adapters {
        println!("adapter: {a}");
    }
    for c in &contenders {
        println!("contender: {} — {}", c.label(), c.details());
    }

    let total = (sets.len() * contenders.len() * batch_sizes.len()) as u64;
    let progress = ProgressBar::new(total).with_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} rows, {elapsed} elapsed — {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut rows = Vec::new();
    let mut missing = Vec::new();
    for params in &sets {
        progress.set_message(format!("keys for {}", params.name));
        let mut fixture = Fixture::new(*params);
        for contender in contenders.iter_mut() {
            let label = contender.label();
            if let Err(e) = contender.prepare(&fixture).and_then(|()| contender.run(&mut fixture, 1).map(|_| ())) {
                progress.println(format!("{label} on {}: {e}", params.name));
                missing.extend(batch_sizes.iter().map(|b| format!("{label} / {} / {b}", params.name)));
                progress.inc(batch_sizes.len() as u64);
                continue;
            }
            for &batch in &batch_sizes {
                progress.set_message(format!("{label}, {}, batch {batch}", params.name));
                let times: Result<Vec<f64>, _> =
                    (0..repeats).map(|_| contender.run(&mut fixture, batch).map(|d| d.as_secs_f64() * 1e3)).collect();
                match times {
                    Ok(mut times) => {
                        let Some(mut row) =
                            Row::from_times(params.name, &label, &contender.details(), batch, &mut times)
                        else {
                            continue;
                        };
                        row.baseline = contender.is_baseline();
                        row.software = contender.is_software();
                        if let Some([init, cmux, keyswitch]) = contender.kernel_ms() {
                            (row.gpu_init_ms, row.gpu_cmux_ms, row.gpu_keyswitch_ms) =
                                (Some(init), Some(cmux), Some(keyswitch));
                        }
                        row.peer_threads = contender
                            .is_peer()
                            .then(|| label.rsplit('×').next().and_then(|t| t.parse().ok()).unwrap_or(1));
                        rows.push(row);
                    }
                    Err(e) => {
                        progress.println(format!("{label} on {}, batch {batch}: {e}", params.name));
                        missing.push(format!("{label} / {} / {batch}", params.name));
                    }
                }
                progress.inc(1);
            }
        }
    }
    progress.finish_with_message("done");
    fill_ratios(&mut rows);

    let table = markdown_table(&rows);
    println!("\n{table}");
    std::fs::create_dir_all(&args.out)?;
    let unix_time = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let doc = Document { machine: &machine, unix_time, notes: &notes, rows: &rows };
    std::fs::write(args.out.join("compare.json"), serde_json::to_string_pretty(&doc)?)?;
    std::fs::write(args.out.join("compare.csv"), csv(&rows)?)?;
    let when = humantime::format_rfc3339_seconds(SystemTime::now());
    let header = format!(
        "{notes}{}Measured {when}. Machine: {} ({} threads, {}){}\n\n",
        if notes.is_empty() { "" } else { "\n\n" },
        machine.cpu,
        machine.threads,
        machine.os,
        machine.adapters.iter().map(|a| format!("; adapter: {a}")).collect::<String>()
    );
    std::fs::write(args.out.join("compare.md"), header + &table)?;
    let title = format!("Umbra bootstraps per second — {} ({} threads), {when}", machine.cpu, machine.threads);
    plot(&rows, &title, &args.out.join("compare.svg"))?;
    println!("wrote {}/compare.{{csv,json,md,svg}}", args.out.display());

    if args.check && !missing.is_empty() {
        eprintln!("check failed: {} expected row(s) missing:", missing.len());
        for m in &missing {
            eprintln!("  {m}");
        }
        return Ok(false);
    }
    if args.check {
        println!("check passed: {} rows, every contender × set × batch size measured", rows.len());
    }
    Ok(true)
}

/// The integer section: every contender × operation × width, or an error.
fn run_integers(args: &Args) -> Result<bool, Box<dyn std::error::Error>> {
    let widths = args.int_widths.clone().unwrap_or_else(|| if args.quick { vec![8] } else { vec![8, 16, 32] });
    if let Some(w) = widths.iter().find(|w| ![8, 16, 32].contains(*w)) {
        return Err(format!("integer width {w}: 8, 16 or 32").into());
    }
    let batch = args.int_batch.unwrap_or(if args.quick { 4 } else { 100 }).clamp(1, 100_000);
    let mul_batch = args.int_mul_batch.unwrap_or(if args.quick { 2 } else { 8 }).clamp(1, 100_000);
    let repeats = args.repeats.unwrap_or(if args.quick { 1 } else { 3 }).clamp(1, 1000);
    let machine = MachineInfo::detect();
    println!("machine: {} ({} threads, {})", machine.cpu, machine.threads, machine.os);
    let contenders = int_contenders(args.allow_software)?;
    let progress = ProgressBar::new_spinner();
    let ops = args.int_ops.clone().unwrap_or_else(|| IntOp::ALL.to_vec());
    let rows = measure(
        &contenders,
        &ops,
        &widths,
        repeats,
        |op, _| if op == IntOp::Mul { mul_batch } else { batch },
        |what| progress.set_message(what.to_owned()),
    )?;
    progress.finish_and_clear();
    let table = integer_markdown(&rows);
    println!("\n{table}");
    std::fs::create_dir_all(&args.out)?;
    let when = humantime::format_rfc3339_seconds(SystemTime::now());
    let header = format!(
        "Measured {when}. Machine: {} ({} threads, {}). Latency: median of {repeats} lone operations. \
         Umbra on `default-boolean`; tfhe-rs with its default integer parameters.\n\n",
        machine.cpu, machine.threads, machine.os
    );
    std::fs::write(args.out.join("integers.md"), header + &table)?;
    std::fs::write(args.out.join("integers.json"), serde_json::to_string_pretty(&rows)?)?;
    println!("wrote {}/integers.{{md,json}}", args.out.display());
    let expected = contenders.len() * ops.len() * widths.len();
    if args.check && rows.len() != expected {
        eprintln!("check failed: {} of {expected} integer rows measured", rows.len());
        return Ok(false);
    }
    Ok(true)
}

/// The size section: Umbra's rows, and tfhe-rs's with feature `peer`.
fn run_sizes(args: &Args) -> Result<bool, Box<dyn std::error::Error>> {
    let mut rows = sizes::umbra_rows()?;
    let expected = if cfg!(feature = "peer") { 2 * rows.len() } else { rows.len() };
    rows.extend(sizes::tfhe_rs_rows()?);
    let table = sizes::markdown(&rows);
    println!("\n{table}");
    std::fs::create_dir_all(&args.out)?;
    let when = humantime::format_rfc3339_seconds(SystemTime::now());
    let header = format!(
        "Measured {when}. Bytes. Umbra on `default-boolean` (envelopes); tfhe-rs 1.8.2 with its default integer \
         parameters (bincode).\n\n"
    );
    std::fs::write(args.out.join("sizes.md"), header + &table)?;
    std::fs::write(args.out.join("sizes.json"), serde_json::to_string_pretty(&rows)?)?;
    println!("wrote {}/sizes.{{md,json}}", args.out.display());
    if args.check && rows.len() != expected {
        eprintln!("check failed: {} of {expected} size rows", rows.len());
        return Ok(false);
    }
    Ok(true)
}

/// The program section: every contender × program, or an error.
fn run_programs(args: &Args) -> Result<bool, Box<dyn std::error::Error>> {
    let work = Workload {
        message: args.sha_message.as_bytes().to_vec(),
        rounds: usize::from(args.sha_rounds.unwrap_or(if args.quick { 1 } else { 64 })),
        entries: args.faces.unwrap_or(if args.quick { 1 } else { 100 }) as usize,
        threshold: 300,
    };
    let machine = MachineInfo::detect();
    println!("machine: {} ({} threads, {})", machine.cpu, machine.threads, machine.os);
    let contenders = programs::program_contenders();
    let chosen = args.program.clone().unwrap_or_else(|| Program::ALL.to_vec());
    let progress = ProgressBar::new_spinner();
    let rows = programs::measure(&contenders, &chosen, &work, |what| progress.set_message(what.to_owned()))?;
    progress.finish_and_clear();
    let table = programs::markdown(&rows);
    println!("\n{table}");
    std::fs::create_dir_all(&args.out)?;
    let when = humantime::format_rfc3339_seconds(SystemTime::now());
    let header = format!(
        "Measured {when}. Machine: {} ({} threads, {}). One run per row; every result decrypted and checked. \
         Umbra on `default-boolean`; tfhe-rs 1.8.2 with its default integer parameters and boolean \
         `DEFAULT_PARAMETERS`.\n\n",
        machine.cpu, machine.threads, machine.os
    );
    std::fs::write(args.out.join("programs.md"), header + &table)?;
    std::fs::write(args.out.join("programs.json"), serde_json::to_string_pretty(&rows)?)?;
    println!("wrote {}/programs.{{md,json}}", args.out.display());
    // tfhe-rs's booleans run SHA-256 only.
    let per_contender = |p: &Program| {
        if cfg!(feature = "peer") && *p == Program::Sha256 {
            3
        } else if cfg!(feature = "peer") {
            2
        } else {
            1
        }
    };
    let expected: usize = chosen.iter().map(|p| 2 * per_contender(p)).sum();
    if args.check && rows.len() != expected {
        eprintln!("check failed: {} of {expected} program rows measured", rows.len());
        return Ok(false);
    }
    Ok(true)
}
