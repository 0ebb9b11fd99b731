//! A BERT encoder (all-MiniLM-L6-v2 and its kin) written directly on tch tensors, with
//! optional low-rank adapters (LoRA) on its linear layers (feature `transformer`).
//!
//! Why not rust-bert's model: fine-tuning needs adapters inside the attention and feed-forward
//! layers, explanations need the gradient at the word embeddings, and both need to know which
//! tensors are trained. The forward pass is the standard post-norm BERT: word + position +
//! type embeddings, layer norm, then per layer self-attention (`scaled_dot_product_attention`,
//! one fused kernel) and a GELU feed-forward block, each followed by a residual layer norm.
//! Sentence embeddings are the mean of the token vectors under the attention mask, L2-normalised
//! (the `Pooling` and `Normalize` modules of a sentence-transformers checkpoint); the test
//! against Python sentence-transformers holds this to cosine >= 0.9999.

use std::collections::HashMap;
use std::path::Path;
use tch::{Kind, Tensor};

#[derive(Debug, thiserror::Error)]
pub enum BertError {
    #[error("{0}: {1}")]
    Read(String, String),
    #[error("{0}: tensor `{1}` is missing")]
    MissingTensor(String, String),
    #[error("{0}: tensor `{1}` has shape {2:?}, expected {3:?}")]
    Shape(String, String, Vec<i64>, Vec<i64>),
    #[error("{0}: {1}")]
    Config(String, String),
}

/// The shape of the encoder, from the model folder's `config.json`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BertConfig {
    pub hidden: i64,
    pub heads: i64,
    pub layers: usize,
    pub intermediate: i64,
    pub eps: f64,
    pub max_positions: i64,
}

impl BertConfig {
    pub fn read(path: &Path) -> Result<BertConfig, BertError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| BertError::Read(name.clone(), e.to_string()))?;
        let v: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| BertError::Read(name.clone(), e.to_string()))?;
        let int = |k: &str| {
            v[k].as_i64()
                .ok_or_else(|| BertError::Config(name.clone(), format!("no integer `{k}`")))
        };
        if let Some(act) = v["hidden_act"].as_str() {
            if act != "gelu" {
                return Err(BertError::Config(
                    name,
                    format!("hidden_act {act:?} (only gelu)"),
                ));
            }
        }
        Ok(BertConfig {
            hidden: int("hidden_size")?,
            heads: int("num_attention_heads")?,
            layers: int("num_hidden_layers")? as usize,
            intermediate: int("intermediate_size")?,
            eps: v["layer_norm_eps"].as_f64().unwrap_or(1e-12),
            max_positions: int("max_position_embeddings")?,
        })
    }
}

/// A low-rank update `scale * B A` of a linear layer's weight (`A`: rank x in, `B`: out x rank).
pub struct Lora {
    pub a: Tensor,
    pub b: Tensor,
    pub scale: f64,
}

/// A linear layer, with an adapter while one is being trained.
pub struct Linear {
    pub weight: Tensor,
    pub bias: Tensor,
    pub lora: Option<Lora>,
}

impl Linear {
    fn forward(&self, x: &Tensor) -> Tensor {
        let y = x.linear(&self.weight, Some(&self.bias));
        match &self.lora {
            Some(l) => y + x.linear::<Tensor>(&l.a, None).linear::<Tensor>(&l.b, None) * l.scale,
            None => y,
        }
    }

    fn shallow_clone(&self) -> Linear {
        Linear {
            weight: self.weight.shallow_clone(),
            bias: self.bias.shallow_clone(),
            lora: None,
        }
    }
}

struct Norm {
    weight: Tensor,
    bias: Tensor,
}

impl Norm {
    fn forward(&self, x: &Tensor, eps: f64) -> Tensor {
        let h = x.size().last().copied().unwrap_or(0);
        x.layer_norm([h], Some(&self.weight), Some(&self.bias), eps, false)
    }
    fn shallow_clone(&self) -> Norm {
        Norm {
            weight: self.weight.shallow_clone(),
            bias: self.bias.shallow_clone(),
        }
    }
}

/// The linear layers of one transformer layer that can carry an adapter.
pub const ADAPTABLE: [&str; 6] = [
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
];

pub struct Layer {
    /// query, key, value, attention output, feed-forward in, feed-forward out (as [`ADAPTABLE`]).
    pub linear: [Linear; 6],
    ln_attention: Norm,
    ln_output: Norm,
}

