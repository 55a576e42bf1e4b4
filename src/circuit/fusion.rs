//! Rewrites that turn what bitwise code writes as several gates into fewer
//! bootstraps, applied as the gates are appended:
//!
//! * **XOR chains** `a ⊕ b ⊕ c ⊕ …` become one parity of up to six booleans
//!   (one bootstrap, one level) instead of a gate per `⊕`;
//! * **selections** `(x ∧ y) ⊕ (¬x ∧ z)` (or with `∨`) are a mux: the two
//!   products are never both true, so their XOR is their free disjoint OR;
//! * **majorities** `(a ∧ b) ⊕ (a ∧ c) ⊕ (b ∧ c)` are one bootstrap of
//!   `a + b + c`.
//!
//! A rewritten node reads the operands of the gates it replaces, which stay
//! in the graph: when nothing else uses them they are never evaluated
//! (evaluation counts only the nodes an output depends on), and when
//! something does they cost what they cost before, so a rewrite never adds a
//! bootstrap and never adds a level.
//!
//! Noise: a rewrite applies only when the combination it bootstraps stays
//! within what the hand-built circuits assume ([`Circuit::majority`]): every
//! input a narrow boolean of at most two bootstrap outputs' variance, and
//! the inputs of a parity at most six outputs' variance together.

use super::builder::Circuit;
use super::node::Node;
use crate::encoding::{Amplitude, Combine3, CountBit, Gate};

/// Most inputs of one parity bootstrap.
const MAX_PARITY_INPUTS: usize = 6;
/// Most variance, in bootstrap outputs, of the inputs of one bootstrap.
const MAX_COMBINED_VARIANCE: u32 = 6;

/// A boolean as the parity of some nodes, possibly negated.
struct ParityTerms {
    nodes: Vec<usize>,
    negated: bool,
}

impl Circuit {
    /// The node that replaces `gate(a, b)`, if a rewrite applies.
    pub(super) fn fused_gate(&mut self, gate: Gate, a: usize, b: usize) -> Option<Node> {
        match gate {
            Gate::Xor => self.disjoint_products(a, b).or_else(|| self.merged_parity(a, b)),
            Gate::Or => self.disjoint_products(a, b),
            _ => None,
        }
    }

    /// The variance of a narrow boolean node in bootstrap outputs, or `None`
    /// for one that no rewrite reads (wide, integer, or a sum of phases).
    fn narrow_variance(&self, node: usize) -> Option<u32> {
        match self.nodes[node] {
            Node::Gate(..) | Node::Count(..) => Some(1),
            Node::Combine3(f, ..) if f.output() == Amplitude::Narrow => Some(1),
            Node::BoolInput(_) | Node::Mux(..) => Some(2),
            Node::Not(inner) => self.narrow_variance(inner),
            _ => None,
        }
    }

    /// `(x ∧ y) ⊕ (¬x ∧ z)` as the disjoint OR of the two products (free).
    fn disjoint_products(&self, a: usize, b: usize) -> Option<Node> {
        let (Node::Gate(Gate::And, a0, a1), Node::Gate(Gate::And, b0, b1)) = (&self.nodes[a], &self.nodes[b]) else {
            return None;
        };
        let complementary = |x: usize, y: usize| {
            matches!(self.nodes[x], Node::Not(inner) if inner == y)
                || matches!(self.nodes[y], Node::Not(inner) if inner == x)
        };
        [*a0, *a1].iter().any(|&x| [*b0, *b1].iter().any(|&y| complementary(x, y))).then_some(Node::DisjointOr(a, b))
    }

    /// The parity a node stands for: the inputs of an XOR gate, a parity or
    /// a three-way XOR (through negations), else the node itself.
    fn parity_terms(&self, node: usize) -> ParityTerms {
        match self.nodes[node] {
            Node::Not(inner) => {
                let mut terms = self.parity_terms(inner);
                terms.negated = !terms.negated;
                terms
            }
            Node::Gate(Gate::Xor, x, y) => ParityTerms { nodes: vec![x, y], negated: false },
            Node::Gate(Gate::Xnor, x, y) => ParityTerms { nodes: vec![x, y], negated: true },
            Node::Count(CountBit::Parity, ref inputs) => ParityTerms { nodes: inputs.clone(), negated: false },
            Node::Combine3(Combine3::Xor3, x, y, z) => ParityTerms { nodes: vec![x, y, z], negated: false },
            _ => ParityTerms { nodes: vec![node], negated: false },
        }
    }

