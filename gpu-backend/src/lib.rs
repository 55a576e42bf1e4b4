//! GPU backend (work in progress).
pub mod arith;
