//! What a CMux layout costs, from compiler measurements: the registers an
//! invocation needs (a model fitted to the counts AMD's compiler reports,
//! `benches/kernel-stats`) and an estimate of the time one CMux step takes
//! per ciphertext, from the bytes it moves, the barriers it waits at and the
//! workgroups a compute unit can hold. The backend chooses the layout with
//! the smallest estimate among those predicted to fit in registers.
//!
//! The register model is `VGPRs ≈ c₀ + c₁·T + c₂·S + c₃·B` in 32-bit
//! registers, with `T` the words of the transform in flight (`per·cts`
//! values), `S` the words of the spectral accumulators when they are kept
//! in registers (`(k+1)` times `T`), and `B` the words of one butterfly
//! (`per` values): 4 words per complex `f64` value, 2 per `u32` value (one
//! per prime). The coefficients are a least-squares fit to the CMux kernels
//! of every shipped shape at radix 4, 8, 16, one and two ciphertexts,
//! spectra in registers and in workgroup memory (one exchange buffer, the
//! accumulators in global memory), compiled for CDNA2 (`aldebaran`), whose
//! 512 registers show a kernel's demand without spilling. RDNA3 (`gfx1100`)
//! gives an invocation at most 132 registers (wave64; 144 in wave32): no
//! kernel of that sweep predicted at or below 144 spilled there, the first
//! ones above 150 did. [`REGISTER_BUDGET`] keeps a margin below that.
//!
//! The committed report (`gpu-backend/measurements/kernel-stats.json`: the
//! same layouts with the backend's choice of buffers and accumulators, and
//! the chosen ones) checks it: no kernel predicted within the budget spills
//! on any of the three targets; on CDNA2 the model is never more than 40
//! registers under a measured count (it errs high where it errs: the
//! safe side) and 21 registers off on average.

use super::layout::KernelLayout;
use super::shape::Shape;
use crate::options::Arithmetic;

/// Most registers (predicted by [`predicted_registers`]) a CMux invocation
/// may need: no kernel measured on RDNA3 at or below 144 predicted spilled;
/// the margin covers the fit's scatter.
pub(crate) const REGISTER_BUDGET: f64 = 136.0;

/// The fitted coefficients `[c₀, c₁, c₂, c₃]` of each path (see the module docs).
const F64_FIT: [f64; 4] = [56.54, 0.981, 1.296, 1.002];
const U32_FIT: [f64; 4] = [47.40, 1.579, 1.983, 1.185];

/// The register model's predicted 32-bit registers per CMux invocation of
/// `layout` for GLWE dimension `k` and polynomial size `n`.
pub(crate) fn predicted_registers(layout: &KernelLayout, k: usize, n: usize) -> f64 {
    let (words, fit) = match layout.arithmetic {
        Arithmetic::F64 => (4.0, F64_FIT),
        Arithmetic::U32 => (2.0, U32_FIT),
    };
    let per = layout.plan(n).per() as f64;
    let transform = words * per * f64::from(layout.ciphertexts_per_workgroup);
    let spectra = if layout.spectra_on_chip { 0.0 } else { transform * (k + 1) as f64 };
    fit[0] + fit[1] * transform + fit[2] * spectra + fit[3] * words * per
}

/// The compute unit the estimate assumes: a CDNA2/RDNA3-class unit (64 KiB
/// of workgroup memory, 4 SIMDs of 512 registers per lane in wave64,
/// 128 bytes of workgroup memory and 64 bytes of L2 per clock) whose barrier
/// round trip takes about 200 clocks. The absolute figures matter less than
/// the ratios between layouts.
pub(crate) struct ComputeUnit {
    /// Workgroup memory per compute unit, bytes.
    pub workgroup_memory: f64,
    /// Registers per SIMD lane, summed over the unit's SIMDs.
    pub registers: f64,
    /// Lanes of a wave.
    pub wave: f64,
    /// Workgroup memory bandwidth, bytes per clock.
    pub lds_bytes_per_clock: f64,
    /// L2 bandwidth available to the unit, bytes per clock.
    pub global_bytes_per_clock: f64,
    /// Clocks a workgroup waits at a barrier.
    pub barrier_clocks: f64,
}

