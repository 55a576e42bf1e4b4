//! Umbra facade.
