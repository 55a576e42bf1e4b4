//! # umbra-fhe-gpu
//!
//! Umbra's GPU backend: batched programmable bootstrapping in wgpu compute
//! shaders (WGSL, in `shaders/`). A whole batch runs on the device — modulus
//! switch, blind rotation with the accumulator resident in device memory for
//! all `n` CMux steps, sample extraction and the LWE keyswitch — with one
//! upload and one download per chunk of the batch. Evaluation order is
//! PBS → keyswitch, as for every Umbra parameter set.
//!
//! Two arithmetic paths are compiled in and chosen when the backend is built:
//!
//! * [`Arithmetic::F64`]: the folded negacyclic FFT of `umbra_fhe_core::fft` over
//!   `f64` (needs `wgpu::Features::SHADER_F64`). Bootstraps agree with the exact
//!   reference up to rare ±1 rounding differences per CMux output coefficient.
//! * [`Arithmetic::U32`]: an exact NTT modulo two primes below 2³⁰ with a CRT
//!   back to `Z/2³²`, using only `u32` operations, so it runs on any adapter
//!   and matches the exact reference bit for bit (see [`arith`]). Where the
//!   adapter has `SHADER_INT64`, the high half of each 32×32-bit product is
//!   one 64-bit multiply instead of four 16-bit ones ([`HighProduct`]).
//!
//! ```no_run
//! use umbra_fhe_core::backend::Backend;
//! use umbra_fhe_gpu::{GpuBackend, GpuOptions};
//! let gpu = GpuBackend::new(GpuOptions::default())?;
//! println!("{} on {}", gpu.name(), gpu.description());
//! # Ok::<(), umbra_fhe_core::Error>(())
//! ```
#![warn(missing_docs)]

pub mod arith;
mod bootstrap;
mod cmux;
pub mod design;
mod device;
mod fft64;
mod kernel_layout;
mod kernel_model;
pub mod kernel_source;
mod kernels;
mod ntt32;
mod poly_mul;
mod register_fft;
mod shader;
pub mod testing;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use umbra_fhe_core::backend::{Backend, Luts, PreparedKey};
use umbra_fhe_core::bootstrap::BootstrapKey;
use umbra_fhe_core::keyswitch::LweKeyswitchKey;
use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::polynomial::{IntegerPolynomial, TorusPolynomial};
use umbra_fhe_core::{Error, Result};

use device::Gpu;
use kernels::{PbsKit, PolyMulKit};
pub use shader::{Arithmetic, HighProduct};
/// The wgpu version whose types ([`wgpu::AdapterInfo`], [`wgpu::Limits`], [`wgpu::Features`]) appear in this API.
pub use wgpu;

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

