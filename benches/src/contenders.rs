//! What the comparison runner measures: each backend configuration of Umbra
//! compiled into this build, and (feature `peer`) tfhe-rs on the same machine.

use std::sync::Arc;
use std::time::{Duration, Instant};

use umbra_fhe_core::backend::{Backend, Luts, PreparedKey};
use umbra_fhe_core::{Error, Result};
use umbra_fhe_cpu::CpuBackend;

use crate::machine::MachineInfo;
use crate::Fixture;

/// One configuration under test.
pub trait Contender {
    /// Row label, e.g. `umbra cpu-fft ×1`.
    fn label(&self) -> String;

    /// `true` for Umbra's own 1-thread CPU configuration (the speedup baseline).
    fn is_baseline(&self) -> bool {
        false
    }

    /// `true` for a peer library (ratio columns compare against it).
    fn is_peer(&self) -> bool {
        false
    }

    /// GPU time of the last run's kernels in ms (initialisation, CMux,
    /// keyswitch), where the backend measures them.
    fn kernel_ms(&self) -> Option<[f64; 3]> {
        None
    }

    /// `true` for a GPU backend (hardware or software adapter).
    fn is_gpu(&self) -> bool {
        false
    }

    /// `true` when it runs on a software adapter (llvmpipe/lavapipe,
    /// SwiftShader, WARP): its rows are marked, never read as GPU speed.
    fn is_software(&self) -> bool {
        false
    }

    /// Device or library details for the report.
    fn details(&self) -> String;

    /// Readies keys for `fixture`'s parameter set (not timed).
    fn prepare(&mut self, fixture: &Fixture) -> Result<()>;

    /// Bootstraps a batch of `batch` gates once and returns the wall time.
    /// Fails if any output decrypts wrongly: a fast wrong answer is not a result.
    fn run(&mut self, fixture: &mut Fixture, batch: usize) -> Result<Duration>;
}

/// Any Umbra [`Backend`].
pub struct UmbraContender {
    label: String,
    details: String,
    backend: Arc<dyn Backend>,
    baseline: bool,
    software: bool,
    /// Set for GPU backends (and only for them).
    kernel_ms: Option<KernelClock>,
    key: Option<PreparedKey>,
}

/// Reads a backend's kernel times of its last batch, in ms.
pub type KernelClock = Arc<dyn Fn() -> Option<[f64; 3]> + Send + Sync>;

impl UmbraContender {
    /// A contender for `backend`, shown as `label`.
    pub fn new(label: String, details: String, backend: Arc<dyn Backend>, baseline: bool) -> Self {
        Self { label, details, backend, baseline, software: false, kernel_ms: None, key: None }
    }

    /// Marks the contender as a GPU backend, on a software adapter or not,
    /// whose kernel times `clock` reads.
    pub fn on_gpu(mut self, software: bool, clock: KernelClock) -> Self {
        self.software = software;
        self.kernel_ms = Some(clock);
        self
    }

    /// The CPU backend on `threads` threads (`None`: all).
    pub fn cpu(threads: Option<usize>) -> Result<Self> {
        let backend = match threads {
            Some(t) => CpuBackend::with_threads(t)?,
            None => CpuBackend::new(),
        };
        let n = backend.threads();
        Ok(Self::new(
            format!("umbra cpu ×{n}"),
            format!("rustfft f64, {n} thread(s)"),
            Arc::new(backend),
            threads == Some(1),
        ))
    }
}

impl Contender for UmbraContender {
    fn label(&self) -> String {
        self.label.clone()
    }

    fn is_baseline(&self) -> bool {
        self.baseline
    }

    fn is_gpu(&self) -> bool {
        self.kernel_ms.is_some()
    }

    fn kernel_ms(&self) -> Option<[f64; 3]> {
        self.kernel_ms.as_ref().and_then(|clock| clock())
    }

    fn is_software(&self) -> bool {
        self.software
    }

    fn details(&self) -> String {
        self.details.clone()
    }

    fn prepare(&mut self, fixture: &Fixture) -> Result<()> {
        self.key = Some(self.backend.prepare_key(&fixture.params, &fixture.bsk, &fixture.ksk)?);
        Ok(())
    }

    fn run(&mut self, fixture: &mut Fixture, batch: usize) -> Result<Duration> {
        let key = self.key.as_ref().ok_or_else(|| Error::InvalidInput("prepare() was not called".into()))?;
        let inputs = fixture.inputs(batch);
        let table = fixture.sign_table();
        let start = Instant::now();
        let outputs = self.backend.bootstrap_batch(key, &inputs, Luts::Shared(&table))?;
        let elapsed = start.elapsed();
        if !fixture.outputs_correct(&outputs) {
            return Err(Error::Backend { backend: self.label.clone(), reason: "wrong decryption".into() });
        }
        Ok(elapsed)
    }
}

