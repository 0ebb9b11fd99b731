//! Fine-tuning the encoder together with the head, on the CPU, seeded and deterministic
//! (feature `transformer`).
//!
//! What is trained: low-rank adapters (LoRA: `W + (alpha / rank) B A`, `A` random, `B` zero
//! at the start) on chosen linear layers of chosen transformer layers, and one logistic output
//! per task over the sentence embedding joined with the (standardised) rule features. The base
//! weights never change; the adapters are a few hundred kilobytes, stored beside the head
//! (`models/heads/NAME.adapter.safetensors`) and folded into the weights when loaded, so a
//! fine-tuned model scores as fast as the base model.
//!
//! Determinism whatever the thread count: every mini-batch is cut into fixed shards; each
//! shard's gradient is computed by one worker with one libtorch thread (the same kernels, the
//! same summation order, whichever worker takes it); the shard gradients are then added in
//! shard order, and the optimiser (AdamW, written out here) runs on the main thread. The
//! random numbers (adapter start values, the order of examples) come from a seeded generator
//! of our own, not from libtorch's global one, which threads would share. No dropout.

use crate::bert::{Bert, Lora, ADAPTABLE};
use crate::embed::{batch_tensors, join_in_order, EmbedError, Pieces};
pub use crate::head::AdapterSpec;
use serde::{Deserialize, Serialize};
use std::path::Path;
use tch::Kind;
/// Re-exported so callers can hold adapters without depending on tch themselves.
pub use tch::Tensor;

/// Tensor names in the adapter file, in a fixed order: `layer.L.TARGET` (then `.lora_a` or
/// `.lora_b`), with the layer and the index of the target in [`ADAPTABLE`].
fn adapter_names(spec: &AdapterSpec) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for &l in &spec.layers {
        for t in &spec.targets {
            if let Some(i) = ADAPTABLE.iter().position(|a| a == t) {
                out.push((l, i, format!("layer.{l}.{t}")));
            }
        }
    }
    out
}

fn check_spec(spec: &AdapterSpec, bert: &Bert) -> Result<(), EmbedError> {
    let bad = EmbedError::Invalid;
    if spec.rank < 1 {
        return Err(bad("adapter rank must be at least 1".into()));
    }
    if let Some(l) = spec.layers.iter().find(|&&l| l >= bert.layers.len()) {
        return Err(bad(format!(
            "adapter on layer {l}: the model has {}",
            bert.layers.len()
        )));
    }
    if let Some(t) = spec
        .targets
        .iter()
        .find(|t| !ADAPTABLE.contains(&t.as_str()))
    {
        return Err(bad(format!(
            "unknown adapter target {t:?} (known: {ADAPTABLE:?})"
        )));
    }
    Ok(())
}

/// Training settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainSpec {
    pub adapter: AdapterSpec,
    pub epochs: usize,
    /// Peak learning rate of the adapters (linear warm-up over the first 10% of steps, then
    /// linear decay to 0); the output layer learns at `head_lr`.
    pub lr: f64,
    pub head_lr: f64,
    pub weight_decay: f64,
    /// Examples per optimiser step.
    pub batch: usize,
    /// Examples per shard (the unit of work of one worker; fixed, so results never depend on
    /// the number of workers).
    pub shard: usize,
    pub seed: u64,
    /// Weight of each task's loss (missing tasks weigh 1).
    #[serde(default)]
    pub task_weights: Vec<f64>,
}

/// One training example: word pieces, standardised rule features, a label (or none) per task,
/// and a weight.
#[derive(Debug, Clone)]
pub struct Example {
    pub pieces: Pieces,
    pub rules: Vec<f32>,
    pub labels: Vec<Option<bool>>,
    pub weight: f32,
}