/// Construction options of a [`GpuBackend`].
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
    /// Why these choices can never be laid out, if they cannot: values per
    /// invocation other than a power of two from 2 to 16, or exchange
    /// buffers other than 1 or 2.
    pub(crate) fn invalid(&self) -> Option<String> {
        if let Some(per) = self.values_per_invocation {
            if !per.is_power_of_two() || !(2..=16).contains(&per) {
                return Some(format!("{per} values per invocation: a power of two from 2 to 16"));
            }
        }
        match self.exchange_buffers {
            Some(b) if !(1..=2).contains(&b) => Some(format!("{b} exchange buffers: 1 or 2")),
            _ => None,
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

/// The wgpu implementation of [`Backend`].
///
/// ```no_run
/// use umbra_fhe_core::backend::{Backend, Luts};
/// use umbra_fhe_core::bootstrap::LookupTable;
/// use umbra_fhe_core::key_set::KeySet;
/// use umbra_fhe_core::lwe::LweCiphertext;
/// use umbra_fhe_core::{params::TFHE_LIB, random::Csprng};
/// use umbra_fhe_gpu::{GpuBackend, GpuOptions};
///
/// let mut rng = Csprng::from_seed([7; 32]);
/// let keys = KeySet::generate(&TFHE_LIB, &mut rng)?;
/// let gpu = GpuBackend::new(GpuOptions::default())?;
/// let prepared = gpu.prepare_key(&TFHE_LIB, &keys.bsk, &keys.ksk)?; // uploaded once
/// // Sign bootstrapping of 1000 inputs in one call: ±1/8 in, ±1/8 out.
/// let inputs: Vec<_> = (0..1000u32)
///     .map(|i| LweCiphertext::encrypt(&keys.lwe, (i % 2) << 31 | 1 << 29, TFHE_LIB.lwe_noise, &mut rng))
///     .collect();
/// let table = LookupTable::constant(TFHE_LIB.polynomial_size, 1 << 29);
/// let outputs = gpu.bootstrap_batch(&prepared, &inputs, Luts::Shared(&table))?;
/// assert_eq!(outputs.len(), 1000);
/// # Ok::<(), umbra_fhe_core::Error>(())
/// ```
pub struct GpuBackend {
    gpu: Gpu,
    arithmetic: Arithmetic,
    options: GpuOptions,
    pbs_kits: Mutex<HashMap<shader::Shape, Arc<PbsKit>>>,
    poly_mul_kits: Mutex<HashMap<usize, Arc<PolyMulKit>>>,
    kernel_times: Mutex<Option<KernelTimes>>,
}

/// GPU time of each kernel of a bootstrap batch, measured with timestamp
/// queries at the start and end of each compute pass and summed over the
/// batch's chunks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KernelTimes {
    /// Accumulator initialisation (`ACC = X^{−b̃}·LUT`).
    pub init: Duration,
    /// Every CMux window: the blind rotation.
    pub cmux: Duration,
    /// Sample extraction and keyswitch.
    pub keyswitch: Duration,
}

impl std::fmt::Debug for GpuBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GpuBackend").field("device", &self.description()).finish()
    }
}

impl GpuBackend {
    /// Opens the preferred adapter and picks the arithmetic path.
    ///
    /// ```no_run
    /// use umbra_fhe_gpu::{GpuBackend, GpuOptions, PathChoice};
    /// match GpuBackend::new(GpuOptions { path: PathChoice::F64, ..GpuOptions::default() }) {
    ///     Ok(gpu) => println!("{}", gpu.description()),
    ///     Err(e) => eprintln!("no f64 GPU path here: {e}"),
    /// }
    /// ```
    ///
    /// Adapters come from wgpu's Vulkan, Metal and DX12 backends, or from
    /// those `WGPU_BACKEND` names (OpenGL only when named there: its waits
    /// cannot time out, so [`GpuOptions::wait_timeout`] is not enforced on it).
    ///
    /// Errors: [`Error::Backend`] when there is no adapter or it refuses a
    /// device; [`Error::Unsupported`] when `F64` is forced on an adapter
    /// without `SHADER_F64`, or for a software adapter when
    /// [`GpuOptions::allow_software_adapter`] is `false`;
    /// [`Error::InvalidInput`] for a bad option or `UMBRA_GPU_PATH` value.
    pub fn new(options: GpuOptions) -> Result<Self> {
        if options.steps_per_dispatch == 0 || options.max_chunk == Some(0) {
            return Err(Error::InvalidInput("steps per dispatch and chunk size must be at least 1".into()));
        }
        if let Some(why) = options.cmux_kernel.invalid() {
            return Err(Error::InvalidInput(why));
        }
        if options.wait_timeout == Some(Duration::ZERO) {
            return Err(Error::InvalidInput("a wait timeout must be longer than zero".into()));
        }
        let choice = match options.path {
            PathChoice::Auto => match std::env::var("UMBRA_GPU_PATH") {
                Ok(v) if v.eq_ignore_ascii_case("f64") => PathChoice::F64,
                Ok(v) if v.eq_ignore_ascii_case("u32") => PathChoice::U32,
                Ok(v) if v.is_empty() || v.eq_ignore_ascii_case("auto") => PathChoice::Auto,
                Ok(v) => return Err(Error::InvalidInput(format!("UMBRA_GPU_PATH={v}: expected f64, u32 or auto"))),
                Err(_) => PathChoice::Auto,
            },
            forced => forced,
        };
        let gpu = Gpu::open(&options)?;
        let has_f64 = gpu.features.contains(wgpu::Features::SHADER_F64);
        let arithmetic = match choice {
            PathChoice::Auto if has_f64 => Arithmetic::F64,
            PathChoice::Auto | PathChoice::U32 => Arithmetic::U32,
            PathChoice::F64 if has_f64 => Arithmetic::F64,
            PathChoice::F64 => {
                return Err(Error::Unsupported(format!(
                    "the f64 path needs SHADER_F64, which adapter `{}` lacks",
                    gpu.info.name
                )))
            }
        };
        Ok(Self {
            gpu,
            arithmetic,
            options,
            pbs_kits: Mutex::new(HashMap::new()),
            poly_mul_kits: Mutex::new(HashMap::new()),
            kernel_times: Mutex::new(None),
        })
    }