/// The unit the backend's layout choice assumes.
pub(crate) const REFERENCE_UNIT: ComputeUnit = ComputeUnit {
    workgroup_memory: 65_536.0,
    registers: 4.0 * 512.0,
    wave: 64.0,
    lds_bytes_per_clock: 128.0,
    global_bytes_per_clock: 64.0,
    barrier_clocks: 200.0,
};

/// What one CMux step moves and waits for, per ciphertext.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct StepTraffic {
    /// Workgroup memory bytes read and written: exchanges, the spectral
    /// accumulators and the GLWE accumulators where they are on chip.
    pub lds_bytes: f64,
    /// Key bytes this ciphertext's share of the workgroup reads (the step's
    /// GGSW over the workgroup's ciphertexts), from L2.
    pub key_bytes: f64,
    /// GLWE accumulator bytes read and written in global memory (none where
    /// the accumulators are on chip).
    pub accumulator_bytes: f64,
    /// Barriers per ciphertext.
    pub barriers: f64,
}

impl StepTraffic {
    /// Global (L2) bytes: the key share and the accumulator traffic.
    pub fn global_bytes(&self) -> f64 {
        self.key_bytes + self.accumulator_bytes
    }
}

/// The traffic of one CMux step of `shape` laid out as `layout`, per ciphertext.
pub(crate) fn step_traffic(layout: &KernelLayout, shape: &Shape) -> StepTraffic {
    let n = shape.polynomial_size as usize;
    let (k, l) = (f64::from(shape.glwe_dimension), f64::from(shape.levels));
    let spectrum = 8.0 * n as f64; // one polynomial's spectrum, bytes, on both paths
    let polynomial = 4.0 * n as f64; // one torus polynomial, bytes
    let rows = (k + 1.0) * l;
    let transforms = rows + k + 1.0;
    let exchanges = layout.plan(n).exchanges() as f64;
    let cts = f64::from(layout.ciphertexts_per_workgroup);
    let exchange_bytes = transforms * exchanges * 2.0 * spectrum;
    // Zeroed, read and written once per row, read by the inverse.
    let spectra_bytes = (rows * 2.0 + 2.0) * (k + 1.0) * spectrum;
    // Two reads per coefficient for each row's digits, a read and a write per update.
    let accumulator_bytes = (rows * 2.0 + (k + 1.0) * 2.0) * polynomial;
    let per_exchange = if layout.exchange_buffers == 2 { 1.0 } else { 2.0 };
    StepTraffic {
        lds_bytes: exchange_bytes
            + if layout.spectra_on_chip { spectra_bytes } else { 0.0 }
            + if layout.accumulators_on_chip { accumulator_bytes } else { 0.0 },
        key_bytes: shape.ggsw_bytes(layout.arithmetic) as f64 / cts,
        accumulator_bytes: if layout.accumulators_on_chip { 0.0 } else { accumulator_bytes },
        barriers: transforms * exchanges * per_exchange / cts,
    }
}

/// Workgroups of `layout` that `unit` holds at once: limited by workgroup
/// memory and by registers (at the predicted count).
pub(crate) fn resident_workgroups(layout: &KernelLayout, shape: &Shape, unit: &ComputeUnit) -> f64 {
    let (n, k) = (shape.polynomial_size as usize, shape.glwe_dimension as usize);
    let waves = (layout.workgroup_size(n) as f64 / unit.wave).ceil();
    let by_memory = (unit.workgroup_memory / layout.workgroup_bytes(n, k) as f64).floor();
    let by_registers = (unit.registers / (predicted_registers(layout, k, n) * waves)).floor();
    by_memory.min(by_registers).max(1.0)
}

