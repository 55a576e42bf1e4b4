//! Compiled pipelines and transform tables, built once per shape and cached
//! by the backend.

use wgpu::util::DeviceExt;

use crate::device::{backend_error, Gpu};
use crate::kernel_layout::KernelLayout;
use crate::shader::{Arithmetic, Shape};
use crate::CmuxKernel;
use umbra_fhe_core::{Error, Result};

/// Workgroups per grid dimension the kernels index with (`wid.y · 65535 + wid.x`).
pub(crate) const GRID_WIDTH: u32 = 65_535;

/// Pipelines and tables of the whole bootstrap for one shape.
pub(crate) struct PbsKit {
    pub shape: Shape,
    /// Layout of the CMux kernel (ciphertexts per workgroup; the `f64`
    /// transform's values per invocation and exchange buffers).
    pub layout: KernelLayout,
    /// Ciphertexts per keyswitch workgroup.
    pub ks_cts: u32,
    /// The stage multiplier table; `None` where the transform has one stage.
    pub twiddles: Option<wgpu::Buffer>,
    pub key_transform: wgpu::ComputePipeline,
    pub cmux: wgpu::ComputePipeline,
    pub init: wgpu::ComputePipeline,
    pub keyswitch: wgpu::ComputePipeline,
}

/// The batched polynomial product for one size.
pub(crate) struct PolyMulKit {
    /// As [`PbsKit::twiddles`].
    pub twiddles: Option<wgpu::Buffer>,
    pub pipeline: wgpu::ComputePipeline,
}

/// Most ciphertexts one CMux workgroup serves when memory allows.
const CMUX_GROUP: u32 = 2;

/// Values of a transform per invocation the backend chooses from, largest
/// first. `f64` (`N/2` complex values): radix 8 takes 2 exchanges per
/// transform up to `N = 1024` and 3 at `N = 2048`; radix 4 takes 3 at
/// `N = 512`. `u32` (`N` residues per prime, half the registers each):
/// radix 16 takes 2 exchanges at `N = 1024` and `2048`, radix 8 2 at `N = 512`.
fn radices(arithmetic: Arithmetic) -> &'static [u32] {
    match arithmetic {
        Arithmetic::F64 => &[8, 4],
        Arithmetic::U32 => &[16, 8, 4],
    }
}

/// Exchanges per transform the backend's own choice stays within: a second
/// ciphertext per workgroup is given up rather than exceed it.
const MAX_EXCHANGES: usize = 3;

/// 32-bit registers a CMux invocation may keep live across a step before a
/// larger radix (or a second ciphertext per workgroup) is given up: room for
/// the addresses and temporaries under NVIDIA's 255. An estimate, to be
/// checked against measured spills when a GPU runs the kernels.
const REGISTER_BUDGET: u32 = 224;

/// 32-bit registers of values a CMux invocation keeps live across a step,
/// per value it holds and ciphertext: on `f64`, `(k+1)` spectral
/// accumulators and one transform in flight (4 registers per complex `f64`)
/// plus the rotated difference (2 words); on `u32`, the same under two
/// primes (2 words each) plus the difference (1 word).
pub(crate) fn live_registers(arithmetic: Arithmetic, shape: &Shape, per: u32, cts: u32) -> u32 {
    let k = shape.glwe_dimension;
    match arithmetic {
        Arithmetic::F64 => cts * per.min(shape.polynomial_size / 2) * (4 * (k + 2) + 2),
        Arithmetic::U32 => cts * per.min(shape.polynomial_size) * (2 * (k + 2) + 1),
    }
}

