//! The `u32` path's generated kernels: the negacyclic NTT under each of
//! the two primes ([`ModPrime`]) of `N` residues per polynomial, `per` per
//! invocation and prime. Lane `2t + prime` of a kernel's registers is slot
//! `t`'s polynomial under that prime.

use std::fmt::Write;

use crate::arith;
use crate::kernel_layout::{self, coefficient, KernelLayout};
use crate::register_fft::{Exchange, ModPrime, RegisterFft};

/// The two primes' arithmetic for a plan, with where each prime's stage
/// twiddles sit in the table of [`twiddles`].
fn rings(plan: &RegisterFft, n: usize) -> [ModPrime; 2] {
    let stride = table_stride(plan, n);
    let count = plan.twiddle_count();
    [0, 1].map(|prime| ModPrime { prime, size: n, bases: [prime * stride, prime * stride + count] })
}

/// Entries of one prime's part of the table.
fn table_stride(plan: &RegisterFft, n: usize) -> usize {
    2 * plan.twiddle_count() + 2 * n
}

/// The table the kernels read (layout in `ntt.wgsl`), as `(w, ⌊w·2³²/p⌋)`
/// pairs: per prime, the forward and inverse stage twiddles, the twist `ψ^x`
/// and the untwist `ψ^{−x}·N^{−1}`.
pub(crate) fn twiddles(plan: &RegisterFft, n: usize) -> Vec<[u32; 2]> {
    let mut table = Vec::with_capacity(2 * table_stride(plan, n));
    for ring in rings(plan, n) {
        let p = arith::PRIMES[ring.prime];
        let pair = |w: u32| [w, arith::shoup_companion(w, p)];
        let psi = arith::negacyclic_root(ring.prime, n);
        let psi_inv = arith::pow_mod(psi, u64::from(p - 2), p);
        let [n_inv, _] = arith::inverse_size(ring.prime, n);
        for inverse in [false, true] {
            table.extend(plan.twiddles(&ring, inverse).into_iter().map(pair));
        }
        table.extend((0..n).map(|x| pair(arith::pow_mod(psi, x as u64, p))));
        table.extend((0..n).map(|x| {
            let w = arith::pow_mod(psi_inv, x as u64, p);
            pair((u64::from(w) * u64::from(n_inv) % u64::from(p)) as u32)
        }));
    }
    table
}

/// Appends the generated kernels for polynomials of size `n` and GLWE dimension `k`.
pub(crate) fn source(out: &mut String, plan: &RegisterFft, layout: &KernelLayout, n: usize, k: usize) {
    let per = plan.per();
    let cts = layout.cts as usize;
    let count = plan.twiddle_count();
    let _ = writeln!(out, "const TW_STRIDE: u32 = {}u;", table_stride(plan, n));
    let _ = writeln!(out, "const TW_INVERSE: u32 = {count}u;");
    let _ = writeln!(out, "const TWIST_OFF: u32 = {}u;", 2 * count);
    out.push_str("const UNTWIST_OFF: u32 = TWIST_OFF + N;\n");
    let _ = writeln!(out, "var<workgroup> xfer: array<u32, {}>;\n", layout.buffers as usize * 2 * cts * n);
    let exchange = Exchange { buffers: layout.buffers as usize, stride: 2 * cts * n };
    let [r0, r1] = rings(plan, n);
    out.push_str(&plan.wgsl("2", &[&r0, &r1], exchange));
    if cts > 1 {
        let lanes: Vec<&ModPrime> = (0..cts).flat_map(|_| [&r0, &r1]).collect();
        out.push_str(&plan.wgsl(&(2 * cts).to_string(), &lanes, exchange));
    }
    key_transform(out, per);
    poly_mul(out, per);
    cmux(out, per, k, layout);
}

