//! Key preparation and batched programmable bootstrapping on the device.
//!
//! The bootstrapping key is uploaded once in the coefficient domain and
//! transformed on the device by the same kernel code the CMux uses, so the
//! key's spectra are in exactly the order the CMux expects. It is stored in
//! windows of `steps_per_dispatch` GGSWs; each window has its own bind group,
//! so no single binding has to hold the whole key (keys of `N = 2048` sets
//! exceed the 128 MiB default binding limit).
//!
//! A batch is split into chunks that fit the device's binding limits and the
//! memory budget, two in flight at a time (chunk c+1 is queued before chunk c
//! is read back). Per chunk: one upload of the inputs, `init` (ACC = X^{−b̃}·LUT),
//! the CMux windows in order (the accumulator never leaves the device), the
//! fused extraction + keyswitch, and one download of the outputs. The
//! chunk buffers (inputs, selections, accumulators, outputs, staging) are
//! kept with the key and reused by later chunks and batches, each use bound
//! to the prefix it fills: after the first batch, a batch allocates nothing
//! but its lookup tables.

use std::sync::Mutex;

use umbra_fhe_core::backend::{check_key_material, Luts, PreparedKey};
use umbra_fhe_core::bootstrap::BootstrapKey;
use umbra_fhe_core::keyswitch::LweKeyswitchKey;
use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::{Error, Result};

use crate::device::backend_error;
use crate::kernels::{self, PbsKit};
use crate::shader::Shape;
use crate::{arith, Arithmetic, GpuBackend, KernelTimes};

/// A bootstrapping and keyswitching key resident on the device.
pub(crate) struct GpuKey {
    kit: std::sync::Arc<PbsKit>,
    /// Group-1 bind groups of the CMux kernel, one per window of GGSWs, in order.
    windows: Vec<wgpu::BindGroup>,
    ksk: wgpu::Buffer,
    /// Chunk buffers left by earlier batches, for the next ones.
    pool: Mutex<Vec<ChunkBuffers>>,
}

/// The device buffers of one chunk of up to `capacity` ciphertexts. They
/// are reused by every chunk of a batch and by later batches (two per batch
/// in flight), so that a batch allocates nothing once the pool holds two;
/// each use binds only the prefix it fills.
struct ChunkBuffers {
    capacity: usize,
    inputs: wgpu::Buffer,
    selection: wgpu::Buffer,
    acc: wgpu::Buffer,
    outputs: wgpu::Buffer,
    staging: wgpu::Buffer,
}

impl ChunkBuffers {
    fn new(gpu: &crate::device::Gpu, params: &Parameters, capacity: usize) -> Self {
        let glwe_words = ((params.glwe_dimension.0 + 1) * params.polynomial_size.0) as u64;
        let lwe_bytes = 4 * (params.lwe_dimension.0 as u64 + 1) * capacity as u64;
        let storage = wgpu::BufferUsages::STORAGE;
        let copy_dst = wgpu::BufferUsages::COPY_DST;
        Self {
            capacity,
            inputs: kernels::buffer(gpu, "inputs", lwe_bytes, storage | copy_dst),
            selection: kernels::buffer(gpu, "selection", 4 * capacity as u64, storage | copy_dst),
            acc: kernels::buffer(gpu, "accumulators", 4 * glwe_words * capacity as u64, storage),
            outputs: kernels::buffer(gpu, "outputs", lwe_bytes, storage | wgpu::BufferUsages::COPY_SRC),
            staging: kernels::buffer(gpu, "staging", lwe_bytes, wgpu::BufferUsages::MAP_READ | copy_dst),
        }
    }
}

/// Largest exact integer an external product can produce:
/// `(k+1)·l·N·2^{β−1}·2^31` (torus values as `i32`, balanced digits).
fn external_product_bound(params: &Parameters) -> u128 {
    (params.ggsw_rows() as u128 * params.polynomial_size.0 as u128) << (params.pbs_base_log.0 - 1 + 31)
}

