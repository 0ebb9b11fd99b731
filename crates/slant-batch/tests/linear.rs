//! One long article costs time in proportion to its length: quotation lookup, voice and the
//! resolution of overlapping lexicon hits are linear in an article (issue 10). Measured as the
//! ratio of the times of two sizes, never as a time limit: 4x the text must cost well under
//! the 16x a quadratic path would.

use slant_batch::{Batch, Sink};
use slant_ingest::model::Record;
use std::sync::Arc;
use std::time::Instant;

struct Count(usize);

impl Sink for Count {
    fn record(&mut self, record: Record, _: &[u8]) -> std::io::Result<()> {
        if let Record::Article(a) = record {
            self.0 += a.sentences.len();
        }
        Ok(())
    }
}

/// An article of about `bytes` of short quoted sentences with loaded words, as one JSONL line.
fn article(bytes: usize) -> String {
    let unit = "\u{201c}We will not back down,\u{201d} the minister said. Critics called the \
                reckless plan a \u{201c}disaster.\u{201d} ";
    let text = unit.repeat(bytes / unit.len() + 1);
    serde_json::json!({"id": "long", "text": text}).to_string() + "\n"
}

fn seconds(batch: &Batch, path: &std::path::Path) -> (f64, usize) {
    let mut times = Vec::new();
    let mut sentences = 0;
    for _ in 0..3 {
        let mut count = Count(0);
        let t = Instant::now();
        batch.run(&[path], &mut count).unwrap();
        times.push(t.elapsed().as_secs_f64());
        sentences = count.0;
    }
    times.sort_by(f64::total_cmp);
    (times[1], sentences)
}

#[test]
fn time_grows_linearly_with_the_length_of_one_article() {
    let dir = std::env::temp_dir().join(format!("slant-linear-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let batch = Batch::new(Arc::new(slant_score::Scorer::builtin()));
    let mut runs = Vec::new();
    for bytes in [60_000, 240_000] {
        let path = dir.join(format!("a{bytes}.jsonl"));
        std::fs::write(&path, article(bytes)).unwrap();
        runs.push(seconds(&batch, &path));
    }
    let ((small, n_small), (large, n_large)) = (runs[0], runs[1]);
    assert!(
        n_large * 10 >= n_small * 39,
        "{n_small} -> {n_large} sentences"
    );
    let ratio = large / small;
    eprintln!("4x the text: {small:.3} s -> {large:.3} s ({ratio:.1}x)");
    assert!(ratio < 8.0, "4x the text took {ratio:.1}x the time");
    std::fs::remove_dir_all(&dir).unwrap();
}