/// Sets register `i` of each lane in `lanes` (a polynomial's prime-0 lane;
/// its prime-1 lane is `per` further) to `residue(slot, prime)` times the
/// twist `ψ^x` of coefficient `x`, one load of each prime's twist serving
/// every lane.
fn twisted(
    out: &mut String,
    array: &str,
    i: usize,
    per: usize,
    lanes: &[usize],
    residue: impl Fn(usize, usize) -> String,
) {
    let _ = write!(
        out,
        "    {{ let x = {}; let w0 = twiddles[TWIST_OFF + x]; let w1 = twiddles[TW_STRIDE + TWIST_OFF + x];",
        coefficient(i)
    );
    for (slot, lane) in lanes.iter().enumerate() {
        for prime in 0..2 {
            let _ = write!(
                out,
                " {array}[{}] = mul_pair({}, w{prime}, P{prime});",
                lane + prime * per + i,
                residue(slot, prime)
            );
        }
    }
    out.push_str(" }\n");
}

/// Multiplies register `i` of each lane in `lanes` (both primes, as in
/// [`twisted`]) by the untwist `ψ^{−x}·N^{−1}` of coefficient `x`, one load
/// of each prime's untwist serving every lane; [`recombined`] then reads
/// the exact value.
fn untwist(out: &mut String, array: &str, i: usize, per: usize, lanes: &[usize]) {
    let _ = write!(
        out,
        "    {{ let x = {}; let w0 = twiddles[UNTWIST_OFF + x]; let w1 = twiddles[TW_STRIDE + UNTWIST_OFF + x];",
        coefficient(i)
    );
    for lane in lanes {
        for prime in 0..2 {
            let r = lane + prime * per + i;
            let _ = write!(out, " {array}[{r}] = mul_pair({array}[{r}], w{prime}, P{prime});");
        }
    }
    out.push_str(" }\n");
}

/// The exact value mod 2³² of register `i` of the lanes `lane` (prime 0)
/// and `lane + per` (prime 1), untwisted: the CRT of the two residues.
fn recombined(array: &str, i: usize, per: usize, lane: usize) -> String {
    format!("crt({array}[{}], {array}[{}])", lane + i, lane + per + i)
}

fn key_transform(out: &mut String, per: usize) {
    out.push_str(
        "// One workgroup per torus polynomial of the raw bootstrapping key (2-D grid):
// its spectrum under both primes with Shoup companions, in the order the CMux reads it.
",
    );
    kernel_layout::per_polynomial_opening(out, "key_transform", "poly", "raw_key");
    let _ = writeln!(out, "    var v: array<u32, {}>;", 2 * per);
    for i in 0..per {
        twisted(out, "v", i, per, &[0], |_, prime| format!("signed_residue(raw_key[poly * N + x], P{prime})"));
    }
    out.push_str("    forward_2(lid, &v);\n");
    for prime in 0..2 {
        for i in 0..per {
            let _ = writeln!(
                out,
                "    {{ let w = reduce_once(v[{r}], P{prime}); \
                 key_out[poly * 2u * N + {prime}u * N + lid * PER + {i}u] = \
                 vec2<u32>(w, shoup_companion(w, P{prime})); }}",
                r = prime * per + i
            );
        }
    }
    out.push_str("}\n\n");
}

fn poly_mul(out: &mut String, per: usize) {
    out.push_str(
        "// Batched negacyclic product: one workgroup per pair, pm_out = pm_torus · pm_integer
// (torus read as i32, integers as i32 bit patterns), 2-D grid as key_transform.
",
    );
    kernel_layout::per_polynomial_opening(out, "poly_mul", "pair", "pm_torus");
    out.push_str("    let base = pair * N;\n");
    let _ = writeln!(out, "    var a: array<u32, {}>;", 2 * per);
    let _ = writeln!(out, "    var b: array<u32, {}>;", 2 * per);
    for i in 0..per {
        twisted(out, "a", i, per, &[0], |_, prime| format!("signed_residue(pm_torus[base + x], P{prime})"));
        twisted(out, "b", i, per, &[0], |_, prime| format!("signed_residue(pm_integer[base + x], P{prime})"));
    }
    out.push_str("    forward_2(lid, &a);\n    forward_2(lid, &b);\n");
    for prime in 0..2 {
        for i in 0..per {
            let r = prime * per + i;
            let _ = writeln!(out, "    a[{r}] = mul_mod(a[{r}], reduce_once(b[{r}], P{prime}), P{prime});");
        }
    }
    out.push_str("    inverse_2(lid, &a);\n");
    for i in 0..per {
        untwist(out, "a", i, per, &[0]);
    }
    for i in 0..per {
        let _ =
            writeln!(out, "    {{ let x = {}; pm_out[base + x] = {}; }}", coefficient(i), recombined("a", i, per, 0));
    }
    out.push_str("}\n\n");
}

