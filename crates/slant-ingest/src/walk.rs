//! Command-line paths to a sorted list of input files, with the outlet their folder implies.

use crate::error::{Failure, IngestError};
use crate::formats::{parse, Format, Item, JsonlBlocks, Origin};
use std::path::{Path, PathBuf};

/// One input file to read.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub format: Format,
    pub origin: Origin,
}

/// What walking the command-line paths found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to read, in output order: command-line order, then sorted paths.
    pub sources: Vec<Source>,
    /// Files with extensions slant does not read (reported with `--verbose`).
    pub skipped: Vec<PathBuf>,
    /// Paths that could not be walked (missing, unreadable folders).
    pub failures: Vec<Failure>,
}

/// Walk files and folders (recursively, sorted, hidden entries skipped).
pub fn discover<P: AsRef<Path>>(paths: &[P]) -> Discovery {
    let mut found = Discovery::default();
    for root in paths {
        let root = root.as_ref();
        if !root.exists() {
            found.failures.push(Failure::new(
                root.display().to_string(),
                None,
                IngestError::Io(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such file or folder",
                )),
            ));
            continue;
        }
        if root.is_file() {
            push_file(&mut found, root, None);
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => push_file(&mut found, e.path(), Some(root)),
                Ok(_) => {}
                Err(err) => {
                    let path = err.path().unwrap_or(root).display().to_string();
                    found.failures.push(Failure::new(
                        path,
                        None,
                        IngestError::Invalid(err.to_string()),
                    ));
                }
            }
        }
    }
    found
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().map(|s| s.starts_with('.')).unwrap_or(false)
}

fn push_file(found: &mut Discovery, path: &Path, root: Option<&Path>) {
    let format = Format::from_path(path);
    let Some(format) = format else {
        found.skipped.push(path.to_path_buf());
        return;
    };
    let rel = root.and_then(|r| path.strip_prefix(r).ok());
    // The outlet is the first folder below the command-line root, when there is one.
    let outlet = rel.and_then(|rel| {
        let mut comps = rel.components();
        let first = comps.next()?;
        comps.next()?;
        Some(first.as_os_str().to_string_lossy().into_owned())
    });
    let id = match rel {
        Some(rel) => rel.with_extension("").to_string_lossy().replace('\\', "/"),
        None => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    found.sources.push(Source {
        path: path.to_path_buf(),
        format,
        origin: Origin {
            path: path.to_string_lossy().replace('\\', "/"),
            id,
            outlet,
        },
    });
}

/// Read and parse one source file.
pub fn read_source(source: &Source) -> Vec<Item> {
    match std::fs::read(&source.path) {
        Ok(bytes) => parse(source.format, &bytes, &source.origin),
        Err(e) => vec![Err(Failure::new(
            source.origin.path.clone(),
            None,
            IngestError::Io(e),
        ))],
    }
}

/// Read a JSONL source in blocks of at most `lines` items (see [`JsonlBlocks`]); a file that
/// cannot be opened is one failure.
pub fn read_jsonl_blocks(source: &Source, lines: usize) -> Box<dyn Iterator<Item = Vec<Item>>> {
    match std::fs::File::open(&source.path) {
        Ok(f) => Box::new(JsonlBlocks::new(
            std::io::BufReader::new(f),
            source.origin.clone(),
            lines,
        )),
        Err(e) => Box::new(std::iter::once(vec![Err(Failure::new(
            source.origin.path.clone(),
            None,
            IngestError::Io(e),
        ))])),
    }
}

/// Parse what arrived on stdin: JSONL when it starts with `{`, plain text otherwise.
pub fn parse_stdin(bytes: &[u8]) -> Vec<Item> {
    let origin = Origin {
        path: "-".into(),
        id: "stdin".into(),
        outlet: None,
    };
    let first = bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF);
    let format = if first == Some(&b'{') {
        Format::Jsonl
    } else {
        Format::Text
    };
    parse(format, bytes, &origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_with_outlet_from_first_folder() {
        let dir = std::env::temp_dir().join(format!("slant-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for p in [
            "b-outlet/z.txt",
            "b-outlet/a.md",
            "a-outlet/deep/x.html",
            "top.txt",
            ".hidden/h.txt",
            "b-outlet/.h.txt",
            "notes.pdf",
        ] {
            let p = dir.join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "Text.").unwrap();
        }
        let found = discover(&[&dir, &dir.join("missing")]);
        let got: Vec<(String, Option<String>)> = found
            .sources
            .iter()
            .map(|s| (s.origin.id.clone(), s.origin.outlet.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("a-outlet/deep/x".into(), Some("a-outlet".into())),
                ("b-outlet/a".into(), Some("b-outlet".into())),
                ("b-outlet/z".into(), Some("b-outlet".into())),
                ("top".into(), None),
            ]
        );
        assert_eq!(found.skipped.len(), 1);
        assert_eq!(found.failures.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stdin_text_or_jsonl() {
        let a = parse_stdin(b"Just some text.");
        assert_eq!(a[0].as_ref().unwrap().text, "Just some text.");
        let b = parse_stdin(b"{\"text\":\"A.\"}\n{\"text\":\"B.\"}\n");
        assert_eq!(b.len(), 2);
    }
}
