//! The pipeline: one thread reads the inputs in order and cuts them into units of work (a
//! file, a block of JSONL lines, a block of scored records); rayon scores and encodes units in
//! parallel; the caller's thread puts the results back in input order and hands them to the
//! [`Sink`]. A unit's bytes count against the budget from the moment it is read until its
//! records have left through the sink, so memory is bounded by bytes in flight whatever the
//! number or size of the inputs.

use crate::plan::{plan, Planned};
use crate::scored::{self, Order};
use crate::{BatchError, Shard};
use rayon::prelude::*;
use slant_ingest::model::{ErrorInfo, ErrorRecord, Record, SCHEMA};
use slant_ingest::{
    Entry, Failure, Format, Item, Skipped, SkippedRecords, Source, Stream, StreamReader,
};
use slant_score::Scorer;
use std::collections::{BTreeMap, BinaryHeap};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::time::Duration;

/// Encodes one record for the output (a JSONL line, a CSV row, a JSON array element) on the
/// worker threads, so that serialisation runs in parallel too.
pub type Encoder = Arc<dyn Fn(&Record) -> Vec<u8> + Send + Sync>;

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// About how many bytes of input one unit of work holds (a block of JSONL lines or of
    /// scored records; a file that is read whole is one unit whatever its size).
    pub block_bytes: usize,
    /// How many bytes of input may be in flight (read, not yet through the sink). One unit is
    /// always admitted, so a single input larger than this still goes through.
    pub budget_bytes: usize,
    /// Score only this slice of the inputs, and add each record's place in the input order
    /// (see [`crate::scored::ORDER_FIELD`]) to its encoding so slices can be merged.
    pub shard: Option<Shard>,
    /// Files and folders the run writes: never read, and an error when named as an input.
    pub outputs: Vec<PathBuf>,
    /// How long to wait for a program to open a named pipe for writing.
    pub pipe_wait: Duration,
    /// Whether the sink reads a scored article's sentences. A sink that writes only the
    /// encoded bytes (`slant score`) says no: then the worker that scored and encoded an
    /// article also frees its sentences, and the sink gets the article without them. Freeing
    /// them on the sink's thread, which did not allocate them, cost about 7% of the CPU of a
    /// 2-thread score of the AllSides folder. Without an encoder the sentences always come.
    pub sink_reads_sentences: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            block_bytes: 256 << 10,
            budget_bytes: 16 << 20,
            shard: None,
            outputs: Vec::new(),
            pipe_wait: Duration::from_secs(10),
            sink_reads_sentences: true,
        }
    }
}

/// Where a batch's results go, in input order.
pub trait Sink {
    /// A scored article or an error record, with its bytes from the [`Encoder`] (empty when
    /// the batch has none).
    fn record(&mut self, record: Record, encoded: &[u8]) -> std::io::Result<()>;
    /// A path met but not read (unsupported extension, a pipe inside a folder, the output).
    fn skipped(&mut self, _skipped: &Skipped) {}
    /// The records of the web archive `path` that are no article (requests, metadata,
    /// non-HTML responses), by reason; said once per archive, after its last record.
    fn records_skipped(&mut self, _path: &str, _skipped: &SkippedRecords) {}
    /// `done` of `total` inputs (files and streams) are through.
    fn progress(&mut self, _done: usize, _total: usize) {}
    /// Nothing more is ready to go out yet: a good moment to flush, so that a record read
    /// from a stream leaves at once rather than when a buffer fills.
    fn idle(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Counts of what a batch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub articles: usize,
    pub failures: usize,
    pub skipped: usize,
    /// Records of web archives that are no article (see [`Sink::records_skipped`]).
    pub records_skipped: usize,
}

impl Stats {
    /// Exit status per slant's contract: 0 all scored, 1 some failed, 2 nothing scored.
    pub fn exit_code(&self) -> u8 {
        if self.articles == 0 {
            2
        } else if self.failures > 0 {
            1
        } else {
            0
        }
    }
}

/// A batch: a scorer, options and an optional encoder. See the crate documentation.
pub struct Batch {
    inner: Arc<Inner>,
}

struct Inner {
    scorer: Arc<Scorer>,
    options: Options,
    encode: Option<Encoder>,
}

impl Batch {
    pub fn new(scorer: Arc<Scorer>) -> Batch {
        Batch {
            inner: Arc::new(Inner {
                scorer,
                options: Options::default(),
                encode: None,
            }),
        }
    }

