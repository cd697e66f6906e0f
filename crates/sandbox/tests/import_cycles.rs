//! No two source files of a crate import each other, directly or around a circle (issue 19):
//! parses the `use crate::…` / `super::…` paths (and inline `crate::`/`super::` paths) of every
//! workspace crate's `src`, builds the file graph and looks for cycles (strongly connected
//! components of more than one file).
//!
//! The crate root (`lib.rs` / `main.rs`) is left out of the graph: it declares the modules and
//! re-exports their items, so counting it would put every file on a circle. `#[cfg(test)]` code
//! (test modules at the end of a file) is left out too.
//!
//! Every crate is checked and its cycles are printed (`cargo test -p customer-sandbox --test
//! import_cycles -- --nocapture`); crates listed in [`NOT_YET_ACYCLIC`] are reported only, every
//! other crate must have none. Remove a crate from that list when its restructuring lands.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Crates that still have import cycles (reported, not failed). Shrink this list.
const NOT_YET_ACYCLIC: &[&str] = &[];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under `src` (`a/b.rs` and `a/b/mod.rs` → `["a", "b"]`); the root
/// is `[]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if !(stem == "mod" || (parts.is_empty() && (stem == "lib" || stem == "main"))) {
        parts.push(stem.to_string());
    }
    parts
}

