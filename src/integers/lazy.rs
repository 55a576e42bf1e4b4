//! The lazy graph behind [`FheInteger`](super::FheInteger) and
//! [`FheBool`](super::FheBool), and its evaluation as one circuit.
//!
//! Every value is a [`Word`]: either ready (its bits are ciphertexts or
//! public constants) or pending (an operation on other words). Operators
//! only add pending words. [`ServerKey::evaluate`] gathers every pending word
//! its roots depend on, writes them all into one [`Circuit`] and evaluates
//! it: the circuit levelizes the whole graph, so independent operations
//! anywhere in the program share backend calls, level by level.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use umbra_fhe_core::{Error, Result};

use super::operation::Operation;
use crate::ciphertext::BoolCiphertext;
use crate::circuit::{Bit, Circuit, CircuitInputs, Direction, EvaluationStats, Shape};
use crate::server_key::ServerKey;

/// A bit of a ready word.
#[derive(Clone, Debug)]
pub(crate) enum ReadyBit {
    Const(bool),
    Encrypted(BoolCiphertext),
}

/// What a pending word computes, from its operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `op` on two's-complement operands when `signed`, else on unsigned ones.
    Op { op: Operation, signed: bool },
    /// Truncation, or extension to the word's own width: with copies of
    /// the top bit when `sign_extend`, else with zeros.
    Resize { sign_extend: bool },
    /// The word's width in bits of the operand from bit `start` on: one
    /// part of a result that holds several (free).
    Slice { start: usize },
}

pub(crate) enum State {
    Ready(Vec<ReadyBit>),
    Pending { kind: Kind, operands: Vec<Arc<Word>> },
}

/// A node of the lazy graph: `width` bits, ready or pending.
pub(crate) struct Word {
    pub(crate) width: usize,
    state: Mutex<State>,
}

impl Word {
    pub(crate) fn ready(bits: Vec<ReadyBit>) -> Arc<Self> {
        Arc::new(Self { width: bits.len(), state: Mutex::new(State::Ready(bits)) })
    }

    pub(crate) fn constant(value: u64, width: usize) -> Arc<Self> {
        Self::ready((0..width).map(|i| ReadyBit::Const(value >> i & 1 == 1)).collect())
    }

    pub(crate) fn pending(width: usize, kind: Kind, operands: Vec<Arc<Word>>) -> Arc<Self> {
        Arc::new(Self { width, state: Mutex::new(State::Pending { kind, operands }) })
    }

    /// The state; a panic elsewhere while it was locked cannot leave it half
    /// written (every write replaces it whole), so a poisoned lock is used as is.
    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `f` of the bits (under the lock), or an error saying the value must
    /// be evaluated first.
    pub(crate) fn read_ready<R>(&self, f: impl FnOnce(&[ReadyBit]) -> R) -> Result<R> {
        match &*self.state() {
            State::Ready(bits) => Ok(f(bits)),
            State::Pending { .. } => Err(Error::InvalidInput(
                "this encrypted value has not been evaluated yet: pass it to ServerKey::evaluate first".into(),
            )),
        }
    }

    /// A copy of the bits, or an error saying the value must be evaluated first.
    pub(crate) fn ready_bits(&self) -> Result<Vec<ReadyBit>> {
        self.read_ready(<[ReadyBit]>::to_vec)
    }
}

/// Dropping a long chain of pending words one inside the other would
/// recurse once per word and could overflow the stack; the operands are
/// released from a loop instead.
impl Drop for Word {
    fn drop(&mut self) {
        fn take(word: &mut Word, stack: &mut Vec<Arc<Word>>) {
            let state = word.state.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner());
            if let State::Pending { operands, .. } = state {
                stack.append(operands);
            }
        }
        let mut stack = Vec::new();
        take(self, &mut stack);
        while let Some(operand) = stack.pop() {
            // The last reference: empty it here, so its own drop finds nothing.
            if let Ok(mut word) = Arc::try_unwrap(operand) {
                take(&mut word, &mut stack);
            }
        }
    }
}

