//! Circuits that batch themselves.
//!
//! Build a DAG of boolean gates and small-integer operations with a
//! [`Circuit`], then evaluate it on encrypted inputs. Evaluation *levelizes*
//! the DAG: a bootstrapped node sits one level above the deepest of its
//! inputs, a free node (NOT, linear integer ops, the disjoint OR of a mux or a
//! carry) on the level of its deepest input. Each level is one backend call
//! holding every bootstrap of that level — and with
//! [`Circuit::evaluate_many`], of that level in every instance — so users get
//! large batches without ever thinking about them. ASAP levels are the
//! minimum possible: a node cannot be evaluated before its inputs.

mod arith;
mod bits;
mod words;

pub use arith::Shape;
pub(crate) use bits::Bit;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use umbra_fhe_core::backend::Luts;
use umbra_fhe_core::bootstrap::LookupTable;
use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::{Error, Result};

use crate::boolean::Gate;
use crate::ciphertext::{BoolCiphertext, IntCiphertext};
use crate::client_key::BOOL_MU;
use crate::integer::{IntLookupTable, MessageSpace};
use crate::server_key::ServerKey;

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

type LutFn = Arc<dyn Fn(u64) -> u64 + Send + Sync>;

#[derive(Clone)]
enum Node {
    BoolInput(usize),
    IntInput(usize),
    BoolConst(bool),
    IntConst(u64),
    Not(usize),
    Gate(Gate, usize, usize),
    /// `c ? a : b`: two bootstraps (`c ∧ a`, `¬c ∧ b`) and a free disjoint OR.
    Mux(usize, usize, usize),
    /// `a ∨ b` for inputs that are never both true: `a + b + 1/8`, free.
    DisjointOr(usize, usize),
    /// The phase `a + b` (free): no boolean, only an operand of a
    /// [`Combine3`] that reads it as one term.
    PhaseSum(usize, usize),
    /// A three-input function of booleans by one bootstrap.
    Combine3(Combine3, usize, usize, usize),
    /// A bit of the number of true inputs, by one bootstrap.
    Count(CountBit, Vec<usize>),
    Lut(usize, usize),
    Add(usize, usize),
    WrappingAdd(usize, usize),
    WrappingSub(usize, usize),
    ScalarMul(usize, u64),
    ScalarAdd(usize, u64),
}

impl Node {
    /// Bootstraps this node needs.
    fn bootstraps(&self) -> usize {
        match self {
            Node::Gate(..) | Node::Lut(..) | Node::Combine3(..) | Node::Count(..) => 1,
            Node::Mux(..) => 2,
            Node::BoolInput(_)
            | Node::IntInput(_)
            | Node::BoolConst(_)
            | Node::IntConst(_)
            | Node::Not(_)
            | Node::DisjointOr(..)
            | Node::PhaseSum(..)
            | Node::Add(..)
            | Node::WrappingAdd(..)
            | Node::WrappingSub(..)
            | Node::ScalarMul(..)
            | Node::ScalarAdd(..) => 0,
        }
    }

    fn operands(&self) -> Vec<usize> {
        match *self {
            Node::BoolInput(_) | Node::IntInput(_) | Node::BoolConst(_) | Node::IntConst(_) => vec![],
            Node::Not(a) | Node::Lut(_, a) | Node::ScalarMul(a, _) | Node::ScalarAdd(a, _) => vec![a],
            Node::Gate(_, a, b)
            | Node::DisjointOr(a, b)
            | Node::PhaseSum(a, b)
            | Node::Add(a, b)
            | Node::WrappingAdd(a, b)
            | Node::WrappingSub(a, b) => vec![a, b],
            Node::Mux(c, a, b) | Node::Combine3(_, c, a, b) => vec![c, a, b],
            Node::Count(_, ref inputs) => inputs.clone(),
        }
    }
}

