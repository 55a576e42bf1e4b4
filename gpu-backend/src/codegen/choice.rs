//! The layout choices of the kernels from plain device limits (bytes of
//! workgroup memory): the CMux by the cost model, `poly_mul` by measured
//! radices, the keyswitch by what memory holds.

use umbra_fhe_core::{Error, Result};

use super::layout::KernelLayout;
use super::model;
use super::shape::Shape;
use crate::options::{Arithmetic, CmuxKernel};

/// Most ciphertexts one CMux workgroup serves when memory allows.
const CMUX_GROUP: u32 = 2;

/// Values of a transform per invocation the backend chooses from (the
/// radix of its stages): on `f64` folded complex values, on `u32` residues
/// per prime (half the registers each).
const RADICES: [u32; 4] = [16, 8, 4, 2];

/// The CMux layout for `shape` on `arithmetic` under `limit` bytes of
/// workgroup memory.
///
/// Every combination of radix ([`RADICES`]), ciphertexts per workgroup (1
/// or 2), exchange buffers (1 or 2), GLWE accumulators in global or
/// workgroup memory and spectral accumulators in registers or workgroup
/// memory is a candidate, less what `requested` and `choice` force. Of
/// those that fit `limit`, the ones whose predicted registers
/// ([`model::predicted_registers`]) stay within
/// [`model::REGISTER_BUDGET`] compete on the estimated clocks per
/// CMux step and ciphertext ([`model::estimated_clocks`]); the first
/// of the fastest wins. Where none is predicted to fit (forced choices, or
/// very little workgroup memory), the one predicted to need the fewest
/// registers wins. Errors: [`Error::InvalidInput`] for a value no layout
/// can have (as [`crate::GpuBackend::new`] reports it), [`Error::Unsupported`]
/// where nothing fits `limit`.
pub(crate) fn cmux_layout(
    limit: u32,
    arithmetic: Arithmetic,
    shape: &Shape,
    requested: Option<u32>,
    choice: &CmuxKernel,
) -> Result<KernelLayout> {
    let n = shape.polynomial_size as usize;
    let k = shape.glwe_dimension as usize;
    if let Some(c) = requested {
        if !(1..=CMUX_GROUP).contains(&c) {
            return Err(Error::InvalidInput(format!("a CMux workgroup serves 1 or 2 ciphertexts, not {c}")));
        }
    }
    choice.check()?;
    let either = |forced: Option<bool>| forced.map_or(vec![false, true], |f| vec![f]);
    let mut candidates = Vec::new();
    for per in choice.values_per_invocation.map_or(RADICES.to_vec(), |p| vec![p]) {
        for cts in requested.map_or(vec![1, CMUX_GROUP], |c| vec![c]) {
            for buffers in choice.exchange_buffers.map_or(vec![1, 2], |b| vec![b]) {
                for acc_on_chip in either(choice.accumulator_on_chip) {
                    for spectra_on_chip in either(choice.spectra_on_chip) {
                        candidates.push(KernelLayout {
                            arithmetic,
                            values_per_invocation: per,
                            ciphertexts_per_workgroup: cts,
                            exchange_buffers: buffers,
                            accumulators_on_chip: acc_on_chip,
                            spectra_on_chip,
                        });
                    }
                }
            }
        }
    }
    let bytes = |l: &KernelLayout| l.workgroup_bytes(n, k);
    let fitting: Vec<KernelLayout> = candidates.iter().copied().filter(|l| bytes(l) <= u64::from(limit)).collect();
    if fitting.is_empty() {
        let least = candidates.iter().min_by_key(|l| bytes(l)).expect("at least one candidate");
        return Err(Error::Unsupported(format!(
            "the CMux laid out as {least:?} at polynomial size {n} needs {} bytes of workgroup memory; the device \
             has {limit}",
            bytes(least)
        )));
    }
    let registers = |l: &KernelLayout| model::predicted_registers(l, k, n);
    let clocks = |l: &KernelLayout| model::estimated_clocks(l, shape, &model::REFERENCE_UNIT);
    // Ordered by (predicted registers over the budget, estimated clocks).
    let cost = |l: &KernelLayout| ((registers(l) - model::REGISTER_BUDGET).max(0.0), clocks(l));
    let mut best = fitting[0];
    for layout in &fitting[1..] {
        if cost(layout) < cost(&best) {
            best = *layout;
        }
    }
    Ok(best)
}

