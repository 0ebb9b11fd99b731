//! Writing a framing report: the [`Renderer`] trait (one method per kind of section), the
//! streaming driver [`ReportWriter`] shared by the HTML and Markdown renderers, and where the
//! pages go.
//!
//! A report is either **one file** or **a folder of pages** (`index`, one page per outlet,
//! one per article), laid out by [`crate::analysis::report`]. Either way, records stream
//! through [`ReportWriter::add`]: the corpus keeps only per-article summaries and bounded top
//! lists ([`crate::analysis::corpus`]), and each article is rendered the moment it arrives, to
//! its own page or to a *spool*, a scratch file that is copied into the single file after the
//! overview (which needs the whole corpus) has been written. Memory therefore does not grow
//! with the size of the articles.
//!
//! **A new output format** of the report implements [`Renderer`] (see `render::html::report`
//! and `render::markdown::report`) and is handed to [`ReportWriter`].

use crate::analysis::corpus::{Corpus, Failed, Meta, OutletStats};
use crate::analysis::report::{
    self, ArticleList, ArticleView, Header, Overview, Page, PageKind, Section, Tops,
};
use crate::error::ReportError;
use slant_ingest::model::Record;
use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom, Write};

/// How pages refer to each other: in one file by anchor, in a folder by relative path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Links {
    /// True for a folder report.
    pub folder: bool,
    /// True on a page one level down (`articles/`, `outlets/`).
    pub nested: bool,
    /// File extension of the pages ("html", "md").
    pub ext: &'static str,
}

impl Links {
    pub fn single(ext: &'static str) -> Links {
        Links {
            folder: false,
            nested: false,
            ext,
        }
    }

    fn up(&self) -> &'static str {
        if self.nested {
            "../"
        } else {
            ""
        }
    }

    /// Link to an article.
    pub fn article(&self, seq: usize, file: &str) -> String {
        if self.folder {
            format!("{}articles/{file}.{}", self.up(), self.ext)
        } else {
            format!("#a{seq}")
        }
    }

    /// Link to one sentence of an article.
    pub fn sentence(&self, seq: usize, file: &str, index: usize) -> String {
        if self.folder {
            format!("{}articles/{file}.{}#s{index}", self.up(), self.ext)
        } else {
            format!("#a{seq}-s{index}")
        }
    }

    /// Link to an outlet's page (folder reports only).
    pub fn outlet(&self, file: &str) -> Option<String> {
        self.folder
            .then(|| format!("{}outlets/{file}.{}", self.up(), self.ext))
    }

    /// Link to the index page (folder reports only).
    pub fn index(&self) -> Option<String> {
        self.folder
            .then(|| format!("{}index.{}", self.up(), self.ext))
    }

    /// Prefix of element ids inside an article: unique in one file, short on its own page.
    pub fn id_prefix(&self, seq: usize) -> String {
        if self.folder {
            String::new()
        } else {
            format!("a{seq}-")
        }
    }
}

/// What a renderer needs besides a section: how pages link, the run's facts, the kind of page.
#[derive(Debug, Clone, Copy)]
pub struct Cx<'a> {
    pub links: &'a Links,
    pub meta: &'a Meta,
    pub page: PageKind,
}

/// One output format of the framing report: one method per kind of [`Section`], each
/// appending its markup to `out`. [`render_page`] calls them in the page's order.
pub trait Renderer {
    /// File extension of the pages ("html", "md").
    fn ext(&self) -> &'static str;
    /// What comes before the first section (a document head).
    fn begin(&self, _out: &mut String, _page: &Page, _cx: &Cx) {}
    /// What comes after the last section.
    fn end(&self, _out: &mut String, _cx: &Cx) {}
    fn header(&self, out: &mut String, header: &Header, cx: &Cx);
    fn overview(&self, out: &mut String, overview: &Overview, cx: &Cx);
    fn outlets(&self, out: &mut String, outlets: &[OutletStats], cx: &Cx);
    fn tops(&self, out: &mut String, tops: &Tops, cx: &Cx);
    /// The article table; the articles of a single file follow it.
    fn articles(&self, out: &mut String, list: &ArticleList, cx: &Cx);
    /// Closes what [`Renderer::articles`] opened, after the articles of a single file.
    fn articles_end(&self, _out: &mut String, _list: &ArticleList, _cx: &Cx) {}
    fn legend(&self, _out: &mut String, _categories: &[&str], _cx: &Cx) {}
    fn article(&self, out: &mut String, article: &ArticleView, cx: &Cx);
    fn failed(&self, out: &mut String, failed: &[Failed], cx: &Cx);
    fn methods(&self, out: &mut String, meta: &Meta, cx: &Cx);
    fn methods_link(&self, out: &mut String, cx: &Cx);
}