/// A forced layout of the GPU backend's CMux: the arithmetic path, values
/// of a transform per invocation (its radix) and ciphertexts per workgroup,
/// written `f64:8x2` or `u32:16x1`. The sweep's extra rows compare layouts
/// on one device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GpuLayout {
    /// `true` for the `f64` path, `false` for `u32`.
    pub f64: bool,
    /// Values per invocation: a power of two from 2 to 16.
    pub per: u32,
    /// Ciphertexts per CMux workgroup: 1 or 2.
    pub cts: u32,
}

impl std::str::FromStr for GpuLayout {
    type Err = String;

    /// ```
    /// use umbra_benches::contenders::GpuLayout;
    /// assert_eq!("f64:8x2".parse::<GpuLayout>(), Ok(GpuLayout { f64: true, per: 8, cts: 2 }));
    /// assert_eq!("u32:16x1".parse::<GpuLayout>(), Ok(GpuLayout { f64: false, per: 16, cts: 1 }));
    /// assert!("8x2".parse::<GpuLayout>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}`: expected PATH:VALUESxCIPHERTEXTS, e.g. f64:8x2 or u32:16x1");
        let (path, layout) = s.split_once(':').ok_or_else(bad)?;
        let f64 = match path {
            "f64" => true,
            "u32" => false,
            _ => return Err(bad()),
        };
        let (per, cts) = layout.split_once('x').ok_or_else(bad)?;
        Ok(Self { f64, per: per.parse().map_err(|_| bad())?, cts: cts.parse().map_err(|_| bad())? })
    }
}

/// Every contender compiled into this build, with one more GPU contender
/// per forced layout in `layouts`; GPU adapters found are recorded in `machine`.
pub fn all_contenders(machine: &mut MachineInfo, layouts: &[GpuLayout]) -> Vec<Box<dyn Contender>> {
    let mut all = umbra_cpu_contenders();
    all.extend(gpu_contenders(machine, layouts));
    all.extend(peer_contenders());
    all
}

#[cfg(not(feature = "gpu"))]
fn gpu_contenders(_machine: &mut MachineInfo, _layouts: &[GpuLayout]) -> Vec<Box<dyn Contender>> {
    Vec::new()
}

/// The GPU backend on each arithmetic path the adapter supports, then with
/// each forced layout.
#[cfg(feature = "gpu")]
fn gpu_contenders(machine: &mut MachineInfo, layouts: &[GpuLayout]) -> Vec<Box<dyn Contender>> {
    use umbra_fhe_gpu::{CmuxKernel, GpuBackend, GpuOptions, PathChoice};
    let mut out: Vec<Box<dyn Contender>> = Vec::new();
    let defaults = [PathChoice::F64, PathChoice::U32].map(|path| (GpuOptions { path, ..GpuOptions::default() }, None));
    let forced = layouts.iter().map(|layout| {
        let options = GpuOptions {
            path: if layout.f64 { PathChoice::F64 } else { PathChoice::U32 },
            cmux_ciphertexts_per_workgroup: Some(layout.cts),
            cmux_kernel: CmuxKernel { values_per_invocation: Some(layout.per), ..CmuxKernel::default() },
            ..GpuOptions::default()
        };
        (options, Some(*layout))
    });
    for (options, layout) in defaults.into_iter().chain(forced) {
        let path = options.path;
        match GpuBackend::new(options) {
            Ok(backend) => {
                let description = backend.description();
                if !machine.adapters.contains(&description) {
                    machine.adapters.push(description.clone());
                }
                let label = match layout {
                    Some(l) => format!("umbra {} {}×{}", backend.name(), l.per, l.cts),
                    None => format!("umbra {}", backend.name()),
                };
                let software = backend.is_software_adapter();
                let backend = Arc::new(backend);
                let timed = Arc::clone(&backend);
                let clock: KernelClock = Arc::new(move || {
                    timed
                        .last_batch_kernel_times()
                        .map(|t| [t.init, t.cmux, t.keyswitch].map(|d| d.as_secs_f64() * 1e3))
                });
                let contender = UmbraContender::new(label, description, backend, false);
                out.push(Box::new(contender.on_gpu(software, clock)));
            }
            Err(e) => eprintln!("skipping GPU path {path:?}: {e}"),
        }
    }
    out
}

