//! Every buffer a kernel binds, each a named constant: the generated
//! modules declare them from here (their `@group`/`@binding` lines), and the
//! runtime builds its bind-group layouts and binds its buffers by the same
//! constants, so shader and host cannot disagree on a number.
//!
//! One numbering serves every module: a buffer has the same binding in the
//! transform, `pbs` and `poly_mul` modules. Group 0 holds a dispatch's data,
//! group 1 the window of the prepared key a CMux dispatch reads.

use std::fmt::Write;

/// How a kernel reaches a binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    /// A read-only storage buffer.
    Read,
    /// A read-write storage buffer.
    ReadWrite,
    /// A uniform buffer.
    Uniform,
}

/// What a binding's array holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Element {
    /// `u32` words.
    Word,
    /// Pairs of the path's scalar (`vec2<f64>`: a complex value on `f64`;
    /// `vec2<u32>`: a value and its Shoup companion on `u32`).
    Pair,
    /// The CMux window (`Window`), not an array.
    Window,
}

/// One binding of a module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Binding {
    /// The variable's name in WGSL.
    pub name: &'static str,
    /// Bind group.
    pub group: u32,
    /// Binding number within the group.
    pub binding: u32,
    /// Read, read-write or uniform.
    pub access: Access,
    /// What it holds.
    pub element: Element,
}

const fn storage(name: &'static str, binding: u32, access: Access, element: Element) -> Binding {
    Binding { name, group: 0, binding, access, element }
}

/// The transform's stage multipliers (`register_fft.rs`), where it has more
/// than one stage.
pub(crate) const TWIDDLES: Binding = storage("twiddles", 0, Access::Read, Element::Pair);
/// `[ciphertext][LWE_DIM + 1]`: the bootstrap's input LWE ciphertexts.
pub(crate) const INPUTS: Binding = storage("inputs", 1, Access::Read, Element::Word);
/// `[ciphertext][K + 1][N]`: the GLWE accumulators, body last.
pub(crate) const ACCUMULATORS: Binding = storage("acc", 2, Access::ReadWrite, Element::Word);
/// `[table][N]`: the lookup tables (test polynomials).
pub(crate) const LUTS: Binding = storage("luts", 3, Access::Read, Element::Word);
/// `[ciphertext]`: the index of each ciphertext's table in [`LUTS`].
pub(crate) const SELECTION: Binding = storage("selection", 4, Access::Read, Element::Word);
/// `[extracted index][level][LWE_DIM + 1]`: the keyswitching key.
pub(crate) const KEYSWITCH_KEY: Binding = storage("ksk", 5, Access::Read, Element::Word);
/// `[ciphertext][LWE_DIM + 1]`: the keyswitched outputs.
pub(crate) const OUTPUTS: Binding = storage("outputs", 6, Access::ReadWrite, Element::Word);
/// `[polynomial][N]`: a window of the bootstrapping key as generated.
pub(crate) const RAW_KEY: Binding = storage("raw_key", 7, Access::Read, Element::Word);
/// The spectra of [`RAW_KEY`], in the order the CMux reads them.
pub(crate) const KEY_SPECTRA: Binding = storage("key_out", 8, Access::ReadWrite, Element::Pair);
/// `[pair][N]`: `poly_mul`'s torus operands.
pub(crate) const PRODUCT_TORUS: Binding = storage("pm_torus", 9, Access::Read, Element::Word);
/// `[pair][N]`: `poly_mul`'s integer operands (`i32` bit patterns).
pub(crate) const PRODUCT_INTEGER: Binding = storage("pm_integer", 10, Access::Read, Element::Word);
/// `[pair][N]`: `poly_mul`'s products.
pub(crate) const PRODUCT_OUT: Binding = storage("pm_out", 11, Access::ReadWrite, Element::Word);
/// The prepared key's window of GGSW spectra a CMux dispatch reads.
pub(crate) const KEY: Binding =
    Binding { name: "key", group: 1, binding: 0, access: Access::Read, element: Element::Pair };
/// The window's first GGSW and count.
pub(crate) const WINDOW: Binding =
    Binding { name: "window", group: 1, binding: 1, access: Access::Uniform, element: Element::Window };

