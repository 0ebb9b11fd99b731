//! What a sink gets: every scored article with its bytes from the encoder, and its sentences
//! unless the sink said it reads only the bytes (`Options::sink_reads_sentences`).

use slant_batch::{Batch, Options, Sink};
use slant_ingest::model::Record;
use std::sync::Arc;

#[derive(Default)]
struct Seen {
    /// Sentences of each article as the sink got it, and as its encoded bytes hold them.
    articles: Vec<(usize, usize)>,
}

impl Sink for Seen {
    fn record(&mut self, record: Record, encoded: &[u8]) -> std::io::Result<()> {
        if let Record::Article(a) = record {
            let json: serde_json::Value = serde_json::from_slice(encoded).unwrap();
            let encoded_sentences = json["sentences"].as_array().map_or(0, |s| s.len());
            self.articles.push((a.sentences.len(), encoded_sentences));
        }
        Ok(())
    }
}

fn run(sink_reads_sentences: bool) -> Vec<(usize, usize)> {
    let dir = std::env::temp_dir().join(format!(
        "slant-sink-{}-{sink_reads_sentences}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("news.jsonl");
    let lines = [
        r#"{"id": "a", "text": "Critics slammed the reckless plan. It passed on Tuesday."}"#,
        r#"{"id": "b", "text": "Some analysts say the regime is failing."}"#,
    ];
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let batch = Batch::new(Arc::new(slant_score::Scorer::builtin()))
        .options(Options {
            sink_reads_sentences,
            ..Options::default()
        })
        .encode_with(Arc::new(|r: &Record| serde_json::to_vec(r).unwrap()));
    let mut seen = Seen::default();
    batch.run(&[path.as_path()], &mut seen).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    seen.articles
}

#[test]
fn the_sink_gets_the_sentences_unless_it_reads_only_the_bytes() {
    assert_eq!(run(true), vec![(2, 2), (1, 1)]);
    // The bytes still hold every sentence; the record comes without them.
    assert_eq!(run(false), vec![(0, 2), (0, 1)]);
}
