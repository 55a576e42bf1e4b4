//! The batched negacyclic product kernel, on either path: one workgroup
//! per pair of polynomials, the two operands the two slots of one
//! transform, so that its multipliers serve both.

use std::fmt::Write;

use super::path::{coefficient, per_polynomial_opening, register, TransformPath};

/// Appends `poly_mul` on `path` with `per` values per invocation and lane.
pub(crate) fn poly_mul<P: TransformPath>(out: &mut String, path: &P, per: usize) {
    let lanes = P::LANES;
    let reg = |t: usize, i: usize| move |l: usize| register(lanes, per, t, l, i);
    out.push_str(
        "// Batched negacyclic product: one workgroup per pair, pm_out = pm_torus · pm_integer
// (both read as i32), 2-D grid as key_transform. The two operands are the two
// slots of one transform, so its multipliers serve both.
",
    );
    per_polynomial_opening(out, "poly_mul", "pair", "pm_torus");
    out.push_str("    let base = pair * N;\n");
    let _ = writeln!(out, "    var v: array<{}, {}>;", P::VALUE, 2 * lanes * per);
    for i in 0..per {
        let torus = path.load("pm_torus", "base", &reg(0, i));
        let integer = path.load("pm_integer", "base", &reg(1, i));
        let _ = writeln!(out, "    {{ let x = {}; {torus} {integer} }}", coefficient(i));
    }
    let _ = writeln!(out, "    forward_{}(lid, &v);", 2 * lanes);
    let _ = writeln!(out, "    var a: array<{}, {}>;", P::VALUE, lanes * per);
    for l in 0..lanes {
        for i in 0..per {
            let (a, b) = (reg(0, i)(l), reg(1, i)(l));
            let _ = writeln!(out, "    a[{a}] = {};", path.scaled_product(l, &format!("v[{a}]"), &format!("v[{b}]")));
        }
    }
    let _ = writeln!(out, "    inverse_{lanes}(lid, &a);");
    for i in 0..per {
        let store = path.store("pm_out", "base", "a", &reg(0, i), false);
        let _ = writeln!(out, "    {{ let x = {}; {store} }}", coefficient(i));
    }
    out.push_str("}\n\n");
}