    /// The adapter in use.
    ///
    /// ```no_run
    /// let gpu = umbra_fhe_gpu::GpuBackend::new(Default::default())?;
    /// println!("{} ({:?})", gpu.adapter_info().name, gpu.adapter_info().backend);
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn adapter_info(&self) -> &wgpu::AdapterInfo {
        &self.gpu.info
    }

    /// Whether the adapter is a software rasteriser (llvmpipe/lavapipe,
    /// SwiftShader, WARP): a correctness vehicle, never a GPU speed figure.
    ///
    /// ```no_run
    /// let gpu = umbra_fhe_gpu::GpuBackend::new(Default::default())?;
    /// if gpu.is_software_adapter() {
    ///     eprintln!("{}: software adapter, timings are not GPU figures", gpu.description());
    /// }
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn is_software_adapter(&self) -> bool {
        device::is_software(&self.gpu.info)
    }

    /// The arithmetic path in use.
    ///
    /// ```no_run
    /// use umbra_fhe_gpu::{Arithmetic, GpuBackend};
    /// let gpu = GpuBackend::new(Default::default())?;
    /// let exact = gpu.arithmetic() == Arithmetic::U32; // bit-exact against the reference
    /// # let _ = exact;
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn arithmetic(&self) -> Arithmetic {
        self.arithmetic
    }

    /// How the `u32` path forms the high half of 32×32-bit products here.
    ///
    /// ```no_run
    /// let gpu = umbra_fhe_gpu::GpuBackend::new(Default::default())?;
    /// println!("high products: {:?}", gpu.high_product());
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn high_product(&self) -> HighProduct {
        self.gpu.high_product
    }

    /// The optional features the device was opened with: the 64-bit shader
    /// features (`SHADER_F64`, `SHADER_INT64`) and `TIMESTAMP_QUERY`, each
    /// where the adapter has it.
    ///
    /// ```no_run
    /// use umbra_fhe_gpu::{wgpu::Features, GpuBackend};
    /// let gpu = GpuBackend::new(Default::default())?;
    /// let has_f64 = gpu.features().contains(Features::SHADER_F64);
    /// # let _ = has_f64;
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn features(&self) -> wgpu::Features {
        self.gpu.features
    }

    /// The device limits the backend runs under (the adapter's own limits).
    ///
    /// ```no_run
    /// let gpu = umbra_fhe_gpu::GpuBackend::new(Default::default())?;
    /// println!("workgroup memory: {} bytes", gpu.limits().max_compute_workgroup_storage_size);
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn limits(&self) -> &wgpu::Limits {
        &self.gpu.limits
    }

