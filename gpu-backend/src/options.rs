//! What a user chooses of the GPU backend, and the two arithmetic paths:
//! plain values with no device behind them, so that code generation, the
//! runtime and the public API all read them from one place.

use std::time::Duration;

use umbra_fhe_core::{Error, Result};

/// Which arithmetic a module uses for polynomial products.
///
/// ```no_run
/// use umbra_fhe_gpu::{Arithmetic, GpuBackend, GpuOptions, PathChoice};
/// let gpu = GpuBackend::new(GpuOptions { path: PathChoice::U32, ..GpuOptions::default() })?;
/// assert_eq!(gpu.arithmetic(), Arithmetic::U32);
/// # Ok::<(), umbra_fhe_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arithmetic {
    /// Folded negacyclic FFT over `f64` (`SHADER_F64`).
    F64,
    /// Exact two-prime NTT with CRT, `u32` only.
    U32,
}

/// How the `u32` path forms the high half of a 32×32-bit product.
///
/// ```no_run
/// use umbra_fhe_gpu::{GpuBackend, GpuOptions, HighProduct};
/// // Forbidding SHADER_INT64 forces the 16-bit limbs; results are identical.
/// let gpu = GpuBackend::new(GpuOptions { shader_int64: false, ..GpuOptions::default() })?;
/// assert_eq!(gpu.high_product(), HighProduct::Limbs16);
/// # Ok::<(), umbra_fhe_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HighProduct {
    /// One 64-bit multiply (needs `SHADER_INT64`).
    Int64,
    /// Four 16×16-bit products, for any adapter.
    Limbs16,
}

/// Which arithmetic path to use.
///
/// ```
/// use umbra_fhe_gpu::{GpuOptions, PathChoice};
/// assert_eq!(GpuOptions::default().path, PathChoice::Auto);
/// let exact = GpuOptions { path: PathChoice::U32, ..GpuOptions::default() };
/// # let _ = exact;
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PathChoice {
    /// `UMBRA_GPU_PATH=f64|u32` if set, else `f64` when the adapter has
    /// `SHADER_F64`, else `u32`.
    #[default]
    Auto,
    /// The `f64` FFT path; an error if the adapter lacks `SHADER_F64`.
    F64,
    /// The exact `u32` NTT path.
    U32,
}

/// Construction options of a [`GpuBackend`](crate::GpuBackend).
///
/// ```
/// use std::time::Duration;
/// use umbra_fhe_gpu::GpuOptions;
/// // Short dispatches for a desktop GPU with a watchdog, a 30 s wait bound,
/// // and no software rasteriser.
/// let options = GpuOptions {
///     steps_per_dispatch: 4,
///     wait_timeout: Some(Duration::from_secs(30)),
///     allow_software_adapter: false,
///     ..GpuOptions::default()
/// };
/// assert!(options.shader_int64);
/// ```
#[derive(Clone, Debug)]
pub struct GpuOptions {
    /// Arithmetic path.
    pub path: PathChoice,
    /// CMux steps per compute dispatch (≥ 1). Fewer steps keep each dispatch
    /// short (desktop drivers kill long ones); more save launch overhead.
    pub steps_per_dispatch: usize,
    /// Upper bound on the ciphertexts of one chunk; `None` lets the device
    /// limits and [`chunk_memory_budget`](Self::chunk_memory_budget) decide.
    pub max_chunk: Option<usize>,
    /// Device memory, in bytes, the working buffers of a batch may take: two
    /// chunks are in flight at a time (one computing while the other is
    /// uploaded or read back), each with half of it.
    pub chunk_memory_budget: u64,
    /// Longest wait for one piece of submitted work: a key upload, or one
    /// piece of a chunk (the first CMux window with the accumulator
    /// initialisation, each further window of
    /// [`steps_per_dispatch`](Self::steps_per_dispatch) steps, the
    /// keyswitch). A batch may run far longer in all: the bound watches
    /// progress. A wait that runs out fails with [`Error::Backend`] and leaves
    /// the backend unusable (every later call fails fast), so a hung driver or
    /// a dispatch killed by a watchdog surfaces as an error instead of
    /// blocking forever. `None` waits indefinitely. The default, 10 minutes,
    /// is far above what a GPU needs for a piece and leaves room for a
    /// software rasteriser.
    pub wait_timeout: Option<Duration>,
    /// Whether the `u32` path may use `SHADER_INT64` (one 64-bit multiply
    /// per high product) when the adapter offers it; `false` forces the
    /// 16-bit-limb products every adapter runs. Results are identical.
    pub shader_int64: bool,
    /// Whether a software adapter (llvmpipe/lavapipe, SwiftShader, WARP) may
    /// be used. `true` by default: asked for explicitly, the GPU backend runs
    /// wherever wgpu finds an adapter (tests use lavapipe). The facade's
    /// automatic choice sets it to `false`, so it never prefers a software
    /// adapter to the CPU backend.
    pub allow_software_adapter: bool,
    /// Ciphertexts one keyswitch workgroup serves, so that each key word
    /// read serves them all. `None`: as many as the device's workgroup
    /// memory holds, up to 4 (each takes `256·t` bytes for `t` keyswitch
    /// levels); `Some(c)` forces `c` (an error where it does not fit).
    pub keyswitch_ciphertexts_per_workgroup: Option<u32>,
    /// Ciphertexts one CMux workgroup blind-rotates together, so that each
    /// key value read and each transform barrier serves them all. `None`:
    /// the backend's layout choice (one on every shipped set: see
    /// [`CmuxKernel`]); `Some(1)` or `Some(2)` forces it (an error where it
    /// does not fit).
    pub cmux_ciphertexts_per_workgroup: Option<u32>,
    /// How the register-resident transforms of the CMux (and of the key
    /// transform and `poly_mul`) are laid out, on both paths.
    pub cmux_kernel: CmuxKernel,
}

