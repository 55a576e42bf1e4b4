//! One chunk of a bootstrap batch: its reusable buffers, its submission in
//! pieces (the accumulator initialisation with the first CMux window, each
//! further window, the extraction + keyswitch), and its read-back.

use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::Result;

use super::buffers;
use super::device::{backend_error, Gpu};
use super::pipelines::{BootstrapPipelines, BoundGroup};
use super::times::KernelTimes;
use crate::codegen::bindings;
use crate::codegen::shape::Shape;

/// Words of one LWE ciphertext of `shape`, in and out: the keyswitch
/// brings the extracted sample back to the input's dimension `n`.
pub(crate) fn lwe_words(shape: &Shape) -> u64 {
    u64::from(shape.lwe_dimension) + 1
}

/// Words of one GLWE accumulator of `shape`.
pub(crate) fn glwe_words(shape: &Shape) -> u64 {
    u64::from(shape.glwe_dimension + 1) * u64::from(shape.polynomial_size)
}

/// The device buffers of one chunk of up to `capacity` ciphertexts. They
/// are reused by every chunk of a batch and by later batches (two per batch
/// in flight), so that a batch allocates nothing once the pool holds two;
/// each use binds only the prefix it fills.
pub(crate) struct ChunkBuffers {
    pub capacity: usize,
    inputs: wgpu::Buffer,
    selection: wgpu::Buffer,
    accumulators: wgpu::Buffer,
    outputs: wgpu::Buffer,
    staging: wgpu::Buffer,
}

impl ChunkBuffers {
    /// Buffers for up to `capacity` ciphertexts of `shape`.
    pub fn new(gpu: &Gpu, shape: &Shape, capacity: usize) -> Self {
        let lwe_bytes = 4 * lwe_words(shape) * capacity as u64;
        let storage = wgpu::BufferUsages::STORAGE;
        let copy_dst = wgpu::BufferUsages::COPY_DST;
        Self {
            capacity,
            inputs: buffers::buffer(gpu, "inputs", lwe_bytes, storage | copy_dst),
            selection: buffers::buffer(gpu, "selection", 4 * capacity as u64, storage | copy_dst),
            accumulators: buffers::buffer(gpu, "accumulators", 4 * glwe_words(shape) * capacity as u64, storage),
            outputs: buffers::buffer(gpu, "outputs", lwe_bytes, storage | wgpu::BufferUsages::COPY_SRC),
            staging: buffers::buffer(gpu, "staging", lwe_bytes, wgpu::BufferUsages::MAP_READ | copy_dst),
        }
    }
}

/// What a chunk's submission binds besides its own buffers: the resident
/// key and the batch's lookup tables.
pub(crate) struct Resident<'a> {
    pub pipelines: &'a BootstrapPipelines,
    /// The key's window bind groups, in order.
    pub windows: &'a [BoundGroup],
    pub keyswitch_key: &'a wgpu::Buffer,
    pub luts: &'a wgpu::Buffer,
}

/// One chunk's data: its ciphertexts' words, one after the other, and the
/// index of each one's lookup table.
pub(crate) struct ChunkData<'a> {
    pub inputs: &'a [u32],
    pub selection: &'a [u32],
}

/// The bind groups of one chunk's three kernels.
struct ChunkGroups {
    init: BoundGroup,
    cmux: BoundGroup,
    keyswitch: BoundGroup,
}

/// Checks `data` against `chunk`, uploads it, and binds the prefixes of
/// the chunk's buffers it fills (`count` ciphertexts) with the resident
/// key and tables.
fn upload_and_bind(
    gpu: &Gpu,
    resident: &Resident<'_>,
    chunk: &ChunkBuffers,
    data: &ChunkData<'_>,
) -> Result<ChunkGroups> {
    let pipelines = resident.pipelines;
    let shape = &pipelines.shape;
    let count = data.selection.len() as u64;
    if count > chunk.capacity as u64 || data.inputs.len() as u64 != count * lwe_words(shape) {
        return Err(backend_error("a chunk does not match its buffers"));
    }
    let lwe_bytes = 4 * count * lwe_words(shape);
    gpu.queue.write_buffer(&chunk.inputs, 0, bytemuck::cast_slice(data.inputs));
    gpu.queue.write_buffer(&chunk.selection, 0, bytemuck::cast_slice(data.selection));
    let inputs = (bindings::INPUTS, buffers::prefix(&chunk.inputs, lwe_bytes));
    let accumulators = (bindings::ACCUMULATORS, buffers::prefix(&chunk.accumulators, 4 * count * glwe_words(shape)));
    let init = pipelines.init.bind(
        gpu,
        &[
            inputs.clone(),
            (bindings::LUTS, resident.luts.as_entire_binding()),
            (bindings::SELECTION, buffers::prefix(&chunk.selection, 4 * count)),
            accumulators.clone(),
        ],
    );
    let mut cmux_resources: Vec<_> = super::pipelines::twiddles(pipelines.twiddles.as_ref()).into_iter().collect();
    cmux_resources.extend([inputs, accumulators.clone()]);
    let cmux = pipelines.cmux.bind(gpu, &cmux_resources);
    let keyswitch = pipelines.keyswitch.bind(
        gpu,
        &[
            accumulators,
            (bindings::KEYSWITCH_KEY, resident.keyswitch_key.as_entire_binding()),
            (bindings::OUTPUTS, buffers::prefix(&chunk.outputs, lwe_bytes)),
        ],
    );
    Ok(ChunkGroups { init, cmux, keyswitch })
}

