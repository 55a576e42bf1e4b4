//! Choosing the backend at run time.

use std::sync::Arc;

use umbra_fhe_core::backend::Backend;
use umbra_fhe_core::{Error, Result};

/// Which backend a [`ServerKey`](crate::ServerKey) evaluates with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum BackendChoice {
    /// The GPU when one is compiled in and a hardware adapter exists, else
    /// the CPU. A software adapter (llvmpipe/lavapipe, SwiftShader, WARP) is
    /// skipped, and the description says so: it is far slower than the CPU backend.
    #[default]
    Auto,
    /// The CPU backend (feature `cpu`).
    Cpu,
    /// The GPU backend (feature `gpu`), on a software adapter too; an error
    /// when no adapter is found.
    Gpu,
}

impl BackendChoice {
    /// Reads `UMBRA_BACKEND` (`auto`, `cpu` or `gpu`, any case); unset means `Auto`.
    ///
    /// ```
    /// use umbra_fhe::BackendChoice;
    /// assert_eq!("gpu".parse::<BackendChoice>().unwrap(), BackendChoice::Gpu);
    /// assert!("tpu".parse::<BackendChoice>().is_err());
    /// ```
    pub fn from_env() -> Result<Self> {
        match std::env::var("UMBRA_BACKEND") {
            Ok(v) => v.parse(),
            Err(std::env::VarError::NotPresent) => Ok(Self::Auto),
            Err(e) => Err(Error::InvalidInput(format!("UMBRA_BACKEND: {e}"))),
        }
    }

    /// The backends compiled into this build (features `cpu` and `gpu`), by name.
    ///
    /// ```
    /// // The default features include the CPU backend.
    /// assert!(umbra_fhe::BackendChoice::compiled_in().contains(&"cpu"));
    /// ```
    pub fn compiled_in() -> &'static [&'static str] {
        match (cfg!(feature = "cpu"), cfg!(feature = "gpu")) {
            (true, true) => &["cpu", "gpu"],
            (true, false) => &["cpu"],
            (false, true) => &["gpu"],
            (false, false) => &[],
        }
    }

    /// Builds the chosen backend. Returns it with a sentence saying what was
    /// chosen and, for `Auto`, why.
    pub fn build(self) -> Result<(Arc<dyn Backend>, String)> {
        match self {
            Self::Cpu => cpu().map(|b| (b, "CPU backend (requested)".to_owned())),
            Self::Gpu => gpu(true).map(|(b, info)| (b, format!("GPU backend (requested): {info}"))),
            Self::Auto => match gpu(false) {
                Ok((b, info)) => Ok((b, format!("GPU backend (auto): {info}"))),
                Err(why) => cpu()
                    .map(|b| (b, format!("CPU backend (auto; no GPU: {why})")))
                    .map_err(|cpu| Error::Unsupported(format!("no backend could be built: {cpu}; GPU: {why}"))),
            },
        }
    }
}

impl std::str::FromStr for BackendChoice {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" | "" => Ok(Self::Auto),
            "cpu" => Ok(Self::Cpu),
            "gpu" => Ok(Self::Gpu),
            other => Err(Error::InvalidInput(format!("unknown backend `{other}` (expected auto, cpu or gpu)"))),
        }
    }
}

#[cfg(feature = "cpu")]
fn cpu() -> Result<Arc<dyn Backend>> {
    Ok(Arc::new(umbra_fhe_cpu::CpuBackend::new()))
}

#[cfg(not(feature = "cpu"))]
fn cpu() -> Result<Arc<dyn Backend>> {
    Err(Error::Unsupported(missing("CPU", "cpu")))
}

#[cfg(feature = "gpu")]
fn gpu(allow_software_adapter: bool) -> Result<(Arc<dyn Backend>, String)> {
    let options = umbra_fhe_gpu::GpuOptions { allow_software_adapter, ..Default::default() };
    let backend = umbra_fhe_gpu::GpuBackend::new(options)?;
    let description = backend.description();
    Ok((Arc::new(backend), description))
}

#[cfg(not(feature = "gpu"))]
fn gpu(_allow_software_adapter: bool) -> Result<(Arc<dyn Backend>, String)> {
    Err(Error::Unsupported(missing("GPU", "gpu")))
}

/// Says that a backend is not compiled in, and which ones are.
#[cfg(not(all(feature = "cpu", feature = "gpu")))]
fn missing(what: &str, feature: &str) -> String {
    let available = match BackendChoice::compiled_in() {
        [] => "none: enable the feature `cpu` (default) or `gpu` of umbra-fhe".to_owned(),
        names => names.join(", "),
    };
    format!("this build of umbra-fhe has no {what} backend (feature `{feature}`); compiled in: {available}")
}