    pub fn options(self, options: Options) -> Batch {
        self.change(|i| i.options = options)
    }

    pub fn encode_with(self, encode: Encoder) -> Batch {
        self.change(|i| i.encode = Some(encode))
    }

    fn change(self, f: impl FnOnce(&mut Inner)) -> Batch {
        let mut inner = Arc::try_unwrap(self.inner).unwrap_or_else(|shared| Inner {
            scorer: shared.scorer.clone(),
            options: shared.options.clone(),
            encode: shared.encode.clone(),
        });
        f(&mut inner);
        Batch {
            inner: Arc::new(inner),
        }
    }

    /// Read, score and encode every input (files, folders, `-` for stdin) and hand the records
    /// to `sink` in input order. Scored `slant/1` files and streams are read back as they are
    /// (the outputs of a sharded run merged into the order of one run). Inputs that fail
    /// become error records; the batch itself fails only when the sink does, or when an
    /// input is the output.
    pub fn run<P: AsRef<Path>>(
        &self,
        inputs: &[P],
        sink: &mut dyn Sink,
    ) -> Result<Stats, BatchError> {
        let planned = plan(inputs, &self.inner.options)?;
        let total = planned.iter().map(Planned::inputs).sum();
        let budget = Arc::new(Budget::new(self.inner.options.budget_bytes));
        let (tx, rx) = mpsc::channel::<Msg>();
        let producer = Producer {
            inner: self.inner.clone(),
            budget: budget.clone(),
            tx,
            seq: 0,
            files: Vec::new(),
            files_bytes: 0,
        };
        // Not joined: when the sink fails (a closed pipe) the reader may be waiting on stdin,
        // and the command should end now; the thread ends with the process.
        std::thread::Builder::new()
            .name("slant-read".into())
            .spawn(move || producer.run(planned))
            .map_err(|e| BatchError::Internal(format!("cannot start the reader: {e}")))?;

        let mut stats = Stats::default();
        let mut done_inputs = 0;
        let mut next = 0u64;
        let mut end: Option<u64> = None;
        let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
        let result = (|| loop {
            if end == Some(next) {
                return Ok(());
            }
            let msg = match rx.try_recv() {
                Ok(m) => Ok(m),
                Err(mpsc::TryRecvError::Empty) => {
                    sink.idle()?;
                    rx.recv().map_err(|_| ())
                }
                Err(mpsc::TryRecvError::Disconnected) => Err(()),
            };
            match msg {
                Ok(Msg::End(n)) => end = Some(n),
                Ok(Msg::Failed(why)) => return Err(BatchError::Internal(why)),
                Ok(Msg::Done(d)) => {
                    pending.insert(d.seq, d);
                    while let Some(d) = pending.remove(&next) {
                        next += 1;
                        if let Some(s) = &d.skipped {
                            stats.skipped += 1;
                            sink.skipped(s);
                        }
                        if let Some((path, s)) = &d.records_skipped {
                            stats.records_skipped += s.total();
                            sink.records_skipped(path, s);
                        }
                        for (record, bytes) in d.records {
                            match &record {
                                Record::Article(_) => stats.articles += 1,
                                Record::Error(_) => stats.failures += 1,
                            }
                            sink.record(record, &bytes)?;
                        }
                        budget.release(d.bytes);
                        if d.inputs_done > 0 {
                            done_inputs += d.inputs_done;
                            sink.progress(done_inputs, total);
                        }
                    }
                }
                Err(_) => {
                    return Err(BatchError::Internal(
                        "the reader stopped before the end of the inputs".into(),
                    ))
                }
            }
        })();
        if result.is_err() {
            budget.cancel();
        }
        result.map(|()| stats)
    }
}

/// Bytes in flight, and whether the batch was abandoned.
struct Budget {
    limit: usize,
    /// Units handed to the pool and not yet processed. Bounded because a rayon worker that
    /// waits inside a unit's parallel loop may run another queued unit on top of its own stack:
    /// with thousands queued (a slow trickle on stdin makes many tiny blocks) that nesting
    /// overflowed the stack.
    max_jobs: usize,
    state: Mutex<BudgetState>,
    changed: Condvar,
}

#[derive(Default)]
struct BudgetState {
    bytes: usize,
    jobs: usize,
    cancelled: bool,
}

impl Budget {
    fn new(limit: usize) -> Budget {
        Budget {
            limit,
            max_jobs: 2 * rayon::current_num_threads() + 2,
            state: Mutex::new(BudgetState::default()),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BudgetState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wait until `n` more bytes fit (or nothing is in flight); false when abandoned.
    fn acquire(&self, n: usize) -> bool {
        let mut s = self.lock();
        while !s.cancelled && s.bytes > 0 && s.bytes + n > self.limit {
            s = self.changed.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        s.bytes += n;
        !s.cancelled
    }

    /// Wait until one more unit may go to the pool; false when abandoned.
    fn acquire_job(&self) -> bool {
        let mut s = self.lock();
        while !s.cancelled && s.jobs >= self.max_jobs {
            s = self.changed.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        s.jobs += 1;
        !s.cancelled
    }

    fn job_done(&self) {
        let mut s = self.lock();
        s.jobs = s.jobs.saturating_sub(1);
        self.changed.notify_all();
    }

    fn release(&self, n: usize) {
        let mut s = self.lock();
        s.bytes = s.bytes.saturating_sub(n);
        self.changed.notify_all();
    }

    fn cancel(&self) {
        let mut s = self.lock();
        s.cancelled = true;
        self.changed.notify_all();
    }

    fn cancelled(&self) -> bool {
        self.lock().cancelled
    }
}

enum Msg {
    Done(Done),
    /// The number of units produced: the consumer is through when it has emitted them all.
    End(u64),
    Failed(String),
}

/// A unit's results, ready to go out.
struct Done {
    seq: u64,
    records: Vec<(Record, Vec<u8>)>,
    skipped: Option<Skipped>,
    records_skipped: Option<(String, SkippedRecords)>,
    bytes: usize,
    /// How many inputs this unit ends (a group of files ends several).
    inputs_done: usize,
}

/// A unit of work for the pool.
enum Work {
    /// Files read and parsed whole (every format that is not streamed), each with its input
    /// number: one file, or several small ones grouped up to [`FILES_BYTES`], so that a folder
    /// of short articles is not a unit (a wake-up of a worker, of the reader and of the
    /// writer) per file.
    Files(Vec<(Source, u64)>),
    /// Parsed items of a streamed input, each with its place in the input order.
    Items(Vec<(Order, Item)>),
    /// Lines of scored `slant/1` files.
    Lines(Vec<ScoredLine>),
}

struct ScoredLine {
    path: Arc<str>,
    line_no: usize,
    bytes: Vec<u8>,
    order: Order,
}

struct Producer {
    inner: Arc<Inner>,
    budget: Arc<Budget>,
    tx: mpsc::Sender<Msg>,
    seq: u64,
    /// Small files waiting to go to the pool as one unit, and their bytes. Sent before any
    /// other unit, so units stay in input order.
    files: Vec<(Source, u64)>,
    files_bytes: usize,
}

/// About how many bytes of small files go to the pool as one unit. Measured on AllSides
/// (1,600 files of 6 KB, 2 cores): a unit per file made 9,400 context switches and 0.40 s;
/// 32 KB units 2,000 and 0.33 s; 256 KB units 250, but too few units to keep both cores
/// busy (0.36 s).
const FILES_BYTES: usize = 32 << 10;

impl Producer {
    fn run(mut self, planned: Vec<Planned>) {
        let tx = self.tx.clone();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            for p in planned {
                if self.budget.cancelled() {
                    return;
                }
                self.input(p);
            }
            self.flush_files();
            let _ = self.tx.send(Msg::End(self.seq));
        }));
        if let Err(panic) = outcome {
            let _ = tx.send(Msg::Failed(format!(
                "the reader failed (a bug; please report it): {}",
                panic_text(&*panic)
            )));
        }
    }

    fn holds(&self, path: &str, item: u64) -> bool {
        self.inner.holds(path, item)
    }

    /// Send a unit whose results are known already (no work for the pool).
    fn ready(&mut self, records: Vec<(Record, Order)>, skipped: Option<Skipped>, input_done: bool) {
        self.flush_files();
        let records = records
            .into_iter()
            .map(|(r, order)| {
                let bytes = self.inner.encode(&r, order);
                (r, bytes)
            })
            .collect();
        let done = Done {
            seq: self.seq,
            records,
            skipped,
            records_skipped: None,
            bytes: 0,
            inputs_done: usize::from(input_done),
        };
        self.seq += 1;
        let _ = self.tx.send(Msg::Done(done));
    }

    /// Hand a unit to the pool once its bytes fit in the budget.
    fn spawn(&mut self, work: Work, bytes: usize, input_done: bool) {
        self.flush_files();
        self.send_work(work, bytes, usize::from(input_done));
    }

    /// Queue a file read whole: it goes to the pool with the small files after it, up to
    /// about [`FILES_BYTES`] (a larger file goes alone).
    fn queue_file(&mut self, source: Source, input: u64, bytes: usize) {
        let group = FILES_BYTES.min(self.inner.options.block_bytes);
        if bytes >= group {
            self.flush_files();
        }
        self.files.push((source, input));
        self.files_bytes += bytes;
        if self.files_bytes >= group {
            self.flush_files();
        }
    }

    /// Send the queued files as one unit.
    fn flush_files(&mut self) {
        if self.files.is_empty() {
            return;
        }
        let files = std::mem::take(&mut self.files);
        let n = files.len();
        let bytes = std::mem::take(&mut self.files_bytes);
        self.send_work(Work::Files(files), bytes, n);
    }

    fn send_work(&mut self, work: Work, bytes: usize, inputs_done: usize) {
        if !self.budget.acquire(bytes) || !self.budget.acquire_job() {
            return;
        }
        let seq = self.seq;
        self.seq += 1;
        let inner = self.inner.clone();
        let tx = self.tx.clone();
        let budget = self.budget.clone();
        rayon::spawn(move || {
            let records = inner.process(work);
            budget.job_done();
            let _ = tx.send(Msg::Done(Done {
                seq,
                records,
                skipped: None,
                records_skipped: None,
                bytes,
                inputs_done,
            }));
        });
    }

    fn input(&mut self, p: Planned) {
        if !matches!(p, Planned::Entry(_, Entry::File(_))) {
            // Queued files go before an input that may keep the reader waiting (a stream).
            self.flush_files();
        }
        match p {
            Planned::Entry(i, Entry::Failed(f)) => {
                let keep = self.holds(&f.path, 0);
                let records = if keep {
                    vec![(Record::Error(f.to_record()), (i, 0))]
                } else {
                    vec![]
                };
                self.ready(records, None, false);
            }
            Planned::Entry(_, Entry::Skipped(s)) => self.ready(vec![], Some(s), false),
            Planned::Entry(i, Entry::File(source)) => self.file(i, source),
            Planned::Entry(i, Entry::Stream(stream)) => self.stream(i, stream),
            Planned::Scored(i, source) => {
                let label: Arc<str> = source.origin.path.as_str().into();
                match std::fs::File::open(&source.path) {
                    Ok(f) => self.lines(i, label, BufReader::with_capacity(1 << 16, f), |_| false),
                    Err(e) => {
                        let f = Failure::new(label.to_string(), None, e.into());
                        self.ready(vec![(Record::Error(f.to_record()), (i, 0))], None, true);
                    }
                }
            }
            Planned::Merge(sources) => self.merge(sources),
        }
    }

    fn file(&mut self, i: u64, source: Source) {
        if !slant_ingest::streams(source.format) {
            // Read and parsed on a worker. A file that holds one article is in a shard or
            // not as a whole, without reading it.
            let multi = source.format == Format::Json;
            if !multi && !self.holds(&source.origin.path, 0) {
                self.ready(vec![], None, true);
                return;
            }
            let bytes = std::fs::metadata(&source.path).map_or(0, |m| m.len() as usize);
            self.queue_file(source, i, bytes);
            return;
        }
        self.flush_files();
        let blocks = slant_ingest::blocks(&source, self.inner.options.block_bytes);
        let path = source.origin.path.clone();
        self.items(i, &path, blocks);
    }

    /// A streamed input's blocks, each item numbered in input order and kept when in the shard.
    fn items(&mut self, i: u64, path: &str, mut blocks: slant_ingest::Blocks) {
        let mut n = 0u64;
        for block in blocks.by_ref() {
            if self.budget.cancelled() {
                return;
            }
            let mut bytes = 0;
            let mut items = Vec::with_capacity(block.len());
            for item in block {
                let ordinal = n;
                n += 1;
                if self.holds(path, ordinal) {
                    bytes += item_bytes(&item);
                    items.push(((i, ordinal), item));
                }
            }
            if !items.is_empty() {
                self.spawn(Work::Items(items), bytes, false);
            }
        }
        // Said by the first slice only, so the slices of a sharded run count each record once.
        let first_slice = self.inner.options.shard.is_none_or(|s| s.k() == 1);
        let records_skipped = blocks
            .skipped_records()
            .filter(|s| first_slice && s.total() > 0)
            .map(|s| (path.to_string(), s));
        self.flush_files();
        let _ = self.tx.send(Msg::Done(Done {
            seq: self.seq,
            records: vec![],
            skipped: None,
            records_skipped,
            bytes: 0,
            inputs_done: 1,
        }));
        self.seq += 1;
    }

    fn stream(&mut self, i: u64, stream: Stream) {
        let reader = match open_stream(&stream, self.inner.options.pipe_wait) {
            Ok(r) => r,
            Err(e) => {
                let f = Failure::new(stream.origin.path.clone(), None, e.into());
                let keep = self.holds(&f.path, 0);
                let records = if keep {
                    vec![(Record::Error(f.to_record()), (i, 0))]
                } else {
                    vec![]
                };
                self.ready(records, None, true);
                return;
            }
        };
        let (start, reader) = match slant_ingest::sniff(reader) {
            Ok(x) => x,
            Err(e) => {
                let f = Failure::new(stream.origin.path.clone(), None, e.into());
                self.ready(vec![(Record::Error(f.to_record()), (i, 0))], None, true);
                return;
            }
        };
        if scored::is_scored_start(&start) {
            // Output of an earlier `slant score` (`slant score x | slant report -`).
            let label: Arc<str> = stream.origin.path.as_str().into();
            self.lines(i, label, reader, |r: &StreamReader| r.buffer().is_empty());
            return;
        }
        let path = stream.origin.path.clone();
        let blocks = slant_ingest::stream_blocks(
            reader,
            stream.format,
            stream.origin,
            self.inner.options.block_bytes,
        );
        self.items(i, &path, blocks);
    }

    /// Scored records, line by line, in blocks; `idle` ends a block early when a stream has
    /// nothing more waiting.
    fn lines<R: BufRead>(
        &mut self,
        i: u64,
        path: Arc<str>,
        mut reader: R,
        idle: impl Fn(&R) -> bool,
    ) {
        let block_bytes = self.inner.options.block_bytes;
        let mut block: Vec<ScoredLine> = Vec::new();
        let mut bytes = 0;
        let mut line_no = 0usize;
        loop {
            if self.budget.cancelled() {
                return;
            }
            if !block.is_empty() && (bytes >= block_bytes || idle(&reader)) {
                self.spawn(Work::Lines(std::mem::take(&mut block)), bytes, false);
                bytes = 0;
            }
            let mut line = Vec::new();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(_) => {
                    line_no += 1;
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    if self.holds(&path, line_no as u64) {
                        bytes += line.len();
                        block.push(ScoredLine {
                            path: path.clone(),
                            line_no,
                            bytes: line,
                            order: (i, line_no as u64),
                        });
                    }
                }
                Err(e) => {
                    let f = Failure::new(path.to_string(), Some(line_no + 1), e.into());
                    if !block.is_empty() {
                        self.spawn(Work::Lines(std::mem::take(&mut block)), bytes, false);
                    }
                    self.ready(vec![(Record::Error(f.to_record()), (i, 0))], None, true);
                    return;
                }
            }
        }
        if !block.is_empty() {
            self.spawn(Work::Lines(block), bytes, false);
        }
        self.ready(vec![], None, true);
    }