/// The trained adapters and output layer.
pub struct Trained {
    /// `(name, tensor)` in [`AdapterSpec`] order: what the adapter file holds.
    pub adapters: Vec<(String, Tensor)>,
    /// Per task: weights over the embedding (already scaled to the unit-length embedding),
    /// weights over the standardised rule features, bias.
    pub outputs: Vec<(Vec<f64>, Vec<f64>, f64)>,
    /// Mean training loss per epoch.
    pub losses: Vec<f64>,
}

/// The embedding is unit length; scaled by this its components have about unit variance, so
/// the output layer trains at an ordinary learning rate.
fn embedding_scale(hidden: i64) -> f64 {
    (hidden as f64).sqrt()
}

/// A small seeded generator (splitmix64), for start values and example order.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5851_F42D_4C95_7F2D)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Trainable tensors of one run, in a fixed order: adapters (A, B per adapted layer), then the
/// output layer (embedding weights, rule weights, bias).
struct Params {
    tensors: Vec<Tensor>,
    adapters: usize,
}

fn init_params(base: &Bert, spec: &TrainSpec, tasks: usize, rules: usize, rng: &mut Rng) -> Params {
    let mut tensors = Vec::new();
    for (l, i, _) in adapter_names(&spec.adapter) {
        let w = &base.layers[l].linear[i].weight;
        let (out, inp) = (w.size()[0], w.size()[1]);
        // A ~ U(-1/sqrt(in), 1/sqrt(in)) (Kaiming uniform, as LoRA's reference), B = 0, so the
        // adapted model starts as the base model.
        let bound = 1.0 / (inp as f64).sqrt();
        let a: Vec<f32> = (0..spec.adapter.rank * inp)
            .map(|_| ((rng.uniform() * 2.0 - 1.0) * bound) as f32)
            .collect();
        tensors.push(Tensor::from_slice(&a).view([spec.adapter.rank, inp]));
        tensors.push(Tensor::zeros(
            [out, spec.adapter.rank],
            (Kind::Float, tch::Device::Cpu),
        ));
    }
    let adapters = tensors.len();
    let h = base.config.hidden;
    tensors.push(Tensor::zeros(
        [tasks as i64, h],
        (Kind::Float, tch::Device::Cpu),
    ));
    tensors.push(Tensor::zeros(
        [tasks as i64, rules as i64],
        (Kind::Float, tch::Device::Cpu),
    ));
    tensors.push(Tensor::zeros(
        [tasks as i64],
        (Kind::Float, tch::Device::Cpu),
    ));
    Params {
        tensors: tensors
            .into_iter()
            .map(|t| t.set_requires_grad(true))
            .collect(),
        adapters,
    }
}

/// The base encoder with adapters attached but not folded in (`W x + scale B A x`), as it is
/// trained; for checking that folding them in changes nothing.
pub fn with_adapters(
    base: &Bert,
    spec: &AdapterSpec,
    adapters: &[(String, Tensor)],
) -> Result<Bert, EmbedError> {
    check_spec(spec, base)?;
    if adapters.len() != 2 * adapter_names(spec).len() {
        return Err(EmbedError::Invalid(format!(
            "{} adapter tensors for a spec that needs {}",
            adapters.len(),
            2 * adapter_names(spec).len()
        )));
    }
    let t: Vec<Tensor> = adapters.iter().map(|(_, t)| t.shallow_clone()).collect();
    Ok(adapted(base, spec, &t))
}

/// A handle on the base weights with the given adapters attached (shared storage).
fn adapted(base: &Bert, spec: &AdapterSpec, adapters: &[Tensor]) -> Bert {
    let mut bert = base.shallow_clone();
    for (k, (l, i, _)) in adapter_names(spec).into_iter().enumerate() {
        bert.layers[l].linear[i].lora = Some(Lora {
            a: adapters[2 * k].shallow_clone(),
            b: adapters[2 * k + 1].shallow_clone(),
            scale: spec.alpha / spec.rank as f64,
        });
    }
    bert
}