/// The bits of `kind` applied to operand bits, into `c`. The operation's
/// width is `width`; operands have the widths their words have.
pub(crate) fn build(c: &mut Circuit, kind: Kind, width: usize, xs: &[Vec<Bit>], shape: Shape) -> Vec<Bit> {
    let bitwise = |c: &mut Circuit, f: fn(&mut Circuit, Bit, Bit) -> Bit| -> Vec<Bit> {
        xs[0].iter().zip(&xs[1]).map(|(&x, &y)| f(c, x, y)).collect()
    };
    // The bit shifted in from the top: the sign for signed operands.
    let fill = |x: &[Bit], extend: bool| if extend { x.last().copied().unwrap_or(Bit::ZERO) } else { Bit::ZERO };
    // Signed order is unsigned order with the sign bits flipped (free).
    let ordered = |c: &mut Circuit, x: &[Bit], signed: bool| -> Vec<Bit> {
        let mut x = x.to_vec();
        if signed {
            if let Some(top) = x.last_mut() {
                *top = c.bit_not(*top);
            }
        }
        x
    };
    match kind {
        Kind::Resize { sign_extend } => {
            (0..width).map(|i| xs[0].get(i).copied().unwrap_or_else(|| fill(&xs[0], sign_extend))).collect()
        }
        Kind::Slice { start } => (start..start + width).map(|i| xs[0].get(i).copied().unwrap_or(Bit::ZERO)).collect(),
        Kind::Op { op, signed } => match op {
            Operation::Add => c.add_bits(&xs[0], &xs[1], Bit::ZERO, shape),
            Operation::Sub => {
                let not_b: Vec<Bit> = xs[1].iter().map(|&y| c.bit_not(y)).collect();
                c.add_bits(&xs[0], &not_b, Bit::ONE, shape)
            }
            Operation::Neg => {
                let not_a: Vec<Bit> = xs[0].iter().map(|&x| c.bit_not(x)).collect();
                c.add_bits(&vec![Bit::ZERO; width], &not_a, Bit::ONE, shape)
            }
            Operation::Mul => c.mul_bits(&xs[0], &xs[1], shape),
            Operation::BitAnd => bitwise(c, Circuit::bit_and),
            Operation::BitOr => bitwise(c, Circuit::bit_or),
            Operation::BitXor => bitwise(c, Circuit::bit_xor),
            Operation::Not => xs[0].iter().map(|&x| c.bit_not(x)).collect(),
            Operation::Shl(k) => {
                (0..width).map(|i| i.checked_sub(k as usize).map_or(Bit::ZERO, |j| xs[0][j])).collect()
            }
            Operation::Shr(k) => {
                (0..width).map(|i| xs[0].get(i + k as usize).copied().unwrap_or_else(|| fill(&xs[0], signed))).collect()
            }
            Operation::RotateLeft(k) => (0..width).map(|i| xs[0][(i + width - k as usize % width) % width]).collect(),
            Operation::RotateRight(k) => (0..width).map(|i| xs[0][(i + k as usize) % width]).collect(),
            Operation::Eq => vec![c.equal_bits(&xs[0], &xs[1])],
            Operation::Lt => {
                let (a, b) = (ordered(c, &xs[0], signed), ordered(c, &xs[1], signed));
                vec![c.less_than_bits(&a, &b, shape)]
            }
            Operation::Min | Operation::Max => {
                let (a, b) = (ordered(c, &xs[0], signed), ordered(c, &xs[1], signed));
                let a_smaller = c.less_than_bits(&a, &b, shape);
                let (first, second) = if op == Operation::Min { (0, 1) } else { (1, 0) };
                xs[first].iter().zip(&xs[second]).map(|(&x, &y)| c.bit_mux(a_smaller, x, y)).collect()
            }
            Operation::Select => xs[1].iter().zip(&xs[2]).map(|(&x, &y)| c.bit_mux(xs[0][0], x, y)).collect(),
            Operation::Div | Operation::Rem | Operation::DivRem => {
                let (q, r) = if signed {
                    c.div_rem_signed(&xs[0], &xs[1], shape)
                } else {
                    c.div_rem_unsigned(&xs[0], &xs[1], shape)
                };
                match op {
                    Operation::Div => q,
                    Operation::Rem => r,
                    _ => q.into_iter().chain(r).collect(),
                }
            }
            Operation::ShlBy => c.barrel_shift(&xs[0], &xs[1], Direction::Left),
            Operation::ShrBy => c.barrel_shift(&xs[0], &xs[1], Direction::Right { arithmetic: signed }),
            Operation::RotateLeftBy => c.barrel_shift(&xs[0], &xs[1], Direction::RotateLeft),
            Operation::RotateRightBy => c.barrel_shift(&xs[0], &xs[1], Direction::RotateRight),
            Operation::CountOnes => zero_extended(c.count_ones_bits(&xs[0], shape), width),
            Operation::CountZeros => {
                let zeros: Vec<Bit> = xs[0].iter().map(|&x| c.bit_not(x)).collect();
                zero_extended(c.count_ones_bits(&zeros, shape), width)
            }
            Operation::LeadingZeros => zero_extended(c.leading_zeros_bits(&xs[0], shape).0, width),
            Operation::TrailingZeros => zero_extended(c.trailing_zeros_bits(&xs[0], shape), width),
            Operation::Ilog2 => {
                // For n = 2^k bits and a ≠ 0, ilog2 = (n − 1) − leading zeros: the
                // complement of their low k bits. Defined: a ≠ 0, and a ≥ 0 when signed.
                let n = xs[0].len();
                let (zeros, any) = c.leading_zeros_bits(&xs[0], shape);
                let log: Vec<Bit> = zeros.iter().take(n.trailing_zeros() as usize).map(|&z| c.bit_not(z)).collect();
                let defined = match xs[0].last() {
                    Some(&sign) if signed => {
                        let positive = c.bit_not(sign);
                        c.bit_and(any, positive)
                    }
                    _ => any,
                };
                let mut out = zero_extended(log, width - 1);
                out.push(defined);
                out
            }
            Operation::OverflowingAdd | Operation::OverflowingSub => {
                let subtract = op == Operation::OverflowingSub;
                let (value, flag) = c.overflowing_add_bits(&xs[0], &xs[1], subtract, signed, shape);
                value.into_iter().chain([flag]).collect()
            }
            Operation::OverflowingMul => {
                let (value, flag) = c.overflowing_mul_bits(&xs[0], &xs[1], signed, shape);
                value.into_iter().chain([flag]).collect()
            }
            Operation::Sum(_) => {
                let columns = (0..width).map(|i| xs.iter().map(|x| x[i]).collect()).collect();
                c.sum_columns(columns, shape)
            }
        },
    }
}