/// The three-input boolean functions a single bootstrap computes: each is
/// the sign of a weighted sum `Σ wᵢ·xᵢ + offset` of inputs encoded as `±1/8`,
/// whose cases all lie at least a margin away from the decision points 0
/// and 1/2 (noise in [`Circuit::majority`] and the other constructors).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Combine3 {
    /// `maj(a, b, c)`: `a + b + c`, cases at `±1/8, ±3/8` (margin 1/8).
    Majority,
    /// `a ⊕ b ⊕ c`: `−2(a + b + c)`, cases at `±1/4, ±3/4` (margin 1/4).
    Xor3,
    /// `g ∨ (p ∧ c)` for `g`, `p` never both true: `2g + p + c + 1/8`, cases
    /// at `±1/8, ±3/8` (margin 1/8).
    Carry,
    /// `(a ∧ b) ⊕ c`: `a + b + 2c + 1/8`, cases at `±1/8, ±3/8` (margin
    /// 1/8). A [`Amplitude::Wide`] `c` brings its weight 2 in its encoding,
    /// so its noise counts once, not four times; the result is encoded at
    /// amplitude `out`.
    AndXor { c: Amplitude, out: Amplitude },
    /// Bit `i` of one radix-4 row `d·a` for an odd digit `d ∈ {±1, ±3}`:
    /// `u + v + r + 5/8` for a column `u = aᵢ ⊙ tᵢ` (narrow, `t = 3a`),
    /// `v = ¬aᵢ` (wide) and a row `r = ¬big + neg` (a [`Node::PhaseSum`]
    /// of a narrow `big = [|d| = 3]` and a wide `neg = [d < 0]`). The four
    /// column states `(aᵢ, tᵢ) = 10, 11, 01, 00` lie a quarter turn apart, so
    /// the row's offset puts exactly the two where the selected bit is 1 in
    /// the positive half (`+1/8` selects `aᵢ`, `−1/8` selects `tᵢ`, `+1/2`
    /// negates): cases at `±1/8, ±3/8` (margin 1/8), four terms, each a
    /// bootstrap's output but `big`, which may be an input (at most 5× a
    /// bootstrap's variance).
    RowSelect,
    /// `|d| = 2` for the Booth digit `d = −2a + b + c`, i.e. `a ≠ b = c`:
    /// `−a + b + c + 3/4`, cases at `±1/8, ±3/8` (margin 1/8).
    BoothTwo,
}

/// A bit of the count `s` of true inputs among `k ≤ 6`, each the sign of a
/// combination with cases at least 1/8 (weights ±1) or 1/4 (weights ±2)
/// from the decision points, so at most 6× a bootstrap's variance for
/// bootstrapped inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CountBit {
    /// `s mod 2`: `−2·Σxᵢ − (k + 1)/4` puts `s` at `(k − 2s)/4 − (k + 1)/4`,
    /// a half turn per input: odd counts at `+1/4`, even at `−1/4`.
    Parity,
    /// `⌊s/2⌋ mod 2`: `Σxᵢ + (k − 3)/8` puts `s` at `(2s − 3)/8`, a quarter
    /// turn per input: `s mod 4 = 2, 3` at `+1/8, +3/8`, `0, 1` at `−3/8,
    /// −1/8` (three inputs: the majority).
    Twos,
}

impl CountBit {
    /// `(weight, offset)` of the combination for `k` inputs.
    fn combination(self, k: usize) -> (i32, u32) {
        let k = k as u32;
        match self {
            CountBit::Parity => (-2, (k + 1).wrapping_mul(2 * BOOL_MU).wrapping_neg()),
            CountBit::Twos => (1, k.wrapping_sub(3).wrapping_mul(BOOL_MU)),
        }
    }

    fn linear(self, inputs: &[&LweCiphertext]) -> Result<LweCiphertext> {
        let (weight, offset) = self.combination(inputs.len());
        let first = inputs.first().ok_or_else(|| Error::InvalidInput("a count of no inputs".into()))?;
        let mut out = LweCiphertext::trivial(first.dimension(), offset);
        for input in inputs {
            let mut term = (*input).clone();
            term.scalar_mul_assign(weight);
            out.add_assign(&term)?;
        }
        Ok(out)
    }
}

/// How a boolean is encoded on the torus: `±1/8` (every value users see),
/// or `±1/4`, which a bootstrap produces at the same noise by a table of
/// twice the amplitude. A wide value is only ever the `c` operand of
/// [`Combine3::AndXor`]: there it stands for `2c` at the noise of `c`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Amplitude {
    Narrow,
    Wide,
}

impl Amplitude {
    /// Index of this amplitude's sign table in an evaluation's tables.
    fn table(self) -> usize {
        match self {
            Amplitude::Narrow => 0,
            Amplitude::Wide => 1,
        }
    }

    /// The torus value of `true`.
    fn mu(self) -> u32 {
        match self {
            Amplitude::Narrow => BOOL_MU,
            Amplitude::Wide => 2 * BOOL_MU,
        }
    }
}