/// Logits `[batch, tasks]` of a batch, from the token vectors entering layer `first` (cached:
/// the layers below the adapters never change).
fn logits(
    bert: &Bert,
    out: &[Tensor],
    items: &[&Example],
    hidden: &[&Tensor],
    first: usize,
) -> Tensor {
    let t = items.iter().map(|e| e.pieces.ids.len()).max().unwrap_or(1) as i64;
    let x = Tensor::stack(
        &hidden
            .iter()
            .map(|h| h.constant_pad_nd([0, 0, 0, t - h.size()[0]]))
            .collect::<Vec<_>>(),
        0,
    );
    let pieces: Vec<&Pieces> = items.iter().map(|e| &e.pieces).collect();
    let (_, mask) = batch_tensors(&pieces);
    let tokens = bert.forward_layers(&x, &mask, first);
    let emb = crate::bert::pool(&tokens, &mask) * embedding_scale(bert.config.hidden);
    let r = items.first().map_or(0, |e| e.rules.len());
    let flat: Vec<f32> = items.iter().flat_map(|e| e.rules.iter().copied()).collect();
    let rules = Tensor::from_slice(&flat).view([items.len() as i64, r as i64]);
    emb.matmul(&out[0].tr()) + rules.matmul(&out[1].tr()) + out[2].unsqueeze(0)
}

/// The token vectors entering layer `first` for every example (`[tokens, hidden]` each), in
/// fixed length-sorted batches of 16 on `workers` threads of one libtorch thread each, so the
/// values never depend on the number of workers. Computed once, they serve every epoch and
/// every fold of a cross-validation.
pub fn prepare(
    base: &Bert,
    examples: &[Example],
    first: usize,
    workers: usize,
) -> Result<Vec<Tensor>, EmbedError> {
    let mut order: Vec<usize> = (0..examples.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(examples[i].pieces.ids.len()));
    let chunks: Vec<&[usize]> = order.chunks(16).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let models: Vec<std::sync::Mutex<Bert>> = (0..workers.max(1))
        .map(|_| std::sync::Mutex::new(base.shallow_clone()))
        .collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = models
            .iter()
            .map(|m| {
                let (chunks, next) = (&chunks, &next);
                scope.spawn(move || -> Result<Vec<(usize, Tensor)>, EmbedError> {
                    tch::set_num_threads(1);
                    let bert = m.lock().map_err(|e| EmbedError::Poisoned(e.to_string()))?;
                    let mut done = Vec::new();
                    loop {
                        let c = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(chunk) = chunks.get(c) else { break };
                        let pieces: Vec<&Pieces> =
                            chunk.iter().map(|&i| &examples[i].pieces).collect();
                        let (ids, mask) = batch_tensors(&pieces);
                        let h = bert.hidden_before(&ids, &mask, first);
                        for (r, &i) in chunk.iter().enumerate() {
                            let n = examples[i].pieces.ids.len() as i64;
                            done.push((i, h.get(r as i64).narrow(0, 0, n).copy()));
                        }
                    }
                    Ok(done)
                })
            })
            .collect();
        join_in_order(handles, examples.len())
    })
}

/// The lowest layer with an adapter: the layers below it are not trained.
pub fn first_adapted(spec: &AdapterSpec) -> usize {
    spec.layers.iter().copied().min().unwrap_or(0)
}

/// Weighted binary cross-entropy summed over the labelled (example, task) pairs.
fn loss_sum(logits: &Tensor, items: &[&Example], task_weights: &[f64]) -> Tensor {
    let tasks = logits.size()[1] as usize;
    let mut target = vec![0f32; items.len() * tasks];
    let mut weight = vec![0f32; items.len() * tasks];
    for (r, e) in items.iter().enumerate() {
        for (t, l) in e.labels.iter().enumerate() {
            if let Some(l) = l {
                target[r * tasks + t] = f32::from(u8::from(*l));
                weight[r * tasks + t] =
                    e.weight * task_weights.get(t).copied().unwrap_or(1.0) as f32;
            }
        }
    }
    let shape = [items.len() as i64, tasks as i64];
    let target = Tensor::from_slice(&target).view(shape);
    let weight = Tensor::from_slice(&weight).view(shape);
    logits
        .binary_cross_entropy_with_logits(&target, Some(&weight), None, tch::Reduction::None)
        .sum(Kind::Float)
}

