//! What a GPU driver's compiler makes of every kernel the GPU backend builds:
//! registers, spills, scratch, occupancy, instruction counts and compile
//! time, read back through `VK_KHR_pipeline_executable_properties`.
//!
//! `benches/kernel-stats [--targets gfx1100,gfx1100-wave32,aldebaran] [--out DIR] [--dump DIR] [--check]`
//!
//! Each kernel is the exact WGSL the backend would compile for a shipped
//! parameter set on one arithmetic path (laid out for the target's
//! workgroup memory, or with `--layouts` forced as the comparison runner
//! forces them), translated by naga to SPIR-V as wgpu's Vulkan backend
//! translates it, and compiled into a compute pipeline with statistics
//! capture. Targets:
//!
//! * `gfx1100`, `gfx1100-wave32`, `aldebaran`, `navi21`: Mesa's AMD driver
//!   (RADV) with no hardware (`RADV_FORCE_FAMILY`), whose pipelines AMD's
//!   production compiler (ACO) builds; nothing executes there.
//! * `adapter`: the first hardware Vulkan device present (on NVIDIA, the
//!   driver reports registers and local memory the same way).
//!
//! Each target runs in a child process of this binary (the driver reads its
//! environment once), with the driver's shader cache off so compile times
//! are real. Writes `kernel-stats.md` and `kernel-stats.json` into `--out`.
//! `--check` exits with an error on any spill, any scratch, a compile over
//! `--max-compile-s` seconds, or a kernel that did not compile, among the
//! kernels the backend chooses for the selected `--kernels`.

use std::collections::BTreeMap;
use std::ffi::CStr;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ash::vk;
use clap::Parser;
use serde::{Deserialize, Serialize};
use umbra_benches::contenders::GpuLayout;
use umbra_fhe_core::params::Parameters;
use umbra_fhe_gpu::kernel_source::{self, CmuxLayout, KernelModule};
use umbra_fhe_gpu::{Arithmetic, CmuxKernel, GpuOptions, HighProduct};

#[derive(Parser, Debug)]
#[command(about = "Registers, spills, occupancy and compile time of every GPU kernel, from the driver's compiler")]
struct Args {
    /// Targets: gfx1100, gfx1100-wave32, aldebaran, navi21 (Mesa's AMD
    /// driver without hardware), adapter (the hardware device present).
    #[arg(long, value_delimiter = ',', default_value = "gfx1100,gfx1100-wave32,aldebaran")]
    targets: Vec<String>,
    /// Parameter sets by name, or `all` (sets of one shape are compiled once).
    #[arg(long, value_delimiter = ',', default_value = "all")]
    params: Vec<String>,
    /// Arithmetic paths: f64, u32.
    #[arg(long, value_delimiter = ',', default_value = "f64,u32")]
    paths: Vec<String>,
    /// Kernels (entry points): cmux, key_transform, init, keyswitch, poly_mul.
    #[arg(long, value_delimiter = ',', default_value = "cmux,key_transform,init,keyswitch,poly_mul")]
    kernels: Vec<String>,
    /// Forced CMux layouts, PATH:VALUESxCIPHERTEXTS each, compiled in
    /// addition to (or, with --no-chosen, instead of) the chosen ones.
    #[arg(long, value_delimiter = ',')]
    layouts: Vec<GpuLayout>,
    /// Exchange buffers (1 or 2) for the forced layouts (default: the backend's choice).
    #[arg(long)]
    exchange_buffers: Option<u32>,
    /// Whether the forced layouts keep the accumulators in workgroup memory
    /// (default: the backend's choice).
    #[arg(long)]
    accumulator_on_chip: Option<bool>,
    /// Whether the forced layouts keep the spectral accumulators in
    /// workgroup memory (default: the backend's choice); `false,true`
    /// compiles each forced layout both ways.
    #[arg(long, value_delimiter = ',')]
    spectra_on_chip: Vec<bool>,
    /// Skip the layouts the backend would choose (only --layouts).
    #[arg(long)]
    no_chosen: bool,
    /// Directory for kernel-stats.md and kernel-stats.json.
    #[arg(long, default_value = "bench-results/kernel-stats")]
    out: PathBuf,
    /// Also write every module's WGSL and every entry point's SPIR-V here.
    #[arg(long)]
    dump: Option<PathBuf>,
    /// Exit with an error on any spill or scratch, a compile over
    /// --max-compile-s, or a kernel that did not compile.
    #[arg(long)]
    check: bool,
    /// The compile time --check allows per pipeline, in seconds.
    #[arg(long, default_value_t = 30.0)]
    max_compile_s: f64,
    /// Seconds to wait for one pipeline before the target's remaining
    /// kernels are reported as not compiled.
    #[arg(long, default_value_t = 600)]
    timeout_s: u64,
    /// Compile this WGSL file's entry point `--entry` instead of the
    /// backend's kernels (a kernel from `--dump`, edited by hand, say).
    #[arg(long, requires = "entry")]
    wgsl: Option<PathBuf>,
    /// The entry point of `--wgsl`.
    #[arg(long)]
    entry: Option<String>,
    /// Internal: run one target's compiles in this process and print JSON lines.
    #[arg(long, hide = true)]
    worker: Option<String>,
}

