//! The library's layers, as README's layout table draws them: each module of
//! `src/` may use only the modules its row lists (those below it in the
//! pipeline), so no import runs back up. The table is read from README.md,
//! and every `crate::…` path in every file of a module (its `use` items and
//! the paths in its code, parsed with `syn`) is held to it. A module that
//! is not in the table, or a path through the crate root's re-exports
//! (`crate::compile`), fails too: name the module the item lives in.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// README's layout table: module → the modules it may use.
fn allowed() -> BTreeMap<String, BTreeSet<String>> {
    let readme = common::read("README.md");
    let section = readme
        .split("\n## Layout")
        .nth(1)
        .expect("README has a Layout section");
    let mut table = BTreeMap::new();
    for row in section.lines().filter(|l| l.starts_with("| `src/")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        // | `src/eval/` | what it holds | `program`, `ast`, … |
        let (Some(path), Some(uses)) = (cells.get(1), cells.get(3)) else {
            continue;
        };
        let modules = ticked(path)
            .into_iter()
            .filter_map(|p| module_of_path(&p))
            .collect::<Vec<_>>();
        let may_use: BTreeSet<String> = ticked(uses).into_iter().collect();
        for module in modules {
            table.insert(module, may_use.clone());
        }
    }
    assert!(table.len() > 10, "README's layout table lists the modules");
    table
}

/// The `back-ticked` words of a table cell.
fn ticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// `src/eval/` → `eval`, `src/units.rs` → `units`; `src/bin/…` is the binary.
fn module_of_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix("src/")?;
    if rest.starts_with("bin/") {
        return None;
    }
    Some(
        rest.trim_end_matches('/')
            .trim_end_matches(".rs")
            .split('/')
            .next()?
            .to_string(),
    )
}

/// Every library source file with the module it belongs to.
fn library_files() -> Vec<(String, PathBuf)> {
    let src = common::root().join("src");
    let mut out = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(&src).unwrap().to_path_buf();
            if relative.starts_with("bin") {
                continue;
            }
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && relative != Path::new("lib.rs")
            {
                let first = relative.components().next().unwrap();
                let module = Path::new(first.as_os_str())
                    .with_extension("")
                    .display()
                    .to_string();
                out.push((module, path));
            }
        }
    }
    out.sort();
    out
}

/// The first segment after `crate::` of every path in a file.
#[derive(Default)]
struct CratePaths {
    found: BTreeSet<String>,
}

impl<'ast> Visit<'ast> for CratePaths {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        let mut segments = path.segments.iter();
        if let (Some(first), Some(second)) = (segments.next(), segments.next())
            && first.ident == "crate"
        {
            self.found.insert(second.ident.to_string());
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_use_tree(&mut self, tree: &'ast syn::UseTree) {
        if let syn::UseTree::Path(p) = tree
            && p.ident == "crate"
        {
            collect_use(&p.tree, &mut self.found);
            return;
        }
        syn::visit::visit_use_tree(self, tree);
    }
}

fn collect_use(tree: &syn::UseTree, out: &mut BTreeSet<String>) {
    match tree {
        syn::UseTree::Path(p) => {
            out.insert(p.ident.to_string());
        }
        syn::UseTree::Name(n) => {
            out.insert(n.ident.to_string());
        }
        syn::UseTree::Rename(r) => {
            out.insert(r.ident.to_string());
        }
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| collect_use(t, out)),
        syn::UseTree::Glob(_) => {}
    }
}

/// The `crate::` modules a file's text uses that its module may not.
fn violations_in(module: &str, text: &str, may_use: &BTreeSet<String>) -> Vec<String> {
    let file = syn::parse_file(text).unwrap_or_else(|e| panic!("does not parse: {e}"));
    let mut paths = CratePaths::default();
    paths.visit_file(&file);
    paths
        .found
        .into_iter()
        .filter(|used| used != module && !may_use.contains(used))
        .collect()
}

#[test]
fn no_module_uses_a_layer_above_it() {
    let allowed = allowed();
    let mut violations = Vec::new();
    let files = library_files();
    assert!(files.len() > 60, "the library's files are found");
    for (module, path) in files {
        let Some(may_use) = allowed.get(&module) else {
            violations.push(format!(
                "{}: module `{module}` is not in README's layout table",
                path.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        for used in violations_in(&module, &text, may_use) {
            violations.push(format!(
                "{}: `{module}` uses `crate::{used}`, which README's layout table does not let it use",
                path.display()
            ));
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

/// The checker of this file sees imports in every form they take.
#[test]
fn upward_paths_are_seen_in_every_form() {
    let may_use: BTreeSet<String> = ["ast".to_string()].into();
    let text = r#"
        use crate::ast::Expr;
        use crate::{eval::Value, ast};
        use crate::check as checker;
        fn f() -> crate::review::Finding { crate::batch::run() }
        // crate::repl in a comment is not an import
    "#;
    assert_eq!(
        violations_in("program", text, &may_use),
        ["batch", "check", "eval", "review"]
    );
}

/// The table itself has no cycle: a module may not use, through any chain,
/// a module that may use it.
#[test]
fn the_layers_form_no_cycle() {
    let allowed = allowed();
    for (module, uses) in &allowed {
        let mut stack: Vec<&String> = uses.iter().collect();
        let mut seen = BTreeSet::new();
        while let Some(next) = stack.pop() {
            assert!(next != module, "`{module}` may use itself through `{next}`");
            if !seen.insert(next) {
                continue;
            }
            let below = allowed.get(next).unwrap_or_else(|| {
                panic!("`{module}` may use `{next}`, which the table does not list")
            });
            stack.extend(below);
        }
    }
}