    /// The outputs of a sharded run, merged back into the input order of one run: each file
    /// is in order already, so a k-way merge on the records' order keys restores it.
    fn merge(&mut self, sources: Vec<Source>) {
        struct Open {
            path: Arc<str>,
            reader: BufReader<std::fs::File>,
            line_no: usize,
        }
        let mut files: Vec<Open> = Vec::new();
        for s in sources {
            let path: Arc<str> = s.origin.path.as_str().into();
            match std::fs::File::open(&s.path) {
                Ok(f) => files.push(Open {
                    path,
                    reader: BufReader::with_capacity(1 << 16, f),
                    line_no: 0,
                }),
                Err(e) => {
                    let f = Failure::new(path.to_string(), None, e.into());
                    self.ready(vec![(Record::Error(f.to_record()), (0, 0))], None, true);
                }
            }
        }
        // The next non-blank line of file `k`, with its sort key.
        let next = |files: &mut Vec<Open>, k: usize| -> Option<(Order, usize, ScoredLine)> {
            let f = &mut files[k];
            loop {
                let mut line = Vec::new();
                match f.reader.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => return None,
                    Ok(_) => {
                        f.line_no += 1;
                        if line.iter().all(u8::is_ascii_whitespace) {
                            continue;
                        }
                        // Lines without a key (not from a sharded run) go last, in file order.
                        let key = scored::order_of(&line).unwrap_or((u64::MAX, f.line_no as u64));
                        return Some((
                            key,
                            k,
                            ScoredLine {
                                path: f.path.clone(),
                                line_no: f.line_no,
                                bytes: line,
                                order: key,
                            },
                        ));
                    }
                }
            }
        };
        let mut heap = BinaryHeap::new();
        let mut lines: Vec<Option<ScoredLine>> = (0..files.len()).map(|_| None).collect();
        for k in 0..files.len() {
            if let Some((key, k, line)) = next(&mut files, k) {
                lines[k] = Some(line);
                heap.push(std::cmp::Reverse((key, k)));
            }
        }
        let block_bytes = self.inner.options.block_bytes;
        let mut block = Vec::new();
        let mut bytes = 0;
        while let Some(std::cmp::Reverse((_, k))) = heap.pop() {
            if self.budget.cancelled() {
                return;
            }
            let line = lines[k]
                .take()
                .expect("a line waits for every key in the heap");
            bytes += line.bytes.len();
            block.push(line);
            if bytes >= block_bytes {
                self.spawn(Work::Lines(std::mem::take(&mut block)), bytes, false);
                bytes = 0;
            }
            if let Some((key, k, line)) = next(&mut files, k) {
                lines[k] = Some(line);
                heap.push(std::cmp::Reverse((key, k)));
            }
        }
        if !block.is_empty() {
            self.spawn(Work::Lines(block), bytes, false);
        }
        for _ in 0..files.len() {
            self.ready(vec![], None, true);
        }
    }
}