fn cmux(out: &mut String, per: usize, k: usize, layout: &KernelLayout) {
    let components = k + 1;
    let cts = layout.cts as usize;
    let lanes = 2 * cts;
    // Register of value i of slot t under `prime`, and of its accumulator for component c.
    let reg = |t: usize, prime: usize, i: usize| (2 * t + prime) * per + i;
    let out_reg = |t: usize, c: usize, prime: usize, i: usize| ((t * components + c) * 2 + prime) * per + i;
    kernel_layout::cmux_opening(out, layout, CMUX_COMMENT);
    let (array, slot_base) = kernel_layout::accumulator(layout);
    let _ = writeln!(out, "        var out: array<u32, {}>;", cts * components * 2 * per);
    out.push_str("        for (var j = 0u; j <= K; j = j + 1u) {\n");
    let _ = writeln!(out, "            var diff: array<u32, {}>;", cts * per);
    for t in 0..cts {
        let base = slot_base.replace("{t}", &t.to_string());
        let _ = writeln!(out, "            if (live{t}) {{");
        let _ = writeln!(out, "                let poly = ({base} * (K + 1u) + j) * N;");
        for i in 0..per {
            let _ = writeln!(
                out,
                "                {{ let x = {}; let src = monomial_source(x, rot{t}); \
                 diff[{}] = apply_sign({array}[poly + src.x], src.y) - {array}[poly + x]; }}",
                coefficient(i),
                t * per + i
            );
        }
        out.push_str("            }\n");
    }
    out.push_str("            for (var q = 0u; q < LEVELS; q = q + 1u) {\n");
    let _ = writeln!(out, "                var v: array<u32, {}>;", lanes * per);
    let slot_lanes: Vec<usize> = (0..cts).map(|t| reg(t, 0, 0)).collect();
    for i in 0..per {
        out.push_str("            ");
        twisted(out, "v", i, per, &slot_lanes, |t, prime| {
            format!("digit_residue(gadget_digit(diff[{}], BASE_LOG, LEVELS, GADGET_ONES, q), P{prime})", t * per + i)
        });
    }
    let _ = writeln!(out, "                forward_{lanes}(lid, &v);");
    out.push_str("                let row = (s * ROWS + j * LEVELS + q) * (K + 1u) * 2u * N + lid * PER;\n");
    for c in 0..components {
        for prime in 0..2 {
            for i in 0..per {
                let _ = write!(out, "                {{ let kv = key[row + {}u * N + {i}u];", 2 * c + prime);
                for t in 0..cts {
                    let e = out_reg(t, c, prime, i);
                    let _ = write!(
                        out,
                        " out[{e}] = add_mod(out[{e}], mul_pair(v[{}], kv, P{prime}), P{prime});",
                        reg(t, prime, i)
                    );
                }
                out.push_str(" }\n");
            }
        }
    }
    out.push_str("            }\n        }\n");
    for c in 0..components {
        out.push_str("        {\n");
        let _ = writeln!(out, "            var v: array<u32, {}>;", lanes * per);
        for t in 0..cts {
            for prime in 0..2 {
                for i in 0..per {
                    let _ = writeln!(out, "            v[{}] = out[{}];", reg(t, prime, i), out_reg(t, c, prime, i));
                }
            }
        }
        let _ = writeln!(out, "            inverse_{lanes}(lid, &v);");
        for i in 0..per {
            out.push_str("        ");
            untwist(out, "v", i, per, &slot_lanes);
        }
        for t in 0..cts {
            let base = slot_base.replace("{t}", &t.to_string());
            let _ = writeln!(out, "            if (live{t}) {{");
            let _ = writeln!(out, "                let poly = ({base} * (K + 1u) + {c}u) * N;");
            for i in 0..per {
                let _ = writeln!(
                    out,
                    "                {{ let x = {}; {array}[poly + x] = {array}[poly + x] + {}; }}",
                    coefficient(i),
                    recombined("v", i, per, reg(t, 0, 0))
                );
            }
            out.push_str("            }\n");
        }
        out.push_str("        }\n");
    }
    kernel_layout::cmux_closing(out, layout);
}

