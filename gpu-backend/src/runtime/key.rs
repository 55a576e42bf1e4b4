//! Key preparation: a bootstrapping and keyswitching key checked against
//! what the device and the path can hold exactly, then uploaded.
//!
//! The bootstrapping key is uploaded once in the coefficient domain and
//! transformed on the device by the same transform code the CMux uses, so
//! the key's spectra are in exactly the order the CMux expects. It is
//! stored in windows of `steps_per_dispatch` GGSWs; each window has its own
//! bind group, so no single binding has to hold the whole key (keys of
//! `N = 2048` sets exceed the 128 MiB default binding limit).

use std::sync::{Arc, Mutex};

use umbra_fhe_core::backend::{check_key_material, PreparedKey};
use umbra_fhe_core::bootstrap::BootstrapKey;
use umbra_fhe_core::keyswitch::LweKeyswitchKey;
use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::{Error, Result};

use super::buffers;
use super::chunk::ChunkBuffers;
use super::context::Runtime;
use super::pipelines::{self, BootstrapPipelines, BoundGroup};
use crate::arith;
use crate::codegen::bindings;
use crate::codegen::shape::Shape;
use crate::options::Arithmetic;

/// A bootstrapping and keyswitching key resident on the device.
pub(crate) struct GpuKey {
    pub pipelines: Arc<BootstrapPipelines>,
    /// The CMux's key-window bind groups, one per window of GGSWs, in order.
    pub windows: Vec<BoundGroup>,
    pub keyswitch_key: wgpu::Buffer,
    /// Chunk buffers left by earlier batches, for the next ones.
    pub pool: Mutex<Vec<ChunkBuffers>>,
}

/// Largest exact integer an external product can produce:
/// `(k+1)·l·N·2^{β−1}·2^31` (torus values as `i32`, balanced digits).
fn external_product_bound(params: &Parameters) -> u128 {
    (params.ggsw_rows() as u128 * params.polynomial_size.0 as u128) << (params.pbs_base_log.0 - 1 + 31)
}

/// [`Error::Unsupported`] where `params`'s external products leave the
/// exact range of `arithmetic`.
fn check_exact(arithmetic: Arithmetic, params: &Parameters) -> Result<()> {
    let bound = external_product_bound(params);
    let exact = match arithmetic {
        Arithmetic::U32 => bound <= u128::from(arith::CRT_HALF_RANGE),
        Arithmetic::F64 => bound < 1 << 53,
    };
    if exact {
        return Ok(());
    }
    Err(Error::Unsupported(format!(
        "`{}`: external products reach {bound} ≈ 2^{:.1}, beyond the exact range of the {arithmetic:?} path",
        params.name,
        (bound as f64).log2()
    )))
}

/// GGSWs per key window: the options' steps per dispatch, as far as one
/// storage binding holds them. Errors where not even one GGSW, or the
/// keyswitching key, fits a binding.
fn window_steps(runtime: &Runtime, params: &Parameters, shape: &Shape, ksk: &LweKeyswitchKey) -> Result<usize> {
    let limits = &runtime.gpu.limits;
    let binding_limit = limits.max_storage_buffer_binding_size.min(limits.max_buffer_size);
    let per_ggsw = shape.ggsw_bytes(runtime.arithmetic);
    let steps = (binding_limit / per_ggsw)
        .min(runtime.options.steps_per_dispatch as u64)
        .min(params.lwe_dimension.0 as u64) as usize;
    if steps == 0 {
        return Err(Error::Unsupported(format!(
            "one GGSW of `{}` takes {per_ggsw} bytes, more than one storage binding may hold",
            params.name
        )));
    }
    let ksk_bytes = 4 * ksk.as_slice().len() as u64;
    if ksk_bytes > binding_limit {
        return Err(Error::Unsupported(format!(
            "the keyswitching key of `{}` ({ksk_bytes} bytes) exceeds the storage binding limit",
            params.name
        )));
    }
    Ok(steps)
}

