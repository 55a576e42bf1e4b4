//! How the generated transform kernels of one shape are laid out.
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

use super::register_fft::RegisterFft;
use crate::options::Arithmetic;

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
    pub values_per_invocation: u32,
    /// Ciphertexts per CMux workgroup.
    pub ciphertexts_per_workgroup: u32,
    /// Exchange buffers: 2 alternate (one barrier per exchange), 1 needs a
    /// second barrier after each exchange's reads.
    pub exchange_buffers: u32,
    /// Whether the CMux keeps its ciphertexts' GLWE accumulators in
    /// workgroup memory for a whole window of steps (read from and written
    /// back to global memory once per window).
    pub accumulators_on_chip: bool,
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
        let exchange = 8 * n * u64::from(self.exchange_buffers);
        let accumulator = if self.accumulators_on_chip { 4 * (k + 1) * n } else { 0 };
        let spectra = if self.spectra_on_chip { 8 * (k + 1) * n } else { 0 };
        u64::from(self.ciphertexts_per_workgroup) * (exchange + accumulator + spectra)
    }

    /// The layout in words, for reports.
    pub fn describe(&self) -> String {
        format!(
            "{} values per invocation, {} ciphertext(s) per workgroup, {} exchange buffer(s), accumulators {}, \
             spectra in {}",
            self.values_per_invocation,
            self.ciphertexts_per_workgroup,
            self.exchange_buffers,
            if self.accumulators_on_chip { "on chip" } else { "in global memory" },
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
        RegisterFft::new(size, self.values_per_invocation as usize)
    }

    /// Invocations per workgroup of every kernel of the module.
    pub fn workgroup_size(&self, n: usize) -> u32 {
        self.plan(n).invocations() as u32
    }
}