const CMUX_COMMENT: &str = "// Blind rotation for the GGSWs of the bound window: CMUX_CTS ciphertexts per
// workgroup (slot t holds ciphertext CMUX_CTS·wid.x + t); for each step s,
// acc += BSK_s ⊡ (X^rot·acc − acc).
//
// Per step: for each component j, the rotated differences of the owned
// coefficients are read from the accumulator once into `diff`; each level's
// digits are reduced under both primes and twisted into `v`, transformed,
// and multiplied into the (K+1) spectral accumulators `out` (both primes)
// with the key values at the owned positions (each key value read serves
// every slot); rows are added in increasing order. Then each output
// component is transformed back, recombined by the CRT and added to the
// accumulator. A step with rot = 0 is computed like any other (it adds 0):
// the slots' rotations differ, and the barriers need uniform control flow.
// Slots past the chunk's last ciphertext (count = arrayLength(&inputs) /
// (LWE_DIM + 1)) neither read nor write `acc`. Every transform has at least
// one exchange (a barrier) whenever WG > 1, so no invocation writes the
// accumulator before all have read it.
";

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use umbra_fhe_core::polynomial::negacyclic_mul_reference;

    /// The kernels' arithmetic of one product on the host: residues twisted
    /// by the table, the plan's twin forward, pointwise products, the twin
    /// inverse, the untwist from the table, the CRT; against the exact
    /// negacyclic product, at several radices.
    fn product(a: &[u32], b: &[i32], per: usize) -> Vec<u32> {
        let n = a.len();
        let plan = RegisterFft::new(n, per);
        let table = twiddles(&plan, n);
        let stride = table_stride(&plan, n);
        let twist = 2 * plan.twiddle_count();
        let mut residues = Vec::new();
        for ring in rings(&plan, n) {
            let p = arith::PRIMES[ring.prime];
            let at = |offset: usize, x: usize| table[ring.prime * stride + offset + x];
            let twisted = |words: Vec<u32>| -> Vec<u32> {
                words
                    .iter()
                    .enumerate()
                    .map(|(x, &v)| arith::mul_shoup(v, at(twist, x)[0], at(twist, x)[1], p))
                    .collect()
            };
            let x = twisted(a.iter().map(|&v| arith::signed_residue(v, p)).collect());
            let y = twisted(b.iter().map(|&v| arith::signed_residue(v as u32, p)).collect());
            let garbage = || vec![u32::MAX; n];
            let (fx, fy) = (plan.forward(&ring, &x, &mut garbage()), plan.forward(&ring, &y, &mut garbage()));
            let z: Vec<u32> =
                fx.iter().zip(&fy).map(|(&u, &v)| arith::mul_mod(u, arith::reduce_once(v, p), p)).collect();
            let back = plan.inverse(&ring, &z, &mut garbage());
            let untwist = twist + n;
            residues.push(
                back.iter()
                    .enumerate()
                    .map(|(x, &v)| arith::mul_shoup(v, at(untwist, x)[0], at(untwist, x)[1], p))
                    .collect::<Vec<u32>>(),
            );
        }
        residues[0].iter().zip(&residues[1]).map(|(&r0, &r1)| arith::crt(r0, r1)).collect()
    }

    proptest! {
        #[test]
        fn host_product_through_the_kernel_tables_is_negacyclic(
            a in proptest::collection::vec(prop_oneof![Just(0u32), Just(u32::MAX), Just(1 << 31), any::<u32>()], 64),
            b in proptest::collection::vec(-(1i32 << 15)..=(1 << 15), 64),
        ) {
            let mut expected = vec![0u32; 64];
            negacyclic_mul_reference(&a, &b, &mut expected).unwrap();
            for per in [2, 4, 8, 16] {
                prop_assert_eq!(product(&a, &b, per), expected.clone(), "{} per invocation", per);
            }
        }
    }
}
