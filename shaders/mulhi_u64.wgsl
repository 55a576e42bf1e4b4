// The high half of a 32×32-bit product with one 64-bit multiply: for adapters
// with SHADER_INT64 (the module is only built for those). Rust twin: `mulhi`
// in gpu-backend/src/arith.rs, which equals (a·b) >> 32 for every a, b.

// High 32 bits of a·b; a·b < 2^64, so the u64 product is exact.
fn mulhi(a: u32, b: u32) -> u32 {
    return u32((u64(a) * u64(b)) >> 32u);
}
