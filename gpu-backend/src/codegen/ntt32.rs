//! The `u32` path: the negacyclic NTT under each of the two primes
//! ([`ModPrime`]) of `N` residues per polynomial, lane `l` of a polynomial
//! its residues under prime `l`, recombined by the CRT after the inverse.

use std::fmt::Write;

use umbra_fhe_shaders::{MULHI_U32, MULHI_U64, NTT, NTT_ARITH};

use super::layout::KernelLayout;
use super::path::TransformPath;
use super::register_fft::{Exchange, ModPrime, RegisterFft};
use crate::arith;
use crate::options::HighProduct;

/// The two primes' arithmetic for a plan, with where each prime's stage
/// multipliers sit in the table of [`TwoPrimeNtt::twiddle_bytes`].
fn rings(plan: &RegisterFft) -> [ModPrime; 2] {
    let count = plan.twiddle_count();
    [0, 1].map(|prime| ModPrime { prime, size: plan.size(), bases: [2 * prime * count, (2 * prime + 1) * count] })
}

/// The table the kernels read (layout in `ntt.wgsl`), as `(w, ⌊w·2³²/p⌋)`
/// pairs: per prime, the forward and the inverse stage multipliers.
fn twiddles(plan: &RegisterFft) -> Vec<[u32; 2]> {
    let mut table = Vec::with_capacity(4 * plan.twiddle_count());
    for ring in rings(plan) {
        let p = arith::PRIMES[ring.prime];
        for inverse in [false, true] {
            table.extend(plan.twiddles(&ring, inverse).into_iter().map(|w| [w, arith::shoup_companion(w, p)]));
        }
    }
    table
}

/// The exact value mod 2³² of an inverse transform's value whose residues
/// are `registers[r0]` (prime 0) and `registers[r1]` (prime 1): their CRT,
/// each brought below `p` first.
fn recombined(registers: &str, r0: usize, r1: usize) -> String {
    format!("crt(reduce_once({registers}[{r0}], P0), reduce_once({registers}[{r1}], P1))")
}

/// The kernels' arithmetic on the two-prime NTT.
pub(crate) struct TwoPrimeNtt;

impl TransformPath for TwoPrimeNtt {
    const VALUE: &'static str = "u32";
    const LANES: usize = 2;
    const ZERO: &'static str = "0u";
    const PAIR: &'static str = "vec2<u32>";
    const DIGITS_NOTE: &'static str = "reduced under both primes; the CRT recombines the inverse's residues";
    const SCALE_NOTE: &'static str = "N^-1";

