//! The one error type every Umbra crate returns.

/// Everything that can go wrong when using Umbra; no public function panics on bad input.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A parameter set violates a structural constraint.
    #[error("invalid parameters: {0}")]
    InvalidParameters(String),
    /// Two objects that must agree on a size do not.
    #[error("{what}: expected {expected}, got {got}")]
    DimensionMismatch {
        /// What was being compared.
        what: &'static str,
        /// The size required.
        expected: usize,
        /// The size found.
        got: usize,
    },
    /// An input value lies outside the documented range.
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// A ciphertext was produced under another key than the one used on it.
    #[error("ciphertext was encrypted under key {found:#018x}, this key is {expected:#018x}")]
    KeyMismatch {
        /// Identifier of the key in use.
        expected: u64,
        /// Identifier carried by the ciphertext.
        found: u64,
    },
    /// A ciphertext or key belongs to another parameter set.
    #[error("parameter set mismatch: expected `{expected}`, got `{found}`")]
    ParameterMismatch {
        /// The parameter set in use.
        expected: String,
        /// The parameter set of the offending object.
        found: String,
    },
    /// An integer result could exceed the largest message of the parameter
    /// set, or a ciphertext whose value may already exceed it was given to an
    /// operation that needs a value in range (a lookup table).
    #[error(
        "an integer value up to {degree} exceeds the largest message {max} of the parameter set \
         (bound the inputs, reduce them through a lookup table, or use a wrapping operation)"
    )]
    MessageOverflow {
        /// The largest value the result (or input) may hold.
        degree: u64,
        /// The largest message the parameter set carries, `2^bits − 1`.
        max: u64,
    },
    /// The noise a linear integer operation would leave in its result makes a
    /// wrong decryption (or lookup) likelier than the parameter set's failure
    /// target: bootstrap an operand first, or use a set with more room.
    #[error(
        "the result's noise gives a predicted failure probability of 2^{predicted_log2} per decryption, \
         above the target 2^{target_log2} of the parameter set (apply a lookup table to an operand first, \
         which resets its noise, or use a parameter set with more room)"
    )]
    NoiseOverflow {
        /// `log2` of the predicted failure probability of the result, rounded up.
        predicted_log2: i32,
        /// `log2` of the parameter set's failure target.
        target_log2: i32,
    },
    /// A prepared key was handed to a backend that did not prepare it.
    #[error("key was prepared by backend `{prepared_by}`, not `{backend}`")]
    WrongBackend {
        /// The backend that was called.
        backend: String,
        /// The backend that prepared the key.
        prepared_by: String,
    },
    /// The operation is not available in this build or for these inputs.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// Bytes that are not a valid envelope of the expected object: truncated,
    /// corrupted, another format version or kind, an unknown parameter set.
    #[error("cannot deserialize: {0}")]
    Deserialization(String),
    /// A backend failed (device lost, out of memory, no adapter, ...).
    #[error("backend `{backend}` failed: {reason}")]
    Backend {
        /// The backend's name.
        backend: String,
        /// What went wrong, as the backend reported it.
        reason: String,
    },
}

/// `Result` with Umbra's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Returns [`Error::DimensionMismatch`] unless `got == expected`.
pub(crate) fn check_len(what: &'static str, expected: usize, got: usize) -> Result<()> {
    if expected == got {
        Ok(())
    } else {
        Err(Error::DimensionMismatch { what, expected, got })
    }
}
