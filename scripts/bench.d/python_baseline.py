"""The pipeline a researcher would otherwise assemble in Python: pysbd sentence splitting,
TextBlob subjectivity and VADER sentiment per sentence. Used by scripts/bench as the speed
baseline (same corpus, same machine, same run) and by scripts/eval as a quality baseline.

A sentence counts as loaded when TextBlob subjectivity >= 0.5 or |VADER compound| >= 0.5.
"""
import json
import os
import sys
import time

import pysbd
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def main():
    root = sys.argv[1]
    seg = pysbd.Segmenter(language="en", clean=False)
    vader = SentimentIntensityAnalyzer()
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".txt"))
    t0 = time.perf_counter()
    sentences = 0
    flagged = 0
    nbytes = 0
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        nbytes += len(text.encode("utf-8"))
        for s in seg.segment(text):
            sentences += 1
            subj = TextBlob(s).sentiment.subjectivity
            comp = vader.polarity_scores(s)["compound"]
            if subj >= 0.5 or abs(comp) >= 0.5:
                flagged += 1
    dt = time.perf_counter() - t0
    print(json.dumps({"files": len(files), "bytes": nbytes, "sentences": sentences, "flagged": flagged, "seconds": dt}))


if __name__ == "__main__":
    main()