/// Bytes of one GGSW of the prepared key of `shape`.
pub(crate) fn ggsw_bytes(arithmetic: Arithmetic, shape: &Shape) -> u64 {
    let rows = u64::from((shape.glwe_dimension + 1) * shape.levels);
    let polys = rows * u64::from(shape.glwe_dimension + 1);
    let n = u64::from(shape.polynomial_size);
    match arithmetic {
        // Per prime, a (value, companion) pair of u32 per coefficient.
        Arithmetic::U32 => polys * 2 * n * 8,
        // N/2 complex f64 values.
        Arithmetic::F64 => polys * (n / 2) * 16,
    }
}

pub(crate) fn prepare_key(
    backend: &GpuBackend,
    params: &Parameters,
    bsk: &BootstrapKey,
    ksk: &LweKeyswitchKey,
) -> Result<PreparedKey> {
    check_key_material(params, bsk, ksk)?;
    let gpu = &backend.gpu;
    let arithmetic = backend.arithmetic;
    let bound = external_product_bound(params);
    let exact = match arithmetic {
        Arithmetic::U32 => bound <= u128::from(arith::CRT_HALF_RANGE),
        Arithmetic::F64 => bound < 1 << 53,
    };
    if !exact {
        return Err(Error::Unsupported(format!(
            "`{}`: external products reach {bound} ≈ 2^{:.1}, beyond the exact range of the {arithmetic:?} path",
            params.name,
            (bound as f64).log2()
        )));
    }
    let shape = Shape::of(params)?;
    let limits = &gpu.limits;
    let per_ggsw = ggsw_bytes(arithmetic, &shape);
    let steps = (limits.max_storage_buffer_binding_size.min(limits.max_buffer_size) / per_ggsw)
        .min(backend.options.steps_per_dispatch as u64)
        .min(params.lwe_dimension.0 as u64) as usize;
    if steps == 0 {
        return Err(Error::Unsupported(format!(
            "one GGSW of `{}` takes {per_ggsw} bytes, more than one storage binding may hold",
            params.name
        )));
    }
    let ksk_bytes = 4 * ksk.as_slice().len() as u64;
    if ksk_bytes > limits.max_storage_buffer_binding_size.min(limits.max_buffer_size) {
        return Err(Error::Unsupported(format!(
            "the keyswitching key of `{}` ({ksk_bytes} bytes) exceeds the storage binding limit",
            params.name
        )));
    }
    let limit = gpu.limits.max_compute_workgroup_storage_size;
    let options = &backend.options;
    let layout =
        kernels::cmux_layout(limit, arithmetic, &shape, options.cmux_ciphertexts_per_workgroup, &options.cmux_kernel)?;
    let ks_cts = kernels::keyswitch_group(limit, &shape, options.keyswitch_ciphertexts_per_workgroup)?;
    let kit = GpuBackend::cached(&backend.pbs_kits, shape, || PbsKit::new(gpu, shape, layout, ks_cts))?;
    let key = gpu.scoped("uploading the bootstrapping key", || {
        let uniform_stride = u64::from(limits.min_uniform_buffer_offset_alignment).max(16);
        let ggsw_words = bsk.shape().len();
        let window_count = params.lwe_dimension.0.div_ceil(steps);
        let mut uniform = vec![0u8; window_count * uniform_stride as usize];
        for w in 0..window_count {
            let first = (w * steps) as u32;
            let count = (steps.min(params.lwe_dimension.0 - w * steps)) as u32;
            let at = w * uniform_stride as usize;
            uniform[at..at + 8].copy_from_slice(bytemuck::cast_slice(&[first, count]));
        }
        let uniform = kernels::storage_init(gpu, "windows", &uniform, wgpu::BufferUsages::UNIFORM);
        let mut encoder = gpu.device.create_command_encoder(&Default::default());
        let mut windows = Vec::with_capacity(window_count);
        for (w, raw) in bsk.as_slice().chunks(steps * ggsw_words).enumerate() {
            let count = raw.len() / ggsw_words;
            let raw_buf =
                kernels::storage_init(gpu, "raw key window", bytemuck::cast_slice(raw), wgpu::BufferUsages::empty());
            let spectra = kernels::buffer(gpu, "key window", count as u64 * per_ggsw, wgpu::BufferUsages::STORAGE);
            let group = kernels::bind_group_with_twiddles(
                gpu,
                &kit.key_transform,
                0,
                kit.twiddles.as_ref(),
                &[kernels::entry(4, &raw_buf), kernels::entry(5, &spectra)],
            );
            let (x, y) = kernels::grid(raw.len() / params.polynomial_size.0)?;
            {
                let mut pass = encoder.begin_compute_pass(&Default::default());
                pass.set_pipeline(&kit.key_transform);
                pass.set_bind_group(0, &group, &[]);
                pass.dispatch_workgroups(x, y, 1);
            }
            let window_uniform = wgpu::BufferBinding {
                buffer: &uniform,
                offset: w as u64 * uniform_stride,
                size: std::num::NonZeroU64::new(16),
            };
            windows.push(kernels::bind_group(
                gpu,
                &kit.cmux,
                1,
                &[
                    kernels::entry(0, &spectra),
                    wgpu::BindGroupEntry { binding: 1, resource: wgpu::BindingResource::Buffer(window_uniform) },
                ],
            ));
        }
        gpu.queue.submit([encoder.finish()]);
        let ksk = kernels::storage_init(
            gpu,
            "keyswitching key",
            bytemuck::cast_slice(ksk.as_slice()),
            wgpu::BufferUsages::empty(),
        );
        Ok(GpuKey { kit: std::sync::Arc::clone(&kit), windows, ksk, pool: Mutex::new(Vec::new()) })
    })?;
    gpu.wait()?;
    Ok(PreparedKey::new(backend_name(arithmetic), *params, key))
}

