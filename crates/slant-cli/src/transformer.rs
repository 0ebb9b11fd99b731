//! `slant score --backend transformer [--head FILE]`: the rule scores plus a learned head's
//! probability per sentence (see `slant_score::backend`). Records are scored by the usual
//! batch pipeline, then embedded in groups of articles (so batches are full and
//! length-sorted), and written in input order. Output stays `slant/1`: `loaded.model_probability`
//! and `unattributed.model_probability` are added, nothing is renamed.

pub use crate::args::{Backend, BackendArgs, ModelArgs};

#[cfg(not(feature = "transformer"))]
fn unavailable() -> anyhow::Error {
    anyhow::anyhow!(
        "--backend transformer: this slant was built without the `transformer` feature \
         (eval \"$(scripts/setup-transformer)\" && cargo build --release --features transformer)"
    )
}

#[cfg(not(feature = "transformer"))]
pub fn score_command(_args: crate::score_cmd::ScoreArgs) -> anyhow::Result<u8> {
    Err(unavailable())
}

/// With `--backend transformer`, the head's probabilities, flags and model evidence on
/// articles the rules already scored (`slant eval`); with the rules backend, nothing.
#[cfg(not(feature = "transformer"))]
pub fn apply_backend(
    args: &BackendArgs,
    _scorer: &slant_score::Scorer,
    _articles: &mut [slant_ingest::model::ScoredArticle],
) -> anyhow::Result<()> {
    match args.model.backend {
        Backend::Rules => Ok(()),
        Backend::Transformer => Err(unavailable()),
    }
}

/// A sentence-embedding model (feature `transformer`); without the feature, loading fails
/// with the set-up instructions.
#[cfg(not(feature = "transformer"))]
pub enum TextEmbedder {}

#[cfg(not(feature = "transformer"))]
impl TextEmbedder {
    pub fn load(_args: &ModelArgs) -> anyhow::Result<TextEmbedder> {
        Err(unavailable())
    }

    pub fn embed(&self, _texts: &[&str]) -> anyhow::Result<Vec<Vec<f32>>> {
        match *self {}
    }
}

#[cfg(feature = "transformer")]
pub use imp::{apply_backend, score_command, TextEmbedder};

#[cfg(feature = "transformer")]
mod imp {
    /// The head used when `--head` is not given.
    pub const DEFAULT_HEAD: &str = "models/heads/slant-default.json";

    use crate::output::Output;
    use crate::score_cmd::{
        batch_options, encoder, messages, print_summary, RecordWriter, ScoreArgs,
    };
    use crate::settings::build_scorer;
    use anyhow::{Context, Result};
    use slant_batch::Batch;
    use slant_ingest::model::{Record, ScoredArticle};
    use slant_score::backend::Transformer;
    use slant_score::embed::Embedder;
    use slant_score::head::Head;
    use std::path::PathBuf;
    use std::sync::Arc;

    /// Articles embedded together (bounded memory, full batches).
    const GROUP: usize = 128;

