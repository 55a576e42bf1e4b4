//! Compiled pipelines and transform tables, built once per shape and cached
//! by the backend.

use wgpu::util::DeviceExt;

use crate::arith;
use crate::device::{backend_error, Gpu};
use crate::shader::{Arithmetic, Shape};
use umbra_fhe_core::{Error, Result};

/// Workgroups per grid dimension the kernels index with (`wid.y · 65535 + wid.x`).
pub(crate) const GRID_WIDTH: u32 = 65_535;

/// Pipelines and tables of the whole bootstrap for one shape.
pub(crate) struct PbsKit {
    pub shape: Shape,
    /// Ciphertexts per CMux workgroup.
    pub cmux_cts: u32,
    /// Ciphertexts per keyswitch workgroup.
    pub ks_cts: u32,
    pub twiddles: wgpu::Buffer,
    pub key_transform: wgpu::ComputePipeline,
    pub cmux: wgpu::ComputePipeline,
    pub init: wgpu::ComputePipeline,
    pub keyswitch: wgpu::ComputePipeline,
}

/// The batched polynomial product for one size.
pub(crate) struct PolyMulKit {
    pub twiddles: wgpu::Buffer,
    pub pipeline: wgpu::ComputePipeline,
}

/// Bytes of workgroup memory one transformed polynomial of size `n` takes on
/// `arithmetic`: `8n` on both paths (two primes of `u32`, or `n/2` complex
/// `f64`). The CMux serving `c` ciphertexts needs `c` of them, `poly_mul` two.
pub(crate) fn polynomial_bytes(arithmetic: Arithmetic, n: usize) -> u32 {
    match arithmetic {
        Arithmetic::U32 => 8 * n as u32,
        Arithmetic::F64 => 16 * (n as u32 / 2),
    }
}

/// Most ciphertexts one CMux workgroup serves when memory allows.
const CMUX_GROUP: u32 = 2;

/// Ciphertexts per CMux workgroup: `requested` (1 or 2), or as many as
/// `limit` bytes of workgroup memory hold up to [`CMUX_GROUP`]; an error when
/// not even the requested number (or one) fits.
pub(crate) fn cmux_group(limit: u32, arithmetic: Arithmetic, n: usize, requested: Option<u32>) -> Result<u32> {
    let per_ct = polynomial_bytes(arithmetic, n);
    let fit = limit / per_ct;
    let group = requested.unwrap_or(fit.min(CMUX_GROUP));
    if !(1..=CMUX_GROUP).contains(&group) || group > fit {
        return Err(Error::Unsupported(format!(
            "a CMux workgroup of {group} ciphertexts at polynomial size {n} needs {} bytes of workgroup memory on \
             the {arithmetic:?} path (1 or 2 ciphertexts); the device has {limit}",
            u64::from(group.max(1)) * u64::from(per_ct)
        )));
    }
    Ok(group)
}

/// Checks the workgroup memory `poly_mul` needs (two polynomials) against the device limit.
pub(crate) fn check_workgroup_memory(gpu: &Gpu, arithmetic: Arithmetic, n: usize) -> Result<()> {
    let need = 2 * u64::from(polynomial_bytes(arithmetic, n));
    let have = u64::from(gpu.limits.max_compute_workgroup_storage_size);
    if need > have {
        return Err(Error::Unsupported(format!(
            "polynomial size {n} needs {need} bytes of workgroup memory on the {arithmetic:?} path; the device has {have}"
        )));
    }
    Ok(())
}

fn module(gpu: &Gpu, label: &str, source: String) -> wgpu::ShaderModule {
    gpu.device.create_shader_module(wgpu::ShaderModuleDescriptor {
        label: Some(label),
        source: wgpu::ShaderSource::Wgsl(source.into()),
    })
}

fn pipeline(gpu: &Gpu, module: &wgpu::ShaderModule, entry: &str) -> wgpu::ComputePipeline {
    gpu.device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
        label: Some(entry),
        layout: None,
        module,
        entry_point: Some(entry),
        compilation_options: Default::default(),
        cache: None,
    })
}