pub(crate) fn backend_name(arithmetic: Arithmetic) -> &'static str {
    match arithmetic {
        Arithmetic::F64 => "gpu-f64",
        Arithmetic::U32 => "gpu-u32",
    }
}

/// Ciphertexts per chunk: the device limits and the memory budget decide,
/// capped by the options.
fn chunk_size(backend: &GpuBackend, params: &Parameters) -> Result<usize> {
    let limits = &backend.gpu.limits;
    let glwe_words = ((params.glwe_dimension.0 + 1) * params.polynomial_size.0) as u64;
    let lwe_words = params.lwe_dimension.0 as u64 + 1;
    // The accumulator (4 bytes per coefficient) is the largest buffer: the
    // CMux keeps its spectral accumulators in registers.
    let largest = 4 * glwe_words;
    let per_ct = 4 * glwe_words + 12 * lwe_words + 4;
    let by_binding = limits.max_storage_buffer_binding_size.min(limits.max_buffer_size) / largest;
    // Two chunks are in flight at a time; the budget covers both.
    let by_budget = backend.options.chunk_memory_budget / (2 * per_ct);
    let chunk = by_binding
        .min(by_budget.max(1))
        .min(u64::from(kernels::GRID_WIDTH))
        .min(backend.options.max_chunk.unwrap_or(usize::MAX) as u64);
    if chunk == 0 {
        return Err(Error::Unsupported(format!(
            "one accumulator of `{}` exceeds the storage binding limit",
            params.name
        )));
    }
    Ok(chunk as usize)
}