/// Write `page` with `renderer`. `articles` is called inside the article table's section (a
/// single file's articles go there); it gets what was rendered so far, to write it out first.
pub fn render_page<R: Renderer + ?Sized>(
    renderer: &R,
    page: &Page,
    links: &Links,
    meta: &Meta,
    mut articles: impl FnMut(&mut String) -> Result<(), ReportError>,
) -> Result<String, ReportError> {
    let cx = Cx {
        links,
        meta,
        page: page.kind,
    };
    let mut out = String::new();
    renderer.begin(&mut out, page, &cx);
    for section in &page.sections {
        let out = &mut out;
        match section {
            Section::Header(h) => renderer.header(out, h, &cx),
            Section::Overview(o) => renderer.overview(out, o, &cx),
            Section::Outlets(o) => renderer.outlets(out, o, &cx),
            Section::Tops(t) => renderer.tops(out, t, &cx),
            Section::Articles(list) => {
                renderer.articles(out, list, &cx);
                articles(out)?;
                renderer.articles_end(out, list, &cx);
            }
            Section::Legend(l) => renderer.legend(out, l, &cx),
            Section::Article(a) => renderer.article(out, a, &cx),
            Section::Failed(f) => renderer.failed(out, f, &cx),
            Section::Methods(m) => renderer.methods(out, m, &cx),
            Section::MethodsLink => renderer.methods_link(out, &cx),
        }
    }
    renderer.end(&mut out, &cx);
    Ok(out)
}

/// Scratch storage for the article sections of a single-file report.
pub trait Spool: Read + Write + Seek {}
impl<T: Read + Write + Seek> Spool for T {}

/// Receives the pages of a folder report, by path relative to the folder (`index.html`,
/// `articles/00001-x.html`).
pub trait PageSink {
    fn write_page(&mut self, path: &str, content: &[u8]) -> Result<(), ReportError>;

    /// Called once, after the last page.
    fn finish(&mut self) -> Result<(), ReportError> {
        Ok(())
    }
}

impl<T: PageSink + ?Sized> PageSink for &mut T {
    fn write_page(&mut self, path: &str, content: &[u8]) -> Result<(), ReportError> {
        (**self).write_page(path, content)
    }

    fn finish(&mut self) -> Result<(), ReportError> {
        (**self).finish()
    }
}

/// Keeps pages in memory (tests).
impl PageSink for BTreeMap<String, Vec<u8>> {
    fn write_page(&mut self, path: &str, content: &[u8]) -> Result<(), ReportError> {
        self.insert(path.to_string(), content.to_vec());
        Ok(())
    }
}

enum Target<'a> {
    Single {
        out: Box<dyn Write + 'a>,
        spool: Box<dyn Spool + 'a>,
    },
    Folder {
        sink: Box<dyn PageSink + 'a>,
    },
}

/// Streams records into a framing report.
///
/// ```
/// use slant_report::{html::Html, Meta, ReportWriter};
/// use slant_ingest::model::{ErrorInfo, ErrorRecord, Record, SCHEMA};
///
/// let mut out = Vec::new();
/// let mut w = ReportWriter::single_file(Html, Meta::default(), &mut out, std::io::Cursor::new(Vec::new()));
/// w.add(&Record::Error(ErrorRecord {
///     schema: SCHEMA.into(), path: "<b>.txt".into(), line: None,
///     error: ErrorInfo { kind: "empty".into(), message: "the file is empty".into() },
/// })).unwrap();
/// w.finish().unwrap();
/// let html = String::from_utf8(out).unwrap();
/// assert!(html.contains("&lt;b&gt;.txt") && !html.contains("<b>.txt"));
/// ```
pub struct ReportWriter<'a, R: Renderer> {
    renderer: R,
    corpus: Corpus,
    target: Target<'a>,
}

