//! The facade's modules, and the GPU backend's, depend on each other one
//! way: no module imports, directly or through others, a module that
//! imports it.
//!
//! The test reads `src/**/*.rs` (and `gpu-backend/src/**/*.rs`) and checks
//! one graph per directory: under
//! `src/`, the top-level modules (`src/foo.rs` and everything under
//! `src/foo/` are module `foo`); under `src/foo/`, the submodules of `foo`
//! (`src/foo/bar.rs` and everything under `src/foo/bar/` are `foo::bar`).
//! Every graph must be acyclic; a cycle fails the test, printed with the
//! line that makes each of its edges.
//!
//! What counts as a reference:
//!
//! * Paths that start with `crate::`, `super::` or `self::` (or `$crate::`),
//!   in `use` items, group imports included, and inline in code alike.
//!   Comments, doc comments and string literals are skipped. A path is
//!   resolved against the module it is written in, inline modules included:
//!   `use super::*` in a `#[cfg(test)] mod tests` names its own file, and
//!   references inside test modules count like any other.
//! * A directory's root (`lib.rs`, or `foo/mod.rs`) declares its children and
//!   re-exports their items, so it depends on all of them. A path that names
//!   anything of the root other than a child module (`crate::ServerKey`, a
//!   re-export; `super::*`) is a reference to the root, so it closes a cycle:
//!   modules import items from the module that defines them.
//! * Only paths are seen. A method called on a value, or an `impl` block
//!   for a type of another module, counts through the `use` that names the
//!   type, if there is one. Other relative paths name child modules of the
//!   current one or other crates, so they add no edge.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A lexical token of Rust source, as far as paths need.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    Ident(String),
    PathSep,
    Punct(char),
}

