//! # umbra-fhe-shaders
//!
//! The WGSL sources of Umbra's GPU backend, one constant per file of this
//! package. They are fragments, not complete modules: `umbra-fhe-gpu`
//! prepends a prelude of constants for one parameter shape (`N`, `K`, the
//! gadgets, the NTT primes …) and concatenates the fragments a kernel needs.
//! Each file states at its top which constants and which other fragments it
//! needs, and the memory layout of its bindings.
//!
//! Kept in a package of its own so that the GPU crate, when packaged for
//! crates.io, still finds its shaders (an `include_str!` cannot reach
//! outside the package being built).
//!
//! ```
//! assert!(umbra_fhe_shaders::COMMON.contains("fn mod_switch"));
//! assert!(umbra_fhe_shaders::ALL.iter().all(|(name, source)| name.ends_with(".wgsl") && !source.is_empty()));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// Modulus switch, gadget digits and monomial index arithmetic, shared by every kernel.
pub const COMMON: &str = include_str!("../common.wgsl");
/// Modular arithmetic of the `u32` path: Shoup products, lazy reductions, CRT.
pub const NTT_ARITH: &str = include_str!("../ntt_arith.wgsl");
/// High half of a 32×32-bit product from four 16×16-bit products (any adapter).
pub const MULHI_U32: &str = include_str!("../mulhi_u32.wgsl");
/// High half of a 32×32-bit product from one 64-bit multiply (`SHADER_INT64`).
pub const MULHI_U64: &str = include_str!("../mulhi_u64.wgsl");
/// The two-prime negacyclic NTT kernels of the `u32` path.
pub const NTT: &str = include_str!("../ntt.wgsl");
/// The folded negacyclic FFT kernels of the `f64` path (`SHADER_F64`).
pub const FFT64: &str = include_str!("../fft64.wgsl");
/// Accumulator initialisation and the fused sample extraction + keyswitch.
pub const PBS: &str = include_str!("../pbs.wgsl");

/// Every fragment with its file name, for tools and tests that walk them all.
pub const ALL: [(&str, &str); 7] = [
    ("common.wgsl", COMMON),
    ("ntt_arith.wgsl", NTT_ARITH),
    ("mulhi_u32.wgsl", MULHI_U32),
    ("mulhi_u64.wgsl", MULHI_U64),
    ("ntt.wgsl", NTT),
    ("fft64.wgsl", FFT64),
    ("pbs.wgsl", PBS),
];
