//! # umbra-fhe-core
//!
//! The TFHE scheme behind Umbra, independent of where the heavy arithmetic runs:
//! the `u32` torus, LWE/GLWE/GGSW ciphertexts and keys, gadget decomposition,
//! keyswitching, sample extraction, lookup tables, programmable bootstrapping,
//! the noise model, the [`Backend`](backend::Backend) trait every accelerator
//! implements and an exact [`ReferenceBackend`](reference::ReferenceBackend).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod decomposition;
pub mod error;
pub mod fft;
pub mod params;
pub mod polynomial;
pub mod random;
pub mod torus;

pub use error::{Error, Result};
pub mod backend;
pub mod bootstrap;
pub mod ggsw;
pub mod glwe;
pub mod key_set;
pub mod keyswitch;
pub mod lwe;
pub mod noise;
pub mod packing;
pub mod public_key;
pub mod reference;
pub mod serialization;
pub mod simd;
pub mod testing;