/// Checks the key material against `params`, the path's exact range and
/// the device's limits, then uploads it: the bootstrapping key transformed
/// window by window on the device.
pub(crate) fn prepare_key(
    runtime: &Runtime,
    params: &Parameters,
    bsk: &BootstrapKey,
    ksk: &LweKeyswitchKey,
) -> Result<PreparedKey> {
    check_key_material(params, bsk, ksk)?;
    check_exact(runtime.arithmetic, params)?;
    let shape = Shape::of(params)?;
    let steps = window_steps(runtime, params, &shape, ksk)?;
    let pipelines = runtime.bootstrap_pipelines(shape)?;
    let gpu = &runtime.gpu;
    let key = gpu.scoped("uploading the bootstrapping key", || {
        let windows = upload_windows(runtime, &pipelines, params, bsk, steps)?;
        let keyswitch_key = buffers::storage_init(
            gpu,
            "keyswitching key",
            bytemuck::cast_slice(ksk.as_slice()),
            wgpu::BufferUsages::empty(),
        );
        Ok(GpuKey { pipelines: Arc::clone(&pipelines), windows, keyswitch_key, pool: Mutex::new(Vec::new()) })
    })?;
    gpu.wait()?;
    Ok(PreparedKey::new(runtime.name(), *params, key))
}

/// The uniform buffer of the windows' `(first GGSW, count)`, one window per
/// `stride` bytes (the device's uniform offset alignment), and the stride.
fn window_uniforms(runtime: &Runtime, lwe_dimension: usize, steps: usize) -> (wgpu::Buffer, u64) {
    let stride = u64::from(runtime.gpu.limits.min_uniform_buffer_offset_alignment).max(16);
    let count = lwe_dimension.div_ceil(steps);
    let mut bytes = vec![0u8; count * stride as usize];
    for w in 0..count {
        let first = (w * steps) as u32;
        let ggsws = steps.min(lwe_dimension - w * steps) as u32;
        let at = w * stride as usize;
        bytes[at..at + 8].copy_from_slice(bytemuck::cast_slice(&[first, ggsws]));
    }
    (buffers::storage_init(&runtime.gpu, "windows", &bytes, wgpu::BufferUsages::UNIFORM), stride)
}

/// Uploads `bsk` in windows of `steps` GGSWs, transforms each on the
/// device, and returns the CMux's bind group of each window.
fn upload_windows(
    runtime: &Runtime,
    pipelines: &BootstrapPipelines,
    params: &Parameters,
    bsk: &BootstrapKey,
    steps: usize,
) -> Result<Vec<BoundGroup>> {
    let gpu = &runtime.gpu;
    let per_ggsw = pipelines.shape.ggsw_bytes(runtime.arithmetic);
    let ggsw_words = bsk.shape().len();
    let (uniforms, stride) = window_uniforms(runtime, params.lwe_dimension.0, steps);
    let transform = &pipelines.key_transform;
    let mut encoder = gpu.device.create_command_encoder(&Default::default());
    let mut windows = Vec::with_capacity(params.lwe_dimension.0.div_ceil(steps));
    for (w, raw) in bsk.as_slice().chunks(steps * ggsw_words).enumerate() {
        let count = raw.len() / ggsw_words;
        let raw_key =
            buffers::storage_init(gpu, "raw key window", bytemuck::cast_slice(raw), wgpu::BufferUsages::empty());
        let spectra = buffers::buffer(gpu, "key window", count as u64 * per_ggsw, wgpu::BufferUsages::STORAGE);
        let mut resources: Vec<_> = pipelines::twiddles(pipelines.twiddles.as_ref()).into_iter().collect();
        resources.push((bindings::RAW_KEY, raw_key.as_entire_binding()));
        resources.push((bindings::KEY_SPECTRA, spectra.as_entire_binding()));
        let group = transform.bind(gpu, &resources);
        let (x, y) = buffers::grid(raw.len() / params.polynomial_size.0)?;
        {
            let mut pass = encoder.begin_compute_pass(&Default::default());
            pass.set_pipeline(&transform.pipeline);
            group.set(&mut pass);
            pass.dispatch_workgroups(x, y, 1);
        }
        let window =
            wgpu::BufferBinding { buffer: &uniforms, offset: w as u64 * stride, size: wgpu::BufferSize::new(16) };
        windows.push(pipelines.cmux.bind(
            gpu,
            &[(bindings::KEY, spectra.as_entire_binding()), (bindings::WINDOW, wgpu::BindingResource::Buffer(window))],
        ));
    }
    gpu.queue.submit([encoder.finish()]);
    Ok(windows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_set_is_exact_on_both_paths() {
        for params in Parameters::all() {
            let bound = external_product_bound(&params);
            assert!(bound < 1 << 53, "{}: 2^{:.2}", params.name, (bound as f64).log2());
            assert!(bound <= u128::from(arith::CRT_HALF_RANGE), "{}", params.name);
            for arithmetic in [Arithmetic::F64, Arithmetic::U32] {
                assert!(check_exact(arithmetic, &params).is_ok());
            }
        }
    }
}
