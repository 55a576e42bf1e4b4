//! How the generated transform kernels of one shape are laid out, and the
//! parts of the CMux kernel both paths generate alike.
//!
//! Both paths' kernels are generated per shape, fully unrolled over the
//! values each invocation keeps in registers (WGSL cannot index registers
//! dynamically: a loop over a local array with a run-time index spills it):
//! the key transform, the CMux blind rotation and the batched product. What
//! stays in registers across a CMux transform, per invocation and
//! ciphertext of its workgroup: the transform in flight and, unless the
//! layout keeps them in workgroup memory, the `(k+1)` spectral accumulators
//! of its positions; each row's digits are formed from the accumulator just
//! before its transform. Workgroup memory carries the transforms' exchanges
//! ([`RegisterFft`]), the spectral accumulators where the layout says so,
//! and, where it holds them, the accumulators for a whole window of steps;
//! each key value read serves every ciphertext of the workgroup.

use std::fmt::Write;

use crate::register_fft::RegisterFft;
use crate::shader::Arithmetic;
use crate::{fft64, ntt32};

/// Which kernels a transform module holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kernels {
    /// The key transform and the CMux of a bootstrap.
    Bootstrap,
    /// The batched product `poly_mul`, whose two operands go through one
    /// transform as the lanes of two slots (`cts = 2`).
    Product,
}

/// The layout of one shape's transform kernels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct KernelLayout {
    /// The path the kernels are for.
    pub arithmetic: Arithmetic,
    /// Values of a transform each invocation holds (a power of two ≥ 2).
    pub per: u32,
    /// Ciphertexts per CMux workgroup.
    pub cts: u32,
    /// Exchange buffers: 2 alternate (one barrier per exchange), 1 needs a
    /// second barrier after each exchange's reads.
    pub buffers: u32,
    /// Whether the CMux keeps its ciphertexts' GLWE accumulators in
    /// workgroup memory for a whole window of steps (read from and written
    /// back to global memory once per window).
    pub acc_on_chip: bool,
    /// Whether the CMux keeps the `(k+1)` spectral accumulators of each
    /// step in workgroup memory (each invocation reads and writes only its
    /// own positions) instead of registers: fewer live registers for more
    /// workgroup memory traffic.
    pub spectra_on_chip: bool,
}

impl KernelLayout {
    /// Bytes of workgroup memory the kernels need for polynomials of size
    /// `n` and GLWE dimension `k`: the exchange buffers (a polynomial's
    /// spectrum is `8n` bytes on both paths: `n/2` complex `f64`, or `n`
    /// residues under each of two primes), the accumulators when they stay
    /// on chip, and the `k+1` spectral accumulators when they do.
    pub fn workgroup_bytes(&self, n: usize, k: usize) -> u64 {
        let (n, k) = (n as u64, k as u64);
        let exchange = 8 * n * u64::from(self.buffers);
        let accumulator = if self.acc_on_chip { 4 * (k + 1) * n } else { 0 };
        let spectra = if self.spectra_on_chip { 8 * (k + 1) * n } else { 0 };
        u64::from(self.cts) * (exchange + accumulator + spectra)
    }

    /// The layout in words, for reports.
    pub fn describe(&self) -> String {
        format!(
            "{} values per invocation, {} ciphertext(s) per workgroup, {} exchange buffer(s), accumulators {}, \
             spectra in {}",
            self.per,
            self.cts,
            self.buffers,
            if self.acc_on_chip { "on chip" } else { "in global memory" },
            if self.spectra_on_chip { "workgroup memory" } else { "registers" }
        )
    }

    /// The transform plan for polynomials of size `n ≥ 2`: `n/2` folded
    /// complex values on `f64`, `n` residues (per prime) on `u32`.
    pub fn plan(&self, n: usize) -> RegisterFft {
        let size = match self.arithmetic {
            Arithmetic::F64 => n / 2,
            Arithmetic::U32 => n,
        };
        RegisterFft::new(size, self.per as usize)
    }

    /// Invocations per workgroup of every kernel of the module.
    pub fn workgroup_size(&self, n: usize) -> u32 {
        self.plan(n).invocations() as u32
    }

    /// The table the kernels read at binding 0, as bytes (empty for a
    /// single-stage transform, whose kernels then have no binding 0).
    pub fn twiddle_bytes(&self, n: usize) -> Vec<u8> {
        match self.arithmetic {
            Arithmetic::F64 => bytemuck::cast_slice(&fft64::twiddles(&self.plan(n))).to_vec(),
            Arithmetic::U32 => bytemuck::cast_slice(&ntt32::twiddles(&self.plan(n))).to_vec(),
        }
    }

