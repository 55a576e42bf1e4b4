//! The kernel design in numbers: what one CMux step moves per ciphertext
//! under the layout the backend would choose, counted from the generated
//! kernels' structure, and what that predicts for named AMD GPUs. This is
//! how the design is reviewed until a GPU measures it; the README's table is
//! this module's output, beside the compiler's own figures
//! (`benches/kernel-stats`).

use std::fmt::Write;

use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::Result;

use crate::codegen::choice::cmux_layout;
use crate::codegen::model::{self, ComputeUnit};
use crate::codegen::module;
use crate::codegen::shape::Shape;
use crate::options::{Arithmetic, CmuxKernel, GpuOptions};

/// What one CMux step moves per ciphertext, for one parameter set, path and
/// workgroup memory limit, with the default options.
///
/// ```
/// use umbra_fhe_core::params::TFHE_LIB;
/// use umbra_fhe_gpu::{design::CmuxStep, Arithmetic};
/// let step = CmuxStep::of(&TFHE_LIB, Arithmetic::F64, 48 << 10)?;
/// assert_eq!((step.ciphertexts, step.exchanges), (1, 2));
/// assert!(step.workgroup_bytes <= 48 << 10);
/// # Ok::<(), umbra_fhe_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CmuxStep {
    /// Global memory bytes other than the key: the accumulator read for
    /// each row's digits and updated, or, with the accumulators on chip,
    /// their load and store once per window spread over the window's steps.
    pub private_global_bytes: f64,
    /// Key bytes read per ciphertext (each workgroup reads the step's GGSW
    /// once for all its ciphertexts).
    pub key_bytes: f64,
    /// Bytes of the read-only table of stage multipliers (which carry the
    /// negacyclic twist) read per ciphertext: each load serves all the
    /// workgroup's ciphertexts. They come from a table of [`CmuxStep::table_bytes`] that
    /// all workgroups share, small enough to stay in the first-level cache.
    pub twiddle_bytes: f64,
    /// Size of the twiddle table.
    pub table_bytes: u64,
    /// Workgroup memory bytes written and read per ciphertext: exchanges,
    /// spectral accumulators and GLWE accumulators where they are on chip.
    pub lds_bytes: f64,
    /// Workgroup memory of one workgroup.
    pub workgroup_bytes: u64,
    /// Workgroup barriers per ciphertext (the step's closing barrier not counted).
    pub barriers: f64,
    /// Invocations per workgroup.
    pub invocations: u32,
    /// Ciphertexts per workgroup.
    pub ciphertexts: u32,
    /// Values of a transform per invocation (per prime on `u32`).
    pub values_per_invocation: u32,
    /// Exchanges through workgroup memory per transform.
    pub exchanges: u32,
    /// Whether the accumulators stay on chip for a window.
    pub accumulators_on_chip: bool,
    /// Whether the spectral accumulators live in workgroup memory (else registers).
    pub spectra_on_chip: bool,
    /// 32-bit registers per invocation the backend's model predicts.
    pub predicted_registers: f64,
}

impl CmuxStep {
    /// The step of `params` on `arithmetic` under `workgroup_memory` bytes,
    /// with [`GpuOptions::default`]. Errors as the backend's layout choice:
    /// [`umbra_fhe_core::Error::Unsupported`] where not even one ciphertext fits.
    pub fn of(params: &Parameters, arithmetic: Arithmetic, workgroup_memory: u32) -> Result<Self> {
        let shape = Shape::of(params)?;
        let options = GpuOptions::default();
        let layout = cmux_layout(workgroup_memory, arithmetic, &shape, None, &CmuxKernel::default())?;
        let (n, k) = (params.polynomial_size.0, params.glwe_dimension.0);
        let plan = layout.plan(n);
        let cts = f64::from(layout.ciphertexts_per_workgroup);
        let traffic = model::step_traffic(&layout, &shape);
        let accumulator = 4.0 * ((k + 1) * n) as f64;
        let private_global_bytes = if layout.accumulators_on_chip {
            2.0 * accumulator / options.steps_per_dispatch as f64
        } else {
            traffic.accumulator_bytes
        };
        let transforms = ((k + 1) * (params.pbs_level.0 + 1)) as f64;
        // Bytes per value read: one complex f64, or a (value, companion) pair
        // of u32 under each of the two primes; 16 either way.
        let entry = 16.0;
        // Every transform reads the multipliers of its stages but the first.
        let twiddle_bytes = transforms * entry * plan.twiddle_reads() as f64 / cts;
        Ok(Self {
            private_global_bytes,
            key_bytes: traffic.key_bytes,
            twiddle_bytes,
            table_bytes: module::twiddle_bytes(&layout, n).len() as u64,
            lds_bytes: traffic.lds_bytes,
            workgroup_bytes: layout.workgroup_bytes(n, k),
            barriers: traffic.barriers,
            invocations: plan.invocations() as u32,
            ciphertexts: layout.ciphertexts_per_workgroup,
            values_per_invocation: plan.per() as u32,
            exchanges: plan.exchanges() as u32,
            accumulators_on_chip: layout.accumulators_on_chip,
            spectra_on_chip: layout.spectra_on_chip,
            predicted_registers: model::predicted_registers(&layout, k, n),
        })
    }
}