    fn fragments(high_product: HighProduct) -> Vec<&'static str> {
        let mulhi = match high_product {
            HighProduct::Int64 => MULHI_U64,
            HighProduct::Limbs16 => MULHI_U32,
        };
        vec![mulhi, NTT_ARITH, NTT]
    }

    fn twiddle_bytes(plan: &RegisterFft) -> Vec<u8> {
        bytemuck::cast_slice(&twiddles(plan)).to_vec()
    }

    fn declarations(&self, out: &mut String, plan: &RegisterFft, layout: &KernelLayout, n: usize) {
        let cts = layout.ciphertexts_per_workgroup as usize;
        for prime in 0..2 {
            let [inv, inv_sh] = arith::inverse_size(prime, n);
            let _ = writeln!(out, "const N_INV{prime}: vec2<u32> = vec2<u32>({inv}u, {inv_sh}u);");
        }
        let _ =
            writeln!(out, "var<workgroup> exchange: array<u32, {}>;\n", layout.exchange_buffers as usize * 2 * cts * n);
        let exchange = Exchange { buffers: layout.exchange_buffers as usize, stride: 2 * cts * n };
        let [r0, r1] = rings(plan);
        out.push_str(&plan.wgsl("2", &[&r0, &r1], exchange));
        if cts > 1 {
            let lanes: Vec<&ModPrime> = (0..cts).flat_map(|_| [&r0, &r1]).collect();
            out.push_str(&plan.wgsl(&(2 * cts).to_string(), &lanes, exchange));
        }
    }

    fn load(&self, array: &str, base: &str, reg: &dyn Fn(usize) -> usize) -> String {
        format!(
            "v[{}] = signed_residue({array}[{base} + x], P0); v[{}] = signed_residue({array}[{base} + x], P1);",
            reg(0),
            reg(1)
        )
    }

    fn store(&self, array: &str, base: &str, registers: &str, reg: &dyn Fn(usize) -> usize, add: bool) -> String {
        let element = format!("{array}[{base} + x]");
        let sum = if add { format!("{element} + ") } else { String::new() };
        format!("{element} = {sum}{};", recombined(registers, reg(0), reg(1)))
    }

    fn key_store(&self, prime: usize, i: usize, r: usize) -> String {
        format!(
            "{{ let w = mul_pair(v[{r}], N_INV{prime}, P{prime}); \
             key_out[poly * 2u * N + {prime}u * N + lid * PER + {i}u] = vec2<u32>(w, shoup_companion(w, P{prime})); }}"
        )
    }

    fn scaled_product(&self, prime: usize, a: &str, b: &str) -> String {
        format!(
            "mul_pair(mul_mod(reduce_once({a}, P{prime}), reduce_once({b}, P{prime}), P{prime}, BARRETT{prime}), \
             N_INV{prime}, P{prime})"
        )
    }

    fn spectra_declaration(&self, slots: usize, components: usize) -> String {
        format!(
            "// The spectral accumulators of each step (slot t, component c, prime at\n\
             // ((t·(K+1) + c)·2 + prime)·N); each invocation reads and writes its own positions only.\n\
             var<workgroup> spec_w: array<u32, {}u * N>;\n",
            slots * components * 2
        )
    }

    fn spectrum_slot(&self, t: usize, c: &str, prime: usize, i: usize) -> String {
        format!("spec_w[(({t}u * (K + 1u) + {c}) * 2u + {prime}u) * N + lid * PER + {i}u]")
    }

    fn digits(&self, acc: &str, t: usize, reg: &dyn Fn(usize) -> usize) -> String {
        format!(
            "let src = monomial_source(x, rot{t}); \
             let d = gadget_digit(apply_sign({acc}[poly + src.x], src.y) - {acc}[poly + x], \
             BASE_LOG, LEVELS, GADGET_ONES, q); v[{}] = digit_residue(d, P0); v[{}] = digit_residue(d, P1);",
            reg(0),
            reg(1)
        )
    }

    fn key_row(&self) -> &'static str {
        "(s * ROWS + j * LEVELS + q) * (K + 1u) * 2u * N + lid * PER"
    }

    fn key_value(&self, c: &str, prime: usize, i: usize) -> String {
        format!("key[row + (2u * {c} + {prime}u) * N + {i}u]")
    }

    fn accumulate(&self, e: &str, value: &str, prime: usize) -> String {
        format!("{e} = add_mod({e}, mul_pair({value}, kv, P{prime}), P{prime});")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use umbra_fhe_core::polynomial::negacyclic_mul_reference;

    /// The kernels' arithmetic of one product on the host: residues, the
    /// plan's twin forward, pointwise products times `N⁻¹` (which the key
    /// spectra carry in the CMux), the twin inverse, the CRT; against the
    /// exact negacyclic product, at several radices. The table the kernels
    /// read holds, at each prime's bases, the multipliers the twin used.
    fn product(a: &[u32], b: &[i32], per: usize) -> Vec<u32> {
        let n = a.len();
        let plan = RegisterFft::new(n, per);
        let table = twiddles(&plan);
        let mut residues = Vec::new();
        for ring in rings(&plan) {
            let p = arith::PRIMES[ring.prime];
            for inverse in [false, true] {
                let base = ring.bases[usize::from(inverse)];
                let expected: Vec<[u32; 2]> =
                    plan.twiddles(&ring, inverse).into_iter().map(|w| [w, arith::shoup_companion(w, p)]).collect();
                assert_eq!(&table[base..base + plan.twiddle_count()], &expected[..]);
            }
            let [n_inv, n_inv_sh] = arith::inverse_size(ring.prime, n);
            let x: Vec<u32> = a.iter().map(|&v| arith::signed_residue(v, p)).collect();
            let y: Vec<u32> = b.iter().map(|&v| arith::signed_residue(v as u32, p)).collect();
            let garbage = || vec![u32::MAX; n];
            let (fx, fy) = (plan.forward(&ring, &x, &mut garbage()), plan.forward(&ring, &y, &mut garbage()));
            let z: Vec<u32> = fx
                .iter()
                .zip(&fy)
                .map(|(&u, &v)| {
                    let product =
                        arith::mul_mod(arith::reduce_once(u, p), arith::reduce_once(v, p), p, arith::barrett(p));
                    arith::mul_shoup(product, n_inv, n_inv_sh, p)
                })
                .collect();
            let back = plan.inverse(&ring, &z, &mut garbage());
            residues.push(back.iter().map(|&v| arith::reduce_once(v, p)).collect::<Vec<u32>>());
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

    /// The primes `P0`/`P1` a WGSL block names.
    fn primes_named(block: &[&str]) -> Vec<usize> {
        (0..2).filter(|p| block.iter().any(|line| line.contains(&format!("P{p})")))).collect()
    }

    /// The generated transforms of two slots (lanes prime 0, 1, 0, 1): every
    /// butterfly computes under the prime of the lane whose registers it
    /// writes, at every size (one stage up to three) and radix. The twin
    /// checks the arithmetic, this the lanes' primes in the code.
    #[test]
    fn every_generated_butterfly_computes_under_its_lanes_prime() {
        for log_n in 1..=11 {
            let n = 1usize << log_n;
            for per in [2, 4, 8, 16] {
                let plan = RegisterFft::new(n, per);
                let [r0, r1] = rings(&plan);
                let exchange = Exchange { buffers: 2, stride: 4 * n };
                let source = plan.wgsl("4", &[&r0, &r1, &r0, &r1], exchange);
                // Innermost blocks: a butterfly each, or an exchange (which names no prime).
                let mut stack: Vec<(Vec<&str>, bool)> = Vec::new();
                let mut butterflies = 0usize;
                for line in source.lines() {
                    match line.trim() {
                        "{" => {
                            if let Some(parent) = stack.last_mut() {
                                parent.1 = true;
                            }
                            stack.push((Vec::new(), false));
                        }
                        "}" => {
                            let Some((block, nested)) = stack.pop() else { continue };
                            let primes = primes_named(&block);
                            if nested || primes.is_empty() {
                                continue;
                            }
                            butterflies += 1;
                            let lanes: Vec<usize> = block
                                .iter()
                                .filter_map(|l| l.trim().strip_prefix("(*v)["))
                                .map(|rest| rest[..rest.find(']').unwrap()].parse::<usize>().unwrap() / plan.per())
                                .collect();
                            assert!(!lanes.is_empty(), "N = {n}, per {per}: a butterfly writes no register");
                            for lane in lanes {
                                assert_eq!(primes, vec![lane % 2], "N = {n}, per {per}: lane {lane}");
                            }
                        }
                        _ => {
                            if let Some((block, _)) = stack.last_mut() {
                                block.push(line);
                            }
                        }
                    }
                }
                // Both directions, four lanes, at least one butterfly per stage.
                assert!(
                    butterflies.is_multiple_of(8) && butterflies >= 8 * (plan.exchanges() + 1),
                    "N = {n}, per {per}"
                );
            }
        }
    }
}
