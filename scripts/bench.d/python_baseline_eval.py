"""F1 of the pysbd + TextBlob + VADER pipeline on labelled sentences (DESIGN.md section 5), for
the comparison in docs/EVALUATION.md. An item is flagged when any of its sentences has
TextBlob subjectivity >= 0.5 or |VADER compound| >= 0.5.
"""
import json
import sys

import pysbd
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

seg = pysbd.Segmenter(language="en", clean=False)
vader = SentimentIntensityAnalyzer()
for path in sys.argv[1:]:
    tp = fp = fn = tn = 0
    for line in open(path, encoding="utf-8"):
        item = json.loads(line)
        gold = item.get("label_biased")
        if gold is None:
            continue
        pred = any(
            TextBlob(s).sentiment.subjectivity >= 0.5 or abs(vader.polarity_scores(s)["compound"]) >= 0.5
            for s in seg.segment(item["text"])
        )
        tp += gold and pred
        fp += (not gold) and pred
        fn += gold and not pred
        tn += (not gold) and not pred
    if tp + fp + fn == 0:
        continue
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(json.dumps({"file": path, "precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn, "tn": tn}))