/// Values per invocation of `poly_mul` unless forced: its two operands go
/// through one transform as two slots, and the radix is the largest with
/// which the kernel compiles without spilling on RDNA3 and CDNA2
/// (`benches/kernel-stats`): 4 on `f64`, 8 on `u32`.
fn poly_mul_radix(arithmetic: Arithmetic) -> u32 {
    match arithmetic {
        Arithmetic::F64 => 4,
        Arithmetic::U32 => 8,
    }
}

/// The layout of `poly_mul` at size `n` under `limit` bytes of workgroup
/// memory: one polynomial pair per workgroup, its two operands the two
/// slots of each transform (`cts = 2`), [`poly_mul_radix`] unless forced, two
/// exchange buffers where memory holds them. Errors as [`cmux_layout`]'s.
pub(crate) fn poly_mul_layout(
    limit: u32,
    arithmetic: Arithmetic,
    n: usize,
    choice: &CmuxKernel,
) -> Result<KernelLayout> {
    choice.check()?;
    let per = choice.values_per_invocation.unwrap_or_else(|| poly_mul_radix(arithmetic));
    let layout = |exchange_buffers| KernelLayout {
        arithmetic,
        values_per_invocation: per,
        ciphertexts_per_workgroup: 2,
        exchange_buffers,
        accumulators_on_chip: false,
        spectra_on_chip: false,
    };
    let fits = |l: &KernelLayout| l.workgroup_bytes(n, 1) <= u64::from(limit);
    let buffers = choice.exchange_buffers.unwrap_or(if fits(&layout(2)) { 2 } else { 1 });
    let chosen = layout(buffers);
    if !fits(&chosen) {
        return Err(Error::Unsupported(format!(
            "the product laid out as {chosen:?} at polynomial size {n} needs {} bytes of workgroup memory; the \
             device has {limit}",
            chosen.workgroup_bytes(n, 1)
        )));
    }
    Ok(chosen)
}

/// Most ciphertexts one keyswitch workgroup serves when memory allows.
const KEYSWITCH_GROUP: u32 = 4;

/// Ciphertexts per keyswitch workgroup: `requested`, or as many as `limit`
/// bytes of workgroup memory hold up to [`KEYSWITCH_GROUP`]; an error when
/// not even the requested number (or one) fits.
pub(crate) fn keyswitch_group(limit: u32, shape: &Shape, requested: Option<u32>) -> Result<u32> {
    let per_ct = shape.keyswitch_bytes_per_ciphertext();
    let fit = limit / per_ct;
    let group = requested.unwrap_or(fit.min(KEYSWITCH_GROUP));
    if group == 0 || group > fit {
        return Err(Error::Unsupported(format!(
            "a keyswitch workgroup of {} ciphertexts needs {} bytes of workgroup memory; the device has {}",
            group.max(1),
            group.max(1) * per_ct,
            limit
        )));
    }
    Ok(group)
}

#[cfg(test)]
mod tests {
    use super::*;
    use umbra_fhe_core::params::Parameters;

    /// Workgroup memory limits met in practice: the WebGPU default, Mesa's
    /// lavapipe, NVIDIA's Vulkan driver, AMD's.
    const LIMITS: [u32; 4] = [16 << 10, 32 << 10, 48 << 10, 64 << 10];

