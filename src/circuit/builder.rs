//! [`Circuit`] and its wires: the graph under construction, and every
//! operation that appends a node to it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::node::Node;
use crate::encoding::{Amplitude, Combine3, CountBit, Gate};

/// A boolean value inside the [`Circuit`] that created it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BoolWire {
    circuit: u64,
    pub(crate) node: usize,
}

/// A small-integer value inside the [`Circuit`] that created it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IntWire {
    circuit: u64,
    node: usize,
}

static NEXT_CIRCUIT_ID: AtomicU64 = AtomicU64::new(1);

/// The function of a [`Circuit::lut`] node, turned into a table at evaluation.
type LutFn = Arc<dyn Fn(u64) -> u64 + Send + Sync>;

/// A circuit over encrypted booleans and small integers.
///
/// ```
/// use umbra_fhe::{circuit::{Circuit, CircuitInputs}, params, ClientKey, ServerKey};
/// let mut c = Circuit::new();
/// let (a, b, carry) = (c.bool_input(), c.bool_input(), c.bool_input());
/// let sum = c.xor(a, b);
/// let sum = c.xor(sum, carry); // the chain becomes one parity of three
/// c.output_bool(sum);
/// assert_eq!(c.levels(), 1);
///
/// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
/// let server = ServerKey::new(&client)?;
/// let inputs = CircuitInputs::bools([true, true, true].map(|x| client.encrypt_bool(x)).to_vec());
/// let (out, stats) = c.evaluate(&server, &inputs)?;
/// assert!(client.decrypt_bool(&out.bools[0])?);
/// assert_eq!(stats.bootstraps, 1);
/// # Ok::<(), umbra_fhe::Error>(())
/// ```
pub struct Circuit {
    id: u64,
    /// The circuits this one was cloned from, oldest first, each with its
    /// node count at the time: their wires below that count are valid here.
    forks: Vec<Fork>,
    /// Set when a wire of another circuit was used; evaluation then fails.
    pub(super) foreign_wire: bool,
    /// Every value, operands before the nodes that use them.
    pub(super) nodes: Vec<Node>,
    /// The functions of the lookup-table nodes, by [`Node::Lut`] index.
    pub(super) luts: Vec<LutFn>,
    /// How many boolean inputs an instance brings.
    pub(super) bool_inputs: usize,
    /// How many integer inputs an instance brings.
    pub(super) int_inputs: usize,
    /// The boolean output nodes, in declaration order.
    pub(super) bool_outputs: Vec<usize>,
    /// The integer output nodes, in declaration order.
    pub(super) int_outputs: Vec<usize>,
}

/// A circuit this one was cloned from, and how many nodes it had then.
#[derive(Clone, Copy, Debug)]
struct Fork {
    circuit: u64,
    nodes: usize,
}

fn next_circuit_id() -> u64 {
    NEXT_CIRCUIT_ID.fetch_add(1, Ordering::Relaxed)
}

/// A clone is a circuit of its own: wires it creates are not valid in the
/// original (nor the other way round), while wires that existed when it was
/// cloned are valid in both.
impl Clone for Circuit {
    fn clone(&self) -> Self {
        let mut forks = self.forks.clone();
        forks.push(Fork { circuit: self.id, nodes: self.nodes.len() });
        Self {
            id: next_circuit_id(),
            forks,
            foreign_wire: self.foreign_wire,
            nodes: self.nodes.clone(),
            luts: self.luts.clone(),
            bool_inputs: self.bool_inputs,
            int_inputs: self.int_inputs,
            bool_outputs: self.bool_outputs.clone(),
            int_outputs: self.int_outputs.clone(),
        }
    }
}

impl Default for Circuit {
    fn default() -> Self {
        Self {
            id: next_circuit_id(),
            forks: Vec::new(),
            foreign_wire: false,
            nodes: Vec::new(),
            luts: Vec::new(),
            bool_inputs: 0,
            int_inputs: 0,
            bool_outputs: Vec::new(),
            int_outputs: Vec::new(),
        }
    }
}