pub(crate) fn bootstrap_batch(
    backend: &GpuBackend,
    key: &PreparedKey,
    inputs: &[LweCiphertext],
    luts: Luts<'_>,
) -> Result<Vec<LweCiphertext>> {
    let params = *key.params();
    let prepared: &GpuKey = key.for_batch(backend_name(backend.arithmetic), inputs, &luts)?;
    if inputs.is_empty() {
        return Ok(Vec::new());
    }
    let gpu = &backend.gpu;
    let (tables, selection): (Vec<u32>, Vec<u32>) = match luts {
        Luts::Shared(t) => (t.as_slice().to_vec(), vec![0; inputs.len()]),
        Luts::PerInput { tables, selection } => (
            tables.iter().flat_map(|t| t.as_slice().iter().copied()).collect(),
            selection.iter().map(|&s| s as u32).collect(),
        ),
    };
    let luts_buf = gpu.scoped("uploading lookup tables", || {
        Ok(kernels::storage_init(gpu, "lookup tables", bytemuck::cast_slice(&tables), wgpu::BufferUsages::empty()))
    })?;
    let chunk = chunk_size(backend, &params)?;
    let lwe_words = params.lwe_dimension.0 + 1;
    let mut outputs = Vec::with_capacity(inputs.len());
    let mut times = gpu.features.contains(wgpu::Features::TIMESTAMP_QUERY).then(KernelTimes::default);
    // Two chunks in flight: chunk c+1 is uploaded and queued before chunk c
    // is waited for and read back, so the device never idles between them.
    let mut in_flight: std::collections::VecDeque<(usize, Submitted)> = std::collections::VecDeque::new();
    // Buffers for two chunks: from the pool when it has them, else new.
    let mut free: Vec<ChunkBuffers> = {
        let mut pool = prepared.pool.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        pool.retain(|b| b.capacity == chunk);
        let keep = pool.len().saturating_sub(2);
        pool.split_off(keep)
    };
    let chunks = inputs.len().div_ceil(chunk);
    for (c, cts) in inputs.chunks(chunk).enumerate() {
        let raw: Vec<u32> = cts.iter().flat_map(|ct| ct.as_slice().iter().copied()).collect();
        let sel = &selection[c * chunk..c * chunk + cts.len()];
        let timed = times.is_some();
        tracing::debug!(chunk = c, chunks, size = cts.len(), "GPU bootstrap chunk submitted");
        let buffers = free.pop().unwrap_or_else(|| ChunkBuffers::new(gpu, &params, chunk));
        let submitted = gpu
            .scoped("bootstrapping", || run_chunk(backend, prepared, &params, &luts_buf, buffers, &raw, sel, timed))?;
        in_flight.push_back((cts.len(), submitted));
        if in_flight.len() == 2 {
            if let Some((count, done)) = in_flight.pop_front() {
                free.push(collect_chunk(gpu, done, (count, lwe_words), &mut times, &mut outputs)?);
            }
        }
    }
    while let Some((count, done)) = in_flight.pop_front() {
        free.push(collect_chunk(gpu, done, (count, lwe_words), &mut times, &mut outputs)?);
    }
    // Only after success: a failed read may leave a staging buffer mapped.
    prepared.pool.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).extend(free);
    if let Ok(mut last) = backend.kernel_times.lock() {
        *last = times;
    }
    Ok(outputs)
}

/// Waits for a submitted chunk piece by piece (each under the wait timeout),
/// adds its kernel times, and appends its `count` outputs of `lwe_words`
/// words. Returns the chunk's buffers, free again.
fn collect_chunk(
    gpu: &crate::device::Gpu,
    chunk: Submitted,
    (count, lwe_words): (usize, usize),
    times: &mut Option<KernelTimes>,
    outputs: &mut Vec<LweCiphertext>,
) -> Result<ChunkBuffers> {
    let last = chunk.pieces.last().cloned();
    for piece in chunk.pieces {
        gpu.wait_for(Some(piece))?;
    }
    if let (Some(total), Some(ticks)) = (times.as_mut(), chunk.timestamps) {
        add_kernel_times(total, &gpu.read_u64(&ticks, last.clone())?, gpu.queue.get_timestamp_period());
    }
    let bytes = 4 * (count * lwe_words) as u64;
    let words = gpu.read_u32_prefix(&chunk.buffers.staging, bytes, last)?;
    if words.len() != count * lwe_words {
        return Err(backend_error("bootstrap read-back has the wrong length"));
    }
    for out in words.chunks_exact(lwe_words) {
        outputs.push(LweCiphertext::from_raw(out.to_vec())?);
    }
    Ok(chunk.buffers)
}