    /// The CMux layout of every shipped set under each limit on both paths.
    #[test]
    fn every_shipped_set_against_16_32_48_and_64_kib() {
        let auto = CmuxKernel::default();
        for p in Parameters::all() {
            let shape = Shape::of(&p).unwrap();
            let (n, k) = (p.polynomial_size.get(), p.glwe_dimension.0);
            for arithmetic in [Arithmetic::F64, Arithmetic::U32] {
                for limit in LIMITS {
                    let layout = cmux_layout(limit, arithmetic, &shape, None, &auto).unwrap();
                    assert!(layout.workgroup_bytes(n, k) <= u64::from(limit));
                    // Within the register budget (at 16 KiB, f64 message-3 and
                    // default-boolean get there at radix 2 only).
                    let registers = model::predicted_registers(&layout, k, n);
                    assert!(registers <= model::REGISTER_BUDGET, "{} {arithmetic:?} {limit}: {registers}", p.name);
                    // No fitting candidate within the budget is estimated faster.
                    let clocks = model::estimated_clocks(&layout, &shape, &model::REFERENCE_UNIT);
                    for per in RADICES {
                        for cts in [1, 2] {
                            let forced = CmuxKernel { values_per_invocation: Some(per), ..auto };
                            let Ok(other) = cmux_layout(limit, arithmetic, &shape, Some(cts), &forced) else {
                                continue;
                            };
                            if model::predicted_registers(&other, k, n) <= model::REGISTER_BUDGET {
                                let theirs = model::estimated_clocks(&other, &shape, &model::REFERENCE_UNIT);
                                assert!(clocks <= theirs, "{} {arithmetic:?} {limit}: {layout:?} vs {other:?}", p.name);
                            }
                        }
                    }
                    assert_eq!(
                        cmux_layout(limit, arithmetic, &shape, Some(1), &auto).unwrap().ciphertexts_per_workgroup,
                        1
                    );
                }
                // Forced layouts that cannot fit are errors, as are bad values.
                let two_buffers = CmuxKernel { exchange_buffers: Some(2), ..auto };
                let unfit = |r: Result<KernelLayout>| matches!(r, Err(Error::Unsupported(_)));
                assert!(unfit(cmux_layout(1024, arithmetic, &shape, None, &auto)), "{}", p.name);
                assert!(unfit(cmux_layout(8 << 10, arithmetic, &shape, Some(2), &two_buffers)), "{}", p.name);
                let invalid = |r: Result<KernelLayout>| matches!(r, Err(Error::InvalidInput(_)));
                assert!(invalid(cmux_layout(16 << 10, arithmetic, &shape, Some(3), &auto)));
                let odd = CmuxKernel { values_per_invocation: Some(6), ..auto };
                assert!(invalid(cmux_layout(48 << 10, arithmetic, &shape, None, &odd)));
            }
            // The keyswitch serves 4 ciphertexts per workgroup under every limit.
            for limit in LIMITS {
                assert_eq!(keyswitch_group(limit, &shape, None).unwrap(), 4, "{}", p.name);
            }
            assert!(keyswitch_group(16 << 10, &shape, Some(64)).is_err());
            assert!(keyswitch_group(256, &shape, None).is_err(), "{}: not even one ciphertext fits", p.name);
        }
    }

    /// The layouts chosen under NVIDIA's 48 KiB and AMD's 64 KiB, pinned:
    /// one ciphertext per workgroup everywhere (the estimate is bound by
    /// workgroup memory traffic, which a second ciphertext does not share,
    /// while it halves the workgroups a unit holds); the spectra in
    /// workgroup memory wherever that lets a larger radix through the
    /// register budget; the GLWE accumulators in global memory (their
    /// traffic goes to the cache, not to the busier workgroup memory).
    #[test]
    fn the_chosen_layouts_under_48_and_64_kib() {
        // (per, buffers, spectra on chip) for f64, u32 at 48 KiB; u32 at 64 KiB where it differs.
        let want = |name: &str| match name {
            "tfhe-lib" => [(8, 2, true), (16, 2, true), (16, 2, true)],
            "message-3" => [(8, 1, true), (4, 2, false), (4, 2, false)],
            "message-4" => [(4, 2, false), (4, 2, false), (16, 2, true)],
            _ => [(8, 2, true), (4, 2, false), (4, 2, false)],
        };
        for p in Parameters::all() {
            let shape = Shape::of(&p).unwrap();
            let [f64_48, u32_48, u32_64] = want(p.name);
            let cases = [
                (Arithmetic::F64, 48 << 10, f64_48),
                (Arithmetic::F64, 64 << 10, f64_48),
                (Arithmetic::U32, 48 << 10, u32_48),
                (Arithmetic::U32, 64 << 10, u32_64),
            ];
            for (arithmetic, limit, (per, buffers, spectra_on_chip)) in cases {
                let layout = cmux_layout(limit, arithmetic, &shape, None, &CmuxKernel::default()).unwrap();
                let expected = KernelLayout {
                    arithmetic,
                    values_per_invocation: per,
                    ciphertexts_per_workgroup: 1,
                    exchange_buffers: buffers,
                    accumulators_on_chip: false,
                    spectra_on_chip,
                };
                assert_eq!(layout, expected, "{} {arithmetic:?} {limit}", p.name);
            }
        }
    }
}