impl Combine3 {
    /// `(weights, offset)` of the combination this function bootstraps.
    fn combination(self) -> ([i32; 3], u32) {
        match self {
            Combine3::Majority => ([1, 1, 1], 0),
            Combine3::Xor3 => ([-2, -2, -2], 0),
            Combine3::Carry => ([2, 1, 1], BOOL_MU),
            Combine3::AndXor { c: Amplitude::Narrow, .. } => ([1, 1, 2], BOOL_MU),
            Combine3::AndXor { c: Amplitude::Wide, .. } => ([1, 1, 1], BOOL_MU),
            Combine3::RowSelect => ([1, 1, 1], 5 * BOOL_MU),
            Combine3::BoothTwo => ([-1, 1, 1], 6 * BOOL_MU),
        }
    }

    /// The encoding of the result.
    fn output(self) -> Amplitude {
        match self {
            Combine3::AndXor { out, .. } => out,
            Combine3::Majority | Combine3::Xor3 | Combine3::Carry | Combine3::RowSelect | Combine3::BoothTwo => {
                Amplitude::Narrow
            }
        }
    }

    fn linear(self, inputs: [&LweCiphertext; 3]) -> Result<LweCiphertext> {
        let (weights, offset) = self.combination();
        let mut out = LweCiphertext::trivial(inputs[0].dimension(), offset);
        for (input, weight) in inputs.into_iter().zip(weights) {
            let mut term = input.clone();
            term.scalar_mul_assign(weight);
            out.add_assign(&term)?;
        }
        Ok(out)
    }
}

/// A circuit over encrypted booleans and small integers.
///
/// ```
/// use umbra_fhe::{circuit::{Circuit, CircuitInputs}, params, ClientKey, ServerKey};
/// let mut c = Circuit::new();
/// let (a, b, carry) = (c.bool_input(), c.bool_input(), c.bool_input());
/// let sum = c.xor(a, b);
/// let sum = c.xor(sum, carry);
/// c.output_bool(sum);
/// assert_eq!(c.levels(), 2);
///
/// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
/// let server = ServerKey::new(&client)?;
/// let inputs = CircuitInputs::bools([true, true, true].map(|x| client.encrypt_bool(x)).to_vec());
/// let (out, stats) = c.evaluate(&server, &inputs)?;
/// assert!(client.decrypt_bool(&out.bools[0])?);
/// assert_eq!(stats.bootstraps, 2);
/// # Ok::<(), umbra_fhe::Error>(())
/// ```
pub struct Circuit {
    id: u64,
    /// The circuits this one was cloned from, oldest first, each with its
    /// node count at the time: their wires below that count are valid here.
    forks: Vec<Fork>,
    /// Set when a wire of another circuit was used; evaluation then fails.
    foreign_wire: bool,
    nodes: Vec<Node>,
    luts: Vec<LutFn>,
    bool_inputs: usize,
    int_inputs: usize,
    bool_outputs: Vec<usize>,
    int_outputs: Vec<usize>,
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

impl std::fmt::Debug for Circuit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Circuit")
            .field("nodes", &self.nodes.len())
            .field("bootstraps", &self.bootstraps())
            .field("levels", &self.levels())
            .finish()
    }
}

/// Encrypted inputs of one circuit instance, in declaration order.
#[derive(Clone, Debug, Default)]
pub struct CircuitInputs {
    /// One per [`Circuit::bool_input`].
    pub bools: Vec<BoolCiphertext>,
    /// One per [`Circuit::int_input`].
    pub ints: Vec<IntCiphertext>,
}

impl CircuitInputs {
    /// Boolean inputs only.
    pub fn bools(bools: Vec<BoolCiphertext>) -> Self {
        Self { bools, ints: Vec::new() }
    }

    /// Integer inputs only.
    pub fn ints(ints: Vec<IntCiphertext>) -> Self {
        Self { bools: Vec::new(), ints }
    }
}

/// Encrypted outputs of one circuit instance, in declaration order.
#[derive(Clone, Debug, Default)]
pub struct CircuitOutputs {
    /// One per [`Circuit::output_bool`].
    pub bools: Vec<BoolCiphertext>,
    /// One per [`Circuit::output_int`].
    pub ints: Vec<IntCiphertext>,
}

/// Where an evaluation stands, reported after each level by
/// [`Circuit::evaluate_many_with_progress`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Levels (backend calls) done.
    pub level: usize,
    /// Levels in all.
    pub levels: usize,
    /// Bootstraps done, all instances together.
    pub bootstraps: usize,
    /// Bootstraps in all.
    pub total_bootstraps: usize,
}

