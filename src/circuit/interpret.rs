//! A plaintext interpreter of boolean circuits, for tests: it runs the
//! combinations of [`crate::encoding`] on noiseless phases, so it checks the
//! weights and offsets evaluation bootstraps as well as the circuits.

use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::params::LweDimension;
use umbra_fhe_core::Result;

use super::bits::Bit;
use super::builder::Circuit;
use super::node::Node;
use crate::encoding::{self, Amplitude, BOOL_MU};

impl Circuit {
    /// The word `Σ outᵢ·2ⁱ` that the bits `out` hold for plaintext `inputs`,
    /// by one [`interpret`](Self::interpret).
    pub(crate) fn interpret_word(&self, inputs: &[bool], out: &[Bit]) -> u128 {
        let values = self.interpret(inputs);
        out.iter()
            .enumerate()
            .map(|(i, bit)| {
                let set = match *bit {
                    Bit::Const(v) => v,
                    Bit::Wire(w) => values[w.node],
                };
                u128::from(set) << i
            })
            .sum()
    }

    /// The value of every boolean node for plaintext boolean inputs,
    /// computed on noiseless torus phases with exactly the combinations
    /// evaluation bootstraps, so the weights and offsets are tested too.
    ///
    /// Every bootstrapped phase must lie at least 1/8 from the decision
    /// points 0 and 1/2 (the margin the noise analysis assumes): a
    /// combination that is right only without noise panics here.
    pub(crate) fn interpret(&self, inputs: &[bool]) -> Vec<bool> {
        let phases = self.noiseless_phases(inputs).expect("noiseless phases all have dimension 0");
        phases.into_iter().map(encoding::decode_bool).collect()
    }

    /// The phase of every boolean node, each value a trivial LWE ciphertext
    /// of dimension 0 (its body is its phase).
    fn noiseless_phases(&self, inputs: &[bool]) -> Result<Vec<u32>> {
        let trivial = |phase: u32| LweCiphertext::trivial(LweDimension(0), phase);
        let within_margin = |phase: u32| (BOOL_MU..=3 * BOOL_MU).contains(&(phase % (4 * BOOL_MU)));
        let bootstrap = |combined: LweCiphertext, table: Amplitude| {
            let phase = combined.body();
            assert!(within_margin(phase), "bootstrapped phase {phase:#010x} within 1/8 of a decision point");
            let mu = table.mu();
            trivial(if encoding::decode_bool(phase) { mu } else { mu.wrapping_neg() })
        };
        let mut values: Vec<LweCiphertext> = Vec::with_capacity(self.nodes.len());
        for n in &self.nodes {
            let v = |i: usize| &values[i];
            let value = match *n {
                Node::BoolInput(i) => trivial(encoding::encode_bool(inputs[i])),
                Node::BoolConst(b) => trivial(encoding::encode_bool(b)),
                Node::Not(a) => {
                    let mut x = v(a).clone();
                    x.negate();
                    x
                }
                Node::Gate(g, a, b) => bootstrap(g.linear(v(a), v(b))?, Amplitude::Narrow),
                Node::Mux(c, a, b) => {
                    let [u, w] = encoding::mux_halves(v(c), v(a), v(b))?;
                    encoding::disjoint_or(&bootstrap(u, Amplitude::Narrow), &bootstrap(w, Amplitude::Narrow))?
                }
                Node::DisjointOr(a, b) => encoding::disjoint_or(v(a), v(b))?,
                Node::PhaseSum(a, b) => {
                    let mut x = v(a).clone();
                    x.add_assign(v(b))?;
                    x
                }
                Node::Combine3(f, a, b, c) => bootstrap(f.linear([v(a), v(b), v(c)])?, f.output()),
                Node::Count(f, ref inputs) => {
                    let inputs: Vec<_> = inputs.iter().map(|&i| v(i)).collect();
                    bootstrap(f.linear(&inputs)?, Amplitude::Narrow)
                }
                Node::IntInput(_)
                | Node::IntConst(_)
                | Node::Lut(..)
                | Node::Add(..)
                | Node::WrappingAdd(..)
                | Node::WrappingSub(..)
                | Node::ScalarMul(..)
                | Node::ScalarAdd(..) => {
                    panic!("integer node {n:?} in a boolean interpretation", n = std::mem::discriminant(n))
                }
            };
            values.push(value);
        }
        Ok(values.iter().map(LweCiphertext::body).collect())
    }
}
