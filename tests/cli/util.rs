//! Helpers: run the binary, find the fixture corpora, make temp dirs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// `../shared` beside the checkout (CI lays it there too).
pub fn shared() -> PathBuf {
    let p = root().join("../shared");
    assert!(
        p.join("corpus").is_dir(),
        "../shared/corpus is missing beside the checkout at {}",
        p.display()
    );
    p
}

pub fn slant() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_slant"));
    c.current_dir(root());
    c.env_remove("NO_COLOR");
    c
}

pub fn run(args: &[&str]) -> Output {
    slant().args(args).output().expect("run slant")
}

pub fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = slant()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

/// Parse JSONL output into values.
pub fn records(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// A fresh temp dir for one test.
pub fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("slant-test-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}