impl Inner {
    fn holds(&self, path: &str, item: u64) -> bool {
        self.options.shard.is_none_or(|s| s.holds(path, item))
    }

    /// A record's bytes for the sink, with its input order when the run is sharded.
    fn encode(&self, record: &Record, order: Order) -> Vec<u8> {
        let Some(encode) = &self.encode else {
            return Vec::new();
        };
        let mut bytes = encode(record);
        if self.options.shard.is_some() {
            scored::add_order(&mut bytes, order);
        }
        bytes
    }

    /// The record and its bytes as the sink gets them: without the article's sentences
    /// (freed here, on the thread that made them) when the sink reads only the bytes.
    fn for_sink(&self, mut record: Record, order: Order) -> (Record, Vec<u8>) {
        let bytes = self.encode(&record, order);
        if self.encode.is_some() && !self.options.sink_reads_sentences {
            if let Record::Article(a) = &mut record {
                a.sentences = Vec::new();
            }
        }
        (record, bytes)
    }

    fn process(&self, work: Work) -> Vec<(Record, Vec<u8>)> {
        let what = match &work {
            Work::Files(files) => files
                .first()
                .map(|(s, _)| s.origin.path.clone())
                .unwrap_or_default(),
            Work::Items(items) => items
                .first()
                .map(|(_, i)| match i {
                    Ok(a) => a.path.clone(),
                    Err(f) => f.path.clone(),
                })
                .unwrap_or_default(),
            Work::Lines(lines) => lines
                .first()
                .map(|l| l.path.to_string())
                .unwrap_or_default(),
        };
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.work(work))) {
            Ok(out) => out,
            Err(panic) => {
                let r = internal_error(&what, &panic_text(&*panic));
                vec![(r, Vec::new())]
            }
        }
    }

    fn work(&self, work: Work) -> Vec<(Record, Vec<u8>)> {
        let items: Vec<(Order, Item)> = match work {
            Work::Files(files) if files.len() == 1 => {
                let (source, input) = files.into_iter().next().expect("one file");
                self.read(&source, input)
            }
            Work::Files(files) => {
                // Each file on its own, a panic reading one an error record for that file only.
                // One after the other: the files of a unit are small (a unit is about 32 KB)
                // and many units are in the pool at once, so splitting a unit across threads
                // only added rayon's job and stealing overhead (AllSides, 2 threads: 0.49 s ->
                // 0.41 s wall, 0.89 s -> 0.79 s CPU).
                let per_file: Vec<Vec<(Record, Vec<u8>)>> = files
                    .into_iter()
                    .map(|(source, input)| {
                        let path = source.origin.path.clone();
                        let work = Work::Files(vec![(source, input)]);
                        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            self.work(work)
                        })) {
                            Ok(out) => out,
                            Err(panic) => {
                                vec![(internal_error(&path, &panic_text(&*panic)), Vec::new())]
                            }
                        }
                    })
                    .collect();
                return per_file.into_iter().flatten().collect();
            }
            Work::Items(items) => items,
            Work::Lines(lines) => {
                return lines
                    .into_par_iter()
                    .map(|l| {
                        let r = scored::parse_line(&l.bytes, &l.path, l.line_no);
                        self.for_sink(r, l.order)
                    })
                    .collect()
            }
        };
        items
            .into_par_iter()
            .map(|(order, item)| {
                let r = match item {
                    Ok(article) => score_guarded(&self.scorer, article),
                    Err(f) => Record::Error(f.to_record()),
                };
                self.for_sink(r, order)
            })
            .collect()
    }
}

