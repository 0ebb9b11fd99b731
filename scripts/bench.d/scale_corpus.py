#!/usr/bin/env python3
"""Write a JSONL article corpus of about SIZE megabytes made from the dev article folders
(AllSides and BASIL), for memory and time at scale: scripts/bench.d/scale_corpus.py SIZE_MB OUT.

Each copy of an article gets its own id, its outlet is kept, and every copy's text differs a
little (one sentence of the article is dropped in turn and the paragraphs are rotated), so
copies are distinct articles to every counter but stay real news prose. Deterministic.
"""
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
dev = os.path.join(here, "..", "..", "..", "shared", "corpus", "dev")
size = int(float(sys.argv[1]) * 1e6)
out_path = sys.argv[2]

articles = []
for corpus in ("allsides_articles", "basil_articles"):
    root = os.path.join(dev, corpus)
    for outlet in sorted(os.listdir(root)):
        folder = os.path.join(root, outlet)
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
            title, _, body = text.partition("\n\n")
            paras = [p for p in body.split("\n\n") if p.strip()]
            if paras:
                articles.append((outlet, name.rsplit(".", 1)[0], title.strip(), paras))

written = 0
copy = 0
with open(out_path, "w", encoding="utf-8") as out:
    while written < size:
        for outlet, stem, title, paras in articles:
            k = copy % len(paras)
            paras_k = paras[k:] + paras[:k]
            if len(paras_k) > 1:
                paras_k = paras_k[:-1] if copy % 2 else paras_k[1:]
            rec = {
                "id": f"{stem}-{copy}",
                "outlet": outlet,
                "title": f"{title} ({copy})",
                "date": f"20{10 + copy % 12:02d}-{1 + copy % 12:02d}-{1 + copy % 28:02d}",
                "text": "\n\n".join(paras_k),
            }
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            if written >= size:
                break
        copy += 1
print(f"{out_path}: {written / 1e6:.1f} MB")