/// One kernel to compile: which module, entry point and layout.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Job {
    set: String,
    path: String,
    module: String,
    entry: String,
    layout: String,
    /// Whether the layout is the backend's own choice (else forced).
    chosen: bool,
    /// The CMux layout in numbers (the `transform` module's kernels).
    cmux: Option<CmuxJob>,
}

/// [`umbra_fhe_gpu::kernel_source::CmuxLayout`], as the report stores it.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct CmuxJob {
    values_per_invocation: u32,
    ciphertexts: u32,
    exchange_buffers: u32,
    accumulators_on_chip: bool,
    spectra_on_chip: bool,
    workgroup_bytes: u64,
    predicted_registers: f64,
}

impl From<CmuxLayout> for CmuxJob {
    fn from(l: CmuxLayout) -> Self {
        Self {
            values_per_invocation: l.values_per_invocation,
            ciphertexts: l.ciphertexts,
            exchange_buffers: l.exchange_buffers,
            accumulators_on_chip: l.accumulators_on_chip,
            spectra_on_chip: l.spectra_on_chip,
            workgroup_bytes: l.workgroup_bytes,
            predicted_registers: l.predicted_registers,
        }
    }
}

/// What a target's compiler reported for one job.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Record {
    target: String,
    device: String,
    #[serde(flatten)]
    job: Job,
    /// Seconds `vkCreateComputePipelines` took.
    compile_s: f64,
    /// Subgroup size of the compiled executable.
    subgroup_size: u32,
    /// The device's workgroup memory limit, which the chosen layouts fit.
    workgroup_memory: u32,
    /// The driver's statistics by name (integers and floats as f64).
    stats: BTreeMap<String, f64>,
    /// Why the kernel has no statistics, when it has none.
    error: Option<String>,
}

impl Record {
    fn stat(&self, name: &str) -> Option<f64> {
        self.stats.get(name).copied()
    }
    /// Spilled registers (VGPRs and SGPRs on RADV) and scratch bytes.
    fn spills(&self) -> (f64, f64) {
        let spilled = self.stat("Spilled VGPRs").unwrap_or(0.0) + self.stat("Spilled SGPRs").unwrap_or(0.0);
        (spilled, self.stat("Scratch size").or(self.stat("Local memory size")).unwrap_or(0.0))
    }
}

/// A line of a worker's output.
#[derive(Debug, Serialize, Deserialize)]
enum Line {
    /// The jobs it will compile, in order.
    Plan(Vec<Job>),
    /// It starts compiling the next job.
    Start,
    /// A job's result.
    Done(Box<Record>),
}

/// A target's environment for the Vulkan loader and driver.
fn target_env(target: &str) -> Result<Vec<(&'static str, String)>, String> {
    let radv = |family: &str| {
        vec![
            ("VK_DRIVER_FILES", "/usr/share/vulkan/icd.d/radeon_icd.x86_64.json".to_owned()),
            ("VK_ICD_FILENAMES", "/usr/share/vulkan/icd.d/radeon_icd.x86_64.json".to_owned()),
            ("RADV_FORCE_FAMILY", family.to_owned()),
        ]
    };
    let mut env = match target {
        "gfx1100" | "aldebaran" | "navi21" => radv(target),
        "gfx1100-wave32" => {
            let mut env = radv("gfx1100");
            env.push(("RADV_PERFTEST", "cswave32".to_owned()));
            env
        }
        "adapter" => Vec::new(),
        other => {
            return Err(format!("unknown target `{other}`: gfx1100, gfx1100-wave32, aldebaran, navi21 or adapter"))
        }
    };
    // Real compiles every time: no driver shader cache.
    env.push(("MESA_SHADER_CACHE_DISABLE", "true".to_owned()));
    env.push(("RADV_DEBUG", "nocache".to_owned()));
    env.push(("__GL_SHADER_DISK_CACHE", "0".to_owned()));
    Ok(env)
}

/// Shipped sets, one per kernel shape, filtered by `names`.
fn sets(names: &[String]) -> Result<Vec<Parameters>, String> {
    let all = Parameters::all();
    let wanted: Vec<Parameters> = if names.iter().any(|n| n == "all") {
        all.to_vec()
    } else {
        names
            .iter()
            .map(|n| Parameters::by_name(n).ok_or_else(|| format!("unknown parameter set `{n}`")))
            .collect::<Result<_, _>>()?
    };
    Ok(kernel_source::distinct_shapes(&wanted))
}

fn arithmetic(path: &str) -> Result<Arithmetic, String> {
    match path {
        "f64" => Ok(Arithmetic::F64),
        "u32" => Ok(Arithmetic::U32),
        other => Err(format!("unknown path `{other}`: f64 or u32")),
    }
}