/// Layout choices of the transform kernels; `None` leaves a choice to the
/// backend. Results do not depend on the layout: bit for bit on the `u32`
/// path, within the same bound on `f64` (each layout is tested).
///
/// The backend's choice: every combination of the free choices that fits
/// the device's workgroup memory is a candidate; of those whose registers
/// per invocation, predicted by a model fitted to AMD's compiler
/// (`benches/kernel-stats`), stay within a budget that compiles without
/// spilling there, the one with the fewest estimated clocks per CMux step
/// and ciphertext wins (workgroup memory and L2 traffic, barriers, resident
/// workgroups). The README's "Kernel design" section shows the choices and
/// the figures behind them.
///
/// ```
/// use umbra_fhe_gpu::{CmuxKernel, GpuOptions};
/// // Radix-16 stages, a single exchange buffer, accumulators in global memory.
/// let options = GpuOptions {
///     cmux_kernel: CmuxKernel {
///         values_per_invocation: Some(16),
///         exchange_buffers: Some(1),
///         accumulator_on_chip: Some(false),
///         spectra_on_chip: Some(false),
///     },
///     ..GpuOptions::default()
/// };
/// assert_eq!(GpuOptions::default().cmux_kernel, CmuxKernel::default());
/// # let _ = options;
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CmuxKernel {
    /// Values of a transform each invocation keeps in registers: a power of
    /// two from 2 to 16, the radix of the transform's stages. A transform of
    /// `S` values (`N/2` complex on `f64`, `N` residues per prime on `u32`)
    /// takes `⌈log S / log per⌉ − 1` exchanges through workgroup memory.
    /// `None`: the backend's choice.
    pub values_per_invocation: Option<u32>,
    /// Workgroup buffers the exchanges alternate between: 2 need one
    /// barrier per exchange, 1 needs two but half the memory. `None`: the
    /// backend's choice.
    pub exchange_buffers: Option<u32>,
    /// Whether the CMux keeps the GLWE accumulators in workgroup memory for
    /// a whole window of [`GpuOptions::steps_per_dispatch`] steps (`4·(k+1)·N`
    /// bytes per ciphertext), reading and writing global memory once per
    /// window instead of every step. `None`: the backend's choice.
    pub accumulator_on_chip: Option<bool>,
    /// Whether the CMux keeps each step's `k+1` spectral accumulators in
    /// workgroup memory (`8·(k+1)·N` bytes per ciphertext) instead of
    /// registers: far fewer live registers, so no spills and a larger radix,
    /// for more workgroup memory traffic. `None`: the backend's choice.
    pub spectra_on_chip: Option<bool>,
}

impl CmuxKernel {
    /// [`Error::InvalidInput`] for choices no layout can have: values per
    /// invocation other than a power of two from 2 to 16, or exchange
    /// buffers other than 1 or 2.
    pub(crate) fn check(&self) -> Result<()> {
        if let Some(per) = self.values_per_invocation {
            if !per.is_power_of_two() || !(2..=16).contains(&per) {
                return Err(Error::InvalidInput(format!("{per} values per invocation: a power of two from 2 to 16")));
            }
        }
        match self.exchange_buffers {
            Some(b) if !(1..=2).contains(&b) => Err(Error::InvalidInput(format!("{b} exchange buffers: 1 or 2"))),
            _ => Ok(()),
        }
    }
}

impl Default for GpuOptions {
    fn default() -> Self {
        Self {
            path: PathChoice::Auto,
            steps_per_dispatch: 16,
            max_chunk: None,
            chunk_memory_budget: 512 << 20,
            wait_timeout: Some(Duration::from_secs(600)),
            shader_int64: true,
            allow_software_adapter: true,
            keyswitch_ciphertexts_per_workgroup: None,
            cmux_ciphertexts_per_workgroup: None,
            cmux_kernel: CmuxKernel::default(),
        }
    }
}
