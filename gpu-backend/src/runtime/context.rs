//! The runtime's state: a device with its arithmetic path, options and
//! the pipelines compiled for it so far, one per shape.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use umbra_fhe_core::Result;

use super::device::{self, Gpu};
use super::pipelines::{BootstrapPipelines, ProductPipeline};
use super::times::KernelTimes;
use crate::codegen::choice::{cmux_layout, keyswitch_group};
use crate::codegen::shape::Shape;
use crate::options::{Arithmetic, GpuOptions};

/// A device with its arithmetic path, options and compiled pipelines.
pub(crate) struct Runtime {
    pub gpu: Gpu,
    pub arithmetic: Arithmetic,
    pub options: GpuOptions,
    bootstrap_pipelines: Mutex<HashMap<Shape, Arc<BootstrapPipelines>>>,
    product_pipelines: Mutex<HashMap<usize, Arc<ProductPipeline>>>,
    /// Kernel times of the last batch, where the device has timestamps.
    pub kernel_times: Mutex<Option<KernelTimes>>,
}

impl Runtime {
    /// A runtime on `gpu` for `arithmetic`, with nothing compiled yet.
    pub fn new(gpu: Gpu, arithmetic: Arithmetic, options: GpuOptions) -> Self {
        Self {
            gpu,
            arithmetic,
            options,
            bootstrap_pipelines: Mutex::new(HashMap::new()),
            product_pipelines: Mutex::new(HashMap::new()),
            kernel_times: Mutex::new(None),
        }
    }

    /// The backend's name on this path: keys prepared on one path are not
    /// usable on the other.
    pub fn name(&self) -> &'static str {
        match self.arithmetic {
            Arithmetic::F64 => "gpu-f64",
            Arithmetic::U32 => "gpu-u32",
        }
    }

    /// The bootstrap pipelines of `shape`, laid out for this device and
    /// the options, compiled the first time. Errors: as
    /// [`cmux_layout`]'s and [`keyswitch_group`]'s.
    pub fn bootstrap_pipelines(&self, shape: Shape) -> Result<Arc<BootstrapPipelines>> {
        let limit = self.gpu.limits.max_compute_workgroup_storage_size;
        let options = &self.options;
        let layout =
            cmux_layout(limit, self.arithmetic, &shape, options.cmux_ciphertexts_per_workgroup, &options.cmux_kernel)?;
        let keyswitch = keyswitch_group(limit, &shape, options.keyswitch_ciphertexts_per_workgroup)?;
        cached(&self.bootstrap_pipelines, shape, || BootstrapPipelines::new(&self.gpu, shape, layout, keyswitch))
    }

    /// The product pipeline of size `n`, compiled the first time.
    pub fn product_pipeline(&self, n: usize) -> Result<Arc<ProductPipeline>> {
        cached(&self.product_pipelines, n, || {
            ProductPipeline::new(&self.gpu, self.arithmetic, n, &self.options.cmux_kernel)
        })
    }
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
