//! The wgpu device: adapter selection, limits, error capture and read-back.
//!
//! Every GPU operation that can fail runs inside [`Gpu::scoped`], which turns
//! validation and out-of-memory errors into [`Error::Backend`]; device loss is
//! recorded by a callback and reported by the next wait; a wait longer than
//! the configured timeout is an error too, after which the device is treated
//! as lost. Nothing here panics.

use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use umbra_fhe_core::Error;

use crate::options::{GpuOptions, HighProduct};

/// Name used in errors before a path is chosen.
pub(crate) const BACKEND: &str = "gpu";

/// An [`Error::Backend`] with `reason`.
pub(crate) fn backend_error(reason: impl Into<String>) -> Error {
    Error::Backend { backend: BACKEND.to_owned(), reason: reason.into() }
}

/// An adapter, its device and queue, and what the device may do.
pub(crate) struct Gpu {
    pub device: wgpu::Device,
    pub queue: wgpu::Queue,
    pub info: wgpu::AdapterInfo,
    pub limits: wgpu::Limits,
    pub features: wgpu::Features,
    /// How `u32` modules form high products.
    pub high_product: HighProduct,
    /// Longest wait for submitted work; `None`: no limit.
    wait_timeout: Option<Duration>,
    /// First device-loss, timeout or uncaptured error, if any.
    failure: Arc<Mutex<Option<String>>>,
}

impl Gpu {
    /// Opens the preferred adapter (high performance) with all of its limits
    /// and the 64-bit shader features it has.
    ///
    /// Only Vulkan, Metal and DX12 adapters are considered unless
    /// `WGPU_BACKEND` names others (e.g. `gl`): wgpu's OpenGL backend cannot
    /// bound a wait, which [`GpuOptions::wait_timeout`] relies on. The other
    /// wgpu environment variables apply as well. A software adapter is
    /// refused unless [`GpuOptions::allow_software_adapter`] is set. High
    /// products use `SHADER_INT64` when present and [`GpuOptions::shader_int64`] is set.
    pub fn open(options: &GpuOptions) -> Result<Self, Error> {
        let mut descriptor = wgpu::InstanceDescriptor::new_without_display_handle();
        descriptor.backends = wgpu::Backends::PRIMARY;
        let instance = wgpu::Instance::new(descriptor.with_env());
        let request = wgpu::RequestAdapterOptions {
            power_preference: wgpu::PowerPreference::HighPerformance,
            ..Default::default()
        };
        let adapter = pollster::block_on(instance.request_adapter(&request)).map_err(|e| {
            backend_error(format!(
                "no GPU adapter found ({e}); install a Vulkan, Metal or DX12 driver, \
                 or Mesa lavapipe for a software device"
            ))
        })?;
        let info = adapter.get_info();
        if !options.allow_software_adapter && is_software(&info) {
            return Err(Error::Unsupported(format!(
                "adapter `{}` ({:?}) is a software rasteriser that runs GPU kernels on the CPU, \
                 far slower than the CPU backend",
                info.name, info.device_type
            )));
        }
        let wanted = wgpu::Features::SHADER_F64 | wgpu::Features::SHADER_INT64 | wgpu::Features::TIMESTAMP_QUERY;
        let features = adapter.features() & wanted;
        let limits = adapter.limits();
        let descriptor = wgpu::DeviceDescriptor {
            label: Some("umbra"),
            required_features: features,
            required_limits: limits.clone(),
            ..Default::default()
        };
        let (device, queue) = pollster::block_on(adapter.request_device(&descriptor))
            .map_err(|e| backend_error(format!("adapter `{}` refused a device: {e}", info.name)))?;
        let failure = Arc::new(Mutex::new(None));
        let lost = Arc::clone(&failure);
        device.set_device_lost_callback(move |reason, message| {
            record(&lost, format!("device lost ({reason:?}): {message}"));
        });
        let uncaptured = Arc::clone(&failure);
        device.on_uncaptured_error(Arc::new(move |e: wgpu::Error| record(&uncaptured, e.to_string())));
        let high_product = if options.shader_int64 && features.contains(wgpu::Features::SHADER_INT64) {
            HighProduct::Int64
        } else {
            HighProduct::Limbs16
        };
        let wait_timeout = options.wait_timeout;
        Ok(Self { device, queue, info, limits, features, high_product, wait_timeout, failure })
    }

