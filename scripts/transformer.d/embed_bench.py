"""Python sentence-transformers side of scripts/bench-transformer: same file, same model
folder, same batch size; prints {"sentences": N, "seconds": S} (after a warm-up batch)."""
import json
import os
import sys
import time

os.environ["HF_HUB_OFFLINE"] = "1"
from sentence_transformers import SentenceTransformer
import torch

path, model_dir = sys.argv[1], sys.argv[2]
batch = int(sys.argv[3]) if len(sys.argv) > 3 else 64
torch.set_num_threads(os.cpu_count() or 1)
lines = [l for l in open(path, encoding="utf-8").read().splitlines() if l.strip()]
model = SentenceTransformer(model_dir, device="cpu")
model.encode(lines[:batch], batch_size=batch)
t = time.perf_counter()
v = model.encode(lines, batch_size=batch)
s = time.perf_counter() - t
assert len(v) == len(lines)
print(json.dumps({"sentences": len(lines), "seconds": round(s, 4)}))
