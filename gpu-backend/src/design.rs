//! The kernel design in numbers: what one CMux step moves per ciphertext
//! under the layout the backend would choose, counted from the generated
//! kernels' structure. This is how the design is reviewed until a GPU
//! measures it; the README's table is this module's output.

use std::fmt::Write;

use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::Result;

use crate::kernels::cmux_layout;
use crate::shader::{Arithmetic, Shape};
use crate::{bootstrap, CmuxKernel, GpuOptions};

/// What one CMux step moves per ciphertext, for one parameter set, path and
/// workgroup memory limit, with the default options.
///
/// ```
/// use umbra_fhe_core::params::TFHE_LIB;
/// use umbra_fhe_gpu::{design::CmuxStep, Arithmetic};
/// let step = CmuxStep::of(&TFHE_LIB, Arithmetic::F64, 48 << 10)?;
/// assert_eq!((step.ciphertexts, step.exchanges), (2, 2));
/// assert!(step.workgroup_bytes <= 48 << 10);
/// # Ok::<(), umbra_fhe_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CmuxStep {
    /// Global memory bytes other than the key: the rotated differences read
    /// and the accumulator updated, or, with the accumulators on chip, their
    /// load and store once per window spread over the window's steps.
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
        let cts = f64::from(layout.cts);
        let accumulator = 4.0 * ((k + 1) * n) as f64;
        let private_global_bytes =
            if layout.acc_on_chip { 2.0 * accumulator / options.steps_per_dispatch as f64 } else { 4.0 * accumulator };
        let transforms = ((k + 1) * (params.pbs_level.0 + 1)) as f64;
        let per_exchange = if layout.buffers == 2 { 1.0 } else { 2.0 };
        // Bytes per value read: one complex f64, or a (value, companion) pair
        // of u32 under each of the two primes; 16 either way.
        let entry = 16.0;
        // Every transform reads the multipliers of its stages but the first.
        let twiddle_bytes = transforms * entry * plan.twiddle_reads() as f64 / cts;
        Ok(Self {
            private_global_bytes,
            key_bytes: bootstrap::ggsw_bytes(arithmetic, params) as f64 / cts,
            twiddle_bytes,
            table_bytes: layout.twiddle_bytes(n).len() as u64,
            workgroup_bytes: layout.workgroup_bytes(n, k),
            barriers: transforms * plan.exchanges() as f64 * per_exchange / cts,
            invocations: plan.invocations() as u32,
            ciphertexts: layout.cts,
            values_per_invocation: plan.per() as u32,
            exchanges: plan.exchanges() as u32,
            accumulators_on_chip: layout.acc_on_chip,
        })
    }
}

/// The design table of the README: every shipped shape (`message-1` and
/// `message-2` share `default-boolean`'s) on both paths, under NVIDIA's
/// 48 KiB of workgroup memory, as Markdown.
///
/// ```
/// let table = umbra_fhe_gpu::design::table();
/// assert!(table.contains("| `tfhe-lib` | f64 |"));
/// ```
pub fn table() -> String {
    let mut out = String::from(
        "| set | path | private global KB | key KB | twiddle KB (table KB) | workgroup bytes | barriers | \
         invocations / workgroup | ciphertexts / workgroup | values / invocation | exchanges / transform | \
         accumulators |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n",
    );
    let shapes = ["default-boolean", "tfhe-lib", "message-3", "message-4"];
    for params in shapes.iter().filter_map(|name| Parameters::by_name(name)) {
        for (arithmetic, path) in [(Arithmetic::F64, "f64"), (Arithmetic::U32, "u32")] {
            // Every shipped set fits 48 KiB (a test checks it).
            let Ok(step) = CmuxStep::of(&params, arithmetic, 48 << 10) else { continue };
            let _ = writeln!(
                out,
                "| `{}` | {path} | {} | {} | {} ({}) | {} | {} | {} | {} | {} | {} | {} |",
                params.name,
                kilobytes(step.private_global_bytes),
                kilobytes(step.key_bytes),
                kilobytes(step.twiddle_bytes),
                kilobytes(step.table_bytes as f64),
                thousands(step.workgroup_bytes),
                trimmed(step.barriers),
                step.invocations,
                step.ciphertexts,
                step.values_per_invocation,
                step.exchanges,
                if step.accumulators_on_chip { "on chip" } else { "global" }
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
                assert!((2..=3).contains(&step.exchanges), "{} {arithmetic:?}: {}", params.name, step.exchanges);
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