/// A GPU the estimate is made for: public figures of its compute units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NamedGpu {
    /// Marketing name and architecture.
    pub name: &'static str,
    /// Compute units.
    pub compute_units: u32,
    /// Clock, GHz (boost).
    pub clock_ghz: f64,
    /// Workgroup memory one workgroup may use, bytes.
    pub workgroup_memory: u32,
    /// `f64` operations per clock per compute unit (an FMA counts 2).
    pub f64_ops_per_clock: f64,
    /// 32-bit integer operations per clock per compute unit.
    pub u32_ops_per_clock: f64,
}

/// The AMD GPUs whose compilers `benches/kernel-stats` runs (Mesa's
/// `gfx1100` and `aldebaran` targets): FP64 is 1/32 of FP32 on RDNA3 and
/// full rate on CDNA2.
pub const AMD_GPUS: [NamedGpu; 2] = [
    NamedGpu {
        name: "Radeon RX 7900 XTX (RDNA3, gfx1100)",
        compute_units: 96,
        clock_ghz: 2.5,
        workgroup_memory: 64 << 10,
        f64_ops_per_clock: 8.0,
        u32_ops_per_clock: 64.0,
    },
    NamedGpu {
        name: "Instinct MI250X (CDNA2, aldebaran)",
        compute_units: 220,
        clock_ghz: 1.7,
        workgroup_memory: 64 << 10,
        f64_ops_per_clock: 128.0,
        u32_ops_per_clock: 64.0,
    },
];

/// Arithmetic operations of one CMux step per ciphertext: `5·S·log₂S`
/// flops per complex FFT of `S = N/2` points and 8 per complex product on
/// `f64`; on `u32`, about 12 integer operations per radix-2 butterfly
/// equivalent (a Shoup product and a lazy sum and difference) and per
/// pointwise product and sum, under each of the two primes.
fn step_operations(params: &Parameters, arithmetic: Arithmetic) -> f64 {
    let (n, k, l) = (params.polynomial_size.0 as f64, params.glwe_dimension.0 as f64, params.pbs_level.0 as f64);
    let (rows, transforms) = ((k + 1.0) * l, (k + 1.0) * (l + 1.0));
    match arithmetic {
        Arithmetic::F64 => {
            let s = n / 2.0;
            transforms * 5.0 * s * s.log2() + rows * (k + 1.0) * s * 8.0
        }
        Arithmetic::U32 => 2.0 * (transforms * 12.0 * n / 2.0 * n.log2() + rows * (k + 1.0) * n * 12.0),
    }
}

/// Estimated bootstraps per second of `params` on `arithmetic` on `gpu`,
/// with every compute unit busy: one CMux step per ciphertext takes the
/// larger of its arithmetic (operations over the unit's rate) and the
/// model's clocks for its memory traffic and barriers
/// (the layout choice's estimate of workgroup memory and L2 traffic and
/// barrier waits, at the unit's own workgroup memory);
/// `n` steps per bootstrap, the keyswitch not counted. An estimate from
/// public figures and counts, not a measurement.
///
/// ```
/// use umbra_fhe_core::params::TFHE_LIB;
/// use umbra_fhe_gpu::{design, Arithmetic};
/// let [rdna3, cdna2] = design::AMD_GPUS;
/// let f64_rdna3 = design::estimated_pbs_per_second(&TFHE_LIB, Arithmetic::F64, &rdna3)?;
/// let f64_cdna2 = design::estimated_pbs_per_second(&TFHE_LIB, Arithmetic::F64, &cdna2)?;
/// assert!(f64_cdna2 > f64_rdna3); // full-rate f64
/// # Ok::<(), umbra_fhe_core::Error>(())
/// ```
pub fn estimated_pbs_per_second(params: &Parameters, arithmetic: Arithmetic, gpu: &NamedGpu) -> Result<f64> {
    let shape = Shape::of(params)?;
    let layout = cmux_layout(gpu.workgroup_memory, arithmetic, &shape, None, &CmuxKernel::default())?;
    let unit = ComputeUnit { workgroup_memory: f64::from(gpu.workgroup_memory), ..model::REFERENCE_UNIT };
    let memory = model::estimated_clocks(&layout, &shape, &unit);
    let rate = match arithmetic {
        Arithmetic::F64 => gpu.f64_ops_per_clock,
        Arithmetic::U32 => gpu.u32_ops_per_clock,
    };
    let arithmetic_clocks = step_operations(params, arithmetic) / rate;
    let clocks = memory.max(arithmetic_clocks);
    Ok(f64::from(gpu.compute_units) * gpu.clock_ghz * 1e9 / (params.lwe_dimension.0 as f64 * clocks))
}