/// What an evaluation did.
#[derive(Clone, Debug, PartialEq)]
pub struct EvaluationStats {
    /// Bootstraps performed (all instances).
    pub bootstraps: usize,
    /// Backend calls, one per level that holds bootstraps.
    pub levels: usize,
    /// Bootstraps per backend call, level by level.
    pub batch_sizes: Vec<usize>,
    /// Wall time of the whole evaluation.
    pub elapsed: Duration,
    /// The backend's name.
    pub backend: String,
}

impl EvaluationStats {
    /// Mean bootstraps per backend call.
    pub fn average_batch(&self) -> f64 {
        if self.levels == 0 {
            0.0
        } else {
            self.bootstraps as f64 / self.levels as f64
        }
    }

    /// Wall time per bootstrap.
    pub fn time_per_bootstrap(&self) -> Duration {
        self.elapsed / self.bootstraps.max(1) as u32
    }
}

impl std::fmt::Display for EvaluationStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} bootstraps in {} levels (average batch {:.1}), {:.2?} total, {:.3} ms per bootstrap, backend {}",
            self.bootstraps,
            self.levels,
            self.average_batch(),
            self.elapsed,
            self.time_per_bootstrap().as_secs_f64() * 1e3,
            self.backend
        )
    }
}

/// A value during evaluation.
#[derive(Clone)]
enum Value {
    Pending,
    Ready(LweCiphertext),
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

