// Modular arithmetic of the portable u32 path: two NTT primes below 2^30,
// P0 = 998244353 and P1 = 754974721 (constants from the prelude), and the CRT
// back to Z/2^32. Since 4p < 2^32, no sum of two values below 2p overflows,
// which the lazy (Harvey) butterfly arithmetic relies on.
// Every function has a bit-exact Rust twin of the same name in
// gpu-backend/src/arith.rs, property-tested at 0, p-1 and 2^32-1.
// `mulhi` (the high half of a 32×32-bit product) comes from mulhi_u64.wgsl
// when the device has SHADER_INT64, else from mulhi_u32.wgsl.
//
// CRT exactness: M = P0·P1 ≈ 2^59.39; an integer X with |X| < M/2 is
// recovered exactly from its residues (then reduced mod 2^32).

fn prime(index: u32) -> u32 {
    return select(P0, P1, index == 1u);
}

// floor(w · 2^32 / p) for w < p < 2^30, by long division.
fn shoup_companion(w: u32, p: u32) -> u32 {
    var r = w;
    var q = 0u;
    for (var i = 0u; i < 32u; i = i + 1u) {
        r = r << 1u;
        q = q << 1u;
        if (r >= p) {
            r = r - p;
            q = q | 1u;
        }
    }
    return q;
}

// a·w mod p up to one p, in [0, 2p), for any a < 2^32, w < p and
// w_sh = floor(w·2^32/p) (Shoup's product without its last correction: the
// quotient estimate is at most one short).
fn mul_shoup_lazy(a: u32, w: u32, w_sh: u32, p: u32) -> u32 {
    let q = mulhi(a, w_sh);
    return a * w - q * p;
}

// a·w mod p for any a < 2^32, w < p, w_sh = floor(w·2^32/p); result < p.
fn mul_shoup(a: u32, w: u32, w_sh: u32, p: u32) -> u32 {
    return reduce_once(mul_shoup_lazy(a, w, w_sh, p), p);
}

// x mod p for x < 2p.
fn reduce_once(x: u32, p: u32) -> u32 {
    return select(x, x - p, x >= p);
}

// x brought below 2p (same residue) for x < 4p.
fn reduce_twice(x: u32, p: u32) -> u32 {
    let p2 = 2u * p;
    return select(x, x - p2, x >= p2);
}

// Lazy (Harvey) butterfly arithmetic of the transforms: values live in
// [0, 2p) and are reduced only as far as the next operation needs.
// a + b, below 2p, for a, b < 2p.
fn add_lazy(a: u32, b: u32, p: u32) -> u32 {
    return reduce_twice(a + b, p);
}

// a − b + 2p, in (0, 4p) and ≡ a − b, for a, b < 2p: an operand for
// mul_shoup_lazy (any a < 2^32) or reduce_twice.
fn sub_lazy(a: u32, b: u32, p: u32) -> u32 {
    return a + 2u * p - b;
}

// (a + b) mod p for a, b < p.
fn add_mod(a: u32, b: u32, p: u32) -> u32 {
    let s = a + b;
    return select(s, s - p, s >= p);
}

// (a - b) mod p for a, b < p.
fn sub_mod(a: u32, b: u32, p: u32) -> u32 {
    return select(a + p - b, a - b, a >= b);
}

// The residue mod p of x read as a signed i32.
fn signed_residue(x: u32, p: u32) -> u32 {
    if (x < 0x80000000u) {
        return x % p;
    }
    let r = (0u - x) % p;
    return select(p - r, 0u, r == 0u);
}

// The X in (-M/2, M/2) with X = r0 mod P0 and X = r1 mod P1, mod 2^32 (Garner).
fn crt(r0: u32, r1: u32) -> u32 {
    let r0_mod_p1 = select(r0, r0 - P1, r0 >= P1);
    let h = mul_shoup(sub_mod(r1, r0_mod_p1, P1), CRT_INV, CRT_INV_SHOUP, P1);
    let half1 = (P1 - 1u) / 2u;
    let negative = h > half1 || (h == half1 && r0 > (P0 - 1u) / 2u);
    let x = r0 + P0 * h;
    return select(x, x - M_LOW, negative);
}