/// The CMux layout for `shape` on `arithmetic` under `limit` bytes of
/// workgroup memory.
///
/// Ciphertexts per workgroup: `requested` (1 or 2), else 2 where memory
/// holds them and [`live_registers`] stays within [`REGISTER_BUDGET`] at a
/// radix whose transforms take at most [`MAX_EXCHANGES`] exchanges (sharing
/// each key value between two ciphertexts halves the key traffic, which the
/// design puts first), else 1. Values per
/// invocation: the requested power of two (2 to 16), else the largest of
/// [`radices`] within the register budget; then the accumulators in
/// workgroup memory for a whole window where it holds them (no global
/// traffic between steps), then two exchange buffers where it still holds
/// them (one barrier per exchange instead of two); either as requested when
/// the options say. An error when a requested value is invalid or does not
/// fit, or not even one ciphertext does.
pub(crate) fn cmux_layout(
    limit: u32,
    arithmetic: Arithmetic,
    shape: &Shape,
    requested: Option<u32>,
    choice: &CmuxKernel,
) -> Result<KernelLayout> {
    let n = shape.polynomial_size as usize;
    let k = shape.glwe_dimension as usize;
    let limit = u64::from(limit);
    if let Some(c) = requested {
        if !(1..=CMUX_GROUP).contains(&c) {
            return Err(Error::Unsupported(format!("a CMux workgroup serves 1 or 2 ciphertexts, not {c}")));
        }
    }
    if let Some(why) = choice.invalid() {
        return Err(Error::Unsupported(why));
    }
    let radices = radices(arithmetic);
    let fits = |layout: KernelLayout| layout.workgroup_bytes(n, k) <= limit;
    // The largest radix whose live values fit the register budget.
    let per_for = |cts: u32| {
        choice.values_per_invocation.or_else(|| {
            radices.iter().copied().find(|&per| live_registers(arithmetic, shape, per, cts) <= REGISTER_BUDGET)
        })
    };
    // The least memory the requested choices allow.
    let least = |per: u32, cts: u32| KernelLayout {
        arithmetic,
        per,
        cts,
        buffers: choice.exchange_buffers.unwrap_or(1),
        acc_on_chip: choice.accumulator_on_chip.unwrap_or(false),
    };
    // Two ciphertexts where they fit, unless the radix the registers then
    // allow would take more than MAX_EXCHANGES exchanges per transform.
    let cts = requested.unwrap_or(match per_for(CMUX_GROUP) {
        Some(per)
            if fits(least(per, CMUX_GROUP))
                && (choice.values_per_invocation.is_some()
                    || least(per, CMUX_GROUP).plan(n).exchanges() <= MAX_EXCHANGES) =>
        {
            CMUX_GROUP
        }
        _ => 1,
    });
    let per = per_for(cts).unwrap_or(radices[radices.len() - 1]);
    let acc_on_chip =
        choice.accumulator_on_chip.unwrap_or_else(|| fits(KernelLayout { acc_on_chip: true, ..least(per, cts) }));
    let buffers = choice.exchange_buffers.unwrap_or_else(|| {
        if fits(KernelLayout { buffers: 2, acc_on_chip, ..least(per, cts) }) {
            2
        } else {
            1
        }
    });
    let layout = KernelLayout { arithmetic, per, cts, buffers, acc_on_chip };
    if !fits(layout) {
        return Err(Error::Unsupported(format!(
            "the CMux laid out as {layout:?} at polynomial size {n} needs {} bytes of workgroup memory; the device \
             has {limit}",
            layout.workgroup_bytes(n, k)
        )));
    }
    Ok(layout)
}

/// The layout of `poly_mul` at size `n` (one polynomial pair per
/// workgroup, accumulators unused) under `limit` bytes of workgroup memory:
/// two exchange buffers where memory holds them. An error where it needs
/// more workgroup memory than that.
pub(crate) fn poly_mul_layout(limit: u32, arithmetic: Arithmetic, n: usize, choice: &CmuxKernel) -> Result<KernelLayout> {
    let choice = CmuxKernel { accumulator_on_chip: Some(false), ..*choice };
    cmux_layout(limit, arithmetic, &Shape::for_poly_mul(n), Some(1), &choice)
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

/// The stage multiplier table, where the transform has one (a single-stage
/// transform's kernels do not declare binding 0, and a buffer is never empty).
fn twiddle_buffer(gpu: &Gpu, n: usize, layout: &KernelLayout) -> Option<wgpu::Buffer> {
    let contents = layout.twiddle_bytes(n);
    (!contents.is_empty()).then(|| {
        gpu.device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some("twiddles"),
            contents: &contents,
            usage: wgpu::BufferUsages::STORAGE,
        })
    })
}