    pub fn load_head(path: &std::path::Path) -> Result<Head> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read head {}", path.display()))?;
        let head: Head = serde_json::from_str(&text)
            .with_context(|| format!("{} is not a slant head", path.display()))?;
        head.check()
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
    }

    /// With `--backend transformer`, the head's probabilities, flags and model evidence on
    /// articles the rules already scored (`slant eval`); with the rules backend, nothing.
    pub fn apply_backend(
        args: &super::BackendArgs,
        scorer: &slant_score::Scorer,
        articles: &mut [ScoredArticle],
    ) -> Result<()> {
        if args.model.backend == super::Backend::Rules {
            return Ok(());
        }
        let head_path = args
            .head
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_HEAD));
        let head = load_head(&head_path)?;
        let embedder = TextEmbedder::load_for(&args.model, Some((&head, &head_path)))?;
        let backend = Transformer {
            scorer,
            embedder: &embedder.0,
            head: &head,
        };
        backend.apply(articles)?;
        Ok(())
    }

    pub fn score_command(args: ScoreArgs) -> Result<u8> {
        let scorer = Arc::new(build_scorer(&args.common)?);
        let head_path = args
            .backend
            .head
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_HEAD));
        let head = load_head(&head_path)?;
        let embedder = TextEmbedder::load_for(&args.backend.model, Some((&head, &head_path)))?;
        let backend = Transformer {
            scorer: &scorer,
            embedder: &embedder.0,
            head: &head,
        };
        let options = batch_options(&args)?;
        let mut out = Output::create(args.output.as_deref())?;
        let encode = encoder(args.format);
        let mut w = RecordWriter::new(&mut out, args.format)?;
        let mut pending: Vec<Record> = Vec::new();
        let flush = |pending: &mut Vec<Record>, w: &mut RecordWriter<_>| -> std::io::Result<()> {
            let mut articles: Vec<ScoredArticle> = Vec::new();
            let mut slots = Vec::new();
            for (i, r) in pending.iter_mut().enumerate() {
                if let Record::Article(a) = r {
                    articles.push(std::mem::replace(a.as_mut(), empty_article()));
                    slots.push(i);
                }
            }
            backend
                .apply(&mut articles)
                .map_err(std::io::Error::other)?;
            for (i, a) in slots.into_iter().zip(articles) {
                pending[i] = Record::Article(Box::new(a));
            }
            for r in pending.drain(..) {
                w.write_encoded(&encode(&r))?;
            }
            Ok(())
        };
        // Records come without encoding: the head changes them before they are written.
        let batch = Batch::new(scorer.clone()).options(options);
        let mut sink = crate::pipeline::Reporting::new(messages(&args), |r: Record, _: &[u8]| {
            pending.push(r);
            if pending.len() >= GROUP {
                flush(&mut pending, &mut w)?;
            }
            Ok(())
        });
        let stats = batch.run(&args.paths, &mut sink);
        drop(sink);
        let stats = stats?;
        flush(&mut pending, &mut w)?;
        w.finish()?;
        out.commit()?;
        print_summary(&args, &stats);
        Ok(stats.exit_code())
    }

    /// The embedding model `--model` names (default `$SLANT_MODEL_DIR` or
    /// models/all-MiniLM-L6-v2).
    pub struct TextEmbedder(Embedder);

    impl TextEmbedder {
        pub fn load(args: &super::ModelArgs) -> Result<TextEmbedder> {
            Self::load_for(args, None)
        }

        /// The base model, with the head's adapters folded in when it has them (a head made
        /// by `slant train --fine-tune`; the adapter file sits beside the head).
        pub fn load_for(
            args: &super::ModelArgs,
            head: Option<(&Head, &std::path::Path)>,
        ) -> Result<TextEmbedder> {
            let dir = args.model_dir.clone().unwrap_or_else(Embedder::default_dir);
            let context = || format!("cannot load the embedding model from {}", dir.display());
            let Some((head, head_path)) = head.filter(|(h, _)| h.adapter.is_some()) else {
                return Ok(TextEmbedder(Embedder::load(&dir).with_context(context)?));
            };
            let adapter = head.adapter.as_ref().expect("filtered above");
            let file = head_path.with_file_name(&adapter.file);
            let bytes = std::fs::read(&file).with_context(|| {
                format!(
                    "cannot read the adapters {} that the head {} needs",
                    file.display(),
                    head_path.display()
                )
            })?;
            use sha2::Digest;
            if format!("{:x}", sha2::Sha256::digest(&bytes)) != adapter.sha256 {
                anyhow::bail!(
                    "{}: sha256 differs from the one recorded in {} (retrain, or restore the file)",
                    file.display(),
                    head_path.display()
                );
            }
            let mut bert = slant_score::bert::Bert::load(&dir).with_context(context)?;
            slant_score::finetune::load_adapters(&mut bert, &adapter.spec, &file)
                .with_context(|| format!("cannot apply the adapters {}", file.display()))?;
            Ok(TextEmbedder(
                Embedder::with_encoder(&dir, bert).with_context(context)?,
            ))
        }

        pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
            Ok(self.0.embed(texts)?)
        }
    }

    fn empty_article() -> ScoredArticle {
        ScoredArticle::empty("", "")
    }
}