impl Circuit {
    /// An empty circuit.
    pub fn new() -> Self {
        Self::default()
    }

    /// The node of a wire, or node 0 (and a recorded error) for a wire of
    /// another circuit: one made neither here nor, before the fork, in a
    /// circuit this one was cloned from.
    fn node(&mut self, circuit: u64, node: usize) -> usize {
        let own = circuit == self.id && node < self.nodes.len();
        if own || self.forks.iter().any(|f| f.circuit == circuit && node < f.nodes) {
            node
        } else {
            self.foreign_wire = true;
            0
        }
    }

    fn b(&mut self, w: BoolWire) -> usize {
        self.node(w.circuit, w.node)
    }

    fn i(&mut self, w: IntWire) -> usize {
        self.node(w.circuit, w.node)
    }

    pub(super) fn push(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    fn bool_wire(&mut self, node: Node) -> BoolWire {
        BoolWire { circuit: self.id, node: self.push(node) }
    }

    fn int_wire(&mut self, node: Node) -> IntWire {
        IntWire { circuit: self.id, node: self.push(node) }
    }

    /// Declares the next boolean input.
    pub fn bool_input(&mut self) -> BoolWire {
        let i = self.bool_inputs;
        self.bool_inputs += 1;
        self.bool_wire(Node::BoolInput(i))
    }

    /// Declares `width` boolean inputs (e.g. the bits of a number, least significant first).
    pub fn bool_inputs(&mut self, width: usize) -> Vec<BoolWire> {
        (0..width).map(|_| self.bool_input()).collect()
    }

    /// Declares the next integer input.
    pub fn int_input(&mut self) -> IntWire {
        let i = self.int_inputs;
        self.int_inputs += 1;
        self.int_wire(Node::IntInput(i))
    }

    /// A public boolean constant.
    pub fn bool_constant(&mut self, value: bool) -> BoolWire {
        self.bool_wire(Node::BoolConst(value))
    }

    /// A public integer constant (must fit the parameter set's message bits at evaluation).
    pub fn int_constant(&mut self, value: u64) -> IntWire {
        self.int_wire(Node::IntConst(value))
    }

    /// Marks a boolean as an output.
    pub fn output_bool(&mut self, w: BoolWire) {
        let n = self.b(w);
        self.bool_outputs.push(n);
    }

    /// Marks an integer as an output.
    pub fn output_int(&mut self, w: IntWire) {
        let n = self.i(w);
        self.int_outputs.push(n);
    }

    /// `¬a` (free). `¬¬a` is `a` itself: no node, so a long run of
    /// negations costs nothing to store or evaluate.
    pub fn not(&mut self, a: BoolWire) -> BoolWire {
        let a = self.b(a);
        match self.nodes[a] {
            Node::Not(inner) => BoolWire { circuit: self.id, node: inner },
            _ => self.bool_wire(Node::Not(a)),
        }
    }

    /// `gate(a, b)` (one bootstrap, or fewer: an XOR that extends an XOR
    /// chain, completes a selection `(x ∧ y) ⊕ (¬x ∧ z)` or a majority
    /// `(a ∧ b) ⊕ (a ∧ c) ⊕ (b ∧ c)` is rewritten into one bootstrap or
    /// none, as the [module docs](crate::circuit) list).
    pub fn gate(&mut self, gate: Gate, a: BoolWire, b: BoolWire) -> BoolWire {
        let (a, b) = (self.b(a), self.b(b));
        let node = self.fused_gate(gate, a, b).unwrap_or(Node::Gate(gate, a, b));
        self.bool_wire(node)
    }

    /// `a ∧ b`.
    pub fn and(&mut self, a: BoolWire, b: BoolWire) -> BoolWire {
        self.gate(Gate::And, a, b)
    }

    /// `a ∨ b`.
    pub fn or(&mut self, a: BoolWire, b: BoolWire) -> BoolWire {
        self.gate(Gate::Or, a, b)
    }

    /// `a ⊕ b`.
    pub fn xor(&mut self, a: BoolWire, b: BoolWire) -> BoolWire {
        self.gate(Gate::Xor, a, b)
    }

    /// `¬(a ⊕ b)`.
    pub fn xnor(&mut self, a: BoolWire, b: BoolWire) -> BoolWire {
        self.gate(Gate::Xnor, a, b)
    }

    /// `a ∨ b` for two values the caller knows are never both true (free:
    /// no bootstrap). With inputs that can both be true the result is wrong.
    pub fn disjoint_or(&mut self, a: BoolWire, b: BoolWire) -> BoolWire {
        let (a, b) = (self.b(a), self.b(b));
        self.bool_wire(Node::DisjointOr(a, b))
    }

    fn combine3(&mut self, f: Combine3, a: BoolWire, b: BoolWire, c: BoolWire) -> BoolWire {
        let (a, b, c) = (self.b(a), self.b(b), self.b(c));
        self.bool_wire(Node::Combine3(f, a, b, c))
    }

    /// The majority of three (one bootstrap of `a + b + c`): the carry of a
    /// full adder.
    ///
    /// Noise: each input should be fresh, bootstrapped, negated or the mux
    /// of two such (at most twice a bootstrap's variance); then the
    /// combination has at most 6× a bootstrap's variance at margin 1/8, as
    /// do [`xor3`](Self::xor3) and [`carry`](Self::carry).
    pub fn majority(&mut self, a: BoolWire, b: BoolWire, c: BoolWire) -> BoolWire {
        self.combine3(Combine3::Majority, a, b, c)
    }

    /// `a ⊕ b ⊕ c` (one bootstrap of `−2(a + b + c)`): the sum of a full adder.
    /// Inputs as for [`majority`](Self::majority).
    pub fn xor3(&mut self, a: BoolWire, b: BoolWire, c: BoolWire) -> BoolWire {
        self.combine3(Combine3::Xor3, a, b, c)
    }

    /// `generate ∨ (propagate ∧ carry_in)`, the carry out of a block of an
    /// adder, for `generate` and `propagate` never both true (one bootstrap
    /// of `2·generate + propagate + carry_in + 1/8`; with both true the
    /// result is wrong). Inputs should be fresh or bootstrapped (weight 2
    /// doubles `generate`'s noise).
    pub fn carry(&mut self, generate: BoolWire, propagate: BoolWire, carry_in: BoolWire) -> BoolWire {
        self.combine3(Combine3::Carry, generate, propagate, carry_in)
    }

    /// `(a ∧ b) ⊕ c` (one bootstrap), with `c` encoded at amplitude
    /// `c_amplitude` and the result at `out`. A narrow `c` has weight 2 (four
    /// times its noise), so it should be a constant; a wide `c` (the wide
    /// output of a bootstrap) counts once. With `a` and `b` as for
    /// [`majority`](Self::majority), the combination has at most 5× a
    /// bootstrap's variance.
    pub(crate) fn and_xor(
        &mut self,
        a: BoolWire,
        b: BoolWire,
        c: BoolWire,
        c_amplitude: Amplitude,
        out: Amplitude,
    ) -> BoolWire {
        self.combine3(Combine3::AndXor { c: c_amplitude, out }, a, b, c)
    }

    /// The parity of up to six booleans (one bootstrap). Inputs as for
    /// [`majority`](Self::majority), their variances adding up to at most 6×
    /// a bootstrap's.
    pub(crate) fn parity(&mut self, inputs: &[BoolWire]) -> BoolWire {
        self.count_bit(CountBit::Parity, inputs)
    }

    /// Bit 1 (weight 2) of the number of true inputs among up to six (one
    /// bootstrap): the majority for three. Inputs as for [`parity`](Self::parity).
    pub(crate) fn count_twos(&mut self, inputs: &[BoolWire]) -> BoolWire {
        self.count_bit(CountBit::Twos, inputs)
    }

    fn count_bit(&mut self, f: CountBit, inputs: &[BoolWire]) -> BoolWire {
        let inputs = inputs.iter().map(|&w| self.b(w)).collect();
        self.bool_wire(Node::Count(f, inputs))
    }

    /// The phase `a + b` (free), an operand for [`row_select`](Self::row_select).
    pub(crate) fn phase_sum(&mut self, a: BoolWire, b: BoolWire) -> BoolWire {
        let (a, b) = (self.b(a), self.b(b));
        self.bool_wire(Node::PhaseSum(a, b))
    }

    /// `|d| = 2` for the Booth digit `d = −2·high + mid + low` (one bootstrap).
    pub(crate) fn booth_two(&mut self, high: BoolWire, mid: BoolWire, low: BoolWire) -> BoolWire {
        self.combine3(Combine3::BoothTwo, high, mid, low)
    }

    /// Bit of a radix-4 row for an odd digit (one bootstrap): see
    /// [`Combine3::RowSelect`] for the operands.
    pub(crate) fn row_select(&mut self, u: BoolWire, v: BoolWire, row: BoolWire) -> BoolWire {
        self.combine3(Combine3::RowSelect, u, v, row)
    }

    /// `c ? a : b` (two bootstraps on one level).
    pub fn mux(&mut self, c: BoolWire, a: BoolWire, b: BoolWire) -> BoolWire {
        let (c, a, b) = (self.b(c), self.b(a), self.b(b));
        self.bool_wire(Node::Mux(c, a, b))
    }

    /// `f(m)` by a lookup table (one bootstrap).
    pub fn lut(&mut self, a: IntWire, f: impl Fn(u64) -> u64 + Send + Sync + 'static) -> IntWire {
        self.luts.push(Arc::new(f));
        let table = self.luts.len() - 1;
        let a = self.i(a);
        self.int_wire(Node::Lut(table, a))
    }

    /// `a + b` (free); evaluation fails with [`Error::MessageOverflow`](crate::Error::MessageOverflow) when
    /// the sum could exceed the largest message, as
    /// [`ServerKey::add`](crate::ServerKey::add) does.
    pub fn add(&mut self, a: IntWire, b: IntWire) -> IntWire {
        let (a, b) = (self.i(a), self.i(b));
        self.int_wire(Node::Add(a, b))
    }

    /// `(a + b) mod 2^bits` (free), as [`ServerKey::wrapping_add`](crate::ServerKey::wrapping_add).
    pub fn wrapping_add(&mut self, a: IntWire, b: IntWire) -> IntWire {
        let (a, b) = (self.i(a), self.i(b));
        self.int_wire(Node::WrappingAdd(a, b))
    }

    /// `(a − b) mod 2^bits` (free), as [`ServerKey::wrapping_sub`](crate::ServerKey::wrapping_sub).
    pub fn wrapping_sub(&mut self, a: IntWire, b: IntWire) -> IntWire {
        let (a, b) = (self.i(a), self.i(b));
        self.int_wire(Node::WrappingSub(a, b))
    }

    /// `c·a` (free), for `c < 2^bits`; evaluation fails as
    /// [`ServerKey::scalar_mul`](crate::ServerKey::scalar_mul) does.
    pub fn scalar_mul(&mut self, a: IntWire, c: u64) -> IntWire {
        let a = self.i(a);
        self.int_wire(Node::ScalarMul(a, c))
    }

    /// `a + c` (free), for `c < 2^bits`; evaluation fails as
    /// [`ServerKey::scalar_add`](crate::ServerKey::scalar_add) does.
    pub fn scalar_add(&mut self, a: IntWire, c: u64) -> IntWire {
        let a = self.i(a);
        self.int_wire(Node::ScalarAdd(a, c))
    }
}