/// The encoder's weights. Base weights never require gradients; adapters do while trained.
pub struct Bert {
    pub config: BertConfig,
    word: Tensor,
    position: Tensor,
    token_type: Tensor,
    ln_embeddings: Norm,
    pub layers: Vec<Layer>,
}

impl Bert {
    /// Read the weights of a BERT checkpoint (`model.safetensors`; names with or without a
    /// leading `bert.`).
    pub fn load(dir: &Path) -> Result<Bert, BertError> {
        let config = BertConfig::read(&dir.join("config.json"))?;
        let path = dir.join("model.safetensors");
        let name = path.display().to_string();
        let tensors = Tensor::read_safetensors(&path)
            .map_err(|e| BertError::Read(name.clone(), e.to_string()))?;
        let mut map: HashMap<String, Tensor> = tensors
            .into_iter()
            .map(|(k, t)| (k.strip_prefix("bert.").unwrap_or(&k).to_string(), t))
            .collect();
        let h = config.hidden;
        let vocab = map
            .get("embeddings.word_embeddings.weight")
            .map_or(0, |t| t.size()[0]);
        let types = map
            .get("embeddings.token_type_embeddings.weight")
            .map_or(0, |t| t.size()[0])
            .max(1);
        let mut take = |key: String, shape: &[i64]| -> Result<Tensor, BertError> {
            let t = map
                .remove(&key)
                .ok_or_else(|| BertError::MissingTensor(name.clone(), key.clone()))?;
            if t.size() != shape {
                return Err(BertError::Shape(
                    name.clone(),
                    key,
                    t.size(),
                    shape.to_vec(),
                ));
            }
            Ok(t.to_kind(Kind::Float).set_requires_grad(false))
        };
        let word = take("embeddings.word_embeddings.weight".into(), &[vocab, h])?;
        let position = take(
            "embeddings.position_embeddings.weight".into(),
            &[config.max_positions, h],
        )?;
        let token_type = take(
            "embeddings.token_type_embeddings.weight".into(),
            &[types, h],
        )?;
        let ln_embeddings = Norm {
            weight: take("embeddings.LayerNorm.weight".into(), &[h])?,
            bias: take("embeddings.LayerNorm.bias".into(), &[h])?,
        };
        let mut layers = Vec::with_capacity(config.layers);
        for l in 0..config.layers {
            let p = format!("encoder.layer.{l}.");
            let i = config.intermediate;
            let mut lin = |n: &str, out: i64, inp: i64| -> Result<Linear, BertError> {
                Ok(Linear {
                    weight: take(format!("{p}{n}.weight"), &[out, inp])?,
                    bias: take(format!("{p}{n}.bias"), &[out])?,
                    lora: None,
                })
            };
            let linear = [
                lin(ADAPTABLE[0], h, h)?,
                lin(ADAPTABLE[1], h, h)?,
                lin(ADAPTABLE[2], h, h)?,
                lin(ADAPTABLE[3], h, h)?,
                lin(ADAPTABLE[4], i, h)?,
                lin(ADAPTABLE[5], h, i)?,
            ];
            let ln_attention = Norm {
                weight: take(format!("{p}attention.output.LayerNorm.weight"), &[h])?,
                bias: take(format!("{p}attention.output.LayerNorm.bias"), &[h])?,
            };
            let ln_output = Norm {
                weight: take(format!("{p}output.LayerNorm.weight"), &[h])?,
                bias: take(format!("{p}output.LayerNorm.bias"), &[h])?,
            };
            layers.push(Layer {
                linear,
                ln_attention,
                ln_output,
            });
        }
        if config.hidden % config.heads != 0 {
            return Err(BertError::Config(
                name,
                "hidden size not a multiple of the heads".into(),
            ));
        }
        Ok(Bert {
            config,
            word,
            position,
            token_type,
            ln_embeddings,
            layers,
        })
    }

    /// Another handle on the same weights (no copy), for another thread. Adapters are not
    /// carried over: merge them first ([`Bert::merge_adapters`]).
    pub fn shallow_clone(&self) -> Bert {
        Bert {
            config: self.config,
            word: self.word.shallow_clone(),
            position: self.position.shallow_clone(),
            token_type: self.token_type.shallow_clone(),
            ln_embeddings: self.ln_embeddings.shallow_clone(),
            layers: self
                .layers
                .iter()
                .map(|l| Layer {
                    linear: [
                        l.linear[0].shallow_clone(),
                        l.linear[1].shallow_clone(),
                        l.linear[2].shallow_clone(),
                        l.linear[3].shallow_clone(),
                        l.linear[4].shallow_clone(),
                        l.linear[5].shallow_clone(),
                    ],
                    ln_attention: l.ln_attention.shallow_clone(),
                    ln_output: l.ln_output.shallow_clone(),
                })
                .collect(),
        }
    }