/// Fine-tune adapters and the output layer on `examples` (`tasks` outputs). `workers` is the
/// number of threads (the result does not depend on it).
#[allow(clippy::too_many_arguments)]
pub fn fine_tune(
    base: &Bert,
    examples: &[Example],
    tasks: usize,
    spec: &TrainSpec,
    workers: usize,
    init: Option<&[(String, Tensor)]>,
    cache: Option<&[Tensor]>,
    mut progress: impl FnMut(usize, f64),
) -> Result<Trained, EmbedError> {
    check_spec(&spec.adapter, base)?;
    let first = first_adapted(&spec.adapter);
    let prepared;
    let hidden: &[Tensor] = match cache {
        Some(c) if c.len() == examples.len() => c,
        _ => {
            prepared = prepare(base, examples, first, workers)?;
            &prepared
        }
    };
    let rules = examples.first().map_or(0, |e| e.rules.len());
    let mut rng = Rng::new(spec.seed);
    let params = init_params(base, spec, tasks, rules, &mut rng);
    if let Some(init) = init {
        // Start from earlier adapters (the distant stage), same layout.
        let _guard = tch::no_grad_guard();
        for (k, (_, t)) in init.iter().enumerate().take(params.adapters) {
            let mut p = params.tensors[k].shallow_clone();
            if p.size() == t.size() {
                p.copy_(t);
            }
        }
    }
    let workers = workers.max(1);
    let models: Vec<std::sync::Mutex<(Bert, Vec<Tensor>)>> = (0..workers)
        .map(|_| {
            let adapters: Vec<Tensor> = params.tensors[..params.adapters]
                .iter()
                .map(Tensor::shallow_clone)
                .collect();
            let out: Vec<Tensor> = params.tensors[params.adapters..]
                .iter()
                .map(Tensor::shallow_clone)
                .collect();
            std::sync::Mutex::new((adapted(base, &spec.adapter, &adapters), out))
        })
        .collect();
    let steps_per_epoch = examples.len().div_ceil(spec.batch.max(1));
    let total = (steps_per_epoch * spec.epochs).max(1);
    let warmup = (total / 10).max(1);
    let mut adam = Adam::new(&params.tensors);
    let mut losses = Vec::new();
    let mut step = 0;
    for epoch in 0..spec.epochs {
        let mut order: Vec<usize> = (0..examples.len()).collect();
        rng.shuffle(&mut order);
        let mut epoch_loss = 0.0;
        for batch in order.chunks(spec.batch.max(1)) {
            let total_weight: f64 = batch
                .iter()
                .map(|&i| {
                    let e = &examples[i];
                    e.labels
                        .iter()
                        .enumerate()
                        .filter(|(_, l)| l.is_some())
                        .map(|(t, _)| {
                            e.weight as f64 * spec.task_weights.get(t).copied().unwrap_or(1.0)
                        })
                        .sum::<f64>()
                })
                .sum::<f64>()
                .max(1e-9);
            let shards: Vec<&[usize]> = batch.chunks(spec.shard.max(1)).collect();
            // Shard s goes to worker s mod W with its cached token vectors (tensors cannot be
            // shared between threads, only handed over); which worker computes a shard does not
            // change its gradient.
            let mut work: Vec<Vec<(usize, Vec<Tensor>)>> =
                (0..models.len()).map(|_| Vec::new()).collect();
            for (s, shard) in shards.iter().enumerate() {
                work[s % models.len()].push((
                    s,
                    shard.iter().map(|&i| hidden[i].shallow_clone()).collect(),
                ));
            }
            type ShardResult = (usize, (f64, Vec<Tensor>));
            let per_shard = std::thread::scope(|scope| {
                let handles: Vec<_> = models
                    .iter()
                    .zip(work)
                    .map(|(m, mine)| {
                        let shards = &shards;
                        scope.spawn(move || -> Result<Vec<ShardResult>, EmbedError> {
                            tch::set_num_threads(1);
                            let guard =
                                m.lock().map_err(|e| EmbedError::Poisoned(e.to_string()))?;
                            let (bert, out) = &*guard;
                            let trainable: Vec<&Tensor> = bert
                                .layers
                                .iter()
                                .flat_map(|l| l.linear.iter())
                                .filter_map(|lin| lin.lora.as_ref())
                                .flat_map(|l| [&l.a, &l.b])
                                .chain(out.iter())
                                .collect();
                            let mut done = Vec::new();
                            for (s, h) in mine {
                                let items: Vec<&Example> =
                                    shards[s].iter().map(|&i| &examples[i]).collect();
                                let h: Vec<&Tensor> = h.iter().collect();
                                let loss = loss_sum(
                                    &logits(bert, out, &items, &h, first),
                                    &items,
                                    &spec.task_weights,
                                ) / total_weight;
                                let value = loss.double_value(&[]);
                                let grads =
                                    Tensor::f_run_backward(&[&loss], &trainable, false, false)?;
                                done.push((s, (value, grads)));
                            }
                            Ok(done)
                        })
                    })
                    .collect();
                join_in_order(handles, shards.len())
            })?;
            // Add the shards' gradients in shard order.
            let mut grads: Option<Vec<Tensor>> = None;
            for (v, g) in per_shard {
                epoch_loss += v * total_weight;
                grads = Some(match grads {
                    None => g,
                    Some(acc) => acc.iter().zip(&g).map(|(a, b)| a + b).collect(),
                });
            }
            let Some(grads) = grads else { continue };
            let lr_factor = if step < warmup {
                (step + 1) as f64 / warmup as f64
            } else {
                ((total - step) as f64 / (total - warmup).max(1) as f64).max(0.0)
            };
            adam.step(&params.tensors, &grads, |k| {
                let lr = if k < params.adapters {
                    spec.lr
                } else {
                    spec.head_lr
                };
                (
                    lr * lr_factor,
                    if k < params.adapters {
                        spec.weight_decay
                    } else {
                        0.0
                    },
                )
            });
            step += 1;
        }
        let mean = epoch_loss / examples.len().max(1) as f64;
        losses.push(mean);
        progress(epoch, mean);
    }
    let names = adapter_names(&spec.adapter);
    let adapters = names
        .iter()
        .enumerate()
        .flat_map(|(k, (_, _, n))| {
            [
                (format!("{n}.lora_a"), params.tensors[2 * k].detach().copy()),
                (
                    format!("{n}.lora_b"),
                    params.tensors[2 * k + 1].detach().copy(),
                ),
            ]
        })
        .collect();
    let s = embedding_scale(base.config.hidden);
    let vec_of = |t: &Tensor| -> Result<Vec<f64>, EmbedError> {
        Ok(Vec::<f32>::try_from(t.detach().contiguous().view([-1]))?
            .into_iter()
            .map(f64::from)
            .collect())
    };
    let we = vec_of(&params.tensors[params.adapters])?;
    let wr = vec_of(&params.tensors[params.adapters + 1])?;
    let b = vec_of(&params.tensors[params.adapters + 2])?;
    let h = base.config.hidden as usize;
    let outputs = (0..tasks)
        .map(|t| {
            (
                we[t * h..(t + 1) * h].iter().map(|w| w * s).collect(),
                wr[t * rules..(t + 1) * rules].to_vec(),
                b[t],
            )
        })
        .collect();
    Ok(Trained {
        adapters,
        outputs,
        losses,
    })
}

