//! Ciphertext types of the user API: an LWE sample tagged with the key and
//! parameter set it belongs to, so that mixing keys is an error, not garbage.

use umbra_core::lwe::LweCiphertext;
use umbra_core::params::Parameters;
use umbra_core::{Error, Result};

/// Identity of the key pair and parameter set a ciphertext was made under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct KeyTag {
    pub(crate) key_id: u64,
    pub(crate) params: &'static str,
}

impl KeyTag {
    pub(crate) fn new(key_id: u64, params: &Parameters) -> Self {
        Self { key_id, params: params.name }
    }

    /// `Ok` when `other` was made under the same key and parameters.
    pub(crate) fn check(&self, other: &KeyTag) -> Result<()> {
        if self.params != other.params {
            return Err(Error::ParameterMismatch { expected: self.params.into(), found: other.params.into() });
        }
        if self.key_id != other.key_id {
            return Err(Error::KeyMismatch { expected: self.key_id, found: other.key_id });
        }
        Ok(())
    }
}

macro_rules! ciphertext_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $name {
            pub(crate) lwe: LweCiphertext,
            pub(crate) tag: KeyTag,
        }

        impl $name {
            /// The underlying LWE ciphertext (dimension `n` of the parameter set).
            pub fn as_lwe(&self) -> &LweCiphertext {
                &self.lwe
            }

            /// Identifier of the key pair this ciphertext belongs to.
            pub fn key_id(&self) -> u64 {
                self.tag.key_id
            }

            /// Name of the parameter set this ciphertext belongs to.
            pub fn parameter_set(&self) -> &'static str {
                self.tag.params
            }
        }
    };
}

ciphertext_type!(
    /// An encrypted boolean: `true` ↦ `+1/8`, `false` ↦ `−1/8` on the torus.
    BoolCiphertext
);
ciphertext_type!(
    /// An encrypted integer `m ∈ [0, 2^bits)` of the parameter set's
    /// `message_bits`, encoded as `m·2^{31−bits}` (the top bit is padding).
    IntCiphertext
);