impl Inner {
    /// The items of a file read whole that this run holds, in the file's order.
    fn read(&self, source: &Source, input: u64) -> Vec<(Order, Item)> {
        slant_ingest::read_source(source)
            .into_iter()
            .enumerate()
            .map(|(n, item)| ((input, n as u64), item))
            .filter(|((_, n), _)| self.holds(&source.origin.path, *n))
            .collect()
    }
}

/// What an item weighs in the budget: its text and a little for the rest.
fn item_bytes(item: &Item) -> usize {
    match item {
        Ok(a) => a.text.len() + 256,
        Err(_) => 256,
    }
}

fn open_stream(stream: &Stream, wait: Duration) -> std::io::Result<StreamReader> {
    let inner: Box<dyn std::io::Read + Send> = match &stream.path {
        None => Box::new(std::io::stdin()),
        Some(p) => Box::new(open_pipe(p, wait)?),
    };
    Ok(BufReader::with_capacity(1 << 16, inner))
}

/// Open a named pipe for reading. Opening blocks until a program opens it for writing, so it
/// is done on a helper thread and given up after `wait`; the helper is then released by
/// opening the pipe for writing once ourselves (non-blocking, which succeeds because the
/// helper is waiting to read).
fn open_pipe(path: &Path, wait: Duration) -> std::io::Result<std::fs::File> {
    let (tx, rx) = mpsc::channel();
    let p = path.to_path_buf();
    let opened = Arc::new(AtomicBool::new(false));
    let flag = opened.clone();
    std::thread::spawn(move || {
        let r = std::fs::File::open(&p);
        flag.store(true, Ordering::SeqCst);
        let _ = tx.send(r);
    });
    match rx.recv_timeout(wait) {
        Ok(r) => r,
        Err(_) => {
            if !opened.load(Ordering::SeqCst) {
                release_pipe_opener(path);
            }
            Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!(
                    "a named pipe no program opened for writing within {:.1} s",
                    wait.as_secs_f64()
                ),
            ))
        }
    }
}

#[cfg(unix)]
fn release_pipe_opener(path: &Path) {
    use std::os::unix::fs::OpenOptionsExt;
    let _ = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path);
}

#[cfg(not(unix))]
fn release_pipe_opener(_path: &Path) {}

/// Score one article; a bug that panics on some input becomes an error record for that
/// article instead of ending the batch.
fn score_guarded(scorer: &Scorer, article: slant_ingest::Article) -> Record {
    let path = article.path.clone();
    let id = article.id.clone();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        scorer.score(&slant_ingest::segment(article))
    })) {
        Ok(scored) => Record::Article(Box::new(scored)),
        Err(panic) => internal_error(
            &path,
            &format!(
                "slant failed on article `{id}` (a bug; please report it): {}",
                panic_text(&*panic)
            ),
        ),
    }
}

fn internal_error(path: &str, message: &str) -> Record {
    Record::Error(ErrorRecord {
        schema: SCHEMA.to_string(),
        path: path.to_string(),
        line: None,
        error: ErrorInfo {
            kind: "internal_error".into(),
            message: message.to_string(),
        },
    })
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "unknown".into())
}