/// The design table of the README: every shipped shape (`message-1` and
/// `message-2` share `default-boolean`'s) on both paths, under NVIDIA's
/// 48 KiB of workgroup memory, as Markdown, with the estimated bootstraps
/// per second of [`AMD_GPUS`] (at their own 64 KiB).
///
/// ```
/// let table = umbra_fhe_gpu::design::table();
/// assert!(table.contains("| `tfhe-lib` | f64 |"));
/// ```
pub fn table() -> String {
    let mut out = String::from(
        "| set | path | private global KB | key KB | twiddle KB (table KB) | workgroup memory KB moved | \
         workgroup bytes | barriers | invocations / workgroup | ciphertexts / workgroup | values / invocation | \
         exchanges / transform | accumulators | spectra | predicted VGPRs | est. PBS/s RX 7900 XTX | \
         est. PBS/s MI250X |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|\n",
    );
    let shapes = ["default-boolean", "tfhe-lib", "message-3", "message-4"];
    for params in shapes.iter().filter_map(|name| Parameters::by_name(name)) {
        for (arithmetic, path) in [(Arithmetic::F64, "f64"), (Arithmetic::U32, "u32")] {
            // Every shipped set fits 48 KiB (a test checks it).
            let Ok(step) = CmuxStep::of(&params, arithmetic, 48 << 10) else { continue };
            let estimates: Vec<String> = AMD_GPUS
                .iter()
                .map(|gpu| {
                    estimated_pbs_per_second(&params, arithmetic, gpu)
                        .map(|x| thousands((x / 100.0).round() as u64 * 100))
                        .unwrap_or_else(|_| "—".into())
                })
                .collect();
            let _ = writeln!(
                out,
                "| `{}` | {path} | {} | {} | {} ({}) | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.0} | {} | {} |",
                params.name,
                kilobytes(step.private_global_bytes),
                kilobytes(step.key_bytes),
                kilobytes(step.twiddle_bytes),
                kilobytes(step.table_bytes as f64),
                kilobytes(step.lds_bytes),
                thousands(step.workgroup_bytes),
                trimmed(step.barriers),
                step.invocations,
                step.ciphertexts,
                step.values_per_invocation,
                step.exchanges,
                if step.accumulators_on_chip { "on chip" } else { "global" },
                if step.spectra_on_chip { "on chip" } else { "registers" },
                step.predicted_registers,
                estimates[0],
                estimates[1]
            );
        }
    }
    out
}

fn kilobytes(bytes: f64) -> String {
    trimmed(bytes / 1024.0)
}

/// `x` with at most one decimal, none when it is whole.
fn trimmed(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

fn thousands(x: u64) -> String {
    let digits = x.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_set_fits_48_kib_on_both_paths() {
        for params in Parameters::all() {
            for arithmetic in [Arithmetic::F64, Arithmetic::U32] {
                let step = CmuxStep::of(&params, arithmetic, 48 << 10).unwrap();
                assert!(step.workgroup_bytes <= 48 << 10, "{}", params.name);
                // Radix 4 where only it stays within the registers: up to 5
                // exchanges (u32 at N = 2048 under 48 KiB).
                assert!((2..=5).contains(&step.exchanges), "{} {arithmetic:?}: {}", params.name, step.exchanges);
                assert!(step.predicted_registers <= model::REGISTER_BUDGET, "{}", params.name);
            }
        }
    }

    #[test]
    fn numbers_format_as_in_the_readme() {
        assert_eq!(thousands(49_152), "49,152");
        assert_eq!(thousands(512), "512");
        assert_eq!(trimmed(1.5), "1.5");
        assert_eq!(trimmed(8.0), "8");
    }
}
