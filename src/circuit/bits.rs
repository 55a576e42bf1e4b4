//! Boolean values that may be public constants, and gates that fold them.
//!
//! Word circuits (adders with a carry-in, products by a constant, shifts)
//! meet many bits whose value is known when the circuit is built. Folding
//! them away here (`x ∧ 1 = x`, `maj(x, y, 0) = x ∧ y`, …) means such bits
//! cost no bootstrap, and no word circuit needs a special case for them.

use super::builder::{BoolWire, Circuit};
use super::node::Node;
use crate::encoding::Amplitude;

/// A bit of a word inside a circuit: a public constant or a wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bit {
    Const(bool),
    Wire(BoolWire),
}

impl Bit {
    pub(crate) const ZERO: Bit = Bit::Const(false);
    pub(crate) const ONE: Bit = Bit::Const(true);
}

/// A bit encoded at twice the amplitude ([`Amplitude::Wide`]): only ever
/// the XOR-ed operand of [`Circuit::bit_and_xor`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WideBit {
    Const(bool),
    Wire(BoolWire),
}

impl WideBit {
    /// The wide value a `Bit` carries when it came from a wide output.
    fn carried(bit: Bit) -> Self {
        match bit {
            Bit::Const(v) => WideBit::Const(v),
            Bit::Wire(w) => WideBit::Wire(w),
        }
    }
}

impl Circuit {
    /// A constant bit as a wire (for outputs, which must be wires).
    pub(crate) fn bit_wire(&mut self, x: Bit) -> BoolWire {
        match x {
            Bit::Const(v) => self.bool_constant(v),
            Bit::Wire(w) => w,
        }
    }

    pub(crate) fn bit_not(&mut self, x: Bit) -> Bit {
        match x {
            Bit::Const(v) => Bit::Const(!v),
            Bit::Wire(w) => Bit::Wire(self.not(w)),
        }
    }

    pub(crate) fn bit_and(&mut self, x: Bit, y: Bit) -> Bit {
        match (x, y) {
            (Bit::Const(false), _) | (_, Bit::Const(false)) => Bit::ZERO,
            (Bit::Const(true), z) | (z, Bit::Const(true)) => z,
            (Bit::Wire(a), Bit::Wire(b)) => Bit::Wire(self.and(a, b)),
        }
    }

    pub(crate) fn bit_or(&mut self, x: Bit, y: Bit) -> Bit {
        match (x, y) {
            (Bit::Const(true), _) | (_, Bit::Const(true)) => Bit::ONE,
            (Bit::Const(false), z) | (z, Bit::Const(false)) => z,
            (Bit::Wire(a), Bit::Wire(b)) => Bit::Wire(self.or(a, b)),
        }
    }

    pub(crate) fn bit_xor(&mut self, x: Bit, y: Bit) -> Bit {
        match (x, y) {
            (Bit::Const(v), z) | (z, Bit::Const(v)) => {
                if v {
                    self.bit_not(z)
                } else {
                    z
                }
            }
            (Bit::Wire(a), Bit::Wire(b)) => Bit::Wire(self.xor(a, b)),
        }
    }

    pub(crate) fn bit_xnor(&mut self, x: Bit, y: Bit) -> Bit {
        let z = self.bit_xor(x, y);
        self.bit_not(z)
    }

    /// `maj(x, y, z)`: the carry of a full adder.
    pub(crate) fn bit_majority(&mut self, x: Bit, y: Bit, z: Bit) -> Bit {
        match (x, y, z) {
            (Bit::Const(v), a, b) | (a, Bit::Const(v), b) | (a, b, Bit::Const(v)) => {
                if v {
                    self.bit_or(a, b)
                } else {
                    self.bit_and(a, b)
                }
            }
            (Bit::Wire(a), Bit::Wire(b), Bit::Wire(c)) => Bit::Wire(self.majority(a, b, c)),
        }
    }

    /// `x ⊕ y ⊕ z`: the sum of a full adder.
    pub(crate) fn bit_xor3(&mut self, x: Bit, y: Bit, z: Bit) -> Bit {
        match (x, y, z) {
            (Bit::Const(v), a, b) | (a, Bit::Const(v), b) | (a, b, Bit::Const(v)) => {
                let s = self.bit_xor(a, b);
                self.bit_xor(s, Bit::Const(v))
            }
            (Bit::Wire(a), Bit::Wire(b), Bit::Wire(c)) => Bit::Wire(self.xor3(a, b, c)),
        }
    }

    /// `g ∨ (p ∧ c)` for `g`, `p` never both true.
    pub(crate) fn bit_carry(&mut self, g: Bit, p: Bit, c: Bit) -> Bit {
        match (g, p, c) {
            (Bit::Const(true), _, _) => Bit::ONE,
            (Bit::Const(false), p, c) => self.bit_and(p, c),
            // p = 1 excludes g = 1.
            (_, Bit::Const(true), c) => c,
            (g, Bit::Const(false), _) => g,
            (g, _, Bit::Const(false)) => g,
            // g and p exclude each other, so g ∨ p is their disjoint union;
            // a gate (not the free disjoint OR) keeps the noise of one bootstrap.
            (g, p, Bit::Const(true)) => self.bit_or(g, p),
            (Bit::Wire(g), Bit::Wire(p), Bit::Wire(c)) => Bit::Wire(self.carry(g, p, c)),
        }
    }

