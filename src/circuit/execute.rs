//! Evaluation: every level of a circuit, in every instance, as one backend call.

use std::time::{Duration, Instant};

use umbra_fhe_core::backend::Luts;
use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::{Error, Result};

use super::builder::Circuit;
use super::node::Node;
use crate::ciphertext::{BoolCiphertext, IntCiphertext};
use crate::encoding::{self, Amplitude, MessageSpace};
use crate::integer::IntLookupTable;
use crate::noise_bound::{NoiseBound, NoiseModel};
use crate::server_key::ServerKey;

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
    /// Read for the last time and dropped: a long circuit holds only the
    /// ciphertexts that later nodes or the outputs still need.
    Released,
}

/// How many reads of each node's value are still to come in one instance:
/// one per operand slot of a live node; outputs are never released.
struct Reads {
    left: Vec<usize>,
    output: Vec<bool>,
}

impl Reads {
    fn new(circuit: &Circuit, by_level: &[Vec<usize>]) -> Self {
        let mut left = vec![0; circuit.nodes.len()];
        for &n in by_level.iter().flatten() {
            for o in circuit.nodes[n].operands() {
                left[o] += 1;
            }
        }
        let mut output = vec![false; circuit.nodes.len()];
        for &n in circuit.bool_outputs.iter().chain(&circuit.int_outputs) {
            output[n] = true;
        }
        Self { left, output }
    }

    /// Counts the reads of node `n`'s operands, releasing each operand
    /// value that nothing reads any more.
    fn done(&mut self, circuit: &Circuit, n: usize, vals: &mut [Value]) {
        for o in circuit.nodes[n].operands() {
            self.left[o] -= 1;
            if self.left[o] == 0 && !self.output[o] {
                vals[o] = Value::Released;
            }
        }
    }
}

/// Index of an amplitude's sign table in an evaluation's tables: the
/// narrow and wide sign tables come first, then the integer tables
/// ([`int_table_index`]).
fn sign_table_index(amplitude: Amplitude) -> usize {
    match amplitude {
        Amplitude::Narrow => 0,
        Amplitude::Wide => 1,
    }
}

/// Index of the circuit's integer table `t` in an evaluation's tables.
fn int_table_index(t: usize) -> usize {
    2 + t
}

impl Circuit {
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
        let bounds =
            instances.iter().map(|inst| self.bounds(&server.params, &tables, inst)).collect::<Result<Vec<_>>>()?;
        // In the order of `sign_table_index` and `int_table_index`.
        let mut all_tables = [Amplitude::Narrow, Amplitude::Wide]
            .map(|amplitude| amplitude.sign_table(server.params.polynomial_size))
            .to_vec();
        all_tables.extend(tables.iter().map(|t| t.table.clone()));
        let by_level = self.live_nodes_by_level();
        let depth = by_level.len() - 1;
        let total_bootstraps =
            by_level.iter().flatten().map(|&n| self.nodes[n].bootstraps()).sum::<usize>() * instances.len();
        let _span =
            tracing::info_span!("circuit", instances = instances.len(), levels = depth, bootstraps = total_bootstraps)
                .entered();
        let mut values = vec![vec![Value::Pending; self.nodes.len()]; instances.len()];
        let mut reads: Vec<Reads> = instances.iter().map(|_| Reads::new(self, &by_level)).collect();
        let mut batch_sizes = Vec::new();

