//! GPU backend (work in progress).