/// AdamW with bias correction (Loshchilov and Hutter), on the main thread.
struct Adam {
    m: Vec<Tensor>,
    v: Vec<Tensor>,
    t: i32,
}

impl Adam {
    fn new(params: &[Tensor]) -> Adam {
        Adam {
            m: params.iter().map(Tensor::zeros_like).collect(),
            v: params.iter().map(Tensor::zeros_like).collect(),
            t: 0,
        }
    }

    fn step(
        &mut self,
        params: &[Tensor],
        grads: &[Tensor],
        lr_decay: impl Fn(usize) -> (f64, f64),
    ) {
        let _guard = tch::no_grad_guard();
        let (b1, b2, eps) = (0.9, 0.999, 1e-8);
        self.t += 1;
        let c1 = 1.0 - f64::powi(b1, self.t);
        let c2 = 1.0 - f64::powi(b2, self.t);
        for (k, ((p, g), (m, v))) in params
            .iter()
            .zip(grads)
            .zip(self.m.iter_mut().zip(self.v.iter_mut()))
            .enumerate()
        {
            let (lr, decay) = lr_decay(k);
            *m = &*m * b1 + g * (1.0 - b1);
            *v = &*v * b2 + g.square() * (1.0 - b2);
            let update = (&*m / c1) / ((&*v / c2).sqrt() + eps);
            let mut p = p.shallow_clone();
            if decay > 0.0 {
                let shrunk = &p * (1.0 - lr * decay);
                p.copy_(&shrunk);
            }
            let _ = p.f_sub_(&(update * lr));
        }
    }
}