    /// Fold every adapter into its layer's weight (`W + scale B A`), so scoring with a
    /// fine-tuned model costs exactly what scoring with the base model costs. The merged
    /// weights are new tensors: other handles on the base weights are unchanged.
    pub fn merge_adapters(&mut self) {
        let _guard = tch::no_grad_guard();
        for layer in &mut self.layers {
            for lin in &mut layer.linear {
                if let Some(l) = lin.lora.take() {
                    lin.weight = (&lin.weight + l.b.matmul(&l.a) * l.scale).detach();
                }
            }
        }
    }

    /// The word embeddings of token ids (`[batch, tokens]` -> `[batch, tokens, hidden]`).
    pub fn word_embeddings(&self, ids: &Tensor) -> Tensor {
        Tensor::embedding(&self.word, ids, -1, false, false)
    }

    /// Token vectors of the last layer from word embeddings (`[batch, tokens, hidden]`) and the
    /// attention mask (`[batch, tokens]`, 1 for a real token).
    pub fn forward_embeddings(&self, words: &Tensor, mask: &Tensor) -> Tensor {
        self.forward_layers(&self.input(words), mask, 0)
    }

    /// The input of the first layer: word + position + type embeddings, normalised.
    pub fn input(&self, words: &Tensor) -> Tensor {
        let c = &self.config;
        let t = words.size()[1];
        let positions = self.position.narrow(0, 0, t);
        let x = words + positions.unsqueeze(0) + self.token_type.get(0).view([1, 1, c.hidden]);
        self.ln_embeddings.forward(&x, c.eps)
    }

    /// Run the layers from `first` on (`x`: the token vectors entering layer `first`).
    /// Fine-tuning with adapters only in the upper layers computes what enters them once
    /// and starts here.
    pub fn forward_layers(&self, x: &Tensor, mask: &Tensor, first: usize) -> Tensor {
        let c = &self.config;
        let (b, t) = (x.size()[0], x.size()[1]);
        let dh = c.hidden / c.heads;
        // Keys a query may attend to: the sentence's real tokens.
        let keep = mask.to_kind(Kind::Bool).view([b, 1, 1, t]);
        let mut x = x.shallow_clone();
        for layer in self.layers.iter().skip(first) {
            let heads = |y: Tensor| y.view([b, t, c.heads, dh]).transpose(1, 2);
            let q = heads(layer.linear[0].forward(&x));
            let k = heads(layer.linear[1].forward(&x));
            let v = heads(layer.linear[2].forward(&x));
            let a = Tensor::scaled_dot_product_attention(&q, &k, &v, Some(&keep), 0.0, false, None)
                .transpose(1, 2)
                .contiguous()
                .view([b, t, c.hidden]);
            x = layer
                .ln_attention
                .forward(&(layer.linear[3].forward(&a) + &x), c.eps);
            let up = layer.linear[4].forward(&x).gelu("none");
            x = layer
                .ln_output
                .forward(&(layer.linear[5].forward(&up) + &x), c.eps);
        }
        x
    }

    /// The token vectors entering layer `first` (no gradient), for [`Bert::forward_layers`].
    pub fn hidden_before(&self, ids: &Tensor, mask: &Tensor, first: usize) -> Tensor {
        let _guard = tch::no_grad_guard();
        let x = self.input(&self.word_embeddings(ids));
        let mut lower = self.shallow_clone();
        lower.layers.truncate(first);
        lower.forward_layers(&x, mask, 0)
    }

    /// Sentence embeddings: the mean token vector under the mask, L2-normalised
    /// (`[batch, hidden]`).
    pub fn embed(&self, ids: &Tensor, mask: &Tensor) -> Tensor {
        let tokens = self.forward_embeddings(&self.word_embeddings(ids), mask);
        pool(&tokens, mask)
    }
}

/// Mean of the token vectors under the mask, L2-normalised.
pub fn pool(tokens: &Tensor, mask: &Tensor) -> Tensor {
    let m = mask.to_kind(Kind::Float).unsqueeze(-1);
    let sum = (tokens * &m).sum_dim_intlist(1, false, Kind::Float);
    let count = m.sum_dim_intlist(1, false, Kind::Float).clamp_min(1e-9);
    let mean = sum / count;
    let norm = mean.norm_scalaropt_dim(2, 1, true).clamp_min(1e-12);
    mean / norm
}
