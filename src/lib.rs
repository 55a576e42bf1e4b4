//! # Umbra
//!
//! Fully homomorphic encryption over the torus (TFHE): compute on encrypted
//! booleans and small integers without ever decrypting them. The costly step,
//! programmable bootstrapping, runs on a pluggable [`Backend`]: rustfft on the
//! CPU (default) or wgpu compute shaders on a GPU (feature `gpu`).
//!
//! ```
//! use umbra_fhe::{ClientKey, ServerKey, params};
//!
//! let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
//! let server = ServerKey::new(&client)?;
//! let (a, b) = (client.encrypt_bool(true), client.encrypt_bool(false));
//! let c = server.xor(&a, &b)?;
//! assert!(client.decrypt_bool(&c)?);
//! # Ok::<(), umbra_fhe::Error>(())
//! ```
//!
//! The client key stays with whoever owns the data; the server key holds only
//! public evaluation material (bootstrapping and keyswitching keys) and the
//! backend that evaluates with it. What travels between them can be small:
//! seeded uploads ([`CompressedBoolBatch`], [`CompressedFheIntegers`], 4 bytes
//! a bit), encryptions by anyone holding a [`PublicKey`] ([`CompactBoolList`],
//! [`CompactFheIntegers`], 8 bytes a bit), and results packed by a
//! [`PackingKey`] ([`PackedBoolList`], [`PackedFheIntegers`], 16 bytes a bit).
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod backend_choice;
mod boolean;
mod ciphertext;
pub mod circuit;
mod client_key;
mod compressed;
mod encoding;
mod integer;
pub mod integers;
mod noise_bound;
mod packing;
mod public_key;
mod server_key;

pub use backend_choice::BackendChoice;
pub use ciphertext::{BoolCiphertext, IntCiphertext};
pub use circuit::{BoolWire, Circuit, CircuitInputs, CircuitOutputs, EvaluationStats, IntWire, Progress};
pub use client_key::ClientKey;
pub use compressed::CompressedBoolBatch;
pub use encoding::Gate;
pub use integer::IntLookupTable;
pub use integers::{
    CompactFheIntegers, CompressedFheIntegers, Cost, FheBool, FheInt16, FheInt32, FheInt64, FheInt8, FheInteger,
    FheUint16, FheUint32, FheUint64, FheUint8, Lazy, Operand, Operation, PackedFheIntegers,
};
pub use packing::{PackedBoolList, PackingKey};
pub use public_key::{CompactBoolList, PublicKey};
pub use server_key::ServerKey;
pub use umbra_fhe_core::backend::Backend;
pub use umbra_fhe_core::params::{self, Parameters};
pub use umbra_fhe_core::{Error, Result};

/// The scheme itself, for users who build their own pipelines or backends.
pub use umbra_fhe_core as core;

/// The CPU backend (feature `cpu`), e.g. for [`ServerKey::with_custom_backend`]
/// with a fixed thread count.
#[cfg(feature = "cpu")]
#[cfg_attr(docsrs, doc(cfg(feature = "cpu")))]
pub use umbra_fhe_cpu as cpu;

/// The GPU backend (feature `gpu`), e.g. for [`ServerKey::with_custom_backend`]
/// with a forced arithmetic path or chunk size.
#[cfg(feature = "gpu")]
#[cfg_attr(docsrs, doc(cfg(feature = "gpu")))]
pub use umbra_fhe_gpu as gpu;

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
