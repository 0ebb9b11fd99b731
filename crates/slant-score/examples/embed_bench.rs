//! Embedding throughput for scripts/bench-transformer: embeds the lines of a file (after a
//! warm-up batch) and prints `{"sentences": N, "seconds": S}`.
//! `cargo run --release --features transformer --example embed_bench -- FILE [BATCH]`

use slant_score::embed::Embedder;

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("usage: embed_bench FILE [BATCH]");
    let batch: usize = args.next().map_or(16, |b| b.parse().expect("batch size"));
    let text = std::fs::read_to_string(&file).expect("read the sentences");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let embedder = Embedder::load(&Embedder::default_dir())
        .expect("load the model (scripts/setup-transformer)")
        .with_batch_size(batch);
    embedder
        .embed(&lines[..lines.len().min(batch)])
        .expect("warm-up");
    let t = std::time::Instant::now();
    let v = embedder.embed(&lines).expect("embed");
    let seconds = t.elapsed().as_secs_f64();
    assert_eq!(v.len(), lines.len());
    println!(
        "{{\"sentences\": {}, \"seconds\": {seconds:.4}}}",
        lines.len()
    );
}
