//! Batched programmable bootstrapping on the device.
//!
//! A batch is split into chunks that fit the device's binding limits and the
//! memory budget, two in flight at a time (chunk c+1 is queued before chunk c
//! is read back). Per chunk ([`chunk`](super::chunk)): one upload of the
//! inputs, `init` (ACC = X^{−b̃}·LUT), the CMux windows in order (the
//! accumulator never leaves the device), the fused extraction + keyswitch,
//! and one download of the outputs. The chunk buffers (inputs, selections,
//! accumulators, outputs, staging) are kept with the key and reused by later
//! chunks and batches, each use bound to the prefix it fills: after the
//! first batch, a batch allocates nothing but its lookup tables.

use umbra_fhe_core::backend::{Luts, PreparedKey};
use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::{Error, Result};

use super::buffers;
use super::chunk::{self, glwe_words, lwe_words, ChunkBuffers, ChunkData, Resident, Submitted};
use super::context::Runtime;
use super::key::GpuKey;
use super::times::KernelTimes;
use crate::codegen::path::GRID_WIDTH;
use crate::codegen::shape::Shape;

/// Ciphertexts per chunk: the device limits and the memory budget decide,
/// capped by the options.
fn chunk_size(runtime: &Runtime, params: &Parameters, shape: &Shape) -> Result<usize> {
    let limits = &runtime.gpu.limits;
    let (glwe_words, lwe_words) = (glwe_words(shape), lwe_words(shape));
    // The accumulator (4 bytes per coefficient) is the largest buffer: the
    // CMux keeps its spectral accumulators in registers.
    let largest = 4 * glwe_words;
    let per_ct = 4 * glwe_words + 12 * lwe_words + 4;
    let by_binding = limits.max_storage_buffer_binding_size.min(limits.max_buffer_size) / largest;
    // Two chunks are in flight at a time; the budget covers both.
    let by_budget = runtime.options.chunk_memory_budget / (2 * per_ct);
    let chunk = by_binding
        .min(by_budget.max(1))
        .min(u64::from(GRID_WIDTH))
        .min(runtime.options.max_chunk.unwrap_or(usize::MAX) as u64);
    if chunk == 0 {
        return Err(Error::Unsupported(format!(
            "one accumulator of `{}` exceeds the storage binding limit",
            params.name
        )));
    }
    Ok(chunk as usize)
}

/// Bootstraps `inputs` with `luts` under the prepared `key`, in chunks,
/// two in flight at a time.
pub(crate) fn bootstrap_batch(
    runtime: &Runtime,
    key: &PreparedKey,
    inputs: &[LweCiphertext],
    luts: Luts<'_>,
) -> Result<Vec<LweCiphertext>> {
    let params = *key.params();
    let prepared: &GpuKey = key.for_batch(runtime.name(), inputs, &luts)?;
    if inputs.is_empty() {
        return Ok(Vec::new());
    }
    let gpu = &runtime.gpu;
    let shape = &prepared.pipelines.shape;
    let (tables, selection): (Vec<u32>, Vec<u32>) = match luts {
        Luts::Shared(t) => (t.as_slice().to_vec(), vec![0; inputs.len()]),
        Luts::PerInput { tables, selection } => (
            tables.iter().flat_map(|t| t.as_slice().iter().copied()).collect(),
            selection.iter().map(|&s| s as u32).collect(),
        ),
    };
    let luts_buf = gpu.scoped("uploading lookup tables", || {
        Ok(buffers::storage_init(gpu, "lookup tables", bytemuck::cast_slice(&tables), wgpu::BufferUsages::empty()))
    })?;
    let chunk = chunk_size(runtime, &params, shape)?;
    let resident = Resident {
        pipelines: &prepared.pipelines,
        windows: &prepared.windows,
        keyswitch_key: &prepared.keyswitch_key,
        luts: &luts_buf,
    };
    let lwe_words = lwe_words(shape) as usize;
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
        let buffers = free.pop().unwrap_or_else(|| ChunkBuffers::new(gpu, shape, chunk));
        let data = ChunkData { inputs: &raw, selection: sel };
        let submitted = gpu.scoped("bootstrapping", || chunk::submit(gpu, &resident, buffers, data, timed))?;
        in_flight.push_back((cts.len(), submitted));
        if in_flight.len() == 2 {
            if let Some((count, done)) = in_flight.pop_front() {
                free.push(chunk::collect(gpu, done, (count, lwe_words), &mut times, &mut outputs)?);
            }
        }
    }
    while let Some((count, done)) = in_flight.pop_front() {
        free.push(chunk::collect(gpu, done, (count, lwe_words), &mut times, &mut outputs)?);
    }
    // Only after success: a failed read may leave a staging buffer mapped.
    prepared.pool.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).extend(free);
    if let Ok(mut last) = runtime.kernel_times.lock() {
        *last = times;
    }
    Ok(outputs)
}