/// `bits` padded with zeros to `width` (a count to its `u32`).
fn zero_extended(mut bits: Vec<Bit>, width: usize) -> Vec<Bit> {
    bits.resize(width, Bit::ZERO);
    bits
}

/// The words [`ServerKey::evaluate`] is asked to make ready.
///
/// Filled by [`Lazy::collect`]; opaque outside the crate.
#[derive(Default)]
pub struct Roots(pub(crate) Vec<Arc<Word>>);

/// Values [`ServerKey::evaluate`](crate::ServerKey::evaluate) accepts:
/// [`FheInteger`](super::FheInteger), [`FheBool`](super::FheBool),
/// references to them, slices, `Vec`s, arrays, `()` (nothing to evaluate)
/// and tuples of up to twelve of these; any iterator of them through
/// [`ServerKey::evaluate_all`](crate::ServerKey::evaluate_all).
pub trait Lazy {
    /// Adds the values' graph roots to `roots`.
    fn collect(&self, roots: &mut Roots);
}

impl<L: Lazy + ?Sized> Lazy for &L {
    fn collect(&self, roots: &mut Roots) {
        (**self).collect(roots);
    }
}

impl<L: Lazy> Lazy for [L] {
    fn collect(&self, roots: &mut Roots) {
        self.iter().for_each(|l| l.collect(roots));
    }
}

impl<L: Lazy, const N: usize> Lazy for [L; N] {
    fn collect(&self, roots: &mut Roots) {
        self.iter().for_each(|l| l.collect(roots));
    }
}

impl<L: Lazy> Lazy for Vec<L> {
    fn collect(&self, roots: &mut Roots) {
        self.iter().for_each(|l| l.collect(roots));
    }
}

macro_rules! lazy_tuple {
    ($($name:ident $index:tt),+) => {
        impl<$($name: Lazy),+> Lazy for ($($name,)+) {
            fn collect(&self, roots: &mut Roots) {
                $(self.$index.collect(roots);)+
            }
        }
    };
}
lazy_tuple!(A 0);
lazy_tuple!(A 0, B 1);
lazy_tuple!(A 0, B 1, C 2);
lazy_tuple!(A 0, B 1, C 2, D 3);
lazy_tuple!(A 0, B 1, C 2, D 3, E 4);
lazy_tuple!(A 0, B 1, C 2, D 3, E 4, F 5);
lazy_tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
lazy_tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
lazy_tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
lazy_tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
lazy_tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
lazy_tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