    /// The wires among `bits` and how many of the constants are true.
    fn wires_and_ones(bits: &[Bit]) -> (Vec<BoolWire>, usize) {
        let wires = bits.iter().filter_map(|b| if let Bit::Wire(w) = b { Some(*w) } else { None }).collect();
        (wires, bits.iter().filter(|&&b| b == Bit::ONE).count())
    }

    /// `⊕ bits` for up to six bits.
    pub(crate) fn bit_parity(&mut self, bits: &[Bit]) -> Bit {
        let (wires, ones) = Self::wires_and_ones(bits);
        let parity = match *wires.as_slice() {
            [] => Bit::ZERO,
            [x] => Bit::Wire(x),
            [x, y] => Bit::Wire(self.xor(x, y)),
            [x, y, z] => Bit::Wire(self.xor3(x, y, z)),
            _ => Bit::Wire(self.parity(&wires)),
        };
        self.bit_xor(parity, Bit::Const(ones % 2 == 1))
    }

    /// Bit 1 (weight 2) of the number of true bits among up to six.
    pub(crate) fn bit_count_twos(&mut self, bits: &[Bit]) -> Bit {
        let (mut wires, ones) = Self::wires_and_ones(bits);
        match (wires.len(), ones) {
            (0, c) => Bit::Const(c & 2 != 0),
            // bit 1 of x + c, x ∈ {0, 1}.
            (1, c) => match c % 4 {
                0 => Bit::ZERO,
                1 => Bit::Wire(wires[0]),
                2 => Bit::ONE,
                _ => Bit::Wire(self.not(wires[0])),
            },
            (2, 0) => Bit::Wire(self.and(wires[0], wires[1])),
            (3, 0) => Bit::Wire(self.majority(wires[0], wires[1], wires[2])),
            (_, c) => {
                // Constants enter as noiseless inputs.
                let one = self.bool_constant(true);
                wires.extend(std::iter::repeat_n(one, c));
                Bit::Wire(self.count_twos(&wires))
            }
        }
    }

    /// A wide bit as a wire: a constant is the sum of two narrow ones.
    pub(crate) fn wide_wire(&mut self, x: WideBit) -> BoolWire {
        match x {
            WideBit::Wire(w) => w,
            WideBit::Const(v) => {
                let k = self.bool_constant(v);
                self.phase_sum(k, k)
            }
        }
    }

    /// `x` encoded wide (one bootstrap for a wire).
    pub(crate) fn bit_widen(&mut self, x: Bit) -> WideBit {
        WideBit::carried(self.and_xor_wire(Bit::ONE, x, WideBit::Const(false), Amplitude::Wide))
    }

    /// `(x ∧ y) ⊕ z`, narrow.
    pub(crate) fn bit_and_xor(&mut self, x: Bit, y: Bit, z: WideBit) -> Bit {
        self.and_xor_wire(x, y, z, Amplitude::Narrow)
    }

    /// `(x ∧ y) ⊕ z`, wide.
    pub(crate) fn bit_and_xor_wide(&mut self, x: Bit, y: Bit, z: WideBit) -> WideBit {
        WideBit::carried(self.and_xor_wire(x, y, z, Amplitude::Wide))
    }

    /// `(x ∧ y) ⊕ z` at amplitude `out`, a wire result encoded at `out`
    /// (the `Bit` is only a carrier here: a wide wire is no narrow bit).
    /// At most one bootstrap; none when the result is a constant, or `z` or
    /// its negation in `z`'s own encoding.
    fn and_xor_wire(&mut self, x: Bit, y: Bit, z: WideBit, out: Amplitude) -> Bit {
        let product = match (x, y) {
            (Bit::Const(false), _) | (_, Bit::Const(false)) => Some(false),
            (Bit::Const(true), Bit::Const(true)) => Some(true),
            _ => None,
        };
        match (product, z) {
            (Some(p), WideBit::Const(v)) => return Bit::Const(p ^ v),
            (Some(false), WideBit::Wire(w)) if out == Amplitude::Wide => return Bit::Wire(w),
            (Some(true), WideBit::Wire(w)) if out == Amplitude::Wide => return Bit::Wire(self.not(w)),
            (None, WideBit::Const(v)) if out == Amplitude::Narrow => {
                let product = self.bit_and(x, y);
                return self.bit_xor(product, Bit::Const(v));
            }
            _ => {}
        }
        // A known product enters as constants, so only `z` brings noise.
        let (x, y) = match product {
            Some(p) => (Bit::Const(p), Bit::Const(p)),
            None => (x, y),
        };
        let (x, y) = (self.bit_wire(x), self.bit_wire(y));
        let (z, z_amplitude) = match z {
            // A constant has no noise: weight 2 on its narrow encoding costs nothing.
            WideBit::Const(v) => (self.bool_constant(v), Amplitude::Narrow),
            WideBit::Wire(w) => (w, Amplitude::Wide),
        };
        Bit::Wire(self.and_xor(x, y, z, z_amplitude, out))
    }