/// The paths after `crate::` or `super::` in `text`, brace groups expanded (`crate::{a, b::c}`
/// → `crate::a`, `crate::b::c`), each as (`crate` or `super`…, segments).
fn paths(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        let prev_ident =
            i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b':');
        if !prev_ident && (rest.starts_with("crate::") || rest.starts_with("super::")) {
            // Count leading supers; 0 = crate.
            let mut supers = 0;
            let mut j = i;
            if rest.starts_with("crate::") {
                j += "crate::".len();
            } else {
                while text[j..].starts_with("super::") {
                    supers += 1;
                    j += "super::".len();
                }
            }
            let (tails, end) = tree(text, j);
            for tail in tails {
                out.push((supers, tail));
            }
            i = end.max(i + 1);
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// The use-tree at `start`: its paths and where it ends.
fn tree(text: &str, start: usize) -> (Vec<Vec<String>>, usize) {
    let mut segs = Vec::new();
    let mut i = start;
    loop {
        let ident: String = text[i..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if ident.is_empty() {
            break;
        }
        i += ident.len();
        segs.push(ident);
        if text[i..].starts_with("::") {
            i += 2;
        } else {
            return (vec![segs], i);
        }
    }
    if text[i..].starts_with('{') {
        i += 1;
        let mut all = Vec::new();
        loop {
            while text[i..].starts_with(|c: char| c.is_whitespace() || c == ',') {
                i += 1;
            }
            if text[i..].starts_with('}') || i >= text.len() {
                i += 1;
                break;
            }
            let (inner, end) = tree(text, i);
            if end == i {
                // `self`, `*`, `as` renames and the like: skip one character.
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                // Skip an `as name`.
                continue;
            }
            for tail in inner {
                let mut full = segs.clone();
                full.extend(tail);
                all.push(full);
            }
            i = end;
            // Skip ` as name`.
            if let Some(stripped) = text[i..].strip_prefix(" as ") {
                i += 4 + stripped.chars().take_while(|c| c.is_alphanumeric() || *c == '_').count();
            }
        }
        if all.is_empty() && !segs.is_empty() {
            all.push(segs);
        }
        return (all, i);
    }
    (if segs.is_empty() { vec![] } else { vec![segs] }, i)
}

/// Cycles (as file lists) of the crate whose sources are in `src`.
fn cycles(src: &Path) -> Vec<Vec<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> =
        files.iter().map(|f| (module_of(src, f), f.clone())).collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, file) in &modules {
        if module.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        // Comment lines (doc links included) name paths without importing them.
        let text: String =
            text.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
        let is_mod_rs = file.file_name().is_some_and(|n| n == "mod.rs");
        for (supers, tail) in paths(&text) {
            let mut base: Vec<String> = if supers == 0 {
                Vec::new()
            } else {
                // `super` of module `a::b` is `a` (for `a/b.rs` and `a/b/mod.rs` alike).
                let keep = module.len().saturating_sub(supers);
                module[..keep].to_vec()
            };
            let _ = is_mod_rs;
            // The longest prefix naming a module file.
            let mut target = None;
            for seg in tail {
                base.push(seg);
                if modules.contains_key(&base) {
                    target = Some(base.clone());
                } else {
                    break;
                }
            }
            if let Some(target) = target
                && !target.is_empty()
                && &target != module
            {
                edges.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    // Tarjan's strongly connected components.
    struct T<'a> {
        edges: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<Vec<String>, usize>,
        low: BTreeMap<Vec<String>, usize>,
        stack: Vec<Vec<String>>,
        on: BTreeSet<Vec<String>>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit(t: &mut T<'_>, v: &Vec<String>) {
        t.index.insert(v.clone(), t.next);
        t.low.insert(v.clone(), t.next);
        t.next += 1;
        t.stack.push(v.clone());
        t.on.insert(v.clone());
        for w in t.edges.get(v).cloned().unwrap_or_default() {
            if !t.index.contains_key(&w) {
                visit(t, &w);
                let low = t.low[v].min(t.low[&w]);
                t.low.insert(v.clone(), low);
            } else if t.on.contains(&w) {
                let low = t.low[v].min(t.index[&w]);
                t.low.insert(v.clone(), low);
            }
        }
        if t.low[v] == t.index[v] {
            let mut scc = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(&w);
                let done = &w == v;
                scc.push(w.join("::"));
                if done {
                    break;
                }
            }
            if scc.len() > 1 {
                scc.sort();
                t.out.push(scc);
            }
        }
    }
    let mut t = T {
        edges: &edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in modules.keys() {
        if !t.index.contains_key(v) {
            visit(&mut t, v);
        }
    }
    t.out
}

#[test]
fn the_checker_finds_a_circle_and_brace_groups() {
    let found = paths("use crate::{a::{b, c as d}, e}; fn f() { super::super::g::h(); }");
    assert_eq!(
        found,
        vec![
            (0, vec!["a".into(), "b".into()]),
            (0, vec!["a".into(), "c".into()]),
            (0, vec!["e".into()]),
            (2, vec!["g".into(), "h".into()]),
        ]
    );
    let dir = std::env::temp_dir().join(format!("import-cycles-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("p")).unwrap();
    std::fs::write(dir.join("lib.rs"), "mod a; mod p; pub use a::X;").unwrap();
    std::fs::write(dir.join("a.rs"), "use crate::p::q::Y; pub struct X;").unwrap();
    std::fs::write(dir.join("p/mod.rs"), "mod q;").unwrap();
    std::fs::write(dir.join("p/q.rs"), "use crate::a::X; pub struct Y;").unwrap();
    assert_eq!(cycles(&dir), vec![vec!["a".to_string(), "p::q".to_string()]]);
    std::fs::write(dir.join("p/q.rs"), "pub struct Y;\n#[cfg(test)]\nmod t { use crate::a::X; }").unwrap();
    assert!(cycles(&dir).is_empty());
    std::fs::write(dir.join("p/q.rs"), "//! The inverse of [`crate::a::X`].\npub struct Y;").unwrap();
    assert!(cycles(&dir).is_empty());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn no_crate_has_an_import_cycle_except_those_listed() {
    let root = workspace();
    let mut crates: Vec<(String, PathBuf)> = std::fs::read_dir(root.join("crates"))
        .unwrap()
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path().join("src")))
        .filter(|(_, src)| src.is_dir())
        .collect();
    crates.push(("xtask".into(), root.join("xtask/src")));
    crates.sort();
    let mut failures = Vec::new();
    for (name, src) in &crates {
        let found = cycles(src);
        if found.is_empty() {
            println!("{name}: no import cycle");
        } else {
            for cycle in &found {
                println!("{name}: cycle {}", cycle.join(" ↔ "));
            }
            if !NOT_YET_ACYCLIC.contains(&name.as_str()) {
                failures.push(format!("{name}: {found:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "import cycles in crates that must have none: {failures:#?}");
}
