//! Compiled pipelines and transform tables, built once per shape and cached
//! by the backend.

use wgpu::util::DeviceExt;

use crate::device::{backend_error, Gpu};
use crate::kernel_layout::{KernelLayout, Kernels};
use crate::kernel_model;
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

/// Values of a transform per invocation the backend chooses from (the
/// radix of its stages): on `f64` folded complex values, on `u32` residues
/// per prime (half the registers each).
const RADICES: [u32; 4] = [16, 8, 4, 2];

/// The CMux layout for `shape` on `arithmetic` under `limit` bytes of
/// workgroup memory.
///
/// Every combination of radix ([`RADICES`]), ciphertexts per workgroup (1
/// or 2), exchange buffers (1 or 2), GLWE accumulators in global or
/// workgroup memory and spectral accumulators in registers or workgroup
/// memory is a candidate, less what `requested` and `choice` force. Of
/// those that fit `limit`, the ones whose predicted registers
/// ([`kernel_model::predicted_registers`]) stay within
/// [`kernel_model::REGISTER_BUDGET`] compete on the estimated clocks per
/// CMux step and ciphertext ([`kernel_model::estimated_clocks`]); the first
/// of the fastest wins. Where none is predicted to fit (forced choices, or
/// very little workgroup memory), the one predicted to need the fewest
/// registers wins. Errors: [`Error::InvalidInput`] for a value no layout
/// can have (as [`crate::GpuBackend::new`] reports it), [`Error::Unsupported`]
/// where nothing fits `limit`.
pub(crate) fn cmux_layout(
    limit: u32,
    arithmetic: Arithmetic,
    shape: &Shape,
    requested: Option<u32>,
    choice: &CmuxKernel,
) -> Result<KernelLayout> {
    let n = shape.polynomial_size as usize;
    let k = shape.glwe_dimension as usize;
    if let Some(c) = requested {
        if !(1..=CMUX_GROUP).contains(&c) {
            return Err(Error::InvalidInput(format!("a CMux workgroup serves 1 or 2 ciphertexts, not {c}")));
        }
    }
    if let Some(why) = choice.invalid() {
        return Err(Error::InvalidInput(why));
    }
    let either = |forced: Option<bool>| forced.map_or(vec![false, true], |f| vec![f]);
    let mut candidates = Vec::new();
    for per in choice.values_per_invocation.map_or(RADICES.to_vec(), |p| vec![p]) {
        for cts in requested.map_or(vec![1, CMUX_GROUP], |c| vec![c]) {
            for buffers in choice.exchange_buffers.map_or(vec![1, 2], |b| vec![b]) {
                for acc_on_chip in either(choice.accumulator_on_chip) {
                    for spectra_on_chip in either(choice.spectra_on_chip) {
                        candidates.push(KernelLayout { arithmetic, per, cts, buffers, acc_on_chip, spectra_on_chip });
                    }
                }
            }
        }
    }
    let bytes = |l: &KernelLayout| l.workgroup_bytes(n, k);
    let fitting: Vec<KernelLayout> = candidates.iter().copied().filter(|l| bytes(l) <= u64::from(limit)).collect();
    if fitting.is_empty() {
        let least = candidates.iter().min_by_key(|l| bytes(l)).expect("at least one candidate");
        return Err(Error::Unsupported(format!(
            "the CMux laid out as {least:?} at polynomial size {n} needs {} bytes of workgroup memory; the device \
             has {limit}",
            bytes(least)
        )));
    }
    let registers = |l: &KernelLayout| kernel_model::predicted_registers(l, k, n);
    let clocks = |l: &KernelLayout| kernel_model::estimated_clocks(l, shape, &kernel_model::REFERENCE_UNIT);
    // Ordered by (predicted registers over the budget, estimated clocks).
    let cost = |l: &KernelLayout| ((registers(l) - kernel_model::REGISTER_BUDGET).max(0.0), clocks(l));
    let mut best = fitting[0];
    for layout in &fitting[1..] {
        if cost(layout) < cost(&best) {
            best = *layout;
        }
    }
    Ok(best)
}