/// Estimated clocks of `unit` per CMux step and ciphertext: the busier of
/// workgroup memory and L2 at full bandwidth, plus the barrier waits that
/// the other resident workgroups do not cover.
pub(crate) fn estimated_clocks(layout: &KernelLayout, shape: &Shape, unit: &ComputeUnit) -> f64 {
    let traffic = step_traffic(layout, shape);
    let bandwidth =
        (traffic.lds_bytes / unit.lds_bytes_per_clock).max(traffic.global_bytes() / unit.global_bytes_per_clock);
    let resident = resident_workgroups(layout, shape, unit);
    bandwidth + traffic.barriers * unit.barrier_clocks / resident
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row of the committed report: what the compiler said of a CMux.
    struct Measured {
        target: String,
        layout: KernelLayout,
        shape: Shape,
        registers: f64,
        spilled: f64,
    }

    fn report() -> Vec<Measured> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/measurements/kernel-stats.json");
        let text = std::fs::read_to_string(path).expect("the committed kernel-stats report");
        let rows: Vec<serde_json::Value> = serde_json::from_str(&text).expect("JSON");
        let params = umbra_fhe_core::params::Parameters::all();
        rows.iter()
            .filter(|r| r["entry"] == "cmux" && r["error"].is_null())
            .map(|r| {
                let set = params.iter().find(|p| p.name == r["set"]).expect("a shipped set");
                let l = &r["cmux"];
                let flag = |name: &str| l[name].as_bool().expect("a flag");
                let count = |name: &str| l[name].as_u64().expect("a count") as u32;
                Measured {
                    target: r["target"].as_str().expect("a target").to_owned(),
                    layout: KernelLayout {
                        arithmetic: if r["path"] == "f64" { Arithmetic::F64 } else { Arithmetic::U32 },
                        values_per_invocation: count("values_per_invocation"),
                        ciphertexts_per_workgroup: count("ciphertexts"),
                        exchange_buffers: count("exchange_buffers"),
                        accumulators_on_chip: flag("accumulators_on_chip"),
                        spectra_on_chip: flag("spectra_on_chip"),
                    },
                    shape: Shape::of(set).unwrap(),
                    registers: r["stats"]["VGPRs"].as_f64().expect("VGPRs"),
                    spilled: r["stats"]["Spilled VGPRs"].as_f64().unwrap_or(0.0),
                }
            })
            .collect()
    }

    #[test]
    fn the_register_model_matches_the_committed_measurements() {
        let rows = report();
        let (mut errors, mut within_budget) = (Vec::new(), 0);
        for m in &rows {
            let (n, k) = (m.shape.polynomial_size as usize, m.shape.glwe_dimension as usize);
            let predicted = predicted_registers(&m.layout, k, n);
            // Nothing the model puts within the budget spills, on any target.
            if predicted <= REGISTER_BUDGET {
                assert_eq!(m.spilled, 0.0, "{} {:?} {:?}: predicted {predicted}", m.target, m.shape, m.layout);
                within_budget += 1;
            }
            // CDNA2 shows the demand below its 256-register ceiling: the
            // model is never far under it.
            if m.target == "aldebaran" && m.spilled == 0.0 && m.registers < 256.0 {
                assert!(m.registers <= predicted + 40.0, "{:?}: {predicted} vs {}", m.layout, m.registers);
                errors.push((predicted - m.registers).abs());
            }
        }
        assert!(within_budget >= 60 && errors.len() >= 50, "{within_budget} and {} measurements checked", errors.len());
        let mean = errors.iter().sum::<f64>() / errors.len() as f64;
        assert!(mean <= 24.0, "mean error {mean} registers");
    }

    #[test]
    fn a_second_ciphertext_halves_the_key_traffic_and_barriers() {
        let shape = Shape::of(&umbra_fhe_core::params::TFHE_LIB).unwrap();
        let one = KernelLayout {
            arithmetic: Arithmetic::F64,
            values_per_invocation: 8,
            ciphertexts_per_workgroup: 1,
            exchange_buffers: 1,
            accumulators_on_chip: true,
            spectra_on_chip: true,
        };
        let two = KernelLayout { ciphertexts_per_workgroup: 2, ..one };
        let (a, b) = (step_traffic(&one, &shape), step_traffic(&two, &shape));
        assert_eq!(a.global_bytes(), 2.0 * b.global_bytes());
        assert_eq!(a.barriers, 2.0 * b.barriers);
        assert_eq!(a.lds_bytes, b.lds_bytes);
        // Twice the workgroup memory: half as many resident workgroups.
        let unit = &REFERENCE_UNIT;
        assert_eq!(resident_workgroups(&one, &shape, unit), 2.0 * resident_workgroups(&two, &shape, unit));
    }
}
