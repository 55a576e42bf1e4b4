// The high half of a 32×32-bit product without 64-bit integers: for adapters
// without SHADER_INT64. Rust twin: `mulhi` in gpu-backend/src/arith.rs.

// High 32 bits of a·b from four 16×16-bit products. Every partial product is
// below 2^32 and `mid` below 3·2^16, so no step overflows.
fn mulhi(a: u32, b: u32) -> u32 {
    let a_lo = a & 0xffffu;
    let a_hi = a >> 16u;
    let b_lo = b & 0xffffu;
    let b_hi = b >> 16u;
    let ll = a_lo * b_lo;
    let lh = a_lo * b_hi;
    let hl = a_hi * b_lo;
    let hh = a_hi * b_hi;
    let mid = (ll >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);
    return hh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u);
}