/// The tokens of `source` with their byte offsets, without comments,
/// string, character and numeric literals, or lifetimes.
fn tokens(source: &str) -> Vec<(Token, usize)> {
    let chars: Vec<(usize, char)> = source.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let ident_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = at(i) {
        let offset = chars[i].0;
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == Some('/') {
            while at(i).is_some_and(|c| c != '\n') {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == Some('*') {
            let mut depth = 0;
            loop {
                match (at(i), at(i + 1)) {
                    (Some('/'), Some('*')) => (depth, i) = (depth + 1, i + 2),
                    (Some('*'), Some('/')) => (depth, i) = (depth - 1, i + 2),
                    (Some(_), _) => i += 1,
                    (None, _) => break,
                }
                if depth == 0 {
                    break;
                }
            }
        } else if c == '"' {
            i += 1;
            while let Some(c) = at(i) {
                i += if c == '\\' { 2 } else { 1 };
                if c == '"' {
                    break;
                }
            }
        } else if c == '\'' {
            if at(i + 1) == Some('\\') {
                i += 2;
                while at(i).is_some_and(|c| c != '\'') {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == Some('\'') {
                i += 3;
            } else {
                i += 1;
                while ident_char(at(i)) {
                    i += 1;
                }
            }
        } else if ident_char(Some(c)) {
            let start = i;
            while ident_char(at(i)) {
                i += 1;
            }
            let word: String = chars[start..i].iter().map(|&(_, c)| c).collect();
            let hashes = (i..).take_while(|&j| at(j) == Some('#')).count();
            if matches!(word.as_str(), "r" | "br" | "cr") && at(i + hashes) == Some('"') {
                // A raw string: ends at a quote followed by as many hashes.
                i += hashes + 1;
                while at(i).is_some() && !(at(i) == Some('"') && (1..=hashes).all(|k| at(i + k) == Some('#'))) {
                    i += 1;
                }
                i += 1 + hashes;
            } else if word == "r" && hashes == 1 && ident_char(at(i + 1)) {
                // A raw identifier, `r#name`: read on as the name.
                i += 1;
            } else if !c.is_ascii_digit() {
                out.push((Token::Ident(word), offset));
            }
        } else if c == ':' && at(i + 1) == Some(':') {
            out.push((Token::PathSep, offset));
            i += 2;
        } else {
            out.push((Token::Punct(c), offset));
            i += 1;
        }
    }
    out
}

/// A path a file names: the module it is written in resolved away, so
/// `segments` is absolute (`crate::a::b` is `["a", "b"]`).
#[derive(Debug)]
struct Reference {
    segments: Vec<String>,
    offset: usize,
}

fn is(token: Option<&(Token, usize)>, want: &Token) -> bool {
    token.is_some_and(|(t, _)| t == want)
}

fn ident(token: Option<&(Token, usize)>) -> Option<&str> {
    match token {
        Some((Token::Ident(s), _)) => Some(s),
        _ => None,
    }
}

/// Reads the use tree at `toks[i..]` below `prefix` into `out`; returns the
/// index after it.
fn use_tree(toks: &[(Token, usize)], mut i: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix;
    loop {
        match toks.get(i).map(|(t, _)| t) {
            Some(Token::Ident(s)) => {
                if s != "self" {
                    path.push(s.clone());
                }
                i += 1;
                if !is(toks.get(i), &Token::PathSep) {
                    break;
                }
                i += 1;
            }
            Some(Token::Punct('*')) => {
                path.push("*".into());
                i += 1;
                break;
            }
            Some(Token::Punct('{')) => {
                i += 1;
                while !matches!(toks.get(i), None | Some((Token::Punct('}'), _))) {
                    i = use_tree(toks, i, path.clone(), out);
                    if is(toks.get(i), &Token::Punct(',')) {
                        i += 1;
                    }
                }
                return i + 1;
            }
            _ => break,
        }
    }
    out.push(path);
    i
}

/// Every path of `source` anchored at `crate`, `super` or `self`, for a
/// file that is module `module`.
fn references(source: &str, module: &[String]) -> Vec<Reference> {
    let toks = tokens(source);
    let mut refs = Vec::new();
    // Inline modules open here, with the brace depth inside them.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i].0 {
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                depth -= 1;
                if inline.last().is_some_and(|&(_, d)| d > depth) {
                    inline.pop();
                }
            }
            Token::Ident(word) if word == "mod" => {
                if let (Some(name), true) = (ident(toks.get(i + 1)), is(toks.get(i + 2), &Token::Punct('{'))) {
                    inline.push((name.to_owned(), depth + 1));
                }
            }
            Token::Ident(anchor)
                if matches!(anchor.as_str(), "crate" | "super" | "self")
                    && is(toks.get(i + 1), &Token::PathSep)
                    && !(i > 0 && is(toks.get(i - 1), &Token::PathSep)) =>
            {
                let here: Vec<String> = module.iter().cloned().chain(inline.iter().map(|(m, _)| m.clone())).collect();
                let mut base = match anchor.as_str() {
                    "crate" => Vec::new(),
                    "self" => here,
                    _ => here[..here.len().saturating_sub(1)].to_vec(),
                };
                let mut j = i + 2;
                while ident(toks.get(j)) == Some("super") && is(toks.get(j + 1), &Token::PathSep) {
                    base.pop();
                    j += 2;
                }
                let mut paths = Vec::new();
                let next = use_tree(&toks, j, base, &mut paths);
                let offset = toks[i].1;
                refs.extend(paths.into_iter().map(|segments| Reference { segments, offset }));
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    refs
}

/// A source file and the module it is.
struct File {
    path: PathBuf,
    module: Vec<String>,
    source: String,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source directory") {
        let path = entry.expect("readable directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn load(src: &Path) -> Vec<File> {
    let mut paths = Vec::new();
    rust_files(src, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(src).expect("a file under src");
            let mut module: Vec<String> = relative.iter().map(|c| c.to_string_lossy().into_owned()).collect();
            let file = module.pop().expect("a file name");
            let stem = file.trim_end_matches(".rs");
            if !(stem == "mod" || (stem == "lib" && module.is_empty())) {
                module.push(stem.to_owned());
            }
            let source = fs::read_to_string(&path).expect("readable source file");
            File { path, module, source }
        })
        .collect()
}

/// Where an edge comes from: a file, a line and the path written there.
type Origin = String;

/// The node of a directory's root file in its graph.
const ROOT: &str = "(root)";

/// The dependency graph of the children of module `parent`, the root named
/// [`ROOT`]; each edge with its first origin.
fn graph(parent: &[String], files: &[File]) -> BTreeMap<String, BTreeMap<String, Origin>> {
    let k = parent.len();
    let children: BTreeSet<String> = files
        .iter()
        .filter(|f| f.module.len() > k && f.module.starts_with(parent))
        .map(|f| f.module[k].clone())
        .collect();
    let mut edges: BTreeMap<String, BTreeMap<String, Origin>> = BTreeMap::new();
    let root_file = files.iter().find(|f| f.module == parent).map_or("?".into(), |f| f.path.display().to_string());
    for child in &children {
        edges.entry(ROOT.into()).or_default().insert(child.clone(), format!("{root_file} declares it"));
        edges.entry(child.clone()).or_default();
    }
    for file in files.iter().filter(|f| f.module.len() > k && f.module.starts_with(parent)) {
        let from = &file.module[k];
        for r in references(&file.source, &file.module) {
            if !r.segments.starts_with(parent) {
                continue;
            }
            let to = match r.segments.get(k) {
                Some(name) if children.contains(name) => name.as_str(),
                _ => ROOT,
            };
            if to != from {
                let line = file.source[..r.offset].matches('\n').count() + 1;
                let origin = format!("{}:{line} `{}`", file.path.display(), r.segments.join("::"));
                edges.entry(from.clone()).or_default().entry(to.into()).or_insert(origin);
            }
        }
    }
    edges
}

/// The nodes in dependency order (each after what it depends on), or the
/// first cycle found.
fn order(edges: &BTreeMap<String, BTreeMap<String, Origin>>) -> Result<Vec<String>, Vec<String>> {
    fn visit<'a>(
        node: &'a str,
        edges: &'a BTreeMap<String, BTreeMap<String, Origin>>,
        done: &mut BTreeSet<&'a str>,
        stack: &mut Vec<&'a str>,
        out: &mut Vec<String>,
    ) -> Result<(), Vec<String>> {
        if let Some(at) = stack.iter().position(|&n| n == node) {
            return Err(stack[at..].iter().chain([&node]).map(|n| n.to_string()).collect());
        }
        if done.contains(node) {
            return Ok(());
        }
        stack.push(node);
        for next in edges.get(node).into_iter().flat_map(|e| e.keys()) {
            visit(next, edges, done, stack, out)?;
        }
        stack.pop();
        done.insert(node);
        out.push(node.to_owned());
        Ok(())
    }
    let (mut done, mut out) = (BTreeSet::new(), Vec::new());
    for node in edges.keys() {
        visit(node, edges, &mut done, &mut Vec::new(), &mut out)?;
    }
    Ok(out)
}

/// Checks every directory graph of the crate whose sources are under `src`;
/// panics with the first cycle, printed edge by edge.
fn check_one_way(src: &Path) {
    let files = load(src);
    let parents: BTreeSet<Vec<String>> =
        files.iter().filter(|f| !f.module.is_empty()).map(|f| f.module[..f.module.len() - 1].to_vec()).collect();
    let mut seen = 0;
    for parent in &parents {
        let edges = graph(parent, &files);
        seen += edges.iter().filter(|&(from, _)| from != ROOT).map(|(_, to)| to.len()).sum::<usize>();
        let name = if parent.is_empty() { "crate".to_owned() } else { parent.join("::") };
        match order(&edges) {
            Ok(order) => {
                println!("{name}: {}", order.iter().filter(|&n| n != ROOT).cloned().collect::<Vec<_>>().join(" < "))
            }
            Err(cycle) => {
                let steps: Vec<String> =
                    cycle.windows(2).map(|w| format!("  {} -> {}: {}", w[0], w[1], edges[&w[0]][&w[1]])).collect();
                panic!("modules of {name} form a cycle: {}\n{}", cycle.join(" -> "), steps.join("\n"));
            }
        }
    }
    assert!(seen > 0, "no reference between modules found under {}: is the scan broken?", src.display());
}

#[test]
fn facade_modules_depend_on_each_other_one_way() {
    check_one_way(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
}

/// The GPU backend's layers: options, then the code generator (no wgpu),
/// then the runtime, then the backend type in `lib.rs`.
#[test]
fn gpu_backend_modules_depend_on_each_other_one_way() {
    check_one_way(&Path::new(env!("CARGO_MANIFEST_DIR")).join("gpu-backend").join("src"));
}

/// The GPU backend's code generator and its options name no wgpu item, so
/// that every kernel text can be generated and tested without a device.
#[test]
fn gpu_code_generator_is_free_of_wgpu() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("gpu-backend").join("src");
    let files = load(&src);
    let layer: Vec<&File> =
        files.iter().filter(|f| f.module.first().is_some_and(|m| m == "codegen" || m == "options")).collect();
    assert!(layer.len() > 5, "the code generator's files were not found under {}", src.display());
    for file in layer {
        if let Some((_, offset)) = tokens(&file.source).into_iter().find(|(t, _)| *t == Token::Ident("wgpu".into())) {
            let line = file.source[..offset].matches('\n').count() + 1;
            panic!("{}:{line} names wgpu", file.path.display());
        }
    }
}

#[test]
fn paths_are_read_as_the_compiler_resolves_them() {
    let source = r##"
        //! Docs name crate::alpha, and so do /* crate::alpha */ block comments.
        use crate::{beta::B, gamma::{self, G}};
        /* crate::alpha /* nested */ crate::alpha */
        fn f<'a>(x: &'a str) -> char { let _ = "crate::alpha"; let _ = r#"crate::alpha"#; '"' }
        fn g() { $crate::delta::run(); self::local(); }
        mod tests {
            use super::*;
            use super::super::epsilon::E;
        }
        fn h() { crate::zeta::Z::<u8>::new(); }
    "##;
    let module = vec!["m".to_owned()];
    let found: Vec<String> = references(source, &module).into_iter().map(|r| r.segments.join("::")).collect();
    assert_eq!(found, ["beta::B", "gamma", "gamma::G", "delta::run", "m::local", "m::*", "epsilon::E", "zeta::Z"]);
}
