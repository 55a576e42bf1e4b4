// Portable u32 path: helpers of the negacyclic NTT kernels over Z/P0 and Z/P1
// (key transform, CMux blind rotation, batched product). The bindings
// (gpu-backend/src/codegen/bindings.rs), the transforms
// (codegen/register_fft.rs) and the kernels (codegen/key_transform.rs,
// codegen/cmux.rs, codegen/poly_mul.rs over codegen/ntt32.rs) are generated
// per shape, fully unrolled, around this fragment.
//
// Needs common.wgsl and ntt_arith.wgsl, plus the prelude constants N, LOG2_N,
// K, LEVELS, BASE_LOG, GADGET_ONES, LWE_DIM, ROWS = (K+1)·LEVELS, WG
// (invocations per workgroup = N / PER) and CMUX_CIPHERTEXTS (ciphertexts per CMux
// workgroup); the generated part defines PER (values per invocation and
// prime) and N_INV0, N_INV1 (N^-1 mod each prime with its Shoup companion).
//
// Transform: under each prime p, a register-resident mixed-radix transform
// evaluates a polynomial a at the roots ψ·ω^f of X^N + 1 (ψ a primitive
// 2N-th root of unity mod p, ω = ψ²: the negacyclic twist is folded into the
// stage multipliers), in a fixed digit-reversed order (invocation lid holds
// positions lid·PER … lid·PER + PER − 1 of both primes); the inverse returns
// N·a, the N^-1 being carried by the key spectra (and poly_mul's products),
// and the two primes are recombined by the CRT. Inside a transform values
// are lazily reduced (Harvey): in [0, 2p) between butterflies, a difference
// in [0, 4p) until its product; transforms take values below 2p and return
// values below 2p, which every consumer accepts (a Shoup product takes any
// u32) or reduces once (poly_mul's right operand, the CRT's inputs).
// Products into the spectral accumulators and everything outside the
// transforms stay fully reduced, in [0, p). No integer division outside the
// key transform and poly_mul's inputs (signed_residue).
//
// Exactness: the CMux sum is an exact integer of magnitude at most
// (K+1)·LEVELS·N·2^(BASE_LOG-1)·2^31 (torus values read as i32, balanced
// digits), and poly_mul's is at most N·2^15·2^31; the host refuses shapes whose
// bound reaches M/2 ≈ 2^58.39, so the CRT result is the exact value mod 2^32.
//
// Memory layout of the bindings (u32 words unless stated):
//   twiddles [prime][forward, inverse] of vec2 (w, shoup(w)): the stage
//            multipliers of every stage but the first (register_fft.rs).
//   key      [ggsw][row = j·LEVELS + q][component c][prime][N positions] of
//            vec2 (value, shoup); one window of `window.count` GGSWs is bound,
//            starting at GGSW `window.first`.
//   inputs   [ciphertext][LWE_DIM + 1] (mask then body).
//   acc      [ciphertext][K + 1][N], the GLWE accumulator, body last.
// Workgroup memory: exchange, BUFFERS·2·CMUX_CIPHERTEXTS·N words, the exchanges between
// transform stages (lane 2t + prime of slot t); with the accumulators on
// chip, acc_w, CMUX_CIPHERTEXTS·(K + 1)·N words for a whole window of CMux steps;
// with the spectral accumulators on chip, spec_w, CMUX_CIPHERTEXTS·(K + 1)·2·N words
// (each invocation touches only its own positions).

// x·w mod p for a (value, Shoup companion) pair w.
fn mul_pair(x: u32, w: vec2<u32>, p: u32) -> u32 {
    return mul_shoup(x, w.x, w.y, p);
}

// x·w mod p up to one p, in [0, 2p), for a (value, Shoup companion) pair w.
fn mul_pair_lazy(x: u32, w: vec2<u32>, p: u32) -> u32 {
    return mul_shoup_lazy(x, w.x, w.y, p);
}

// The residue mod p of a gadget digit d, |d| < p: no division.
fn digit_residue(d: i32, p: u32) -> u32 {
    return select(u32(d), u32(d) + p, d < 0);
}

// a·b mod p for residues a, b < p of a prime p in (2^29, 2^30), m = floor(2^61/p):
// Barrett reduction of the 60-bit product. q = floor(t·m/2^32) with
// t = floor(a·b/2^29) is at most 2 short of floor(a·b/p), so a·b − q·p is in
// [0, 3p), below 2^32 and exact in wrapping arithmetic; two corrections follow.
fn mul_mod(a: u32, b: u32, p: u32, m: u32) -> u32 {
    let lo = a * b;
    let t = (mulhi(a, b) << 3u) | (lo >> 29u);
    let q = mulhi(t, m);
    let r = lo - q * p;
    return reduce_once(select(r, r - 2u * p, r >= 2u * p), p);
}