#[cfg(not(feature = "peer"))]
fn peer_contenders() -> Vec<Box<dyn Contender>> {
    Vec::new()
}

#[cfg(feature = "peer")]
fn peer_contenders() -> Vec<Box<dyn Contender>> {
    let mut threads = vec![Some(1)];
    if rayon::current_num_threads() > 1 {
        threads.push(None);
    }
    threads
        .into_iter()
        .filter_map(|t| match TfheRsContender::new(t) {
            Ok(c) => Some(Box::new(c) as Box<dyn Contender>),
            Err(e) => {
                eprintln!("skipping tfhe-rs: {e}");
                None
            }
        })
        .collect()
}

/// Umbra's CPU backend on one thread and on all threads.
fn umbra_cpu_contenders() -> Vec<Box<dyn Contender>> {
    let mut out: Vec<Box<dyn Contender>> = Vec::new();
    match UmbraContender::cpu(Some(1)) {
        Ok(c) => out.push(Box::new(c)),
        Err(e) => eprintln!("skipping umbra cpu ×1: {e}"),
    }
    if rayon::current_num_threads() > 1 {
        match UmbraContender::cpu(None) {
            Ok(c) => out.push(Box::new(c)),
            Err(e) => eprintln!("skipping umbra cpu (all threads): {e}"),
        }
    }
    out
}

#[cfg(feature = "peer")]
pub use peer::TfheRsContender;

#[cfg(feature = "peer")]
mod peer {
    use std::time::{Duration, Instant};

    use rayon::prelude::*;
    use tfhe::boolean::parameters::BooleanParameters;
    use tfhe::boolean::prelude::{BinaryBooleanGates, ClientKey, ServerKey};
    use umbra_fhe_core::{Error, Result};

    use super::Contender;
    use crate::Fixture;

    /// tfhe-rs 1.8.2's boolean API: NAND gates (PBS + keyswitch each), on a
    /// pool of `threads` threads.
    pub struct TfheRsContender {
        threads: usize,
        pool: rayon::ThreadPool,
        keys: Option<(ClientKey, ServerKey)>,
    }

    impl TfheRsContender {
        /// A peer on `threads` threads (`None`: all).
        pub fn new(threads: Option<usize>) -> Result<Self> {
            let threads = threads.unwrap_or_else(rayon::current_num_threads);
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|e| Error::Backend { backend: "tfhe-rs".into(), reason: e.to_string() })?;
            Ok(Self { threads, pool, keys: None })
        }
    }

    fn peer_parameters(name: &str) -> Option<BooleanParameters> {
        match name {
            "tfhe-lib" => Some(tfhe::boolean::parameters::TFHE_LIB_PARAMETERS),
            "default-boolean" => Some(tfhe::boolean::parameters::DEFAULT_PARAMETERS),
            _ => None,
        }
    }

    impl Contender for TfheRsContender {
        fn label(&self) -> String {
            format!("tfhe-rs ×{}", self.threads)
        }

        fn is_peer(&self) -> bool {
            true
        }

        fn details(&self) -> String {
            format!("tfhe-rs 1.8.2 boolean NAND, {} thread(s)", self.threads)
        }

        fn prepare(&mut self, fixture: &Fixture) -> Result<()> {
            let params = peer_parameters(fixture.params.name).ok_or_else(|| {
                Error::Unsupported(format!("tfhe-rs has no boolean set matching `{}`", fixture.params.name))
            })?;
            let client = ClientKey::new(&params);
            let server = ServerKey::new(&client);
            self.keys = Some((client, server));
            Ok(())
        }

        fn run(&mut self, _fixture: &mut Fixture, batch: usize) -> Result<Duration> {
            let (client, server) =
                self.keys.as_ref().ok_or_else(|| Error::InvalidInput("prepare() was not called".into()))?;
            let lhs: Vec<_> = (0..batch).map(|i| client.encrypt(i % 2 == 0)).collect();
            let rhs: Vec<_> = (0..batch).map(|_| client.encrypt(true)).collect();
            let start = Instant::now();
            let out: Vec<_> = self.pool.install(|| lhs.par_iter().zip(&rhs).map(|(a, b)| server.nand(a, b)).collect());
            let elapsed = start.elapsed();
            // NAND(x, true) = ¬x.
            if out.iter().enumerate().any(|(i, ct)| client.decrypt(ct) == (i % 2 == 0)) {
                return Err(Error::Backend { backend: "tfhe-rs".into(), reason: "wrong decryption".into() });
            }
            Ok(elapsed)
        }
    }
}