/// Nothing to evaluate: `server.evaluate(&())` does no work.
impl Lazy for () {
    fn collect(&self, _roots: &mut Roots) {}
}

impl ServerKey {
    /// Evaluates every pending operation the given values depend on, as one
    /// circuit: each level of the whole graph is one backend call, so
    /// independent operations merge into large batches. Values already
    /// evaluated are not recomputed. Accepts one value, a slice, a `Vec` or
    /// a tuple of values (see [`Lazy`]).
    ///
    /// The circuit is built in both [`Shape`]s and the one the backend
    /// expects to run faster is evaluated: each level is one backend call,
    /// priced by [`ServerKey::batch_cost`]. On a GPU a level costs a round
    /// of its width whatever it holds, so the shallower circuit wins unless
    /// the program fills the GPU anyway. On the CPU a level of fewer
    /// bootstraps than threads is split across them (cheaper than a lone
    /// bootstrap, dearer than one per thread) and larger levels run in
    /// lockstep groups (cheaper per bootstrap), which nearly always favours
    /// the smaller circuit.
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, FheUint8, ServerKey};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let xs: Vec<_> = [3u8, 100, 250].iter().map(|&x| FheUint8::encrypt(x, &client)).collect();
    /// let sums: Vec<_> = xs.iter().map(|x| x + 7u8).collect();
    /// let stats = server.evaluate(&sums)?;
    /// // All three additions share each backend call.
    /// println!("{stats}");
    /// let plain: Vec<u8> = sums.iter().map(|s| s.decrypt(&client)).collect::<Result<_, _>>()?;
    /// assert_eq!(plain, [10, 107, 1]);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn evaluate<L: Lazy + ?Sized>(&self, values: &L) -> Result<EvaluationStats> {
        let graph = Graph::of(values)?;
        graph.check_keys(self)?;
        let cost = |c: &Circuit| c.level_sizes().iter().map(|&b| self.batch_cost(b)).sum::<f64>();
        // One circuit alive at a time: a long program's circuit is most of
        // what its evaluation holds besides the live ciphertexts.
        let small_cost = cost(&graph.circuit(Shape::Small)?.circuit);
        let shallow = graph.circuit(Shape::Shallow)?;
        let shallow_cost = cost(&shallow.circuit);
        tracing::debug!(small_cost, shallow_cost, "integer circuit shape chosen");
        let chosen = if shallow_cost < small_cost {
            shallow
        } else {
            drop(shallow);
            graph.circuit(Shape::Small)?
        };
        graph.run(self, chosen)
    }

    /// [`evaluate`](Self::evaluate) of every value an iterator yields, as
    /// one circuit.
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, FheUint8, ServerKey};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let x = FheUint8::encrypt(5, &client);
    /// let powers: Vec<FheUint8> = (1..=3u32).map(|k| x.rotate_left(k)).collect();
    /// server.evaluate_all(powers.iter().filter(|_| true))?;
    /// assert_eq!(powers[2].decrypt(&client)?, 5u8.rotate_left(3));
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn evaluate_all<L: Lazy>(&self, values: impl IntoIterator<Item = L>) -> Result<EvaluationStats> {
        self.evaluate(&values.into_iter().collect::<Vec<L>>())
    }

    /// [`evaluate`](Self::evaluate) with the circuit in the given shape.
    ///
    /// ```
    /// use umbra_fhe::{circuit::Shape, params, ClientKey, FheUint8, ServerKey};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let (a, b) = (FheUint8::encrypt(200, &client), FheUint8::encrypt(100, &client));
    /// let sum = &a + &b;
    /// let stats = server.evaluate_with_shape(&sum, Shape::Shallow)?;
    /// assert_eq!(stats.levels, FheUint8::cost(umbra_fhe::Operation::Add, Shape::Shallow).levels);
    /// assert_eq!(sum.decrypt(&client)?, 44);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn evaluate_with_shape<L: Lazy + ?Sized>(&self, values: &L, shape: Shape) -> Result<EvaluationStats> {
        let graph = Graph::of(values)?;
        graph.check_keys(self)?;
        let built = graph.circuit(shape)?;
        graph.run(self, built)
    }
}

/// A graph written into a circuit: the circuit, how many outputs it has,
/// and the bits of every kept word.
struct Built {
    circuit: Circuit,
    outputs: usize,
    bits: HashMap<*const Word, Vec<Bit>>,
}

