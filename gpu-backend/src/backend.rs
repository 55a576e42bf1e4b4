//! The backend type: a [`Runtime`] on one device, behind the [`Backend`]
//! trait, with the construction checks and the accessors a user sees.

use std::time::Duration;

use umbra_fhe_core::backend::{Backend, Luts, PreparedKey};
use umbra_fhe_core::bootstrap::BootstrapKey;
use umbra_fhe_core::keyswitch::LweKeyswitchKey;
use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::polynomial::{IntegerPolynomial, TorusPolynomial};
use umbra_fhe_core::{Error, Result};

use crate::options::{Arithmetic, GpuOptions, HighProduct, PathChoice};
use crate::runtime::{bootstrap, device, key, poly_mul, KernelTimes, Runtime};

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
    runtime: Runtime,
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
        options.cmux_kernel.check()?;
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
        let gpu = device::Gpu::open(&options)?;
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
        Ok(Self { runtime: Runtime::new(gpu, arithmetic, options) })
    }

    /// The adapter in use.
    ///
    /// ```no_run
    /// let gpu = umbra_fhe_gpu::GpuBackend::new(Default::default())?;
    /// println!("{} ({:?})", gpu.adapter_info().name, gpu.adapter_info().backend);
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn adapter_info(&self) -> &wgpu::AdapterInfo {
        &self.runtime.gpu.info
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
        device::is_software(&self.runtime.gpu.info)
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
        self.runtime.arithmetic
    }

    /// How the `u32` path forms the high half of 32×32-bit products here.
    ///
    /// ```no_run
    /// let gpu = umbra_fhe_gpu::GpuBackend::new(Default::default())?;
    /// println!("high products: {:?}", gpu.high_product());
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn high_product(&self) -> HighProduct {
        self.runtime.gpu.high_product
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
        self.runtime.gpu.features
    }

    /// The device limits the backend runs under (the adapter's own limits).
    ///
    /// ```no_run
    /// let gpu = umbra_fhe_gpu::GpuBackend::new(Default::default())?;
    /// println!("workgroup memory: {} bytes", gpu.limits().max_compute_workgroup_storage_size);
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn limits(&self) -> &wgpu::Limits {
        &self.runtime.gpu.limits
    }

    /// One line for logs and reports: adapter, driver, graphics API and path.
    ///
    /// ```no_run
    /// let gpu = umbra_fhe_gpu::GpuBackend::new(Default::default())?;
    /// println!("{}", gpu.description()); // e.g. "NVIDIA H100 (DiscreteGpu, …), f64 FFT path"
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn description(&self) -> String {
        let info = &self.runtime.gpu.info;
        format!(
            "{} ({:?}, driver {} {}, {} backend), {} path",
            info.name,
            info.device_type,
            info.driver,
            info.driver_info,
            info.backend,
            match (self.runtime.arithmetic, self.runtime.gpu.high_product) {
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
        self.runtime.kernel_times.lock().ok().and_then(|t| *t)
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
        self.runtime.name()
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
        poly_mul::poly_mul(&self.runtime, torus, integer)
    }

    fn prepare_key(&self, params: &Parameters, bsk: &BootstrapKey, ksk: &LweKeyswitchKey) -> Result<PreparedKey> {
        key::prepare_key(&self.runtime, params, bsk, ksk)
    }

    fn bootstrap_batch(
        &self,
        key: &PreparedKey,
        inputs: &[LweCiphertext],
        luts: Luts<'_>,
    ) -> Result<Vec<LweCiphertext>> {
        bootstrap::bootstrap_batch(&self.runtime, key, inputs, luts)
    }
}