    /// One line for logs and reports: adapter, driver, graphics API and path.
    ///
    /// ```no_run
    /// let gpu = umbra_fhe_gpu::GpuBackend::new(Default::default())?;
    /// println!("{}", gpu.description()); // e.g. "NVIDIA H100 (DiscreteGpu, …), f64 FFT path"
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn description(&self) -> String {
        let info = &self.gpu.info;
        format!(
            "{} ({:?}, driver {} {}, {} backend), {} path",
            info.name,
            info.device_type,
            info.driver,
            info.driver_info,
            info.backend,
            match (self.arithmetic, self.gpu.high_product) {
                (Arithmetic::F64, _) => "f64 FFT",
                (Arithmetic::U32, HighProduct::Int64) => "u32 NTT (64-bit high products)",
                (Arithmetic::U32, HighProduct::Limbs16) => "u32 NTT (16-bit-limb high products)",
            }
        )
    }

    /// GPU time of the kernels of the last [`bootstrap_batch`](Backend::bootstrap_batch)
    /// on this backend, summed over its chunks, from timestamp queries; `None`
    /// before the first batch or where the adapter lacks `TIMESTAMP_QUERY`.
    ///
    /// ```no_run
    /// # use umbra_fhe_gpu::GpuBackend;
    /// # fn after_a_batch(gpu: &GpuBackend) {
    /// if let Some(t) = gpu.last_batch_kernel_times() {
    ///     println!("init {:?}, CMux {:?}, keyswitch {:?}", t.init, t.cmux, t.keyswitch);
    /// }
    /// # }
    /// ```
    pub fn last_batch_kernel_times(&self) -> Option<KernelTimes> {
        self.kernel_times.lock().ok().and_then(|t| *t)
    }

    /// Gets or builds a cached value; a poisoned cache is an error, not a panic.
    fn cached<K: Eq + std::hash::Hash + Copy, V>(
        cache: &Mutex<HashMap<K, Arc<V>>>,
        key: K,
        build: impl FnOnce() -> Result<V>,
    ) -> Result<Arc<V>> {
        let mut map = cache.lock().map_err(|_| device::backend_error("pipeline cache poisoned"))?;
        if let Some(v) = map.get(&key) {
            return Ok(Arc::clone(v));
        }
        let v = Arc::new(build()?);
        map.insert(key, Arc::clone(&v));
        Ok(v)
    }
}

/// Bootstraps a hardware GPU runs side by side, by the kernel design: a
/// large GPU (an H100: 132 multiprocessors) holds a few thousand CMux
/// workgroups at once. An estimate until `benches/gpu-suite` measures where
/// throughput stops growing with the batch size on real devices.
pub const HARDWARE_PARALLEL_WIDTH: usize = 4096;

impl Backend for GpuBackend {
    /// `"gpu-f64"` or `"gpu-u32"`: keys prepared on one path are not usable on the other.
    fn name(&self) -> &str {
        bootstrap::backend_name(self.arithmetic)
    }

    /// A software adapter runs one workgroup per CPU thread. A hardware GPU
    /// is taken to be full from [`HARDWARE_PARALLEL_WIDTH`] bootstraps on.
    fn parallel_width(&self) -> usize {
        if self.is_software_adapter() {
            std::thread::available_parallelism().map_or(1, usize::from)
        } else {
            HARDWARE_PARALLEL_WIDTH
        }
    }

    fn poly_mul(&self, torus: &[TorusPolynomial], integer: &[IntegerPolynomial]) -> Result<Vec<TorusPolynomial>> {
        poly_mul::poly_mul(self, torus, integer)
    }

    fn prepare_key(&self, params: &Parameters, bsk: &BootstrapKey, ksk: &LweKeyswitchKey) -> Result<PreparedKey> {
        bootstrap::prepare_key(self, params, bsk, ksk)
    }

    fn bootstrap_batch(
        &self,
        key: &PreparedKey,
        inputs: &[LweCiphertext],
        luts: Luts<'_>,
    ) -> Result<Vec<LweCiphertext>> {
        bootstrap::bootstrap_batch(self, key, inputs, luts)
    }
}

/// The package README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