        for (level, at_level) in by_level.iter().enumerate() {
            // Bootstrapped nodes first, all instances in one batch.
            let mut combined = Vec::new();
            let mut selection = Vec::new();
            for (vals, reads) in values.iter_mut().zip(&mut reads) {
                for &n in at_level {
                    if self.nodes[n].bootstraps() > 0 {
                        self.linear_inputs(n, vals, &mut combined, &mut selection)?;
                        reads.done(self, n, vals);
                    }
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
            for ((inst, vals), reads) in instances.iter().zip(values.iter_mut()).zip(&mut reads) {
                for &n in at_level {
                    if self.nodes[n].bootstraps() == 0 {
                        vals[n] = Value::Ready(self.free_value(server, n, inst, vals)?);
                        reads.done(self, n, vals);
                    }
                }
            }
        }

        let outputs = values
            .iter()
            .zip(&bounds)
            .map(|(vals, (degrees, noise))| -> Result<CircuitOutputs> {
                let get = |n: usize| Self::ready(vals, n).cloned();
                Ok(CircuitOutputs {
                    bools: self
                        .bool_outputs
                        .iter()
                        .map(|&n| get(n).map(|lwe| BoolCiphertext { lwe, tag: server.tag }))
                        .collect::<Result<_>>()?,
                    ints: self
                        .int_outputs
                        .iter()
                        .map(|&n| get(n).map(|lwe| server.int(lwe, degrees[n], noise[n])))
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

    /// The degree (0 for boolean nodes) and the noise bound of every node of
    /// one instance, by the rules of [`crate::integer`] and
    /// [`crate::noise_bound`]: an out-of-range integer, an integer whose
    /// noise is beyond the set's target, a combination that would be
    /// bootstrapped with too much noise, or a boolean output noisier than a
    /// boolean ciphertext may be, is an error before anything is bootstrapped.
    pub(crate) fn bounds(
        &self,
        params: &Parameters,
        tables: &[IntLookupTable],
        inst: &CircuitInputs,
    ) -> Result<(Vec<u64>, Vec<NoiseBound>)> {
        let space = MessageSpace::of(params);
        let (ints, bools) = (NoiseModel::integers(params), NoiseModel::booleans(params));
        let mut degrees: Vec<u64> = Vec::with_capacity(self.nodes.len());
        let mut noise: Vec<NoiseBound> = Vec::with_capacity(self.nodes.len());
        for node in &self.nodes {
            let d = |i: usize| degrees[i];
            let e = |i: usize| noise[i];
            let sum = |terms: &[(usize, i64)]| NoiseBound::weighted_sum(terms.iter().map(|&(i, w)| (noise[i], w)));
            let bootstrapped = |combination: NoiseBound| bools.check(combination).map(|_| NoiseBound::BOOTSTRAPPED);
            let (degree, bound) = match *node {
                Node::IntInput(i) => (inst.ints[i].degree, inst.ints[i].noise),
                Node::IntConst(c) => (space.constant(c)?, NoiseBound::NONE),
                Node::Lut(t, a) => (tables[t].output_degree(space.in_range(d(a))?), NoiseBound::BOOTSTRAPPED),
                Node::Add(a, b) => (space.add(d(a), d(b))?, ints.check(e(a).plus(e(b)))?),
                Node::WrappingAdd(a, b) => (space.wrapping_add(d(a), d(b)), ints.check(e(a).plus(e(b)))?),
                Node::WrappingSub(a, b) => (space.wrapping_sub(d(a), d(b)), ints.check(e(a).minus(e(b)))?),
                Node::ScalarMul(a, c) => (space.scalar_mul(d(a), c)?, ints.check(e(a).times(c as i64))?),
                Node::ScalarAdd(a, c) => (space.scalar_add(d(a), c)?, e(a)),
                Node::BoolInput(_) => (0, NoiseBound::BOOLEAN_CIPHERTEXT),
                Node::BoolConst(_) => (0, NoiseBound::NONE),
                Node::Not(a) => (0, e(a).times(-1)),
                Node::DisjointOr(a, b) | Node::PhaseSum(a, b) => (0, e(a).plus(e(b))),
                Node::Gate(gate, a, b) => {
                    let [wa, wb] = gate.noise_weights();
                    (0, bootstrapped(sum(&[(a, wa), (b, wb)]))?)
                }
                Node::Mux(c, a, b) => {
                    // `c ∧ a` and `¬c ∧ b`, each bootstrapped, summed.
                    bootstrapped(sum(&[(c, 1), (a, 1)]))?;
                    bootstrapped(sum(&[(c, -1), (b, 1)]))?;
                    (0, NoiseBound::BOOTSTRAPPED.plus(NoiseBound::BOOTSTRAPPED))
                }
                Node::Combine3(f, a, b, c) => {
                    let [wa, wb, wc] = f.noise_weights();
                    (0, bootstrapped(sum(&[(a, wa), (b, wb), (c, wc)]))?)
                }
                Node::Count(f, ref inputs) => {
                    let w = f.noise_weight();
                    (0, bootstrapped(NoiseBound::weighted_sum(inputs.iter().map(|&i| (noise[i], w))))?)
                }
            };
            degrees.push(degree);
            noise.push(bound);
        }
        for &n in &self.bool_outputs {
            if bools.variance(noise[n]) > bools.variance(NoiseBound::BOOLEAN_CIPHERTEXT) {
                return Err(Error::NoiseOverflow {
                    predicted_log2: bools.failure_log2(noise[n]).ceil() as i32,
                    target_log2: bools.failure_log2(NoiseBound::BOOLEAN_CIPHERTEXT).floor() as i32,
                });
            }
        }
        Ok((degrees, noise))
    }

    fn ready(vals: &[Value], n: usize) -> Result<&LweCiphertext> {
        match &vals[n] {
            Value::Ready(lwe) => Ok(lwe),
            Value::Pending => Err(Error::InvalidInput(format!("circuit node {n} used before it was evaluated"))),
            Value::Released => Err(Error::InvalidInput(format!("circuit node {n} used after its last counted read"))),
        }
    }

    /// Pushes the pre-bootstrap combinations of node `n` (none for free nodes)
    /// with the index of the table each is bootstrapped with.
    fn linear_inputs(
        &self,
        n: usize,
        vals: &[Value],
        combined: &mut Vec<LweCiphertext>,
        selection: &mut Vec<usize>,
    ) -> Result<()> {
        let get = |i: usize| Self::ready(vals, i);
        let narrow = sign_table_index(Amplitude::Narrow);
        match self.nodes[n] {
            Node::Gate(gate, a, b) => {
                combined.push(gate.linear(get(a)?, get(b)?)?);
                selection.push(narrow);
            }
            Node::Mux(c, a, b) => {
                combined.extend(encoding::mux_halves(get(c)?, get(a)?, get(b)?)?);
                selection.extend([narrow, narrow]);
            }
            Node::Lut(t, a) => {
                combined.push(get(a)?.clone());
                selection.push(int_table_index(t));
            }
            Node::Combine3(f, a, b, c) => {
                combined.push(f.linear([get(a)?, get(b)?, get(c)?])?);
                selection.push(sign_table_index(f.output()));
            }
            Node::Count(f, ref inputs) => {
                let inputs = inputs.iter().map(|&i| get(i)).collect::<Result<Vec<_>>>()?;
                combined.push(f.linear(&inputs)?);
                selection.push(narrow);
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
                let (u, v) = (next()?, next()?);
                vals[n] = Value::Ready(encoding::disjoint_or(&u, &v)?);
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
            Node::DisjointOr(a, b) => encoding::disjoint_or(Self::ready(vals, a)?, Self::ready(vals, b)?)?,
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