/// What each entry point binds, group by group; [`TWIDDLES`] only where the
/// transform has a table.
pub(crate) const KEY_TRANSFORM: &[&[Binding]] = &[&[TWIDDLES, RAW_KEY, KEY_SPECTRA]];
/// The CMux's bindings: the chunk's data, then the key window.
pub(crate) const CMUX: &[&[Binding]] = &[&[TWIDDLES, INPUTS, ACCUMULATORS], &[KEY, WINDOW]];
/// The accumulator initialisation's bindings.
pub(crate) const INIT: &[&[Binding]] = &[&[INPUTS, LUTS, SELECTION, ACCUMULATORS]];
/// The extraction + keyswitch's bindings.
pub(crate) const KEYSWITCH: &[&[Binding]] = &[&[ACCUMULATORS, KEYSWITCH_KEY, OUTPUTS]];
/// The batched product's bindings.
pub(crate) const POLY_MUL: &[&[Binding]] = &[&[TWIDDLES, PRODUCT_TORUS, PRODUCT_INTEGER, PRODUCT_OUT]];

/// The module-scope declarations of every binding the entry points
/// `entries` use (each once, in group and binding order), `pair` the WGSL
/// type of [`Element::Pair`].
pub(crate) fn declarations(entries: &[&[&[Binding]]], pair: &str) -> String {
    let mut all: Vec<Binding> =
        entries.iter().flat_map(|groups| groups.iter().flat_map(|g| g.iter().copied())).collect();
    all.sort_by_key(|b| (b.group, b.binding));
    all.dedup();
    let mut out = String::new();
    if all.iter().any(|b| b.element == Element::Window) {
        out.push_str("struct Window {\n    first: u32,\n    count: u32,\n    pad0: u32,\n    pad1: u32,\n}\n\n");
    }
    for b in all {
        let space = match b.access {
            Access::Read => "storage, read",
            Access::ReadWrite => "storage, read_write",
            Access::Uniform => "uniform",
        };
        let ty = match b.element {
            Element::Word => "array<u32>".to_owned(),
            Element::Pair => format!("array<{pair}>"),
            Element::Window => "Window".to_owned(),
        };
        let _ = writeln!(out, "@group({}) @binding({}) var<{space}> {}: {ty};", b.group, b.binding, b.name);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Binding; 14] = [
        TWIDDLES,
        INPUTS,
        ACCUMULATORS,
        LUTS,
        SELECTION,
        KEYSWITCH_KEY,
        OUTPUTS,
        RAW_KEY,
        KEY_SPECTRA,
        PRODUCT_TORUS,
        PRODUCT_INTEGER,
        PRODUCT_OUT,
        KEY,
        WINDOW,
    ];

    #[test]
    fn every_binding_has_its_own_number_and_name() {
        for (i, a) in ALL.iter().enumerate() {
            for b in &ALL[i + 1..] {
                assert_ne!((a.group, a.binding), (b.group, b.binding), "{} and {}", a.name, b.name);
                assert_ne!(a.name, b.name);
            }
        }
    }

    #[test]
    fn declarations_name_each_binding_once_in_order() {
        let text = declarations(&[CMUX, KEY_TRANSFORM], "vec2<f64>");
        let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("@group")).collect();
        assert_eq!(
            lines,
            [
                "@group(0) @binding(0) var<storage, read> twiddles: array<vec2<f64>>;",
                "@group(0) @binding(1) var<storage, read> inputs: array<u32>;",
                "@group(0) @binding(2) var<storage, read_write> acc: array<u32>;",
                "@group(0) @binding(7) var<storage, read> raw_key: array<u32>;",
                "@group(0) @binding(8) var<storage, read_write> key_out: array<vec2<f64>>;",
                "@group(1) @binding(0) var<storage, read> key: array<vec2<f64>>;",
                "@group(1) @binding(1) var<uniform> window: Window;",
            ]
        );
        assert!(text.contains("struct Window {"));
        assert!(!declarations(&[INIT, KEYSWITCH], "vec2<u32>").contains("Window"));
    }
}
