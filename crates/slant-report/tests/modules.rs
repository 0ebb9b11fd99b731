//! The module map of `slant-report` holds: no two modules import each other (no cycle at
//! all), and nothing under `analysis/` imports a renderer (`render/`).
//!
//! Imports are read from the source: every `crate::a::b` path outside comments, and `super::`
//! paths of a file's top level, resolved to the longest module that exists. A module's own
//! children (`pub mod x;` and re-exports in a `mod.rs`) count too, so a parent that uses a child
//! and a child that uses its parent's items are a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path ("" for the crate root, "render::html") of every source file.
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let rel = path.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(parts.last().map(String::as_str), Some("lib" | "mod")) {
                parts.pop();
            }
            out.insert(parts.join("::"), path);
        }
    }
    out
}

/// The longest module named by a path like `analysis::report::Section` ("" for the root).
fn resolve(path: &str, known: &BTreeMap<String, PathBuf>) -> String {
    let parts: Vec<&str> = path.split("::").collect();
    (0..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find(|m| known.contains_key(m))
        .unwrap_or_default()
}

/// The modules `module` (in `text`) refers to.
fn imports(module: &str, text: &str, known: &BTreeMap<String, PathBuf>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let parent = module.rsplit_once("::").map_or("", |p| p.0);
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        if line.trim_start().starts_with("//") {
            continue;
        }
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let tail = &rest[at + "crate::".len()..];
            let path: String = tail
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            out.insert(resolve(path.trim_end_matches(':'), known));
            rest = tail;
        }
        // `super::` at a file's top level names the parent module (inside an inline `mod
        // tests`, it names the file's own module, which is no import).
        if let Some(tail) = line.strip_prefix("use super::") {
            let path = format!("{parent}::{tail}");
            out.insert(resolve(path.trim_start_matches("::"), known));
        }
        // A parent declares and re-exports its children.
        for prefix in ["pub mod ", "mod ", "pub use ", "use "] {
            if let Some(name) = line.strip_prefix(prefix) {
                let name: String = name
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                let child = if module.is_empty() {
                    name.clone()
                } else {
                    format!("{module}::{name}")
                };
                let child = resolve(child.trim_end_matches(':'), known);
                if child.len() > module.len() {
                    out.insert(child);
                }
            }
        }
    }
    out.remove(module);
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let known = modules(&src);
    known
        .iter()
        .map(|(m, path)| {
            let text = std::fs::read_to_string(path).unwrap();
            (m.clone(), imports(m, &text, &known))
        })
        .collect()
}

#[test]
fn no_two_modules_import_each_other() {
    let g = graph();
    assert!(g.len() > 20, "read the whole crate: {:?}", g.keys());
    let mut pairs = Vec::new();
    for (a, deps) in &g {
        for b in deps {
            if a < b && g.get(b).is_some_and(|d| d.contains(a)) {
                pairs.push(format!("{a:?} <-> {b:?}"));
            }
        }
    }
    assert!(
        pairs.is_empty(),
        "modules that import each other: {pairs:?}"
    );
}

#[test]
fn the_module_graph_has_no_cycle() {
    let g = graph();
    // Depth-first search with colours; a grey node met again closes a cycle.
    fn visit<'a>(
        m: &'a str,
        g: &'a BTreeMap<String, BTreeSet<String>>,
        colour: &mut BTreeMap<&'a str, u8>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        match colour.get(m) {
            Some(2) => return None,
            Some(1) => {
                let at = path.iter().position(|p| *p == m).unwrap_or(0);
                let mut cycle: Vec<String> = path[at..].iter().map(|s| s.to_string()).collect();
                cycle.push(m.to_string());
                return Some(cycle);
            }
            _ => {}
        }
        colour.insert(m, 1);
        path.push(m);
        for d in g.get(m).into_iter().flatten() {
            if let Some(c) = visit(d, g, colour, path) {
                return Some(c);
            }
        }
        path.pop();
        colour.insert(m, 2);
        None
    }
    let mut colour = BTreeMap::new();
    for m in g.keys() {
        if let Some(cycle) = visit(m, &g, &mut colour, &mut Vec::new()) {
            panic!("import cycle: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn the_analysis_never_imports_a_renderer() {
    let g = graph();
    let bad: Vec<String> = g
        .iter()
        .filter(|(m, _)| m.starts_with("analysis"))
        .flat_map(|(m, deps)| {
            deps.iter()
                .filter(|d| d.starts_with("render"))
                .map(move |d| format!("{m} -> {d}"))
        })
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
}

#[test]
fn the_checker_sees_a_cycle() {
    // The test above would pass on a reader that finds nothing: check it on a made-up pair.
    let known: BTreeMap<String, PathBuf> = ["", "a", "b", "b::c"]
        .into_iter()
        .map(|m| (m.to_string(), PathBuf::new()))
        .collect();
    let a = imports(
        "a",
        "use crate::b::c::Thing;\n// crate::b in a comment\n",
        &known,
    );
    assert_eq!(a, BTreeSet::from(["b::c".to_string()]));
    let c = imports(
        "b::c",
        "use super::x;\nfn f() { crate::a::g() }\nmod tests {\n    use super::*;\n}\n",
        &known,
    );
    assert_eq!(c, BTreeSet::from(["a".to_string(), "b".to_string()]));
    let b = imports("b", "pub mod c;\npub use c::Thing;\n", &known);
    assert_eq!(b, BTreeSet::from(["b::c".to_string()]));
}
