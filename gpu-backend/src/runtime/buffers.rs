//! Device buffers, the parts of them a dispatch binds, and dispatch grids.

use umbra_fhe_core::Result;
use wgpu::util::DeviceExt;

use super::device::{backend_error, Gpu};
use crate::codegen::path::GRID_WIDTH;

/// A 2-D grid of `count` workgroups for kernels indexing `wid.y · GRID_WIDTH + wid.x`.
pub(crate) fn grid(count: usize) -> Result<(u32, u32)> {
    let count = u32::try_from(count).map_err(|_| backend_error("too many workgroups for one dispatch"))?;
    Ok((count.min(GRID_WIDTH), count.div_ceil(GRID_WIDTH)))
}

/// A storage buffer initialised with `data`.
pub(crate) fn storage_init(gpu: &Gpu, label: &str, data: &[u8], extra: wgpu::BufferUsages) -> wgpu::Buffer {
    gpu.device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
        label: Some(label),
        contents: data,
        usage: wgpu::BufferUsages::STORAGE | extra,
    })
}

/// An uninitialised buffer of `size` bytes.
pub(crate) fn buffer(gpu: &Gpu, label: &str, size: u64, usage: wgpu::BufferUsages) -> wgpu::Buffer {
    gpu.device.create_buffer(&wgpu::BufferDescriptor { label: Some(label), size, usage, mapped_at_creation: false })
}

/// The first `bytes` bytes of a buffer, as a binding: the shaders take
/// their ciphertext count from the bound length (`arrayLength`), so a
/// reused buffer larger than one chunk is bound to the chunk's size.
pub(crate) fn prefix(buffer: &wgpu::Buffer, bytes: u64) -> wgpu::BindingResource<'_> {
    wgpu::BindingResource::Buffer(wgpu::BufferBinding { buffer, offset: 0, size: wgpu::BufferSize::new(bytes) })
}
