//! Code generation: the WGSL of every kernel, from plain numbers, with no
//! device behind it (everything here runs and is tested on the CPU).
//!
//! Dependencies run one way, leaves first:
//!
//! * [`shape`]: the constants a module is specialised to, and its prelude;
//! * [`layout`]: how one shape's transform kernels are laid out, and
//!   [`register_fft`]: the register-resident transforms with their host twin;
//! * [`model`]: what a layout costs (registers, traffic, clocks), and
//!   [`choice`]: the layouts chosen under a device's limits;
//! * [`bindings`]: every buffer a kernel binds, by name;
//! * [`path`]: the hooks of an arithmetic path, implemented by [`fft64`]
//!   (folded `f64` FFT) and [`ntt32`] (two-prime `u32` NTT);
//! * the kernels, generic over the path: [`key_transform`], [`cmux`],
//!   [`poly_mul`];
//! * [`module`]: whole modules assembled from the prelude, the hand-written
//!   fragments of `umbra-fhe-shaders` and the generated kernels.

pub(crate) mod bindings;
pub(crate) mod choice;
pub(crate) mod cmux;
pub(crate) mod fft64;
pub(crate) mod key_transform;
pub(crate) mod layout;
pub(crate) mod model;
pub(crate) mod module;
pub(crate) mod ntt32;
pub(crate) mod path;
pub(crate) mod poly_mul;
pub(crate) mod register_fft;
pub(crate) mod shape;