impl<'a, R: Renderer> ReportWriter<'a, R> {
    /// A single-file report written to `out`; `spool` holds article sections meanwhile (a
    /// temporary file for big corpora, a `Cursor<Vec<u8>>` for small ones).
    pub fn single_file(
        renderer: R,
        meta: Meta,
        out: impl Write + 'a,
        spool: impl Spool + 'a,
    ) -> Self {
        ReportWriter {
            renderer,
            corpus: Corpus::new(meta),
            target: Target::Single {
                out: Box::new(out),
                spool: Box::new(spool),
            },
        }
    }

    /// A folder report: `index`, `outlets/*` and `articles/*` pages written to `sink`.
    pub fn folder(renderer: R, meta: Meta, sink: impl PageSink + 'a) -> Self {
        ReportWriter {
            renderer,
            corpus: Corpus::new(meta),
            target: Target::Folder {
                sink: Box::new(sink),
            },
        }
    }

    /// Take in one record: an article is rendered now, an error is listed at the end.
    pub fn add(&mut self, record: &Record) -> Result<(), ReportError> {
        self.corpus.add(record);
        let Record::Article(a) = record else {
            return Ok(());
        };
        let row = self
            .corpus
            .articles
            .last()
            .expect("an article was just added");
        let view = ArticleView::new(a, row);
        let ext = self.renderer.ext();
        let meta = &self.corpus.meta;
        match &mut self.target {
            Target::Single { spool, .. } => {
                let links = Links::single(ext);
                let cx = Cx {
                    links: &links,
                    meta,
                    page: PageKind::Single,
                };
                let mut section = String::new();
                self.renderer.article(&mut section, &view, &cx);
                spool.write_all(section.as_bytes())?;
            }
            Target::Folder { sink } => {
                let links = Links {
                    folder: true,
                    nested: true,
                    ext,
                };
                let path = format!("articles/{}.{ext}", row.file);
                let page = report::article(view);
                let page = render_page(&self.renderer, &page, &links, meta, |_| Ok(()))?;
                sink.write_page(&path, page.as_bytes())?;
            }
        }
        Ok(())
    }

    /// What has been taken in so far.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Write the overview, top lists, failures and methods, and close the report.
    pub fn finish(self) -> Result<Corpus, ReportError> {
        let ext = self.renderer.ext();
        let corpus = &self.corpus;
        let outlets = corpus.outlets();
        let total = corpus.total();
        match self.target {
            Target::Single { mut out, mut spool } => {
                let page = report::single_file(corpus, &outlets, &total);
                let links = Links::single(ext);
                let rest = render_page(&self.renderer, &page, &links, &corpus.meta, |head| {
                    out.write_all(head.as_bytes())?;
                    head.clear();
                    spool.flush()?;
                    spool.seek(SeekFrom::Start(0))?;
                    std::io::copy(&mut spool, &mut out)?;
                    Ok(())
                })?;
                out.write_all(rest.as_bytes())?;
                out.flush()?;
            }
            Target::Folder { mut sink } => {
                let nested = Links {
                    folder: true,
                    nested: true,
                    ext,
                };
                for o in &outlets {
                    let page = report::outlet(corpus, o, &total);
                    let page =
                        render_page(&self.renderer, &page, &nested, &corpus.meta, |_| Ok(()))?;
                    sink.write_page(&format!("outlets/{}.{ext}", o.file), page.as_bytes())?;
                }
                let top = Links {
                    folder: true,
                    nested: false,
                    ext,
                };
                let page = report::index(corpus, &outlets, &total);
                let index = render_page(&self.renderer, &page, &top, &corpus.meta, |_| Ok(()))?;
                sink.write_page(&format!("index.{ext}"), index.as_bytes())?;
                sink.finish()?;
            }
        }
        Ok(self.corpus)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_by_layout() {
        let one = Links::single("html");
        assert_eq!(one.article(3, "00003-x"), "#a3");
        assert_eq!(one.sentence(3, "00003-x", 7), "#a3-s7");
        assert_eq!(one.outlet("o"), None);
        let top = Links {
            folder: true,
            nested: false,
            ext: "html",
        };
        assert_eq!(top.article(3, "00003-x"), "articles/00003-x.html");
        let sub = Links {
            folder: true,
            nested: true,
            ext: "md",
        };
        assert_eq!(sub.sentence(3, "00003-x", 7), "../articles/00003-x.md#s7");
        assert_eq!(sub.index().as_deref(), Some("../index.md"));
    }
}
