//! What the timestamp queries of a batch measured, kernel by kernel.

use std::time::Duration;

/// GPU time of each kernel of a bootstrap batch, measured with timestamp
/// queries at the start and end of each compute pass and summed over the
/// batch's chunks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KernelTimes {
    /// Accumulator initialisation (`ACC = X^{−b̃}·LUT`).
    pub init: Duration,
    /// Every CMux window: the blind rotation.
    pub cmux: Duration,
    /// Sample extraction and keyswitch.
    pub keyswitch: Duration,
}
