//! Choosing the backend at run time.

use std::sync::Arc;

use umbra_fhe_core::backend::Backend;
use umbra_fhe_core::{Error, Result};

/// Which backend a [`ServerKey`](crate::ServerKey) evaluates with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum BackendChoice {
    /// The GPU when one is compiled in and an adapter exists, else the CPU.
    #[default]
    Auto,
    /// The CPU backend (feature `cpu`).
    Cpu,
    /// The GPU backend (feature `gpu`); an error when no adapter is found.
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

    /// Builds the chosen backend. Returns it with a sentence saying what was
    /// chosen and, for `Auto`, why.
    pub fn build(self) -> Result<(Arc<dyn Backend>, String)> {
        match self {
            Self::Cpu => cpu().map(|b| (b, "CPU backend (requested)".to_owned())),
            Self::Gpu => gpu().map(|(b, info)| (b, format!("GPU backend (requested): {info}"))),
            Self::Auto => match gpu() {
                Ok((b, info)) => Ok((b, format!("GPU backend (auto): {info}"))),
                Err(why) => cpu().map(|b| (b, format!("CPU backend (auto; no GPU: {why})"))),
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
    Err(Error::Unsupported("this build of umbra-fhe has no CPU backend (feature `cpu`)".into()))
}

#[cfg(feature = "gpu")]
fn gpu() -> Result<(Arc<dyn Backend>, String)> {
    let backend = umbra_fhe_gpu::GpuBackend::new(umbra_fhe_gpu::GpuOptions::default())?;
    let description = backend.description();
    Ok((Arc::new(backend), description))
}

#[cfg(not(feature = "gpu"))]
fn gpu() -> Result<(Arc<dyn Backend>, String)> {
    Err(Error::Unsupported("this build of umbra-fhe has no GPU backend (feature `gpu`)".into()))
}