/// A bit of a ready operand: public, or the circuit input it is read from.
#[derive(Clone, Copy)]
enum Source {
    Const(bool),
    Input(usize),
}

/// A pending word of a [`Graph`], with a snapshot of its operation.
struct Pending {
    word: Arc<Word>,
    kind: Kind,
    operands: Vec<Arc<Word>>,
    /// Reachable from outside the graph: stored when evaluated.
    kept: bool,
}

/// The pending part of the lazy graph below some roots, in topological
/// order, with a snapshot of the ready words it reads. The snapshot is taken
/// once, so that every circuit built from the graph (one per [`Shape`])
/// reads the same inputs and no ciphertext is copied twice.
///
/// Only the pending words that something outside the graph can still reach
/// (a root, a value the program holds, a pending word not below these roots)
/// become circuit outputs and are stored: the intermediates of a long
/// program, dropped by the program as it went, are computed but never kept,
/// so memory follows what is live, not how many operations led to it.
struct Graph {
    /// Pending words, every operand before its users.
    pending: Vec<Pending>,
    /// The bits of every ready operand.
    ready: HashMap<*const Word, Vec<Source>>,
    /// The ciphertexts of the ready operands, in circuit input order.
    inputs: Vec<BoolCiphertext>,
    /// The roots that were already evaluated: nothing to compute, but their
    /// key is checked like any input's.
    ready_roots: Vec<Arc<Word>>,
}

impl Graph {
    /// The pending words below the values' roots, and a snapshot of the
    /// ready words they read.
    fn of<L: Lazy + ?Sized>(values: &L) -> Result<Self> {
        let mut roots = Roots::default();
        values.collect(&mut roots);
        let ready_roots = roots.0.iter().filter(|w| matches!(&*w.state(), State::Ready(_))).cloned().collect();
        let root_keys: HashSet<*const Word> = roots.0.iter().map(Arc::as_ptr).collect();
        let mut pending = Self::gather(roots.0);
        Self::mark_kept(&mut pending, &root_keys);
        let is_pending: HashSet<*const Word> = pending.iter().map(|p| Arc::as_ptr(&p.word)).collect();
        let mut ready = HashMap::new();
        let mut inputs = Vec::new();
        for operand in pending.iter().flat_map(|p| &p.operands) {
            let key = Arc::as_ptr(operand);
            if is_pending.contains(&key) || ready.contains_key(&key) {
                continue;
            }
            // Ready when gathered, so ready now (a word never goes back).
            let sources = operand.read_ready(|bits| {
                bits.iter()
                    .map(|bit| match bit {
                        ReadyBit::Const(v) => Source::Const(*v),
                        ReadyBit::Encrypted(ct) => {
                            inputs.push(ct.clone());
                            Source::Input(inputs.len() - 1)
                        }
                    })
                    .collect::<Vec<_>>()
            })?;
            ready.insert(key, sources);
        }
        Ok(Self { pending, ready, inputs, ready_roots })
    }

    /// `Ok` when every ciphertext the values hold or read belongs to the
    /// server key: a [`Error::KeyMismatch`] or [`Error::ParameterMismatch`]
    /// otherwise, even for values that need no evaluation.
    fn check_keys(&self, server: &ServerKey) -> Result<()> {
        self.inputs.iter().try_for_each(|ct| server.tag.check(&ct.tag))?;
        for root in &self.ready_roots {
            root.read_ready(|bits| {
                bits.iter().try_for_each(|bit| match bit {
                    ReadyBit::Encrypted(ct) => server.tag.check(&ct.tag),
                    ReadyBit::Const(_) => Ok(()),
                })
            })??;
        }
        Ok(())
    }

    /// Marks the pending words reachable from outside the graph: the roots,
    /// and every word with more references than the graph itself holds
    /// (one in `pending`, and two per operand slot that names it: the
    /// user's state and the snapshot of it). A reference taken by another
    /// thread meanwhile can only leave a word unmarked; such a word stays
    /// pending, which is still correct, only not stored.
    fn mark_kept(pending: &mut [Pending], roots: &HashSet<*const Word>) {
        let mut internal: HashMap<*const Word, usize> = pending.iter().map(|p| (Arc::as_ptr(&p.word), 1)).collect();
        for operand in pending.iter().flat_map(|p| &p.operands) {
            if let Some(count) = internal.get_mut(&Arc::as_ptr(operand)) {
                *count += 2;
            }
        }
        for p in pending {
            let key = Arc::as_ptr(&p.word);
            p.kept = roots.contains(&key) || Arc::strong_count(&p.word) > internal[&key];
        }
    }

