//! Test support: a GPU backend, or a visible skip where no adapter exists.
//!
//! GPU tests call [`backend_or_skip`] and return early on `None`. With
//! `UMBRA_REQUIRE_GPU=1` (set in CI, where Mesa lavapipe provides a software
//! adapter) a missing adapter fails the test instead, so GPU tests can never
//! silently not run. An adapter that lacks a feature a path needs (e.g.
//! `SHADER_F64`) is always a skip, reported on stderr.

use umbra_fhe_core::Error;

use crate::backend::GpuBackend;
use crate::options::{GpuOptions, PathChoice};

/// The toy parameter set of the GPU tests (no security; see
/// [`umbra_fhe_core::testing::TOY`]).
///
/// ```
/// assert!(umbra_fhe_gpu::testing::TOY.validate().is_ok());
/// ```
pub use umbra_fhe_core::testing::TOY;

/// A backend on `path` with default options, or `None` (after a message on stderr).
///
/// ```no_run
/// use umbra_fhe_gpu::{testing::backend_or_skip, PathChoice};
/// let Some(gpu) = backend_or_skip(PathChoice::U32) else { return };
/// println!("testing on {}", gpu.description());
/// ```
///
/// # Panics
/// When no adapter exists and `UMBRA_REQUIRE_GPU=1`.
pub fn backend_or_skip(path: PathChoice) -> Option<GpuBackend> {
    backend_with_options_or_skip(GpuOptions { path, ..GpuOptions::default() })
}

/// A backend with `options`, or `None` (after a message on stderr).
///
/// ```no_run
/// use umbra_fhe_gpu::{testing::backend_with_options_or_skip, GpuOptions};
/// let options = GpuOptions { steps_per_dispatch: 4, ..GpuOptions::default() };
/// let Some(gpu) = backend_with_options_or_skip(options) else { return };
/// assert!(gpu.limits().max_compute_workgroup_storage_size >= 16 << 10);
/// ```
///
/// # Panics
/// When no adapter exists and `UMBRA_REQUIRE_GPU=1`.
pub fn backend_with_options_or_skip(options: GpuOptions) -> Option<GpuBackend> {
    match GpuBackend::new(options) {
        Ok(backend) => Some(backend),
        Err(e @ Error::Unsupported(_)) => {
            eprintln!("skipping GPU test: {e}");
            None
        }
        Err(e) => {
            assert!(
                std::env::var("UMBRA_REQUIRE_GPU").as_deref() != Ok("1"),
                "UMBRA_REQUIRE_GPU=1 but no GPU backend: {e}"
            );
            eprintln!("skipping GPU test (set UMBRA_REQUIRE_GPU=1 to fail instead): {e}");
            None
        }
    }
}
