//! Files and streams in; articles split into paragraphs, sentences and quotations out.
//!
//! `slant-ingest` is the first step of slant's data flow (ingest -> score -> report -> cli). It
//! finds input files ([`discover`]), reads every supported format ([`read_source`], [`parse`],
//! and lazily in blocks of bounded size with [`blocks`] and [`stream_blocks`]):
//! plain text, Markdown with front matter, HTML (main content only), JSON, JSONL and web
//! archives (`.warc`, `.warc.gz`: [`WarcBlocks`]), names outlets from web addresses
//! ([`outlet_for_url`]), and
//! splits an [`Article`] into a [`Document`] whose sentences carry byte offsets and a
//! [`Voice`]. It also holds [`model`], the data types every slant crate shares, including the
//! `slant/1` output contract.
//!
//! Nothing here fails a batch: an input that cannot be read becomes a [`Failure`] naming the
//! file (and line) and the reason.
//!
//! ```
//! use slant_ingest::{segment, Article, Voice};
//!
//! let text = "Mr. Lee spoke on Jan. 5. \u{201c}We will rebuild,\u{201d} he said.";
//! let article = Article::from_text("a", text);
//! let doc = segment(article);
//! assert_eq!(doc.sentences.len(), 2);
//! assert_eq!(doc.sentences[1].voice, Voice::Quoted);
//! ```

mod blocks;
mod bytescan;
mod decode;
mod error;
mod formats;
mod hosts;
mod html;
mod json_array;
pub mod model;
mod quotes;
mod segment;
mod walk;
mod warc;

/// Random texts for the differential tests of the byte scans against their character walks.
#[cfg(test)]
pub(crate) mod testing {
    /// `cases` texts, the `case`-th made of `len(case)` pieces drawn from `pieces` by a fixed
    /// linear congruential generator, so every run tests the same texts.
    pub fn texts<'a, P: AsRef<str>>(
        pieces: &'a [P],
        cases: usize,
        len: impl Fn(usize) -> usize + 'a,
    ) -> impl Iterator<Item = String> + 'a {
        let mut state: u64 = 0x5eed;
        (0..cases).map(move |case| {
            let mut text = String::new();
            for _ in 0..len(case) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()].as_ref());
            }
            text
        })
    }
}

pub use blocks::{blocks, looks_like_jsonl, sniff, stream_blocks, streams, Blocks, StreamReader};
pub use decode::{decode, normalise, Decoded};
pub use error::{Failure, IngestError, WalkError};
pub use formats::{parse, Format, Item, JsonlBlocks, Origin};
pub use hosts::{
    builtin_aliases, outlet_for_url, registrable_domain, set_outlet_aliases, Entry as OutletAlias,
};
pub use json_array::JsonArrayBlocks;
pub use model::{Article, Document, Quote, Sentence, Span, Voice};
pub use quotes::{find_quotes, overlapping, voice_of};
pub use walk::{
    discover, parse_stdin, path_text, read_source, Entry, Exclude, SkipReason, Skipped, Source,
    Stream,
};
pub use warc::{read_warc_blocks, RecordTally, SkippedRecords, WarcBlocks};

/// Split an article into paragraphs, sentences and quotations, and give each sentence a voice.
pub fn segment(article: Article) -> Document {
    let text = article.text.as_str();
    let paragraphs = segment::paragraphs(text);
    let quotes = quotes::find_quotes(text, &paragraphs);
    // News averages a sentence every 120 to 130 bytes.
    let mut sentences = Vec::with_capacity(text.len() / 100 + 1);
    let mut spans = Vec::new();
    for (pi, para) in paragraphs.iter().enumerate() {
        spans.clear();
        segment::sentences_into(text, *para, &mut spans);
        for &(span, standalone) in &spans {
            let voice = quotes::voice_of(text, span, &quotes);
            sentences.push(Sentence {
                span,
                paragraph: pi,
                voice,
                standalone,
            });
        }
    }
    Document {
        article,
        paragraphs,
        sentences,
        quotes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_sentence_quote_is_quoted_throughout() {
        let text = "\u{201c}The port is open. We are ready. Ships can dock,\u{201d} the harbour master said.";
        let doc = segment(Article::from_text("x", text));
        let voices: Vec<Voice> = doc.sentences.iter().map(|s| s.voice).collect();
        assert_eq!(voices, vec![Voice::Quoted, Voice::Quoted, Voice::Quoted]);
    }
}
