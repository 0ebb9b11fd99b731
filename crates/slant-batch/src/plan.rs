//! Before a batch starts: the command-line inputs checked against the outputs, walked, and
//! each input told apart as articles to score or `slant/1` records to read back.

use crate::scored;
use crate::{BatchError, Options};
use slant_ingest::{discover, Entry, Exclude, Format, SkipReason, Source};
use std::io::BufRead;
use std::path::Path;

/// One step of a batch, in output order. The number is the input's place in the walk, the
/// first half of every record's input order.
pub(crate) enum Planned {
    Entry(u64, Entry),
    /// A file of `slant/1` records (an earlier `slant score`), read back as it is.
    Scored(u64, Source),
    /// Consecutive scored files whose records carry their input order (the outputs of a
    /// `--shard` run): merged back into one run's order.
    Merge(Vec<Source>),
}

impl Planned {
    /// How many inputs (files, streams) this step reads, for progress.
    pub(crate) fn inputs(&self) -> usize {
        match self {
            Planned::Entry(_, Entry::File(_) | Entry::Stream(_)) | Planned::Scored(..) => 1,
            Planned::Entry(..) => 0,
            Planned::Merge(files) => files.len(),
        }
    }
}

/// Fail when a command-line input is one of the outputs or lies inside an output folder
/// (whatever path or link reaches it). Call it before opening the outputs: an output written
/// in place (a symlink's target) is emptied when opened.
pub fn check_outputs<P: AsRef<Path>, Q: AsRef<Path>>(
    inputs: &[P],
    outputs: &[Q],
) -> Result<(), BatchError> {
    for output in outputs {
        let output = output.as_ref();
        let mut one = Exclude::default();
        one.add(output);
        for input in inputs {
            let input = input.as_ref();
            if input.as_os_str() != "-" && one.covers(input) {
                return Err(BatchError::InputIsOutput {
                    input: input.to_path_buf(),
                    output: output.to_path_buf(),
                });
            }
        }
    }
    Ok(())
}

pub(crate) fn plan<P: AsRef<Path>>(
    inputs: &[P],
    options: &Options,
) -> Result<Vec<Planned>, BatchError> {
    check_outputs(inputs, &options.outputs)?;
    let mut exclude = Exclude::default();
    for output in &options.outputs {
        exclude.add(output);
    }
    let mut planned = Vec::new();
    let mut merge: Vec<Source> = Vec::new();
    let flush = |merge: &mut Vec<Source>, planned: &mut Vec<Planned>| {
        if !merge.is_empty() {
            planned.push(Planned::Merge(std::mem::take(merge)));
        }
    };
    for (i, entry) in discover(inputs, &exclude).into_iter().enumerate() {
        let i = i as u64;
        let source = match entry {
            Entry::File(s) if s.format == Format::Jsonl && scored::is_scored_file(&s.path) => s,
            // A file with no extension at all (Spark and Hadoop write `part-00000`) is read
            // when it holds scored records.
            Entry::Skipped(s)
                if s.reason == SkipReason::Unsupported
                    && s.path.extension().is_none()
                    && scored::is_scored_file(&s.path) =>
            {
                Source {
                    origin: slant_ingest::Origin {
                        path: slant_ingest::path_text(&s.path),
                        id: String::new(),
                        outlet: None,
                    },
                    path: s.path,
                    format: Format::Jsonl,
                }
            }
            other => {
                flush(&mut merge, &mut planned);
                planned.push(Planned::Entry(i, other));
                continue;
            }
        };
        if first_line_has_order(&source.path) {
            merge.push(source);
        } else {
            flush(&mut merge, &mut planned);
            planned.push(Planned::Scored(i, source));
        }
    }
    flush(&mut merge, &mut planned);
    Ok(planned)
}

fn first_line_has_order(path: &Path) -> bool {
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    let mut line = Vec::new();
    let _ = std::io::BufReader::new(f).read_until(b'\n', &mut line);
    scored::order_of(&line).is_some()
}