    /// Depth-first from the roots, without recursion (a chain of dependent
    /// operations can be arbitrarily long): the pending words, every
    /// operand before its users.
    fn gather(roots: Vec<Arc<Word>>) -> Vec<Pending> {
        let mut seen: HashSet<*const Word> = HashSet::new();
        let mut pending = Vec::new();
        // (word, operands pushed?)
        let mut stack: Vec<(Arc<Word>, bool)> = roots.into_iter().map(|w| (w, false)).collect();
        while let Some((word, expanded)) = stack.pop() {
            let key = Arc::as_ptr(&word);
            if expanded {
                let state = word.state();
                if let State::Pending { kind, operands } = &*state {
                    let entry =
                        Pending { word: Arc::clone(&word), kind: *kind, operands: operands.clone(), kept: false };
                    drop(state);
                    pending.push(entry);
                }
                continue;
            }
            if !seen.insert(key) {
                continue;
            }
            let operands = match &*word.state() {
                State::Pending { operands, .. } => operands.clone(),
                State::Ready(_) => continue,
            };
            stack.push((word, true));
            stack.extend(operands.into_iter().map(|o| (o, false)));
        }
        pending
    }

    /// The circuit of every pending word, in `shape`.
    fn circuit(&self, shape: Shape) -> Result<Built> {
        let mut circuit = Circuit::new();
        let wires = circuit.bool_inputs(self.inputs.len());
        let mut bits: HashMap<*const Word, Vec<Bit>> = self
            .ready
            .iter()
            .map(|(&key, sources)| {
                let operand_bits = sources
                    .iter()
                    .map(|source| match *source {
                        Source::Const(v) => Bit::Const(v),
                        Source::Input(i) => Bit::Wire(wires[i]),
                    })
                    .collect();
                (key, operand_bits)
            })
            .collect();
        for Pending { word, kind, operands, .. } in &self.pending {
            let xs = operands
                .iter()
                .map(|operand| {
                    bits.get(&Arc::as_ptr(operand))
                        .cloned()
                        .ok_or_else(|| Error::InvalidInput("an operand was neither pending nor ready".into()))
                })
                .collect::<Result<Vec<_>>>()?;
            let out = build(&mut circuit, *kind, word.width, &xs, shape);
            bits.insert(Arc::as_ptr(word), out);
        }
        // Every wire bit of a kept word is an output, in order; the bits of
        // the other words are not needed any more.
        let mut outputs = 0;
        let mut kept_bits = HashMap::new();
        for Pending { word, .. } in self.pending.iter().filter(|p| p.kept) {
            let key = Arc::as_ptr(word);
            let word_bits = bits.remove(&key).ok_or_else(|| Error::InvalidInput("a kept word was not built".into()))?;
            for bit in &word_bits {
                if let Bit::Wire(w) = *bit {
                    circuit.output_bool(w);
                    outputs += 1;
                }
            }
            kept_bits.insert(key, word_bits);
        }
        Ok(Built { circuit, outputs, bits: kept_bits })
    }

    /// Evaluates `built` on the snapshot's inputs and makes its words ready.
    fn run(self, server: &ServerKey, built: Built) -> Result<EvaluationStats> {
        let Built { circuit, outputs, bits } = built;
        let (results, stats) = circuit.evaluate(server, &CircuitInputs::bools(self.inputs))?;
        if results.bools.len() != outputs {
            return Err(Error::InvalidInput("circuit returned a wrong number of outputs".into()));
        }
        let mut results = results.bools.into_iter();
        for Pending { word, .. } in self.pending.iter().filter(|p| p.kept) {
            let ready = bits[&Arc::as_ptr(word)]
                .iter()
                .map(|bit| match *bit {
                    Bit::Const(v) => ReadyBit::Const(v),
                    Bit::Wire(_) => ReadyBit::Encrypted(results.next().expect("one result per output")),
                })
                .collect();
            // Replacing the operation drops its operands: evaluated graphs are
            // freed. Words not kept stay pending and go with the graph.
            *word.state() = State::Ready(ready);
        }
        Ok(stats)
    }
}