    /// The generated part of the module holding `kernels` for polynomials
    /// of size `n ≥ 2` and GLWE dimension `k`, appended to the path's WGSL
    /// fragment.
    pub fn source(&self, n: usize, k: usize, kernels: Kernels) -> String {
        let plan = self.plan(n);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\n// Generated for N = {n}, {} values per invocation, {} ciphertext(s) per CMux workgroup,\n\
             // {} exchange buffer(s), {} exchange(s) per transform, accumulators in {} memory,\n\
             // spectral accumulators in {}.",
            plan.per(),
            self.cts,
            self.buffers,
            plan.exchanges(),
            if self.acc_on_chip { "workgroup" } else { "global" },
            if self.spectra_on_chip { "workgroup memory" } else { "registers" }
        );
        let _ = writeln!(out, "const PER: u32 = {}u;", plan.per());
        out.push_str(
            "// Exchanges so far in this invocation (the same in all: uniform).\nvar<private> xfer_phase: u32;\n",
        );
        match self.arithmetic {
            Arithmetic::F64 => fft64::source(&mut out, &plan, self, n, k, kernels),
            Arithmetic::U32 => ntt32::source(&mut out, &plan, self, n, k, kernels),
        }
        out
    }
}

/// The coefficient register `i` of invocation `lid` starts from.
pub(crate) fn coefficient(i: usize) -> String {
    format!("lid + {i}u * WG")
}

/// The accumulator array the CMux reads and writes, and the expression of
/// slot `t`'s ciphertext index in it (`{t}` stands for the slot).
pub(crate) fn accumulator(layout: &KernelLayout) -> (&'static str, &'static str) {
    if layout.acc_on_chip {
        ("acc_w", "{t}u")
    } else {
        ("acc", "(first + {t}u)")
    }
}

/// The CMux's opening: its workgroup memory for on-chip accumulators, the
/// entry point, which slots hold a ciphertext (`live{t}`), the accumulators
/// brought on chip, and the start of the step loop with each slot's
/// rotation `rot{t}`.
pub(crate) fn cmux_opening(out: &mut String, layout: &KernelLayout, comment: &str) {
    let cts = layout.cts;
    out.push_str(comment);
    if layout.acc_on_chip {
        let _ = writeln!(
            out,
            "// The accumulators stay in `acc_w` (slot t at t·(K+1)·N) for the whole window.\n\
             var<workgroup> acc_w: array<u32, {cts}u * (K + 1u) * N>;"
        );
    }
    out.push_str(
        "@compute @workgroup_size(WG)
fn cmux(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let first = wid.x * CMUX_CTS;
    let count = arrayLength(&inputs) / (LWE_DIM + 1u);
",
    );
    for t in 0..cts {
        let _ = writeln!(out, "    let live{t} = first + {t}u < count;");
    }
    if layout.acc_on_chip {
        for t in 0..cts {
            let _ = writeln!(
                out,
                "    if (live{t}) {{ for (var x = lid; x < (K + 1u) * N; x = x + WG) {{ \
                 acc_w[{t}u * (K + 1u) * N + x] = acc[(first + {t}u) * (K + 1u) * N + x]; }} }}"
            );
        }
        out.push_str("    workgroupBarrier();\n");
    }
    out.push_str("    for (var s = 0u; s < window.count; s = s + 1u) {\n");
    for t in 0..cts {
        let _ = writeln!(out, "        var rot{t} = 0u;");
        let _ = writeln!(
            out,
            "        if (live{t}) {{ rot{t} = mod_switch(inputs[(first + {t}u) * (LWE_DIM + 1u) + window.first + s]); }}"
        );
    }
}

/// The CMux's closing: the barrier between steps, and the accumulators
/// written back at the window's end when they were on chip.
pub(crate) fn cmux_closing(out: &mut String, layout: &KernelLayout) {
    out.push_str("        // The next step reads coefficients other invocations wrote.\n");
    if layout.acc_on_chip {
        out.push_str("        workgroupBarrier();\n    }\n");
        for t in 0..layout.cts {
            let _ = writeln!(
                out,
                "    if (live{t}) {{ for (var x = lid; x < (K + 1u) * N; x = x + WG) {{ \
                 acc[(first + {t}u) * (K + 1u) * N + x] = acc_w[{t}u * (K + 1u) * N + x]; }} }}"
            );
        }
        out.push_str("}\n");
    } else {
        out.push_str("        storageBarrier();\n    }\n}\n");
    }
}

/// The opening of a kernel with one workgroup per polynomial (2-D grid):
/// `index` is the polynomial's index, `array` the input whose length bounds it.
pub(crate) fn per_polynomial_opening(out: &mut String, name: &str, index: &str, array: &str) {
    let _ = write!(
        out,
        "@compute @workgroup_size(WG)
fn {name}(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {{
    let {index} = wid.y * 65535u + wid.x;
    if ({index} >= arrayLength(&{array}) / N) {{
        return;
    }}
"
    );
}
