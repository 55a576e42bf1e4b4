//! Compiled pipelines and transform tables, built once per shape and cached
//! by the runtime. Every pipeline has explicit bind-group layouts, made from
//! the entry point's bindings in [`bindings`], and every bind group is made
//! by naming those bindings: the host never binds by number.

use umbra_fhe_core::Result;

use super::buffers;
use super::device::Gpu;
use crate::codegen::bindings::{self, Access, Binding};
use crate::codegen::choice::poly_mul_layout;
use crate::codegen::layout::{KernelLayout, Kernels};
use crate::codegen::module::{pbs_module, transform_module, twiddle_bytes};
use crate::codegen::shape::Shape;
use crate::options::{Arithmetic, CmuxKernel};

/// One compute pipeline with the layouts of its bind groups.
pub(crate) struct Kernel {
    pub pipeline: wgpu::ComputePipeline,
    /// Group `g`'s layout.
    groups: Vec<wgpu::BindGroupLayout>,
}

impl Kernel {
    /// The pipeline of `entry` in `module`, its groups laid out from
    /// `groups` ([`bindings`]), less [`bindings::TWIDDLES`] where the
    /// transform has no table.
    fn new(gpu: &Gpu, module: &wgpu::ShaderModule, entry: &str, groups: &[&[Binding]], has_twiddles: bool) -> Self {
        let groups: Vec<wgpu::BindGroupLayout> = groups
            .iter()
            .map(|group| {
                let entries: Vec<wgpu::BindGroupLayoutEntry> =
                    group.iter().filter(|b| has_twiddles || **b != bindings::TWIDDLES).map(layout_entry).collect();
                gpu.device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
                    label: Some(entry),
                    entries: &entries,
                })
            })
            .collect();
        let layouts: Vec<Option<&wgpu::BindGroupLayout>> = groups.iter().map(Some).collect();
        let pipeline_layout = gpu.device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some(entry),
            bind_group_layouts: &layouts,
            immediate_size: 0,
        });
        let pipeline = gpu.device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
            label: Some(entry),
            layout: Some(&pipeline_layout),
            module,
            entry_point: Some(entry),
            compilation_options: Default::default(),
            cache: None,
        });
        Self { pipeline, groups }
    }

    /// A bind group from each binding's resource, for the group those
    /// bindings are in. Every binding of the group must be given, and no
    /// other (a wgpu validation error otherwise, which [`Gpu::scoped`]
    /// reports).
    pub fn bind(&self, gpu: &Gpu, resources: &[(Binding, wgpu::BindingResource<'_>)]) -> BoundGroup {
        let index = resources.first().map_or(0, |(binding, _)| binding.group);
        let entries: Vec<wgpu::BindGroupEntry<'_>> = resources
            .iter()
            .map(|(binding, resource)| wgpu::BindGroupEntry { binding: binding.binding, resource: resource.clone() })
            .collect();
        let layout = &self.groups[index as usize];
        let group = gpu.device.create_bind_group(&wgpu::BindGroupDescriptor { label: None, layout, entries: &entries });
        BoundGroup { index, group }
    }
}

/// A bind group with the index of the group it is for.
pub(crate) struct BoundGroup {
    pub index: u32,
    pub group: wgpu::BindGroup,
}

impl BoundGroup {
    /// Sets this group on `pass`.
    pub fn set(&self, pass: &mut wgpu::ComputePass<'_>) {
        pass.set_bind_group(self.index, &self.group, &[]);
    }
}

/// The layout entry of one binding, visible to compute shaders.
fn layout_entry(binding: &Binding) -> wgpu::BindGroupLayoutEntry {
    let ty = match binding.access {
        Access::Read => wgpu::BufferBindingType::Storage { read_only: true },
        Access::ReadWrite => wgpu::BufferBindingType::Storage { read_only: false },
        Access::Uniform => wgpu::BufferBindingType::Uniform,
    };
    wgpu::BindGroupLayoutEntry {
        binding: binding.binding,
        visibility: wgpu::ShaderStages::COMPUTE,
        ty: wgpu::BindingType::Buffer { ty, has_dynamic_offset: false, min_binding_size: None },
        count: None,
    }
}

fn module(gpu: &Gpu, label: &str, source: String) -> wgpu::ShaderModule {
    gpu.device.create_shader_module(wgpu::ShaderModuleDescriptor {
        label: Some(label),
        source: wgpu::ShaderSource::Wgsl(source.into()),
    })
}

/// The stage multiplier table, where the transform has one (a single-stage
/// transform reads none, and a buffer is never empty).
fn twiddle_buffer(gpu: &Gpu, n: usize, layout: &KernelLayout) -> Option<wgpu::Buffer> {
    let contents = twiddle_bytes(layout, n);
    (!contents.is_empty()).then(|| buffers::storage_init(gpu, "twiddles", &contents, wgpu::BufferUsages::empty()))
}

/// The stage multiplier table's binding, where there is a table (the
/// transform kernels' layouts hold it exactly then).
pub(crate) fn twiddles(table: Option<&wgpu::Buffer>) -> Option<(Binding, wgpu::BindingResource<'_>)> {
    table.map(|t| (bindings::TWIDDLES, t.as_entire_binding()))
}

/// Pipelines and tables of the whole bootstrap for one shape.
pub(crate) struct BootstrapPipelines {
    pub shape: Shape,
    /// Layout of the CMux kernel.
    pub layout: KernelLayout,
    /// Ciphertexts per keyswitch workgroup.
    pub keyswitch_ciphertexts: u32,
    /// The stage multiplier table; `None` where the transform has one stage.
    pub twiddles: Option<wgpu::Buffer>,
    pub key_transform: Kernel,
    pub cmux: Kernel,
    pub init: Kernel,
    pub keyswitch: Kernel,
}

impl BootstrapPipelines {
    /// Compiles every bootstrap kernel for `shape`, the CMux laid out by
    /// `layout` and the keyswitch serving `keyswitch_ciphertexts` ciphertexts
    /// per workgroup.
    pub fn new(gpu: &Gpu, shape: Shape, layout: KernelLayout, keyswitch_ciphertexts: u32) -> Result<Self> {
        let n = shape.polynomial_size as usize;
        gpu.scoped("compiling the bootstrap kernels", || {
            let transform =
                module(gpu, "transform", transform_module(&shape, gpu.high_product, &layout, Kernels::Bootstrap));
            let pbs = module(gpu, "pbs", pbs_module(&shape, keyswitch_ciphertexts));
            let twiddles = twiddle_buffer(gpu, n, &layout);
            let table = twiddles.is_some();
            Ok(Self {
                shape,
                layout,
                keyswitch_ciphertexts,
                key_transform: Kernel::new(gpu, &transform, "key_transform", bindings::KEY_TRANSFORM, table),
                cmux: Kernel::new(gpu, &transform, "cmux", bindings::CMUX, table),
                init: Kernel::new(gpu, &pbs, "init", bindings::INIT, false),
                keyswitch: Kernel::new(gpu, &pbs, "keyswitch", bindings::KEYSWITCH, false),
                twiddles,
            })
        })
    }
}

/// The batched polynomial product for one size.
pub(crate) struct ProductPipeline {
    /// As [`BootstrapPipelines::twiddles`].
    pub twiddles: Option<wgpu::Buffer>,
    pub poly_mul: Kernel,
}

impl ProductPipeline {
    /// Compiles the product kernel for polynomials of size `n ≥ 2`.
    pub fn new(gpu: &Gpu, arithmetic: Arithmetic, n: usize, choice: &CmuxKernel) -> Result<Self> {
        let layout = poly_mul_layout(gpu.limits.max_compute_workgroup_storage_size, arithmetic, n, choice)?;
        gpu.scoped("compiling the product kernel", || {
            let source = transform_module(&Shape::for_poly_mul(n), gpu.high_product, &layout, Kernels::Product);
            let transform = module(gpu, "poly_mul", source);
            let twiddles = twiddle_buffer(gpu, n, &layout);
            let poly_mul = Kernel::new(gpu, &transform, "poly_mul", bindings::POLY_MUL, twiddles.is_some());
            Ok(Self { twiddles, poly_mul })
        })
    }
}