/// Timestamp queries for `passes` compute passes, a begin/end pair each.
struct PassTimestamps {
    queries: wgpu::QuerySet,
    passes: u32,
}

impl PassTimestamps {
    fn new(gpu: &Gpu, passes: u32) -> Self {
        let queries = gpu.device.create_query_set(&wgpu::QuerySetDescriptor {
            label: Some("pass timestamps"),
            ty: wgpu::QueryType::Timestamp,
            count: 2 * passes,
        });
        Self { queries, passes }
    }

    /// The writes of pass `pass`.
    fn writes(&self, pass: u32) -> wgpu::ComputePassTimestampWrites<'_> {
        wgpu::ComputePassTimestampWrites {
            query_set: &self.queries,
            beginning_of_pass_write_index: Some(2 * pass),
            end_of_pass_write_index: Some(2 * pass + 1),
        }
    }

    /// Records the resolution of every query into a buffer to map once the
    /// encoder's work is done.
    fn resolve(&self, gpu: &Gpu, encoder: &mut wgpu::CommandEncoder) -> wgpu::Buffer {
        let bytes = u64::from(2 * self.passes) * wgpu::QUERY_SIZE as u64;
        let resolved = buffers::buffer(
            gpu,
            "resolved timestamps",
            bytes,
            wgpu::BufferUsages::QUERY_RESOLVE | wgpu::BufferUsages::COPY_SRC,
        );
        let ticks =
            buffers::buffer(gpu, "timestamps", bytes, wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST);
        encoder.resolve_query_set(&self.queries, 0..2 * self.passes, &resolved, 0);
        encoder.copy_buffer_to_buffer(&resolved, 0, &ticks, 0, bytes);
        ticks
    }
}

/// Records and submits the whole PBS of one chunk, in pieces: the
/// accumulator initialisation with the first CMux window, each further
/// window, and the keyswitch. Returns the staging buffer the outputs will be
/// copied into and the pieces' submission indices, so that the caller's
/// waits bound each piece (one window of `steps_per_dispatch` CMux steps)
/// rather than the whole chunk. With `timed`, every pass writes timestamps
/// at its start and end. The chunk's data goes into `chunk` (at least
/// `data.selection.len()` ciphertexts large), bound to the prefix it fills.
pub(crate) fn submit(
    gpu: &Gpu,
    resident: &Resident<'_>,
    chunk: ChunkBuffers,
    data: ChunkData<'_>,
    timed: bool,
) -> Result<Submitted> {
    let groups = upload_and_bind(gpu, resident, &chunk, &data)?;
    let pipelines = resident.pipelines;
    let count = data.selection.len() as u32;
    // Passes: init, one per window, keyswitch.
    let passes = resident.windows.len() as u32 + 2;
    let timestamps = timed.then(|| PassTimestamps::new(gpu, passes));
    let writes = |pass: u32| timestamps.as_ref().map(|t| t.writes(pass));
    let mut pieces = Vec::with_capacity(resident.windows.len() + 1);
    for (w, window) in resident.windows.iter().enumerate() {
        let mut encoder = gpu.device.create_command_encoder(&Default::default());
        if w == 0 {
            let mut pass =
                encoder.begin_compute_pass(&wgpu::ComputePassDescriptor { label: None, timestamp_writes: writes(0) });
            pass.set_pipeline(&pipelines.init.pipeline);
            groups.init.set(&mut pass);
            pass.dispatch_workgroups(count, 1, 1);
        }
        {
            let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
                label: None,
                timestamp_writes: writes(1 + w as u32),
            });
            pass.set_pipeline(&pipelines.cmux.pipeline);
            groups.cmux.set(&mut pass);
            window.set(&mut pass);
            pass.dispatch_workgroups(count.div_ceil(pipelines.layout.ciphertexts_per_workgroup), 1, 1);
        }
        pieces.push(gpu.queue.submit([encoder.finish()]));
    }
    let mut encoder = gpu.device.create_command_encoder(&Default::default());
    {
        let mut pass = encoder
            .begin_compute_pass(&wgpu::ComputePassDescriptor { label: None, timestamp_writes: writes(passes - 1) });
        pass.set_pipeline(&pipelines.keyswitch.pipeline);
        groups.keyswitch.set(&mut pass);
        let keyswitch_groups = (pipelines.shape.lwe_dimension + 1).div_ceil(64);
        pass.dispatch_workgroups(keyswitch_groups, count.div_ceil(pipelines.keyswitch_ciphertexts), 1);
    }
    let lwe_bytes = 4 * u64::from(count) * lwe_words(&pipelines.shape);
    encoder.copy_buffer_to_buffer(&chunk.outputs, 0, &chunk.staging, 0, lwe_bytes);
    let timestamps = timestamps.map(|t| t.resolve(gpu, &mut encoder));
    pieces.push(gpu.queue.submit([encoder.finish()]));
    Ok(Submitted { buffers: chunk, pieces, timestamps })
}

/// What [`submit`] submitted.
pub(crate) struct Submitted {
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

/// Waits for a submitted chunk piece by piece (each under the wait timeout),
/// adds its kernel times, and appends its `count` outputs of `lwe_words`
/// words. Returns the chunk's buffers, free again.
pub(crate) fn collect(
    gpu: &Gpu,
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