    fn push(&mut self, node: Node) -> usize {
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

    /// `¬a` (free).
    pub fn not(&mut self, a: BoolWire) -> BoolWire {
        let a = self.b(a);
        self.bool_wire(Node::Not(a))
    }

    /// `gate(a, b)` (one bootstrap).
    pub fn gate(&mut self, gate: Gate, a: BoolWire, b: BoolWire) -> BoolWire {
        let (a, b) = (self.b(a), self.b(b));
        self.bool_wire(Node::Gate(gate, a, b))
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

    /// How many bootstraps' worth of variance a boolean carries at most: 1
    /// for a bootstrap's output (or its negation), 0 for a constant, 2 for
    /// anything else (an input may be the free OR of two bootstraps).
    pub(crate) fn noise_units(&self, x: Bit) -> usize {
        let Bit::Wire(mut w) = x else { return 0 };
        loop {
            match self.nodes[w.node] {
                Node::Not(a) => w.node = a,
                Node::BoolConst(_) => return 0,
                Node::Gate(..) | Node::Combine3(..) | Node::Count(..) => return 1,
                Node::BoolInput(_)
                | Node::IntInput(_)
                | Node::IntConst(_)
                | Node::Mux(..)
                | Node::DisjointOr(..)
                | Node::PhaseSum(..)
                | Node::Lut(..)
                | Node::Add(..)
                | Node::WrappingAdd(..)
                | Node::WrappingSub(..)
                | Node::ScalarMul(..)
                | Node::ScalarAdd(..) => return 2,
            }
        }
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

    /// `a + b` (free); evaluation fails with [`Error::MessageOverflow`] when
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

    /// The level of every node from `start` on that one of `roots` depends
    /// on, `None` for the others; nodes before `start` count as inputs.
    /// Level: inputs and constants 0, a bootstrapped node one above its
    /// deepest operand, a free node at its deepest operand. Only live nodes
    /// are evaluated, so a builder may create nodes it ends up not needing
    /// at no cost.
    fn live_levels_from(&self, start: usize, roots: impl IntoIterator<Item = usize>) -> Vec<Option<usize>> {
        let nodes = &self.nodes[start..];
        let local = |o: usize| o.checked_sub(start);
        let mut live = vec![false; nodes.len()];
        for root in roots.into_iter().filter_map(local) {
            live[root] = true;
        }
        // Operands precede the nodes that use them.
        for k in (0..nodes.len()).rev() {
            if live[k] {
                for o in nodes[k].operands().into_iter().filter_map(local) {
                    live[o] = true;
                }
            }
        }
        let mut levels = Vec::with_capacity(nodes.len());
        for node in nodes {
            let deepest = node.operands().into_iter().filter_map(local).map(|o| levels[o]).max().unwrap_or(0);
            levels.push(deepest + usize::from(node.bootstraps() > 0));
        }
        levels.into_iter().zip(live).map(|(level, live)| live.then_some(level)).collect()
    }

    /// The level of every node an output depends on; `None` for the others.
    fn live_levels(&self) -> Vec<Option<usize>> {
        self.live_levels_from(0, self.bool_outputs.iter().chain(&self.int_outputs).copied())
    }

    /// Bootstraps and levels of the nodes from `start` on that `outputs`
    /// depend on, nodes before `start` counting as level 0: the cost of what
    /// a builder just appended.
    fn appended_cost(&self, start: usize, outputs: &[Bit]) -> (usize, usize) {
        let roots = outputs.iter().filter_map(|bit| if let Bit::Wire(w) = bit { Some(w.node) } else { None });
        let levels = self.live_levels_from(start, roots);
        self.nodes[start..]
            .iter()
            .zip(levels)
            .filter_map(|(node, level)| Some((node.bootstraps(), level?)))
            .fold((0, 0), |(bootstraps, depth), (b, level)| (bootstraps + b, depth.max(level)))
    }

    /// Number of levels holding bootstraps: the backend calls one instance
    /// needs (counting only nodes an output depends on).
    pub fn levels(&self) -> usize {
        self.live_levels().into_iter().flatten().max().unwrap_or(0)
    }

    /// Bootstraps of one instance on each level (one backend call each),
    /// counting only nodes an output depends on.
    pub fn level_sizes(&self) -> Vec<usize> {
        let levels = self.live_levels();
        let mut sizes = vec![0; levels.iter().flatten().copied().max().unwrap_or(0)];
        for (node, level) in self.nodes.iter().zip(levels) {
            if let Some(level) = level.filter(|_| node.bootstraps() > 0) {
                sizes[level - 1] += node.bootstraps();
            }
        }
        sizes
    }

    /// Bootstraps one instance needs (nodes no output depends on are not evaluated).
    pub fn bootstraps(&self) -> usize {
        self.level_sizes().iter().sum()
    }

    /// Evaluates one instance.
    pub fn evaluate(&self, server: &ServerKey, inputs: &CircuitInputs) -> Result<(CircuitOutputs, EvaluationStats)> {
        let (mut outputs, stats) = self.evaluate_many(server, std::slice::from_ref(inputs))?;
        Ok((outputs.remove(0), stats))
    }

    /// Evaluates many independent instances together: level `L` of every
    /// instance goes into the same backend call.
    pub fn evaluate_many(
        &self,
        server: &ServerKey,
        instances: &[CircuitInputs],
    ) -> Result<(Vec<CircuitOutputs>, EvaluationStats)> {
        self.evaluate_many_with_progress(server, instances, |_| {})
    }

    /// [`evaluate_many`](Self::evaluate_many), calling `progress` after each
    /// level, e.g. to drive a progress bar through a long evaluation.
    ///
    /// ```
    /// use umbra_fhe::{circuit::{Circuit, CircuitInputs}, params, ClientKey, ServerKey};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let mut c = Circuit::new();
    /// let (a, b) = (c.bool_input(), c.bool_input());
    /// let x = c.xor(a, b);
    /// let y = c.and(x, a);
    /// c.output_bool(y);
    /// let inputs = vec![CircuitInputs::bools(vec![client.encrypt_bool(true), client.encrypt_bool(false)]); 3];
    /// let mut seen = Vec::new();
    /// c.evaluate_many_with_progress(&server, &inputs, |p| seen.push((p.level, p.levels, p.bootstraps)))?;
    /// assert_eq!(seen, [(1, 2, 3), (2, 2, 6)]);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn evaluate_many_with_progress(
        &self,
        server: &ServerKey,
        instances: &[CircuitInputs],
        mut progress: impl FnMut(Progress),
    ) -> Result<(Vec<CircuitOutputs>, EvaluationStats)> {
        let start = Instant::now();
        if self.foreign_wire {
            return Err(Error::InvalidInput("a wire of another circuit was used in this circuit".into()));
        }
        for (i, inst) in instances.iter().enumerate() {
            if inst.bools.len() != self.bool_inputs || inst.ints.len() != self.int_inputs {
                return Err(Error::InvalidInput(format!(
                    "instance {i} has {} boolean and {} integer inputs; the circuit takes {} and {}",
                    inst.bools.len(),
                    inst.ints.len(),
                    self.bool_inputs,
                    self.int_inputs
                )));
            }
            inst.bools.iter().try_for_each(|ct| server.tag.check(&ct.tag))?;
            inst.ints.iter().try_for_each(|ct| server.tag.check(&ct.tag))?;
        }
        let tables = self.tables(server)?;
        let space = server.message_space();
        let degrees =
            instances.iter().map(|inst| self.int_degrees(space, &tables, inst)).collect::<Result<Vec<_>>>()?;
        // Tables 0 and 1 are the narrow and wide sign tables, `2 + t` the integer table `t`.
        let mut all_tables = [Amplitude::Narrow, Amplitude::Wide]
            .map(|amplitude| LookupTable::constant(server.params.polynomial_size, amplitude.mu()))
            .to_vec();
        all_tables.extend(tables.iter().map(|t| t.table.clone()));
        let levels = self.live_levels();
        let depth = levels.iter().flatten().copied().max().unwrap_or(0);
        // The live nodes of every level, in index (topological) order.
        let mut by_level: Vec<Vec<usize>> = vec![Vec::new(); depth + 1];
        for (n, level) in levels.into_iter().enumerate() {
            if let Some(level) = level {
                by_level[level].push(n);
            }
        }
        let total_bootstraps =
            by_level.iter().flatten().map(|&n| self.nodes[n].bootstraps()).sum::<usize>() * instances.len();
        let _span =
            tracing::info_span!("circuit", instances = instances.len(), levels = depth, bootstraps = total_bootstraps)
                .entered();
        let mut values = vec![vec![Value::Pending; self.nodes.len()]; instances.len()];
        let mut batch_sizes = Vec::new();

        for (level, at_level) in by_level.iter().enumerate() {
            // Bootstrapped nodes first, all instances in one batch.
            let mut combined = Vec::new();
            let mut selection = Vec::new();
            for vals in &values {
                for &n in at_level {
                    self.linear_inputs(n, vals, &mut combined, &mut selection)?;
                }
            }
            if !combined.is_empty() {
                let results =
                    server.bootstrap(&combined, Luts::PerInput { tables: &all_tables, selection: &selection })?;
                batch_sizes.push(results.len());
                tracing::debug!(level, batch = results.len(), "circuit level bootstrapped");
                progress(Progress {
                    level: batch_sizes.len(),
                    levels: depth,
                    bootstraps: batch_sizes.iter().sum(),
                    total_bootstraps,
                });
                let mut results = results.into_iter();
                for vals in values.iter_mut() {
                    for &n in at_level {
                        self.store_bootstrapped(n, vals, &mut results)?;
                    }
                }
            }
            // Then free nodes, in index (topological) order.
            for (inst, vals) in instances.iter().zip(values.iter_mut()) {
                for &n in at_level {
                    if self.nodes[n].bootstraps() == 0 {
                        vals[n] = Value::Ready(self.free_value(server, n, inst, vals)?);
                    }
                }
            }
        }

        let outputs = values
            .iter()
            .zip(&degrees)
            .map(|(vals, degrees)| -> Result<CircuitOutputs> {
                let get = |n: usize| match &vals[n] {
                    Value::Ready(lwe) => Ok(lwe.clone()),
                    Value::Pending => Err(Error::InvalidInput(format!("circuit node {n} was never evaluated"))),
                };
                Ok(CircuitOutputs {
                    bools: self
                        .bool_outputs
                        .iter()
                        .map(|&n| get(n).map(|lwe| BoolCiphertext { lwe, tag: server.tag }))
                        .collect::<Result<_>>()?,
                    ints: self
                        .int_outputs
                        .iter()
                        .map(|&n| get(n).map(|lwe| server.int(lwe, degrees[n])))
                        .collect::<Result<_>>()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let stats = EvaluationStats {
            bootstraps: batch_sizes.iter().sum(),
            levels: batch_sizes.len(),
            batch_sizes,
            elapsed: start.elapsed(),
            backend: server.backend_name().to_owned(),
        };
        Ok((outputs, stats))
    }

    fn tables(&self, server: &ServerKey) -> Result<Vec<IntLookupTable>> {
        self.luts.iter().map(|f| server.lookup_table(|m| f(m))).collect()
    }

    /// The degree of every integer node of one instance (0 for boolean
    /// nodes), by the rules of [`crate::integer`]: an out-of-range integer is
    /// an error before anything is bootstrapped.
    fn int_degrees(&self, space: MessageSpace, tables: &[IntLookupTable], inst: &CircuitInputs) -> Result<Vec<u64>> {
        let mut degrees: Vec<u64> = Vec::with_capacity(self.nodes.len());
        for node in &self.nodes {
            let d = |i: usize| degrees[i];
            let degree = match *node {
                Node::IntInput(i) => inst.ints[i].degree,
                Node::IntConst(c) => space.constant(c)?,
                Node::Lut(t, a) => tables[t].output_degree(space.in_range(d(a))?),
                Node::Add(a, b) => space.add(d(a), d(b))?,
                Node::WrappingAdd(a, b) => space.wrapping_add(d(a), d(b)),
                Node::WrappingSub(a, b) => space.wrapping_sub(d(a), d(b)),
                Node::ScalarMul(a, c) => space.scalar_mul(d(a), c)?,
                Node::ScalarAdd(a, c) => space.scalar_add(d(a), c)?,
                Node::BoolInput(_)
                | Node::BoolConst(_)
                | Node::Not(_)
                | Node::Gate(..)
                | Node::Mux(..)
                | Node::DisjointOr(..)
                | Node::PhaseSum(..)
                | Node::Combine3(..)
                | Node::Count(..) => 0,
            };
            degrees.push(degree);
        }
        Ok(degrees)
    }

    fn ready(vals: &[Value], n: usize) -> Result<&LweCiphertext> {
        match &vals[n] {
            Value::Ready(lwe) => Ok(lwe),
            Value::Pending => Err(Error::InvalidInput(format!("circuit node {n} used before it was evaluated"))),
        }
    }

    /// Pushes the pre-bootstrap combinations of node `n` (none for free nodes)
    /// with their table index (0 and 1 = narrow and wide sign tables, `2 + t`
    /// = integer table `t`).
    fn linear_inputs(
        &self,
        n: usize,
        vals: &[Value],
        combined: &mut Vec<LweCiphertext>,
        selection: &mut Vec<usize>,
    ) -> Result<()> {
        let combine = |gate: Gate, a: usize, b: usize| -> Result<LweCiphertext> {
            gate.linear(Self::ready(vals, a)?, Self::ready(vals, b)?)
        };
        match self.nodes[n] {
            Node::Gate(gate, a, b) => {
                combined.push(combine(gate, a, b)?);
                selection.push(0);
            }
            Node::Mux(c, a, b) => {
                combined.push(combine(Gate::And, c, a)?);
                let mut not_c = Self::ready(vals, c)?.clone();
                not_c.negate();
                combined.push(Gate::And.linear(&not_c, Self::ready(vals, b)?)?);
                selection.extend([0, 0]);
            }
            Node::Lut(t, a) => {
                combined.push(Self::ready(vals, a)?.clone());
                selection.push(2 + t);
            }
            Node::Combine3(f, a, b, c) => {
                combined.push(f.linear([Self::ready(vals, a)?, Self::ready(vals, b)?, Self::ready(vals, c)?])?);
                selection.push(f.output().table());
            }
            Node::Count(f, ref inputs) => {
                let inputs = inputs.iter().map(|&i| Self::ready(vals, i)).collect::<Result<Vec<_>>>()?;
                combined.push(f.linear(&inputs)?);
                selection.push(Amplitude::Narrow.table());
            }
            Node::BoolInput(_)
            | Node::IntInput(_)
            | Node::BoolConst(_)
            | Node::IntConst(_)
            | Node::Not(_)
            | Node::DisjointOr(..)
            | Node::PhaseSum(..)
            | Node::Add(..)
            | Node::WrappingAdd(..)
            | Node::WrappingSub(..)
            | Node::ScalarMul(..)
            | Node::ScalarAdd(..) => {}
        }
        Ok(())
    }

    /// Stores the bootstrap results of node `n`, consuming them from `results`.
    fn store_bootstrapped(
        &self,
        n: usize,
        vals: &mut [Value],
        results: &mut impl Iterator<Item = LweCiphertext>,
    ) -> Result<()> {
        let mut next = || results.next().ok_or_else(|| Error::InvalidInput("backend returned too few outputs".into()));
        match self.nodes[n] {
            Node::Gate(..) | Node::Lut(..) | Node::Combine3(..) | Node::Count(..) => vals[n] = Value::Ready(next()?),
            Node::Mux(..) => {
                let mut u = next()?;
                u.add_assign(&next()?)?;
                u.add_plaintext(BOOL_MU);
                vals[n] = Value::Ready(u);
            }
            Node::BoolInput(_)
            | Node::IntInput(_)
            | Node::BoolConst(_)
            | Node::IntConst(_)
            | Node::Not(_)
            | Node::DisjointOr(..)
            | Node::PhaseSum(..)
            | Node::Add(..)
            | Node::WrappingAdd(..)
            | Node::WrappingSub(..)
            | Node::ScalarMul(..)
            | Node::ScalarAdd(..) => {}
        }
        Ok(())
    }

    /// The value of free node `n`.
    fn free_value(&self, server: &ServerKey, n: usize, inst: &CircuitInputs, vals: &[Value]) -> Result<LweCiphertext> {
        let get = |i: usize| Self::ready(vals, i).cloned();
        Ok(match self.nodes[n] {
            Node::BoolInput(i) => inst.bools[i].lwe.clone(),
            Node::IntInput(i) => inst.ints[i].lwe.clone(),
            Node::BoolConst(v) => server.trivial_bool(v).lwe,
            Node::IntConst(v) => server.trivial_int(v)?.lwe,
            Node::Not(a) => {
                let mut x = get(a)?;
                x.negate();
                x
            }
            Node::DisjointOr(a, b) => {
                let mut x = get(a)?;
                x.add_assign(&get(b)?)?;
                x.add_plaintext(BOOL_MU);
                x
            }
            Node::PhaseSum(a, b) | Node::Add(a, b) | Node::WrappingAdd(a, b) => {
                let mut x = get(a)?;
                x.add_assign(&get(b)?)?;
                x
            }
            Node::WrappingSub(a, b) => {
                let mut x = get(a)?;
                x.sub_assign(&get(b)?)?;
                x
            }
            Node::ScalarMul(a, c) => {
                let mut x = get(a)?;
                x.scalar_mul_assign(server.message_space().scalar(c)?);
                x
            }
            Node::ScalarAdd(a, c) => {
                let mut x = get(a)?;
                x.add_assign(&server.trivial_int(c)?.lwe)?;
                x
            }
            Node::Gate(..) | Node::Mux(..) | Node::Lut(..) | Node::Combine3(..) | Node::Count(..) => {
                return Err(Error::InvalidInput(format!("circuit node {n} needs a bootstrap")))
            }
        })
    }
}

#[cfg(test)]
impl Circuit {
    /// The word `Σ outᵢ·2ⁱ` that the bits `out` hold for plaintext `inputs`,
    /// by one [`interpret`](Self::interpret).
    pub(crate) fn interpret_word(&self, inputs: &[bool], out: &[Bit]) -> u64 {
        let values = self.interpret(inputs);
        out.iter()
            .enumerate()
            .map(|(i, bit)| {
                let set = match *bit {
                    Bit::Const(v) => v,
                    Bit::Wire(w) => values[w.node],
                };
                u64::from(set) << i
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
        let encode = |v: bool| if v { BOOL_MU } else { BOOL_MU.wrapping_neg() };
        let within_margin = |phase: u32| (BOOL_MU..=3 * BOOL_MU).contains(&(phase % (4 * BOOL_MU)));
        let bootstrap = |phase: u32, mu: u32| {
            assert!(within_margin(phase), "bootstrapped phase {phase:#010x} within 1/8 of a decision point");
            if phase as i32 >= 0 {
                mu
            } else {
                mu.wrapping_neg()
            }
        };
        let sign = |phase: u32| bootstrap(phase, BOOL_MU);
        let mut phases: Vec<u32> = Vec::with_capacity(self.nodes.len());
        for n in &self.nodes {
            let p = |i: usize| phases[i];
            let phase = match *n {
                Node::BoolInput(i) => encode(inputs[i]),
                Node::BoolConst(v) => encode(v),
                Node::Not(a) => p(a).wrapping_neg(),
                Node::Gate(g, a, b) => {
                    let (scale, offset) = g.combination();
                    sign(p(a).wrapping_add(p(b)).wrapping_mul(scale as u32).wrapping_add(offset))
                }
                Node::Mux(c, a, b) => {
                    let (scale, offset) = Gate::And.combination();
                    let and = |x: u32, y: u32| sign(x.wrapping_add(y).wrapping_mul(scale as u32).wrapping_add(offset));
                    and(p(c), p(a)).wrapping_add(and(p(c).wrapping_neg(), p(b))).wrapping_add(BOOL_MU)
                }
                Node::DisjointOr(a, b) => p(a).wrapping_add(p(b)).wrapping_add(BOOL_MU),
                Node::PhaseSum(a, b) => p(a).wrapping_add(p(b)),
                Node::Combine3(f, a, b, c) => {
                    let (weights, offset) = f.combination();
                    let sum = [a, b, c]
                        .into_iter()
                        .zip(weights)
                        .fold(offset, |acc, (x, w)| acc.wrapping_add(p(x).wrapping_mul(w as u32)));
                    bootstrap(sum, f.output().mu())
                }
                Node::Count(f, ref inputs) => {
                    let (weight, offset) = f.combination(inputs.len());
                    sign(inputs.iter().fold(offset, |acc, &x| acc.wrapping_add(p(x).wrapping_mul(weight as u32))))
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
            phases.push(phase);
        }
        phases.into_iter().map(|p| p as i32 >= 0).collect()
    }
}