    /// `[high ≠ mid = low]`: the Booth digit `−2·high + mid + low` is ±2.
    pub(crate) fn bit_booth_two(&mut self, high: Bit, mid: Bit, low: Bit) -> Bit {
        let wires = [high, mid, low].iter().filter(|b| matches!(b, Bit::Wire(_))).count();
        if wires <= 1 {
            // At most one wire: the folded gates cost at most one bootstrap too.
            let differs = self.bit_xor(high, mid);
            let same = self.bit_xnor(mid, low);
            return self.bit_and(differs, same);
        }
        let [h, m, l] = [high, mid, low].map(|x| self.bit_wire(x));
        Bit::Wire(self.booth_two(h, m, l))
    }

    /// `c ? x : y`.
    pub(crate) fn bit_mux(&mut self, c: Bit, x: Bit, y: Bit) -> Bit {
        match (c, x, y) {
            (Bit::Const(v), x, y) => {
                if v {
                    x
                } else {
                    y
                }
            }
            (_, x, y) if x == y => x,
            (c, Bit::Const(true), y) => self.bit_or(c, y),
            (c, Bit::Const(false), y) => {
                let not_c = self.bit_not(c);
                self.bit_and(not_c, y)
            }
            (c, x, Bit::Const(false)) => self.bit_and(c, x),
            (c, x, Bit::Const(true)) => {
                let not_c = self.bit_not(c);
                self.bit_or(not_c, x)
            }
            (Bit::Wire(c), Bit::Wire(x), Bit::Wire(y)) => Bit::Wire(self.mux(c, x, y)),
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every folding rule against the truth table: wires are evaluated by
    /// substituting each combination of values, through a tiny interpreter
    /// of the nodes the folding produced.
    #[test]
    fn folding_agrees_with_the_truth_tables() {
        type Build = fn(&mut Circuit, Bit, Bit, Bit) -> Bit;
        type Truth = fn(bool, bool, bool) -> bool;
        let cases: [(&str, Build, Truth); 10] = [
            ("and", |c, x, y, _| c.bit_and(x, y), |x, y, _| x && y),
            (
                "and-xor",
                |c, x, y, z| {
                    let z = c.bit_widen(z);
                    c.bit_and_xor(x, y, z)
                },
                |x, y, z| (x && y) ^ z,
            ),
            // The wide result read back through a narrow `(0 ∧ 0) ⊕ w`.
            (
                "and-xor wide",
                |c, x, y, z| {
                    let z = c.bit_widen(z);
                    let w = c.bit_and_xor_wide(x, y, z);
                    c.bit_and_xor(Bit::ZERO, Bit::ZERO, w)
                },
                |x, y, z| (x && y) ^ z,
            ),
            ("booth two", |c, h, m, l| c.bit_booth_two(h, m, l), |h, m, l| h != m && m == l),
            ("or", |c, x, y, _| c.bit_or(x, y), |x, y, _| x || y),
            ("xor", |c, x, y, _| c.bit_xor(x, y), |x, y, _| x ^ y),
            ("majority", |c, x, y, z| c.bit_majority(x, y, z), |x, y, z| (x as u8 + y as u8 + z as u8) >= 2),
            ("xor3", |c, x, y, z| c.bit_xor3(x, y, z), |x, y, z| x ^ y ^ z),
            ("carry", |c, g, p, z| c.bit_carry(g, p, z), |g, p, z| g || (p && z)),
            ("mux", |c, s, x, y| c.bit_mux(s, x, y), |s, x, y| if s { x } else { y }),
        ];
        for (name, build, truth) in cases {
            // Each operand is a constant 0, a constant 1 or an input wire.
            for kinds in 0..27u32 {
                let kind = |i: u32| kinds / 3u32.pow(i) % 3;
                let mut c = Circuit::new();
                let inputs: Vec<_> = (0..3).map(|_| c.bool_input()).collect();
                let operand = |i: usize| match kind(i as u32) {
                    0 => Bit::ZERO,
                    1 => Bit::ONE,
                    _ => Bit::Wire(inputs[i]),
                };
                let out = build(&mut c, operand(0), operand(1), operand(2));
                for values in 0..8u32 {
                    let v = |i: usize| if kind(i as u32) == 2 { values >> i & 1 == 1 } else { kind(i as u32) == 1 };
                    if name == "carry" && v(0) && v(1) {
                        continue; // excluded input
                    }
                    let want = truth(v(0), v(1), v(2));
                    let got = match out {
                        Bit::Const(b) => b,
                        Bit::Wire(w) => c.interpret(&[values & 1 == 1, values & 2 == 2, values & 4 == 4])[w.node],
                    };
                    assert_eq!(got, want, "{name}, operand kinds {kinds}, values {values:03b}");
                }
            }
        }
    }
}