    /// `a ⊕ b` as one bootstrap over the terms of both, when at least one is
    /// itself an XOR and the inputs fit one bootstrap: a majority for the
    /// three pairwise products of three booleans, else a parity.
    fn merged_parity(&mut self, a: usize, b: usize) -> Option<Node> {
        let (ta, tb) = (self.parity_terms(a), self.parity_terms(b));
        if ta.nodes.len() + tb.nodes.len() <= 2 || ta.nodes.len() + tb.nodes.len() > MAX_PARITY_INPUTS {
            return None;
        }
        let negated = ta.negated != tb.negated;
        let nodes: Vec<usize> = ta.nodes.into_iter().chain(tb.nodes).collect();
        // A term twice would carry twice its error at four times the variance.
        if nodes.iter().enumerate().any(|(i, n)| nodes[..i].contains(n)) {
            return None;
        }
        if !negated {
            if let Some(majority) = self.majority_of_products(&nodes) {
                return Some(majority);
            }
        }
        if !self.fit_one_bootstrap(&nodes) {
            return None;
        }
        let parity = Node::Count(CountBit::Parity, nodes);
        Some(if negated { Node::Not(self.push(parity)) } else { parity })
    }

    /// `maj(a, b, c)` when `nodes` are exactly `a ∧ b`, `a ∧ c`, `b ∧ c`.
    fn majority_of_products(&self, nodes: &[usize]) -> Option<Node> {
        let [p, q, r] = *nodes else { return None };
        let pair = |n: usize| match self.nodes[n] {
            Node::Gate(Gate::And, x, y) => Some((x.min(y), x.max(y))),
            _ => None,
        };
        let pairs = [pair(p)?, pair(q)?, pair(r)?];
        let mut operands: Vec<usize> = pairs.iter().flat_map(|&(x, y)| [x, y]).collect();
        operands.sort_unstable();
        operands.dedup();
        let [a, b, c] = operands[..] else { return None };
        let mut expected = [(a, b), (a, c), (b, c)];
        let mut found = pairs;
        expected.sort_unstable();
        found.sort_unstable();
        if expected != found {
            return None;
        }
        self.fit_one_bootstrap(&[a, b, c]).then_some(Node::Combine3(Combine3::Majority, a, b, c))
    }

    /// Whether `inputs` may be combined in one bootstrap: each a narrow
    /// boolean of at most two outputs' variance, all together at most six.
    fn fit_one_bootstrap(&self, inputs: &[usize]) -> bool {
        let variances: Option<Vec<u32>> = inputs.iter().map(|&n| self.narrow_variance(n).filter(|&v| v <= 2)).collect();
        variances.is_some_and(|v| v.iter().sum::<u32>() <= MAX_COMBINED_VARIANCE)
    }
}

#[cfg(test)]
mod tests {
    use crate::circuit::builder::{BoolWire, Circuit};

    /// Checks `out` against `f` on every assignment of the circuit's inputs
    /// (noiseless phases: the interpreter also checks every margin).
    fn exhaustive(c: &Circuit, inputs: usize, out: BoolWire, f: impl Fn(&[bool]) -> bool) {
        for m in 0..1u32 << inputs {
            let x: Vec<bool> = (0..inputs).map(|i| m >> i & 1 == 1).collect();
            assert_eq!(c.interpret(&x)[out.node], f(&x), "inputs {x:?}");
        }
    }

    #[test]
    fn xor_chains_become_one_parity_of_up_to_six() {
        for len in 2..=8 {
            let mut c = Circuit::new();
            let inputs = c.bool_inputs(len);
            // Bootstrapped terms (one output's variance each), one negated.
            let terms: Vec<BoolWire> = inputs.windows(2).map(|w| c.and(w[0], w[1])).collect();
            let mut acc = c.not(terms[0]);
            for &t in &terms[1..] {
                acc = c.xor(acc, t);
            }
            c.output_bool(acc);
            let want = if terms.len() <= 6 { terms.len() + 1 } else { terms.len() + 2 };
            let merged_levels = if terms.len() <= 6 { 2 } else { 3 };
            if terms.len() > 1 {
                assert_eq!(c.bootstraps(), want, "{len} inputs");
                assert_eq!(c.levels(), merged_levels, "{len} inputs");
            }
            exhaustive(&c, len, acc, |x| !x.windows(2).fold(false, |p, w| p ^ (w[0] & w[1])) ^ true ^ true);
        }
    }