    /// Runs `f` with validation and out-of-memory errors captured as [`Error`]s.
    pub fn scoped<T>(&self, what: &str, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
        let oom = self.device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let validation = self.device.push_error_scope(wgpu::ErrorFilter::Validation);
        let result = f();
        let validation = pollster::block_on(validation.pop());
        let oom = pollster::block_on(oom.pop());
        if let Some(e) = oom {
            return Err(backend_error(format!("{what}: out of GPU memory: {e}")));
        }
        if let Some(e) = validation {
            return Err(backend_error(format!("{what}: {e}")));
        }
        self.check()?;
        result
    }

    /// Blocks until all submitted work is done, or fails once the timeout
    /// passes; a timeout marks the device as failed, so later calls fail fast
    /// instead of reading buffers the device may still be writing.
    pub fn wait(&self) -> Result<(), Error> {
        self.wait_for(None)
    }

    /// [`wait`](Self::wait) for submission `index` only (`None`: all). Work
    /// submitted after it keeps the device busy meanwhile, so waiting for a
    /// batch's pieces one by one bounds the time of each piece, not of the
    /// whole batch, without leaving the device idle between them.
    pub fn wait_for(&self, index: Option<wgpu::SubmissionIndex>) -> Result<(), Error> {
        self.check()?;
        let poll = wgpu::PollType::Wait { submission_index: index, timeout: self.wait_timeout };
        match self.device.poll(poll) {
            Ok(_) => self.check(),
            Err(wgpu::PollError::Timeout) => {
                let limit = self.wait_timeout.unwrap_or_default();
                let message = format!(
                    "the GPU did not finish within {limit:?} (hung driver or killed dispatch); \
                     this backend is unusable from now on: build a new one"
                );
                record(&self.failure, message.clone());
                Err(backend_error(message))
            }
            Err(e) => Err(backend_error(format!("waiting for the GPU failed: {e}"))),
        }
    }

    /// Copies `buffer` (created with `MAP_READ`) back to the host as `u32`s,
    /// once submission `after` (`None`: all submitted work) is done: the
    /// last one that writes the buffer, so later work keeps running.
    pub fn read_u32(&self, buffer: &wgpu::Buffer, after: Option<wgpu::SubmissionIndex>) -> Result<Vec<u32>, Error> {
        self.read_u32_prefix(buffer, buffer.size(), after)
    }

    /// The first `bytes` bytes of a mappable buffer, as `u32`s (a reused
    /// buffer may be larger than what one use fills).
    pub fn read_u32_prefix(
        &self,
        buffer: &wgpu::Buffer,
        bytes: u64,
        after: Option<wgpu::SubmissionIndex>,
    ) -> Result<Vec<u32>, Error> {
        let slice = buffer.slice(..bytes);
        let (tx, rx) = mpsc::channel();
        slice.map_async(wgpu::MapMode::Read, move |r| {
            // The receiver lives until the wait below returns.
            let _ = tx.send(r);
        });
        self.wait_for(after)?;
        rx.recv()
            .map_err(|_| backend_error("buffer mapping was dropped"))?
            .map_err(|e| backend_error(format!("reading results back failed: {e}")))?;
        let data = {
            let view = slice.get_mapped_range().map_err(|e| backend_error(format!("mapping results failed: {e}")))?;
            bytemuck::cast_slice::<u8, u32>(&view).to_vec()
        };
        buffer.unmap();
        Ok(data)
    }

    /// [`read_u32`](Self::read_u32) as `u64`s.
    pub fn read_u64(&self, buffer: &wgpu::Buffer, after: Option<wgpu::SubmissionIndex>) -> Result<Vec<u64>, Error> {
        let words = self.read_u32(buffer, after)?;
        Ok(words.chunks_exact(2).map(|w| u64::from(w[0]) | u64::from(w[1]) << 32).collect())
    }

    /// Fails once the device was lost or raised an uncaptured error.
    fn check(&self) -> Result<(), Error> {
        match self.failure.lock() {
            Ok(failure) => failure.as_ref().map_or(Ok(()), |f| Err(backend_error(f.clone()))),
            Err(_) => Err(backend_error("device state poisoned")),
        }
    }
}

/// Whether `info` describes a software rasteriser (llvmpipe/lavapipe,
/// softpipe, SwiftShader, WARP): by device type, and by name for drivers that
/// report another type.
pub(crate) fn is_software(info: &wgpu::AdapterInfo) -> bool {
    let name = info.name.to_ascii_lowercase();
    info.device_type == wgpu::DeviceType::Cpu
        || ["llvmpipe", "lavapipe", "softpipe", "swiftshader", "microsoft basic render driver"]
            .iter()
            .any(|software| name.contains(software))
}

fn record(slot: &Mutex<Option<String>>, message: String) {
    if let Ok(mut slot) = slot.lock() {
        slot.get_or_insert(message);
    }
}