/// What [`run_chunk`] submitted.
struct Submitted {
    /// The chunk's buffers; the outputs will be copied into `staging`.
    buffers: ChunkBuffers,
    /// The pieces' submission indices, in order.
    pieces: Vec<wgpu::SubmissionIndex>,
    /// Where the pass timestamps will be copied (when timed): a begin/end
    /// pair for the initialisation, each CMux window, and the keyswitch.
    timestamps: Option<wgpu::Buffer>,
}

/// Adds one chunk's pass durations, from `ticks` (begin/end pairs: init,
/// the windows, keyswitch) of `period` nanoseconds each.
fn add_kernel_times(total: &mut KernelTimes, ticks: &[u64], period: f32) {
    let pass = |pair: &[u64]| {
        let ns = pair[1].saturating_sub(pair[0]) as f64 * f64::from(period);
        std::time::Duration::from_nanos(ns as u64)
    };
    let pairs: Vec<&[u64]> = ticks.chunks_exact(2).collect();
    if let [init, windows @ .., keyswitch] = pairs.as_slice() {
        total.init += pass(init);
        total.cmux += windows.iter().map(|w| pass(w)).sum();
        total.keyswitch += pass(keyswitch);
    }
}

/// Records and submits the whole PBS of one chunk, in pieces: the
/// accumulator initialisation with the first CMux window, each further
/// window, and the keyswitch. Returns the staging buffer the outputs will be
/// copied into and the pieces' submission indices, so that the caller's
/// waits bound each piece (one window of `steps_per_dispatch` CMux steps)
/// rather than the whole chunk. With `timed`, every pass writes timestamps
/// at its start and end. The chunk's data goes into `buffers` (at least
/// `selection.len()` ciphertexts large), bound to the prefix it fills.
#[allow(clippy::too_many_arguments)]
fn run_chunk(
    backend: &GpuBackend,
    key: &GpuKey,
    params: &Parameters,
    luts: &wgpu::Buffer,
    buffers: ChunkBuffers,
    raw_inputs: &[u32],
    selection: &[u32],
    timed: bool,
) -> Result<Submitted> {
    let gpu = &backend.gpu;
    let kit = &key.kit;
    let count = selection.len();
    if count > buffers.capacity {
        return Err(backend_error("a chunk exceeds its buffers"));
    }
    let glwe_words = ((params.glwe_dimension.0 + 1) * params.polynomial_size.0) as u64;
    let out_bytes = 4 * raw_inputs.len() as u64;
    let (sel_bytes, acc_bytes) = (4 * count as u64, 4 * glwe_words * count as u64);
    gpu.queue.write_buffer(&buffers.inputs, 0, bytemuck::cast_slice(raw_inputs));
    gpu.queue.write_buffer(&buffers.selection, 0, bytemuck::cast_slice(selection));
    let inputs = kernels::entry_prefix(1, &buffers.inputs, out_bytes);
    let acc = |binding| kernels::entry_prefix(binding, &buffers.acc, acc_bytes);
    let init = kernels::bind_group(
        gpu,
        &kit.init,
        0,
        &[
            kernels::entry_prefix(0, &buffers.inputs, out_bytes),
            kernels::entry(1, luts),
            kernels::entry_prefix(2, &buffers.selection, sel_bytes),
            acc(3),
        ],
    );
    let cmux = kernels::bind_group_with_twiddles(gpu, &kit.cmux, 0, kit.twiddles.as_ref(), &[inputs, acc(2)]);
    let keyswitch = kernels::bind_group(
        gpu,
        &kit.keyswitch,
        0,
        &[acc(3), kernels::entry(4, &key.ksk), kernels::entry_prefix(5, &buffers.outputs, out_bytes)],
    );
    let cts = count as u32;
    let ks_groups = (kit.shape.lwe_dimension + 1).div_ceil(64);
    // Passes: init, one per window, keyswitch; two timestamps each.
    let passes = key.windows.len() as u32 + 2;
    let queries = timed.then(|| {
        gpu.device.create_query_set(&wgpu::QuerySetDescriptor {
            label: Some("pass timestamps"),
            ty: wgpu::QueryType::Timestamp,
            count: 2 * passes,
        })
    });
    let stamps = |pass: u32| {
        queries.as_ref().map(|query_set| wgpu::ComputePassTimestampWrites {
            query_set,
            beginning_of_pass_write_index: Some(2 * pass),
            end_of_pass_write_index: Some(2 * pass + 1),
        })
    };
    let mut pieces = Vec::with_capacity(key.windows.len() + 1);
    for (w, window) in key.windows.iter().enumerate() {
        let mut encoder = gpu.device.create_command_encoder(&Default::default());
        if w == 0 {
            let mut pass =
                encoder.begin_compute_pass(&wgpu::ComputePassDescriptor { label: None, timestamp_writes: stamps(0) });
            pass.set_pipeline(&kit.init);
            pass.set_bind_group(0, &init, &[]);
            pass.dispatch_workgroups(cts, 1, 1);
        }
        {
            let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
                label: None,
                timestamp_writes: stamps(1 + w as u32),
            });
            pass.set_pipeline(&kit.cmux);
            pass.set_bind_group(0, &cmux, &[]);
            pass.set_bind_group(1, window, &[]);
            pass.dispatch_workgroups(cts.div_ceil(kit.layout.cts), 1, 1);
        }
        pieces.push(gpu.queue.submit([encoder.finish()]));
    }
    let mut encoder = gpu.device.create_command_encoder(&Default::default());
    {
        let mut pass = encoder
            .begin_compute_pass(&wgpu::ComputePassDescriptor { label: None, timestamp_writes: stamps(passes - 1) });
        pass.set_pipeline(&kit.keyswitch);
        pass.set_bind_group(0, &keyswitch, &[]);
        pass.dispatch_workgroups(ks_groups, cts.div_ceil(kit.ks_cts), 1);
    }
    encoder.copy_buffer_to_buffer(&buffers.outputs, 0, &buffers.staging, 0, out_bytes);
    let timestamps = queries.map(|query_set| {
        let bytes = u64::from(2 * passes) * wgpu::QUERY_SIZE as u64;
        let resolved = kernels::buffer(
            gpu,
            "resolved timestamps",
            bytes,
            wgpu::BufferUsages::QUERY_RESOLVE | wgpu::BufferUsages::COPY_SRC,
        );
        let ticks =
            kernels::buffer(gpu, "timestamps", bytes, wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST);
        encoder.resolve_query_set(&query_set, 0..2 * passes, &resolved, 0);
        encoder.copy_buffer_to_buffer(&resolved, 0, &ticks, 0, bytes);
        ticks
    });
    pieces.push(gpu.queue.submit([encoder.finish()]));
    Ok(Submitted { buffers, pieces, timestamps })
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
        }
    }

    #[test]
    fn ggsw_sizes_match_the_shader_layouts() {
        let shape = Shape::of(&umbra_fhe_core::params::TFHE_LIB).unwrap();
        // 6 rows × 2 components × 2 primes × 1024 (value, companion) pairs.
        assert_eq!(ggsw_bytes(Arithmetic::U32, &shape), 6 * 2 * 2 * 1024 * 8);
        // 6 rows × 2 components × 512 complex f64.
        assert_eq!(ggsw_bytes(Arithmetic::F64, &shape), 6 * 2 * 512 * 16);
    }
}