/// Values per invocation of `poly_mul` unless forced: its two operands go
/// through one transform as two slots, and the radix is the largest with
/// which the kernel compiles without spilling on RDNA3 and CDNA2
/// (`benches/kernel-stats`): 4 on `f64`, 8 on `u32`.
fn poly_mul_radix(arithmetic: Arithmetic) -> u32 {
    match arithmetic {
        Arithmetic::F64 => 4,
        Arithmetic::U32 => 8,
    }
}

/// The layout of `poly_mul` at size `n` under `limit` bytes of workgroup
/// memory: one polynomial pair per workgroup, its two operands the two
/// slots of each transform (`cts = 2`), [`poly_mul_radix`] unless forced, two
/// exchange buffers where memory holds them. Errors as [`cmux_layout`]'s.
pub(crate) fn poly_mul_layout(
    limit: u32,
    arithmetic: Arithmetic,
    n: usize,
    choice: &CmuxKernel,
) -> Result<KernelLayout> {
    if let Some(why) = choice.invalid() {
        return Err(Error::InvalidInput(why));
    }
    let per = choice.values_per_invocation.unwrap_or_else(|| poly_mul_radix(arithmetic));
    let layout =
        |buffers| KernelLayout { arithmetic, per, cts: 2, buffers, acc_on_chip: false, spectra_on_chip: false };
    let fits = |l: &KernelLayout| l.workgroup_bytes(n, 1) <= u64::from(limit);
    let buffers = choice.exchange_buffers.unwrap_or(if fits(&layout(2)) { 2 } else { 1 });
    let chosen = layout(buffers);
    if !fits(&chosen) {
        return Err(Error::Unsupported(format!(
            "the product laid out as {chosen:?} at polynomial size {n} needs {} bytes of workgroup memory; the \
             device has {limit}",
            chosen.workgroup_bytes(n, 1)
        )));
    }
    Ok(chosen)
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
            let source = shape.transform_source(gpu.high_product, &layout, Kernels::Bootstrap);
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
            let source = Shape::for_poly_mul(n).transform_source(gpu.high_product, &layout, Kernels::Product);
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
    /// lavapipe, NVIDIA's Vulkan driver, AMD's.
    const LIMITS: [u32; 4] = [16 << 10, 32 << 10, 48 << 10, 64 << 10];

    /// The CMux layout of every shipped set under each limit on both paths.
    #[test]
    fn every_shipped_set_against_16_32_48_and_64_kib() {
        let auto = CmuxKernel::default();
        for p in Parameters::all() {
            let shape = Shape::of(&p).unwrap();
            let (n, k) = (p.polynomial_size.get(), p.glwe_dimension.0);
            for arithmetic in [Arithmetic::F64, Arithmetic::U32] {
                for limit in LIMITS {
                    let layout = cmux_layout(limit, arithmetic, &shape, None, &auto).unwrap();
                    assert!(layout.workgroup_bytes(n, k) <= u64::from(limit));
                    // Within the register budget (at 16 KiB, f64 message-3 and
                    // default-boolean get there at radix 2 only).
                    let registers = kernel_model::predicted_registers(&layout, k, n);
                    assert!(
                        registers <= kernel_model::REGISTER_BUDGET,
                        "{} {arithmetic:?} {limit}: {registers}",
                        p.name
                    );
                    // No fitting candidate within the budget is estimated faster.
                    let clocks = kernel_model::estimated_clocks(&layout, &shape, &kernel_model::REFERENCE_UNIT);
                    for per in RADICES {
                        for cts in [1, 2] {
                            let forced = CmuxKernel { values_per_invocation: Some(per), ..auto };
                            let Ok(other) = cmux_layout(limit, arithmetic, &shape, Some(cts), &forced) else {
                                continue;
                            };
                            if kernel_model::predicted_registers(&other, k, n) <= kernel_model::REGISTER_BUDGET {
                                let theirs =
                                    kernel_model::estimated_clocks(&other, &shape, &kernel_model::REFERENCE_UNIT);
                                assert!(clocks <= theirs, "{} {arithmetic:?} {limit}: {layout:?} vs {other:?}", p.name);
                            }
                        }
                    }
                    assert_eq!(cmux_layout(limit, arithmetic, &shape, Some(1), &auto).unwrap().cts, 1);
                }
                // Forced layouts that cannot fit are errors, as are bad values.
                let two_buffers = CmuxKernel { exchange_buffers: Some(2), ..auto };
                let unfit = |r: Result<KernelLayout>| matches!(r, Err(Error::Unsupported(_)));
                assert!(unfit(cmux_layout(1024, arithmetic, &shape, None, &auto)), "{}", p.name);
                assert!(unfit(cmux_layout(8 << 10, arithmetic, &shape, Some(2), &two_buffers)), "{}", p.name);
                let invalid = |r: Result<KernelLayout>| matches!(r, Err(Error::InvalidInput(_)));
                assert!(invalid(cmux_layout(16 << 10, arithmetic, &shape, Some(3), &auto)));
                let odd = CmuxKernel { values_per_invocation: Some(6), ..auto };
                assert!(invalid(cmux_layout(48 << 10, arithmetic, &shape, None, &odd)));
            }
            // The keyswitch serves 4 ciphertexts per workgroup under every limit.
            for limit in LIMITS {
                assert_eq!(keyswitch_group(limit, &shape, None).unwrap(), 4, "{}", p.name);
            }
            assert!(keyswitch_group(16 << 10, &shape, Some(64)).is_err());
            assert!(keyswitch_group(256, &shape, None).is_err(), "{}: not even one ciphertext fits", p.name);
        }
    }

    /// The layouts chosen under NVIDIA's 48 KiB and AMD's 64 KiB, pinned:
    /// one ciphertext per workgroup everywhere (the estimate is bound by
    /// workgroup memory traffic, which a second ciphertext does not share,
    /// while it halves the workgroups a unit holds); the spectra in
    /// workgroup memory wherever that lets a larger radix through the
    /// register budget; the GLWE accumulators in global memory (their
    /// traffic goes to the cache, not to the busier workgroup memory).
    #[test]
    fn the_chosen_layouts_under_48_and_64_kib() {
        // (per, buffers, spectra on chip) for f64, u32 at 48 KiB; u32 at 64 KiB where it differs.
        let want = |name: &str| match name {
            "tfhe-lib" => [(8, 2, true), (16, 2, true), (16, 2, true)],
            "message-3" => [(8, 1, true), (4, 2, false), (4, 2, false)],
            "message-4" => [(4, 2, false), (4, 2, false), (16, 2, true)],
            _ => [(8, 2, true), (4, 2, false), (4, 2, false)],
        };
        for p in Parameters::all() {
            let shape = Shape::of(&p).unwrap();
            let [f64_48, u32_48, u32_64] = want(p.name);
            let cases = [
                (Arithmetic::F64, 48 << 10, f64_48),
                (Arithmetic::F64, 64 << 10, f64_48),
                (Arithmetic::U32, 48 << 10, u32_48),
                (Arithmetic::U32, 64 << 10, u32_64),
            ];
            for (arithmetic, limit, (per, buffers, spectra_on_chip)) in cases {
                let layout = cmux_layout(limit, arithmetic, &shape, None, &CmuxKernel::default()).unwrap();
                let expected = KernelLayout { arithmetic, per, cts: 1, buffers, acc_on_chip: false, spectra_on_chip };
                assert_eq!(layout, expected, "{} {arithmetic:?} {limit}", p.name);
            }
        }
    }
}