    #[test]
    fn xnor_and_negated_chains_keep_their_sign() {
        // Fresh inputs count as two outputs' variance each: three fit.
        let mut c = Circuit::new();
        let [a, b, d] = [(); 3].map(|_| c.bool_input());
        let ab = c.xnor(a, b);
        let not_d = c.not(d);
        let all = c.xor(ab, not_d);
        c.output_bool(all);
        assert_eq!((c.bootstraps(), c.levels()), (1, 1));
        exhaustive(&c, 3, all, |x| x[0] ^ x[1] ^ x[2]);
        let e = c.bool_input();
        let four = c.xor(all, e);
        c.output_bool(four);
        assert_eq!((c.bootstraps(), c.levels()), (2, 2), "a fourth fresh input does not fit");
        exhaustive(&c, 4, four, |x| x[0] ^ x[1] ^ x[2] ^ x[3]);
    }

    #[test]
    fn selections_are_their_two_products() {
        for or in [false, true] {
            let mut c = Circuit::new();
            let [x, y, z] = [(); 3].map(|_| c.bool_input());
            let not_x = c.not(x);
            let (p, q) = (c.and(x, y), c.and(z, not_x));
            let s = if or { c.or(p, q) } else { c.xor(p, q) };
            c.output_bool(s);
            assert_eq!((c.bootstraps(), c.levels()), (2, 1));
            exhaustive(&c, 3, s, |v| if v[0] { v[1] } else { v[2] });
        }
        // Products of unrelated booleans may both be true: no rewrite.
        let mut c = Circuit::new();
        let [w, x, y, z] = [(); 4].map(|_| c.bool_input());
        let (p, q) = (c.and(w, x), c.and(y, z));
        let s = c.xor(p, q);
        c.output_bool(s);
        assert_eq!((c.bootstraps(), c.levels()), (3, 2));
        exhaustive(&c, 4, s, |v| (v[0] & v[1]) ^ (v[2] & v[3]));
    }

    #[test]
    fn the_three_pairwise_products_are_a_majority() {
        let mut c = Circuit::new();
        let [a, b, d] = [(); 3].map(|_| c.bool_input());
        let (ab, ad, bd) = (c.and(a, b), c.and(d, a), c.and(b, d));
        let partial = c.xor(ab, ad);
        let maj = c.xor(partial, bd);
        c.output_bool(maj);
        assert_eq!((c.bootstraps(), c.levels()), (1, 1));
        exhaustive(&c, 3, maj, |v| u8::from(v[0]) + u8::from(v[1]) + u8::from(v[2]) >= 2);
    }

    #[test]
    fn rewrites_stay_within_the_noise_budget() {
        // Mux outputs carry two outputs' variance: three fit one parity, four do not.
        let mut c = Circuit::new();
        let inputs = c.bool_inputs(12);
        let muxes: Vec<BoolWire> = inputs.chunks(3).map(|s| c.mux(s[0], s[1], s[2])).collect();
        let two = c.xor(muxes[0], muxes[1]);
        let three = c.xor(two, muxes[2]);
        let four = c.xor(three, muxes[3]);
        c.output_bool(four);
        assert_eq!(c.levels(), 3, "the fourth mux is a gate of its own");
        exhaustive(&c, 12, four, |v| v.chunks(3).fold(false, |p, s| p ^ if s[0] { s[1] } else { s[2] }));
    }

    #[test]
    fn a_shared_inner_xor_costs_no_more_than_before() {
        let mut c = Circuit::new();
        let [a, b, d] = [(); 3].map(|_| c.bool_input());
        let ab = c.xor(a, b);
        let abd = c.xor(ab, d);
        c.output_bool(ab);
        c.output_bool(abd);
        assert_eq!((c.bootstraps(), c.levels()), (2, 1));
        exhaustive(&c, 3, abd, |v| v[0] ^ v[1] ^ v[2]);
    }
}