/// The transform tables the shaders read, as bytes (layouts in `ntt.wgsl` / `fft64.wgsl`).
fn twiddle_bytes(arithmetic: Arithmetic, n: usize) -> Vec<u8> {
    match arithmetic {
        Arithmetic::U32 => {
            let mut words: Vec<[u32; 2]> = Vec::with_capacity(4 * n);
            for prime in 0..2 {
                let (forward, inverse) = arith::ntt_twiddles(prime, n);
                words.extend(forward);
                words.extend(inverse);
            }
            bytemuck::cast_slice(&words).to_vec()
        }
        Arithmetic::F64 => {
            let half = n / 2;
            let mut values: Vec<[f64; 2]> = Vec::with_capacity(half / 2 + 2 * half);
            let polar = |r: f64, angle: f64| [r * angle.cos(), r * angle.sin()];
            let tau = std::f64::consts::TAU;
            values.extend((0..half / 2).map(|k| polar(1.0, -tau * k as f64 / half as f64)));
            let angle = std::f64::consts::PI / n as f64;
            values.extend((0..half).map(|j| polar(1.0, angle * j as f64)));
            values.extend((0..half).map(|j| polar(1.0 / half as f64, -angle * j as f64)));
            bytemuck::cast_slice(&values).to_vec()
        }
    }
}

fn twiddle_buffer(gpu: &Gpu, arithmetic: Arithmetic, n: usize) -> wgpu::Buffer {
    gpu.device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
        label: Some("twiddles"),
        contents: &twiddle_bytes(arithmetic, n),
        usage: wgpu::BufferUsages::STORAGE,
    })
}

/// Most ciphertexts one keyswitch workgroup serves when memory allows.
const KEYSWITCH_GROUP: u32 = 4;

/// Ciphertexts per keyswitch workgroup: `requested`, or as many as `limit`
/// bytes of workgroup memory hold up to [`KEYSWITCH_GROUP`]; an error when
/// not even the requested number (or one) fits.
pub(crate) fn keyswitch_group(limit: u32, shape: &Shape, requested: Option<u32>) -> Result<u32> {
    let per_ct = shape.keyswitch_bytes_per_ciphertext();
    let fit = limit / per_ct;
    let group = requested.unwrap_or(fit.min(KEYSWITCH_GROUP));
    if group == 0 || group > fit {
        return Err(Error::Unsupported(format!(
            "a keyswitch workgroup of {} ciphertexts needs {} bytes of workgroup memory; the device has {}",
            group.max(1),
            group.max(1) * per_ct,
            limit
        )));
    }
    Ok(group)
}

impl PbsKit {
    /// Compiles every bootstrap kernel for `shape`, the CMux serving
    /// `cmux_cts` and the keyswitch `ks_cts` ciphertexts per workgroup.
    pub fn new(gpu: &Gpu, arithmetic: Arithmetic, shape: Shape, cmux_cts: u32, ks_cts: u32) -> Result<Self> {
        let n = shape.polynomial_size as usize;
        gpu.scoped("compiling the bootstrap kernels", || {
            let source = shape.transform_source(arithmetic, gpu.high_product, cmux_cts);
            let transform = module(gpu, "transform", source);
            let pbs = module(gpu, "pbs", shape.pbs_source(ks_cts));
            Ok(Self {
                shape,
                cmux_cts,
                ks_cts,
                twiddles: twiddle_buffer(gpu, arithmetic, n),
                key_transform: pipeline(gpu, &transform, "key_transform"),
                cmux: pipeline(gpu, &transform, "cmux"),
                init: pipeline(gpu, &pbs, "init"),
                keyswitch: pipeline(gpu, &pbs, "keyswitch"),
            })
        })
    }
}