/// A bind group for group `index` of `pipeline`: `entries` and, where the
/// transform has a stage multiplier table, the table at binding 0.
pub(crate) fn bind_group_with_twiddles(
    gpu: &Gpu,
    pipeline: &wgpu::ComputePipeline,
    index: u32,
    twiddles: Option<&wgpu::Buffer>,
    entries: &[wgpu::BindGroupEntry<'_>],
) -> wgpu::BindGroup {
    let all: Vec<wgpu::BindGroupEntry<'_>> =
        twiddles.map(|table| entry(0, table)).into_iter().chain(entries.iter().cloned()).collect();
    bind_group(gpu, pipeline, index, &all)
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
    /// Compiles every bootstrap kernel for `shape`, the CMux laid out by
    /// `layout` and the keyswitch serving `ks_cts` ciphertexts per workgroup.
    pub fn new(gpu: &Gpu, shape: Shape, layout: KernelLayout, ks_cts: u32) -> Result<Self> {
        let n = shape.polynomial_size as usize;
        gpu.scoped("compiling the bootstrap kernels", || {
            let source = shape.transform_source(gpu.high_product, &layout);
            let transform = module(gpu, "transform", source);
            let pbs = module(gpu, "pbs", shape.pbs_source(ks_cts));
            Ok(Self {
                shape,
                layout,
                ks_cts,
                twiddles: twiddle_buffer(gpu, n, &layout),
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
    pub fn new(gpu: &Gpu, arithmetic: Arithmetic, n: usize, choice: &CmuxKernel) -> Result<Self> {
        let layout = poly_mul_layout(gpu.limits.max_compute_workgroup_storage_size, arithmetic, n, choice)?;
        gpu.scoped("compiling the product kernel", || {
            let source = Shape::for_poly_mul(n).transform_source(gpu.high_product, &layout);
            let transform = module(gpu, "poly_mul", source);
            Ok(Self { twiddles: twiddle_buffer(gpu, n, &layout), pipeline: pipeline(gpu, &transform, "poly_mul") })
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

    /// The CMux layout of every shipped set under each limit on both paths.
    #[test]
    fn every_shipped_set_against_16_32_and_48_kib() {
        let auto = CmuxKernel::default();
        for p in Parameters::all() {
            let shape = Shape::of(&p).unwrap();
            let (n, k) = (p.polynomial_size.get(), p.glwe_dimension.0);
            // (ciphertexts, exchange buffers, accumulators on chip) under 16,
            // 32 and 48 KiB (a polynomial is 8N bytes on both paths): two
            // ciphertexts per workgroup wherever memory holds them, then the
            // accumulators on chip, then two exchange buffers. Except k = 2 on
            // f64, where two ciphertexts would allow radix 4 only, 4 exchanges
            // per transform: one ciphertext at radix 8 instead.
            let memory = |arithmetic| -> [(u32, u32, bool); 3] {
                match (arithmetic, k, n) {
                    (_, 3, 512) => [(2, 2, false), (2, 2, true), (2, 2, true)],
                    (Arithmetic::F64, 2, 1024) => [(1, 2, false), (1, 2, true), (1, 2, true)],
                    (Arithmetic::U32, 2, 1024) => [(2, 1, false), (2, 2, false), (2, 1, true)],
                    (_, 1, 1024) => [(2, 1, false), (2, 1, true), (2, 2, true)],
                    (_, 1, 2048) => [(1, 1, false), (2, 1, false), (2, 1, false)],
                    other => panic!("{}: no expectation for {other:?}", p.name),
                }
            };
            // Values per invocation: the largest radix within the register
            // budget, which a larger k lowers.
            let per = |arithmetic| match (arithmetic, k) {
                (Arithmetic::F64, 1 | 2) => 8,
                (Arithmetic::F64, _) => 4,
                (Arithmetic::U32, 1) => 16,
                (Arithmetic::U32, _) => 8,
            };
            for arithmetic in [Arithmetic::F64, Arithmetic::U32] {
                for (limit, (cts, buffers, acc_on_chip)) in LIMITS.into_iter().zip(memory(arithmetic)) {
                    let layout = cmux_layout(limit, arithmetic, &shape, None, &auto).unwrap();
                    let want = KernelLayout { arithmetic, per: per(arithmetic), cts, buffers, acc_on_chip };
                    assert_eq!(layout, want, "{} at {limit}", p.name);
                    assert!(layout.workgroup_bytes(n, k) <= u64::from(limit));
                    assert!(live_registers(arithmetic, &shape, layout.per, cts) <= REGISTER_BUDGET, "{}", p.name);
                    assert_eq!(cmux_layout(limit, arithmetic, &shape, Some(1), &auto).unwrap().cts, 1);
                }
                // Forced layouts that cannot fit are errors, as are bad values.
                let two_buffers = CmuxKernel { exchange_buffers: Some(2), ..auto };
                assert!(cmux_layout(1024, arithmetic, &shape, None, &auto).is_err(), "{}", p.name);
                assert!(cmux_layout(8 << 10, arithmetic, &shape, Some(2), &two_buffers).is_err(), "{}", p.name);
                assert!(cmux_layout(16 << 10, arithmetic, &shape, Some(3), &auto).is_err());
                let odd = CmuxKernel { values_per_invocation: Some(6), ..auto };
                assert!(cmux_layout(48 << 10, arithmetic, &shape, None, &odd).is_err());
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
