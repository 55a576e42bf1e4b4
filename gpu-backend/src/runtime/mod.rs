//! The runtime: a device, the pipelines compiled for it, and the host side
//! of each operation — checks, uploads, submissions and read-backs.
//!
//! * [`context`]: the device with its options and compiled pipelines;
//! * [`times`]: kernel times of a batch;
//! * [`device`]: adapter, limits, error capture, bounded waits, read-back;
//! * [`buffers`]: buffers, bound prefixes, dispatch grids;
//! * [`pipelines`]: compiled kernels with explicit bind-group layouts from
//!   the binding constants of the code generator;
//! * [`key`]: a bootstrapping key checked, uploaded and transformed;
//! * [`chunk`]: one chunk of a batch: its buffers, its submission in
//!   pieces, its read-back;
//! * [`bootstrap`]: a batch of bootstraps, chunk by chunk;
//! * [`poly_mul`]: the batched exact polynomial product.

pub(crate) mod bootstrap;
pub(crate) mod buffers;
pub(crate) mod chunk;
pub(crate) mod context;
pub(crate) mod device;
pub(crate) mod key;
pub(crate) mod pipelines;
pub(crate) mod poly_mul;
pub(crate) mod times;

pub(crate) use context::Runtime;
pub use times::KernelTimes;