impl PolyMulKit {
    /// Compiles the product kernel for polynomials of size `n ≥ 2`.
    pub fn new(gpu: &Gpu, arithmetic: Arithmetic, n: usize) -> Result<Self> {
        check_workgroup_memory(gpu, arithmetic, n)?;
        gpu.scoped("compiling the product kernel", || {
            let source = Shape::for_poly_mul(n).transform_source(arithmetic, gpu.high_product, 1);
            let transform = module(gpu, "poly_mul", source);
            Ok(Self { twiddles: twiddle_buffer(gpu, arithmetic, n), pipeline: pipeline(gpu, &transform, "poly_mul") })
        })
    }
}

/// A 2-D grid of `count` workgroups for kernels indexing `wid.y · 65535 + wid.x`.
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

/// A bind-group entry for a whole buffer.
pub(crate) fn entry(binding: u32, buffer: &wgpu::Buffer) -> wgpu::BindGroupEntry<'_> {
    wgpu::BindGroupEntry { binding, resource: buffer.as_entire_binding() }
}

/// A bind-group entry for the first `bytes` bytes of a buffer: the shaders
/// take their ciphertext count from the bound length (`arrayLength`), so a
/// reused buffer larger than one chunk is bound to the chunk's size.
pub(crate) fn entry_prefix(binding: u32, buffer: &wgpu::Buffer, bytes: u64) -> wgpu::BindGroupEntry<'_> {
    wgpu::BindGroupEntry {
        binding,
        resource: wgpu::BindingResource::Buffer(wgpu::BufferBinding {
            buffer,
            offset: 0,
            size: wgpu::BufferSize::new(bytes),
        }),
    }
}

/// A bind group for group `index` of `pipeline`.
pub(crate) fn bind_group(
    gpu: &Gpu,
    pipeline: &wgpu::ComputePipeline,
    index: u32,
    entries: &[wgpu::BindGroupEntry<'_>],
) -> wgpu::BindGroup {
    gpu.device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: None,
        layout: &pipeline.get_bind_group_layout(index),
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use umbra_fhe_core::params::Parameters;

    /// Workgroup memory limits met in practice: the WebGPU default, Mesa's
    /// lavapipe, NVIDIA's Vulkan driver.
    const LIMITS: [u32; 3] = [16 << 10, 32 << 10, 48 << 10];

    #[test]
    fn every_shipped_set_against_16_32_and_48_kib() {
        for p in Parameters::all() {
            let shape = Shape::of(&p).unwrap();
            let n = p.polynomial_size.get();
            for arithmetic in [Arithmetic::F64, Arithmetic::U32] {
                // 8N bytes per ciphertext on both paths: two ciphertexts per
                // CMux workgroup everywhere but at N = 2048 (`message-4`)
                // under the WebGPU default, where one fits exactly.
                assert_eq!(polynomial_bytes(arithmetic, n), 8 * n as u32, "{} {arithmetic:?}", p.name);
                for limit in LIMITS {
                    let expected = if n == 2048 && limit == 16 << 10 { 1 } else { 2 };
                    assert_eq!(cmux_group(limit, arithmetic, n, None).unwrap(), expected, "{} {arithmetic:?}", p.name);
                    assert_eq!(cmux_group(limit, arithmetic, n, Some(1)).unwrap(), 1);
                }
                assert!(cmux_group(16 << 10, arithmetic, n, Some(3)).is_err());
                assert!(cmux_group(1024, arithmetic, n, None).is_err(), "{}: not even one polynomial fits", p.name);
            }
            // The keyswitch serves 4 ciphertexts per workgroup under every limit.
            for limit in LIMITS {
                assert_eq!(keyswitch_group(limit, &shape, None).unwrap(), 4, "{}", p.name);
            }
            assert!(keyswitch_group(16 << 10, &shape, Some(64)).is_err());
            assert!(keyswitch_group(256, &shape, None).is_err(), "{}: not even one ciphertext fits", p.name);
        }
    }
}
