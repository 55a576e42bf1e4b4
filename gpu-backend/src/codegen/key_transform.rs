//! The key transform kernel, on either path: one workgroup per torus
//! polynomial of the raw bootstrapping key turns it into its spectrum,
//! scaled for the inverse transform, by the same transform code the CMux
//! runs, so the key's spectra are in exactly the order the CMux reads them.

use std::fmt::Write;

use super::path::{coefficient, per_polynomial_opening, register, TransformPath};

/// Appends the key transform on `path` with `per` values per invocation and lane.
pub(crate) fn key_transform<P: TransformPath>(out: &mut String, path: &P, per: usize) {
    let lanes = P::LANES;
    let _ = writeln!(
        out,
        "// One workgroup per torus polynomial of the raw bootstrapping key (2-D grid):\n\
         // its spectrum times {} (the inverse transform's scale), in the order the CMux reads it.",
        P::SCALE_NOTE
    );
    per_polynomial_opening(out, "key_transform", "poly", "raw_key");
    let _ = writeln!(out, "    var v: array<{}, {}>;", P::VALUE, lanes * per);
    for i in 0..per {
        let load = path.load("raw_key", "poly * N", &|l| register(lanes, per, 0, l, i));
        let _ = writeln!(out, "    {{ let x = {}; {load} }}", coefficient(i));
    }
    let _ = writeln!(out, "    forward_{lanes}(lid, &v);");
    for l in 0..lanes {
        for i in 0..per {
            let _ = writeln!(out, "    {}", path.key_store(l, i, register(lanes, per, 0, l, i)));
        }
    }
    out.push_str("}\n\n");
}