/// Write the adapters of a run (`safetensors`).
pub fn save_adapters(path: &Path, adapters: &[(String, Tensor)]) -> Result<(), EmbedError> {
    Tensor::write_safetensors(adapters, path)?;
    Ok(())
}

/// Read an adapter file written by [`save_adapters`] and fold it into `bert`'s weights.
pub fn load_adapters(bert: &mut Bert, spec: &AdapterSpec, path: &Path) -> Result<(), EmbedError> {
    let named = Tensor::read_safetensors(path)
        .map_err(|e| EmbedError::Invalid(format!("{}: {e}", path.display())))?;
    attach_named(bert, spec, named, &path.display().to_string())
}

/// Fold adapters held in memory (as [`Trained::adapters`]) into `bert`'s weights.
pub fn attach(
    bert: &mut Bert,
    spec: &AdapterSpec,
    adapters: &[(String, Tensor)],
) -> Result<(), EmbedError> {
    let named = adapters
        .iter()
        .map(|(n, t)| (n.clone(), t.shallow_clone()))
        .collect();
    attach_named(bert, spec, named, "adapters")
}

fn attach_named(
    bert: &mut Bert,
    spec: &AdapterSpec,
    named: Vec<(String, Tensor)>,
    source: &str,
) -> Result<(), EmbedError> {
    check_spec(spec, bert)?;
    let mut map: std::collections::HashMap<String, Tensor> = named.into_iter().collect();
    for (l, i, n) in adapter_names(spec) {
        let w = bert.layers[l].linear[i].weight.size();
        let a = map
            .remove(&format!("{n}.lora_a"))
            .ok_or_else(|| EmbedError::Invalid(format!("{source}: no tensor {n}.lora_a")))?;
        let b = map
            .remove(&format!("{n}.lora_b"))
            .ok_or_else(|| EmbedError::Invalid(format!("{source}: no tensor {n}.lora_b")))?;
        if a.size() != [spec.rank, w[1]] || b.size() != [w[0], spec.rank] {
            return Err(EmbedError::Invalid(format!(
                "{source}: {n} has shapes {:?} and {:?}, expected [{}, {}] and [{}, {}]",
                a.size(),
                b.size(),
                spec.rank,
                w[1],
                w[0],
                spec.rank
            )));
        }
        bert.layers[l].linear[i].lora = Some(Lora {
            a: a.to_kind(Kind::Float),
            b: b.to_kind(Kind::Float),
            scale: spec.alpha / spec.rank as f64,
        });
    }
    bert.merge_adapters();
    Ok(())
}
