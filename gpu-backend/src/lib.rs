//! # umbra-fhe-gpu
//!
//! Umbra's GPU backend: batched programmable bootstrapping in wgpu compute
//! shaders (WGSL, in `shaders/`). A whole batch runs on the device — modulus
//! switch, blind rotation with the accumulator resident in device memory for
//! all `n` CMux steps, sample extraction and the LWE keyswitch — with one
//! upload and one download per chunk of the batch. Evaluation order is
//! PBS → keyswitch, as for every Umbra parameter set.
//!
//! Two arithmetic paths are compiled in and chosen when the backend is built:
//!
//! * [`Arithmetic::F64`]: the folded negacyclic FFT of `umbra_fhe_core::fft` over
//!   `f64` (needs `wgpu::Features::SHADER_F64`). Bootstraps agree with the exact
//!   reference up to rare ±1 rounding differences per CMux output coefficient.
//! * [`Arithmetic::U32`]: an exact NTT modulo two primes below 2³⁰ with a CRT
//!   back to `Z/2³²`, using only `u32` operations, so it runs on any adapter
//!   and matches the exact reference bit for bit (see [`arith`]). Where the
//!   adapter has `SHADER_INT64`, the high half of each 32×32-bit product is
//!   one 64-bit multiply instead of four 16-bit ones ([`HighProduct`]).
//!
//! ```no_run
//! use umbra_fhe_core::backend::Backend;
//! use umbra_fhe_gpu::{GpuBackend, GpuOptions};
//! let gpu = GpuBackend::new(GpuOptions::default())?;
//! println!("{} on {}", gpu.name(), gpu.description());
//! # Ok::<(), umbra_fhe_core::Error>(())
//! ```
#![warn(missing_docs)]

pub mod arith;
mod backend;
mod codegen;
pub mod design;
pub mod kernel_source;
mod options;
mod runtime;
pub mod testing;

pub use backend::{GpuBackend, HARDWARE_PARALLEL_WIDTH};
pub use options::{Arithmetic, CmuxKernel, GpuOptions, HighProduct, PathChoice};
pub use runtime::KernelTimes;
/// The wgpu version whose types ([`wgpu::AdapterInfo`], [`wgpu::Limits`], [`wgpu::Features`]) appear in this API.
pub use wgpu;

/// The package README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