/// The backend options of a forced layout (`None`: the backend's choice).
fn options(args: &Args, layout: Option<&(GpuLayout, Option<bool>)>) -> GpuOptions {
    match layout {
        None => GpuOptions::default(),
        Some((l, spectra_on_chip)) => GpuOptions {
            cmux_ciphertexts_per_workgroup: Some(l.cts),
            cmux_kernel: CmuxKernel {
                values_per_invocation: Some(l.per),
                exchange_buffers: args.exchange_buffers,
                accumulator_on_chip: args.accumulator_on_chip,
                spectra_on_chip: *spectra_on_chip,
            },
            ..GpuOptions::default()
        },
    }
}

/// A job and its module, or why the layout could not be built.
type Planned = (Job, Result<KernelModule, String>);

/// Every module the arguments select under `limit` bytes of workgroup
/// memory, with its jobs (an error for a forced layout that cannot fit is a
/// job with that error).
fn modules(args: &Args, limit: u32) -> Result<Vec<Planned>, String> {
    if let (Some(file), Some(entry)) = (&args.wgsl, &args.entry) {
        let wgsl = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let name = file.display().to_string();
        let job = Job {
            set: name.clone(),
            path: String::new(),
            module: name,
            entry: entry.clone(),
            layout: "as written".into(),
            chosen: false,
            cmux: None,
        };
        let module = KernelModule { name: "file", entry_points: Vec::new(), layout: String::new(), cmux: None, wgsl };
        return Ok(vec![(job, Ok(module))]);
    }
    let mut out = Vec::new();
    let mut poly_mul_sizes = Vec::new();
    for params in sets(&args.params)? {
        for path in &args.paths {
            let arithmetic = arithmetic(path)?;
            let spectra: Vec<Option<bool>> = if args.spectra_on_chip.is_empty() {
                vec![None]
            } else {
                args.spectra_on_chip.iter().map(|&s| Some(s)).collect()
            };
            let forced: Vec<(GpuLayout, Option<bool>)> = args
                .layouts
                .iter()
                .filter(|l| l.f64 == (arithmetic == Arithmetic::F64))
                .flat_map(|l| spectra.iter().map(move |&s| (*l, s)))
                .collect();
            let mut layouts: Vec<Option<&(GpuLayout, Option<bool>)>> =
                if args.no_chosen { Vec::new() } else { vec![None] };
            layouts.extend(forced.iter().map(Some));
            for layout in layouts {
                let built = kernel_source::bootstrap_modules(
                    &params,
                    arithmetic,
                    HighProduct::Int64,
                    limit,
                    &options(args, layout),
                );
                let label = layout.map(|l| {
                    let o = options(args, Some(l)).cmux_kernel;
                    let extra = [
                        o.exchange_buffers.map(|b| format!("{b} buffers")),
                        o.accumulator_on_chip.map(|a| if a { "acc on chip" } else { "acc global" }.to_owned()),
                        o.spectra_on_chip
                            .map(|a| if a { "spectra on chip" } else { "spectra in registers" }.to_owned()),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                    let extra = if extra.is_empty() { extra } else { format!(" ({extra})") };
                    format!("{path}:{}x{}{extra}", l.0.per, l.0.cts)
                });
                match built {
                    Ok(mods) => {
                        for m in mods {
                            for &entry in &m.entry_points {
                                // Forced layouts change the CMux module only.
                                if layout.is_some() && m.name != "transform" {
                                    continue;
                                }
                                let job = Job {
                                    set: params.name.to_owned(),
                                    path: path.clone(),
                                    module: m.name.to_owned(),
                                    entry: entry.to_owned(),
                                    layout: label.clone().unwrap_or_else(|| m.layout.clone()),
                                    chosen: layout.is_none(),
                                    cmux: m.cmux.map(CmuxJob::from),
                                };
                                out.push((job, Ok(m.clone())));
                            }
                        }
                    }
                    Err(e) => {
                        let job = Job {
                            set: params.name.to_owned(),
                            path: path.clone(),
                            module: "transform".into(),
                            entry: "cmux".into(),
                            layout: label.unwrap_or_default(),
                            chosen: layout.is_none(),
                            cmux: None,
                        };
                        out.push((job, Err(e.to_string())));
                    }
                }
            }
            let n = params.polynomial_size.0;
            if !args.no_chosen && !poly_mul_sizes.contains(&(n, path.clone())) {
                poly_mul_sizes.push((n, path.clone()));
                let job = Job {
                    set: format!("N = {n}"),
                    path: path.clone(),
                    module: "poly_mul".into(),
                    entry: "poly_mul".into(),
                    layout: String::new(),
                    chosen: true,
                    cmux: None,
                };
                match kernel_source::poly_mul_module(n, arithmetic, HighProduct::Int64, limit, &GpuOptions::default()) {
                    Ok(m) => out.push((Job { layout: m.layout.clone(), ..job }, Ok(m))),
                    Err(e) => out.push((job, Err(e.to_string()))),
                }
            }
        }
    }
    out.retain(|(job, _)| args.kernels.contains(&job.entry));
    Ok(out)
}

/// One resource binding a module declares: group, binding and whether it is
/// a uniform (otherwise a storage) buffer.
#[derive(Clone, Copy)]
struct ResourceBinding {
    group: u32,
    binding: u32,
    uniform: bool,
}

/// A module compiled for one entry point: its SPIR-V words and the resource
/// bindings the module declares, read from the module itself so the
/// pipeline layout always matches the generated bindings.
struct Spirv {
    words: Vec<u32>,
    bindings: Vec<ResourceBinding>,
}

/// SPIR-V of one entry point, written as wgpu's Vulkan backend writes it
/// (index bounds restricted, buffer accesses left to the driver's robust
/// access, workgroup memory zeroed by the driver, loops bounded).
fn spirv(wgsl: &str, entry: &str, lang_version: (u8, u8)) -> Result<Spirv, String> {
    use naga::back::spv;
    let module = naga::front::wgsl::parse_str(wgsl).map_err(|e| e.emit_to_string(wgsl))?;
    let bindings = module
        .global_variables
        .iter()
        .filter_map(|(_, global)| {
            global.binding.as_ref().map(|b| ResourceBinding {
                group: b.group,
                binding: b.binding,
                uniform: global.space == naga::AddressSpace::Uniform,
            })
        })
        .collect();
    let info = naga::valid::Validator::new(naga::valid::ValidationFlags::all(), naga::valid::Capabilities::all())
        .validate(&module)
        .map_err(|e| e.emit_to_string(wgsl))?;
    let options = spv::Options {
        lang_version,
        flags: spv::WriterFlags::LABEL_VARYINGS | spv::WriterFlags::FORCE_POINT_SIZE,
        bounds_check_policies: naga::proc::BoundsCheckPolicies {
            index: naga::proc::BoundsCheckPolicy::Restrict,
            buffer: naga::proc::BoundsCheckPolicy::Unchecked,
            image_load: naga::proc::BoundsCheckPolicy::Unchecked,
            binding_array: naga::proc::BoundsCheckPolicy::Unchecked,
        },
        zero_initialize_workgroup_memory: spv::ZeroInitializeWorkgroupMemoryMode::Native,
        force_loop_bounding: true,
        ..spv::Options::default()
    };
    let pipeline = spv::PipelineOptions { shader_stage: naga::ShaderStage::Compute, entry_point: entry.to_owned() };
    let words = spv::write_vec(&module, &info, &options, Some(&pipeline)).map_err(|e| e.to_string())?;
    Ok(Spirv { words, bindings })
}

/// A Vulkan device with pipeline statistics capture.
struct Device {
    _entry: ash::Entry,
    instance: ash::Instance,
    device: ash::Device,
    stats: ash::khr::pipeline_executable_properties::Device,
    name: String,
    api_version: u32,
    shared_memory: u32,
}

impl Device {
    fn open(target: &str) -> Result<Self, String> {
        // SAFETY: loading the system's Vulkan loader; its symbols are Vulkan's.
        let entry = unsafe { ash::Entry::load() }.map_err(|e| format!("no Vulkan loader (install libvulkan1): {e}"))?;
        let app = vk::ApplicationInfo::default().api_version(vk::API_VERSION_1_3);
        let info = vk::InstanceCreateInfo::default().application_info(&app);
        // SAFETY: a valid create info; the instance is destroyed in Drop.
        let instance =
            unsafe { entry.create_instance(&info, None) }.map_err(|e| format!("vkCreateInstance failed: {e}"))?;
        let fail = |msg: String| {
            // SAFETY: nothing created from the instance is alive.
            unsafe { instance.destroy_instance(None) };
            msg
        };
        // SAFETY: a live instance.
        let physicals =
            unsafe { instance.enumerate_physical_devices() }.map_err(|e| fail(format!("no Vulkan devices: {e}")))?;
        let mut candidates = Vec::new();
        for &pd in &physicals {
            // SAFETY: `pd` comes from this instance.
            let props = unsafe { instance.get_physical_device_properties(pd) };
            let name = props.device_name_as_c_str().unwrap_or(c"?").to_string_lossy().into_owned();
            candidates.push((pd, props, name));
        }
        let wanted = |props: &vk::PhysicalDeviceProperties, name: &str| {
            if target == "adapter" {
                props.device_type != vk::PhysicalDeviceType::CPU
            } else {
                name.contains("RADV")
            }
        };
        let names: Vec<String> = candidates.iter().map(|c| c.2.clone()).collect();
        let Some((pd, props, name)) = candidates.into_iter().find(|(_, props, name)| wanted(props, name)) else {
            return Err(fail(format!(
                "no Vulkan device for target `{target}` (devices found: {}); {}",
                if names.is_empty() { "none".to_owned() } else { names.join(", ") },
                if target == "adapter" {
                    "no hardware adapter is present"
                } else {
                    "Mesa's AMD driver (mesa-vulkan-drivers) is needed, version 22.3 or later for RADV_FORCE_FAMILY"
                }
            )));
        };
        // SAFETY: `pd` comes from this instance.
        let extensions = unsafe { instance.enumerate_device_extension_properties(pd) }
            .map_err(|e| fail(format!("cannot list extensions of {name}: {e}")))?;
        let has = |ext: &CStr| extensions.iter().any(|e| e.extension_name_as_c_str() == Ok(ext));
        let stats_ext = ash::khr::pipeline_executable_properties::NAME;
        if !has(stats_ext) {
            return Err(fail(format!("{name}'s driver does not offer VK_KHR_pipeline_executable_properties")));
        }
        let mut exec = vk::PhysicalDevicePipelineExecutablePropertiesFeaturesKHR::default();
        let mut v13 = vk::PhysicalDeviceVulkan13Features::default();
        let mut features = vk::PhysicalDeviceFeatures2::default().push_next(&mut exec).push_next(&mut v13);
        // SAFETY: `pd` comes from this instance; the chain is well formed.
        unsafe { instance.get_physical_device_features2(pd, &mut features) };
        let base = features.features;
        if base.shader_float64 == vk::FALSE || base.shader_int64 == vk::FALSE {
            return Err(fail(format!("{name} lacks shaderFloat64 or shaderInt64")));
        }
        let api_version = props.api_version;
        let enabled = vk::PhysicalDeviceFeatures::default().shader_float64(true).shader_int64(true);
        let mut exec_on =
            vk::PhysicalDevicePipelineExecutablePropertiesFeaturesKHR::default().pipeline_executable_info(true);
        let mut v13_on = vk::PhysicalDeviceVulkan13Features::default()
            .shader_zero_initialize_workgroup_memory(v13.shader_zero_initialize_workgroup_memory == vk::TRUE);
        let priorities = [1.0];
        let queue = [vk::DeviceQueueCreateInfo::default().queue_family_index(0).queue_priorities(&priorities)];
        let ext_names = [stats_ext.as_ptr()];
        let mut create = vk::DeviceCreateInfo::default()
            .queue_create_infos(&queue)
            .enabled_extension_names(&ext_names)
            .enabled_features(&enabled)
            .push_next(&mut exec_on);
        if api_version >= vk::API_VERSION_1_3 {
            create = create.push_next(&mut v13_on);
        }
        // SAFETY: a valid create info for `pd`; the device is destroyed in Drop.
        let device = unsafe { instance.create_device(pd, &create, None) }
            .map_err(|e| fail(format!("cannot open {name}: {e}")))?;
        let stats = ash::khr::pipeline_executable_properties::Device::new(&instance, &device);
        let shared_memory = props.limits.max_compute_shared_memory_size;
        Ok(Self { _entry: entry, instance, device, stats, name, api_version, shared_memory })
    }

    fn lang_version(&self) -> (u8, u8) {
        match self.api_version {
            v if v >= vk::API_VERSION_1_3 => (1, 6),
            v if v >= vk::API_VERSION_1_2 => (1, 5),
            v if v >= vk::API_VERSION_1_1 => (1, 3),
            _ => (1, 0),
        }
    }

    /// Compiles `code` into a compute pipeline with statistics capture:
    /// seconds taken, subgroup size and the statistics.
    fn compile(&self, code: &Spirv, entry: &str) -> Result<(f64, u32, BTreeMap<String, f64>), String> {
        let device = &self.device;
        let module_info = vk::ShaderModuleCreateInfo::default().code(&code.words);
        // SAFETY: valid SPIR-V from naga; destroyed below.
        let module =
            unsafe { device.create_shader_module(&module_info, None) }.map_err(|e| format!("shader module: {e}"))?;
        let result = self.compile_module(module, entry, &code.bindings);
        // SAFETY: the module is no longer used.
        unsafe { device.destroy_shader_module(module, None) };
        result
    }

    fn compile_module(
        &self,
        module: vk::ShaderModule,
        entry: &str,
        bindings: &[ResourceBinding],
    ) -> Result<(f64, u32, BTreeMap<String, f64>), String> {
        let device = &self.device;
        let entry_name = std::ffi::CString::new(entry).map_err(|e| e.to_string())?;
        let layouts = self.set_layouts(bindings)?;
        let layout_info = vk::PipelineLayoutCreateInfo::default().set_layouts(&layouts);
        // SAFETY: valid set layouts; destroyed below.
        let pipeline_layout = unsafe { device.create_pipeline_layout(&layout_info, None) }
            .map_err(|e| format!("pipeline layout: {e}"))?;
        let stage = vk::PipelineShaderStageCreateInfo::default()
            .stage(vk::ShaderStageFlags::COMPUTE)
            .module(module)
            .name(&entry_name);
        let info = vk::ComputePipelineCreateInfo::default()
            .stage(stage)
            .layout(pipeline_layout)
            .flags(vk::PipelineCreateFlags::CAPTURE_STATISTICS_KHR);
        let start = Instant::now();
        // SAFETY: a valid create info.
        let created = unsafe { device.create_compute_pipelines(vk::PipelineCache::null(), &[info], None) };
        let seconds = start.elapsed().as_secs_f64();
        let result = match created {
            Ok(pipelines) => {
                let stats = self.statistics(pipelines[0]);
                // SAFETY: the pipeline is no longer used.
                unsafe { device.destroy_pipeline(pipelines[0], None) };
                stats.map(|(size, s)| (seconds, size, s))
            }
            Err((_, e)) => Err(format!("vkCreateComputePipelines: {e}")),
        };
        // SAFETY: nothing uses these any more.
        unsafe {
            device.destroy_pipeline_layout(pipeline_layout, None);
            for l in layouts {
                device.destroy_descriptor_set_layout(l, None);
            }
        }
        result
    }

    /// Descriptor set layouts for groups 0 up to the highest the module
    /// declares, each holding exactly the module's bindings of that group.
    fn set_layouts(&self, declared: &[ResourceBinding]) -> Result<Vec<vk::DescriptorSetLayout>, String> {
        let groups = declared.iter().map(|b| b.group + 1).max().unwrap_or(0);
        let mut out = Vec::new();
        for group in 0..groups {
            let bindings: Vec<vk::DescriptorSetLayoutBinding> = declared
                .iter()
                .filter(|b| b.group == group)
                .map(|b| {
                    let kind =
                        if b.uniform { vk::DescriptorType::UNIFORM_BUFFER } else { vk::DescriptorType::STORAGE_BUFFER };
                    vk::DescriptorSetLayoutBinding::default()
                        .binding(b.binding)
                        .descriptor_type(kind)
                        .descriptor_count(1)
                        .stage_flags(vk::ShaderStageFlags::COMPUTE)
                })
                .collect();
            let info = vk::DescriptorSetLayoutCreateInfo::default().bindings(&bindings);
            // SAFETY: a valid create info.
            let layout = unsafe { self.device.create_descriptor_set_layout(&info, None) }
                .map_err(|e| format!("descriptor set layout: {e}"))?;
            out.push(layout);
        }
        Ok(out)
    }

    fn statistics(&self, pipeline: vk::Pipeline) -> Result<(u32, BTreeMap<String, f64>), String> {
        let info = vk::PipelineInfoKHR::default().pipeline(pipeline);
        // SAFETY: a live pipeline created with statistics capture.
        let executables = unsafe { self.stats.get_pipeline_executable_properties(&info) }
            .map_err(|e| format!("executable properties: {e}"))?;
        let Some(first) = executables.first() else {
            return Err("the driver reports no executable".into());
        };
        let exec = vk::PipelineExecutableInfoKHR::default().pipeline(pipeline).executable_index(0);
        // SAFETY: as above, executable 0 exists.
        let stats = unsafe { self.stats.get_pipeline_executable_statistics(&exec) }
            .map_err(|e| format!("executable statistics: {e}"))?;
        let mut out = BTreeMap::new();
        for s in stats {
            let name = s.name_as_c_str().unwrap_or(c"?").to_string_lossy().into_owned();
            // SAFETY: the union member read is the one `format` names.
            let value = unsafe {
                match s.format {
                    vk::PipelineExecutableStatisticFormatKHR::BOOL32 => f64::from(s.value.b32),
                    vk::PipelineExecutableStatisticFormatKHR::INT64 => s.value.i64 as f64,
                    vk::PipelineExecutableStatisticFormatKHR::UINT64 => s.value.u64 as f64,
                    vk::PipelineExecutableStatisticFormatKHR::FLOAT64 => s.value.f64,
                    _ => continue,
                }
            };
            out.insert(name, value);
        }
        Ok((first.subgroup_size, out))
    }
}

impl Drop for Device {
    fn drop(&mut self) {
        // SAFETY: every object made from the device was destroyed.
        unsafe {
            self.device.destroy_device(None);
            self.instance.destroy_instance(None);
        }
    }
}

/// The child process of one target: compile every job and print one JSON
/// record per line as it is done.
fn worker(args: &Args, target: &str) -> Result<(), String> {
    let device = Device::open(target)?;
    let jobs = modules(args, device.shared_memory)?;
    let stdout = std::io::stdout();
    let say = |line: &Line| -> Result<(), String> {
        let text = serde_json::to_string(line).map_err(|e| e.to_string())?;
        let mut out = stdout.lock();
        writeln!(out, "{text}").and_then(|()| out.flush()).map_err(|e| e.to_string())
    };
    say(&Line::Plan(jobs.iter().map(|(job, _)| job.clone()).collect()))?;
    for (job, module) in jobs {
        say(&Line::Start)?;
        let mut record = Record {
            target: target.to_owned(),
            device: device.name.clone(),
            job: job.clone(),
            compile_s: 0.0,
            subgroup_size: 0,
            workgroup_memory: device.shared_memory,
            stats: BTreeMap::new(),
            error: None,
        };
        let compiled = module.and_then(|m| {
            let code = spirv(&m.wgsl, &job.entry, device.lang_version())?;
            device.compile(&code, &job.entry)
        });
        match compiled {
            Ok((seconds, size, stats)) => {
                record.compile_s = seconds;
                record.subgroup_size = size;
                record.stats = stats;
            }
            Err(e) => record.error = Some(e),
        }
        say(&Line::Done(Box::new(record)))?;
    }
    Ok(())
}

/// Runs one target's worker: its records and the jobs it did not finish
/// (the one that ran past the timeout first), or the reason it gave none.
fn run_target(args: &Args, target: &str) -> Result<(Vec<Record>, Vec<Job>), String> {
    let env = target_env(target)?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut cmd = Command::new(exe);
    cmd.args(std::env::args_os().skip(1)).arg("--worker").arg(target);
    cmd.env_remove("VK_ICD_FILENAMES").env_remove("VK_DRIVER_FILES");
    for (k, v) in env {
        cmd.env(k, v);
    }
    if std::env::var_os("XDG_RUNTIME_DIR").is_none() {
        cmd.env("XDG_RUNTIME_DIR", std::env::temp_dir());
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the worker: {e}"))?;
    let stdout = child.stdout.take().expect("piped");
    let stderr = child.stderr.take().expect("piped");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            // Mesa warns that the device is not conformant; not ours to report.
            if !line.contains("not a conformant") && !line.contains("testing use only") {
                text.push_str(&line);
                text.push('\n');
            }
        }
        text
    });
    let mut records = Vec::new();
    let mut plan = Vec::new();
    let timeout = Duration::from_secs(args.timeout_s);
    let mut timed_out = false;
    loop {
        match rx.recv_timeout(timeout) {
            Ok(line) => match serde_json::from_str::<Line>(&line) {
                Ok(Line::Plan(jobs)) => plan = jobs,
                Ok(Line::Start) => {}
                Ok(Line::Done(record)) => {
                    eprintln!(
                        "  {target}: {} {} {} {:.1} s{}",
                        record.job.set,
                        record.job.path,
                        record.job.entry,
                        record.compile_s,
                        record.error.as_deref().map(|e| format!(" ({e})")).unwrap_or_default()
                    );
                    records.push(*record);
                }
                Err(e) => return Err(format!("unreadable worker output `{line}`: {e}")),
            },
            Err(mpsc::RecvTimeoutError::Timeout) => {
                timed_out = true;
                let _ = child.kill();
                break;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    let stderr = errors.join().unwrap_or_default();
    if timed_out {
        eprintln!("  {target}: a pipeline took over {} s; stopped", args.timeout_s);
    } else if !status.success() && plan.is_empty() {
        return Err(stderr.trim().lines().last().unwrap_or("the worker failed").to_owned());
    }
    let unfinished = plan.split_off(records.len().min(plan.len()));
    Ok((records, unfinished))
}

fn value(r: &Record, name: &str) -> String {
    r.stat(name).map(|v| format!("{v:.0}")).unwrap_or_else(|| "—".into())
}

/// The report's Markdown: one table per target.
fn markdown(records: &[Record], missing: &[(String, Job)], failures: &[(String, String)]) -> String {
    let mut out = String::from("# Kernel statistics\n\n");
    out.push_str(
        "Registers, spills, scratch and occupancy as the driver's compiler reports them \
         (VK_KHR_pipeline_executable_properties), and the wall time of `vkCreateComputePipelines`.\n\n",
    );
    let mut targets: Vec<&str> = records.iter().map(|r| r.target.as_str()).collect();
    targets.dedup();
    out.push_str(&chosen_cmux_table(records, &targets));
    for target in targets {
        let rows: Vec<&Record> = records.iter().filter(|r| r.target == target).collect();
        out.push_str(&format!(
            "## {target} ({}, subgroup size {}, {} KiB of workgroup memory)\n\n",
            rows[0].device,
            rows[0].subgroup_size,
            rows[0].workgroup_memory / 1024
        ));
        out.push_str(
            "| set | path | kernel | layout | VGPRs | predicted | SGPRs | spilled VGPRs | spilled SGPRs | scratch B | \
             LDS B | subgroups / SIMD | instructions | compile s |\n\
             |---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
        );
        for r in rows {
            let layout = if r.job.chosen { r.job.layout.clone() } else { format!("forced {}", r.job.layout) };
            if let Some(e) = &r.error {
                out.push_str(&format!(
                    "| {} | {} | {} | {layout} | error: {} ||||||||||\n",
                    r.job.set,
                    r.job.path,
                    r.job.entry,
                    e.lines().next().unwrap_or("")
                ));
                continue;
            }
            out.push_str(&format!(
                "| {} | {} | {} | {layout} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.1} |\n",
                r.job.set,
                r.job.path,
                r.job.entry,
                value(r, "VGPRs"),
                match (&r.job.cmux, r.job.entry.as_str()) {
                    (Some(c), "cmux") => format!("{:.0}", c.predicted_registers),
                    _ => "—".to_owned(),
                },
                value(r, "SGPRs"),
                value(r, "Spilled VGPRs"),
                value(r, "Spilled SGPRs"),
                value(r, "Scratch size"),
                value(r, "LDS size"),
                value(r, "Subgroups per SIMD"),
                value(r, "Instructions"),
                r.compile_s
            ));
        }
        out.push('\n');
        // A driver whose statistics have other names (NVIDIA's, say): all of them.
        for r in records.iter().filter(|r| r.target == target && r.error.is_none() && r.stat("VGPRs").is_none()) {
            let all: Vec<String> = r.stats.iter().map(|(name, v)| format!("{name} {v}")).collect();
            out.push_str(&format!("- {} {} {}: {}\n", r.job.set, r.job.path, r.job.entry, all.join(", ")));
        }
    }
    for (target, job) in missing {
        out.push_str(&format!(
            "- not compiled on {target} (the first ran past the timeout; the rest never started): {} {} {} {}\n",
            job.set, job.path, job.entry, job.layout
        ));
    }
    for (target, why) in failures {
        out.push_str(&format!("- {target}: no statistics: {why}\n"));
    }
    out
}

/// The chosen CMux kernels side by side on every target: VGPRs, spilled
/// VGPRs, subgroups per SIMD and instructions, and the longest compile.
fn chosen_cmux_table(records: &[Record], targets: &[&str]) -> String {
    let chosen: Vec<&Record> = records.iter().filter(|r| r.job.chosen && r.job.entry == "cmux").collect();
    if chosen.is_empty() {
        return String::new();
    }
    let mut out = String::from("## The chosen CMux kernels\n\nPer target: VGPRs / spilled VGPRs / subgroups per SIMD / instructions.\n\n| set | path | layout |");
    for t in targets {
        out.push_str(&format!(" {t} |"));
    }
    out.push_str(" longest compile s |\n|---|---|---|");
    for _ in targets {
        out.push_str("---|");
    }
    out.push_str("---:|\n");
    let mut keys: Vec<(&str, &str)> = Vec::new();
    for r in &chosen {
        let key = (r.job.set.as_str(), r.job.path.as_str());
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    for (set, path) in keys {
        let rows: Vec<&&Record> = chosen.iter().filter(|r| r.job.set == set && r.job.path == path).collect();
        out.push_str(&format!("| {set} | {path} | {} |", rows[0].job.layout));
        for t in targets {
            match rows.iter().find(|r| r.target == *t) {
                Some(r) if r.error.is_none() => out.push_str(&format!(
                    " {} / {} / {} / {} |",
                    value(r, "VGPRs"),
                    value(r, "Spilled VGPRs"),
                    value(r, "Subgroups per SIMD"),
                    value(r, "Instructions")
                )),
                _ => out.push_str(" — |"),
            }
        }
        let longest = rows.iter().map(|r| r.compile_s).fold(0.0, f64::max);
        out.push_str(&format!(" {longest:.1} |\n"));
    }
    out.push('\n');
    out
}

fn dump(args: &Args, dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    // The layouts as a device with 64 KiB of workgroup memory (AMD) gets them.
    for (job, module) in modules(args, 64 << 10)? {
        let Ok(module) = module else { continue };
        let stem = format!(
            "{}-{}-{}{}",
            job.set,
            job.path,
            module.name,
            if job.chosen { String::new() } else { format!("-{}", job.layout) }
        );
        // Letters, digits and single dashes: a name any shell and file system takes.
        let stem = stem
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let write =
            |name: String, bytes: &[u8]| std::fs::write(dir.join(&name), bytes).map_err(|e| format!("{name}: {e}"));
        write(format!("{stem}.wgsl"), module.wgsl.as_bytes())?;
        let code = spirv(&module.wgsl, &job.entry, (1, 6))?;
        write(format!("{stem}-{}.spv", job.entry), bytemuck::cast_slice(&code.words))?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = Args::parse();
    if let Some(target) = &args.worker {
        return match worker(&args, target) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("kernel-stats: {e}");
            ExitCode::from(2)
        }
    }
}

/// The parent: every target, the report, and `--check`'s verdict.
fn run(args: &Args) -> Result<bool, String> {
    for t in &args.targets {
        target_env(t)?;
    }
    if let Some(dir) = &args.dump {
        dump(args, dir)?;
        eprintln!("kernel-stats: WGSL and SPIR-V written to {}", dir.display());
    }
    let mut records = Vec::new();
    let mut missing = Vec::new();
    let mut failures = Vec::new();
    for target in &args.targets {
        eprintln!("kernel-stats: compiling for {target}");
        match run_target(args, target) {
            Ok((got, unfinished)) => {
                records.extend(got);
                missing.extend(unfinished.into_iter().map(|job| (target.clone(), job)));
            }
            Err(why) => failures.push((target.clone(), why)),
        }
    }
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let md = markdown(&records, &missing, &failures);
    std::fs::write(args.out.join("kernel-stats.md"), &md).map_err(|e| e.to_string())?;
    let json = serde_json::to_string_pretty(&records).map_err(|e| e.to_string())?;
    std::fs::write(args.out.join("kernel-stats.json"), json).map_err(|e| e.to_string())?;
    print!("{md}");
    let mut ok = failures.is_empty() && missing.is_empty();
    if args.check {
        for r in records.iter().filter(|r| r.job.chosen) {
            let (spilled, scratch) = r.spills();
            let bad = r.error.is_some() || spilled > 0.0 || scratch > 0.0 || r.compile_s > args.max_compile_s;
            if bad {
                eprintln!(
                    "kernel-stats: {} {} {} {} on {}: spilled {spilled}, scratch {scratch} B, {:.1} s{}",
                    r.job.set,
                    r.job.path,
                    r.job.entry,
                    r.job.layout,
                    r.target,
                    r.compile_s,
                    r.error.as_deref().map(|e| format!(", {e}")).unwrap_or_default()
                );
                ok = false;
            }
        }
    }
    Ok(ok)
}
