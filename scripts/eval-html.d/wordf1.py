"""Word-level precision, recall and F1 of extracted article text against `expected.html`.

The method of ../shared/corpus/dev/html_pages/README.md: the multiset of lower-cased `\\w+`
words of the extracted body against that of the text of `expected.html` (Mozilla Readability's
main content), per page, then the mean over pages.

    python3 wordf1.py PAGES_DIR EXTRACTED_DIR   # EXTRACTED_DIR/<page>.txt per page
"""
import collections
import html.parser
import os
import re
import sys

WORD = re.compile(r"\w+")
# The pages kept aside to check the extraction on pages never tuned on, fixed before any
# tuning as random.Random(11).sample(sorted(pages), 5).
CHECK = ["msn", "wapo-1", "webmd-2", "yahoo-3", "youth"]
INLINE = {"a", "b", "i", "em", "strong", "span", "sup", "sub", "small", "code", "abbr", "u",
          "s", "mark", "font", "q", "cite", "time"}


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(markup):
    p = _Text()
    p.feed(markup)
    p.close()
    return "".join(p.parts)


def words(text):
    return collections.Counter(w.lower() for w in WORD.findall(text))


def prf(got, want):
    g, w = words(got), words(want)
    common = sum((g & w).values())
    p = common / max(sum(g.values()), 1)
    r = common / max(sum(w.values()), 1)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def pages(pages_dir):
    return sorted(d for d in os.listdir(pages_dir)
                  if os.path.isfile(os.path.join(pages_dir, d, "expected.html")))


def expected(pages_dir, page):
    with open(os.path.join(pages_dir, page, "expected.html"), encoding="utf-8") as f:
        return html_text(f.read())


def evaluate(pages_dir, texts):
    """texts: page -> extracted text. Returns {page: (p, r, f)}."""
    return {page: prf(texts.get(page, ""), expected(pages_dir, page)) for page in pages(pages_dir)}


def summary(scores):
    """Mean (p, r, f) over all pages, the tuning part and the check part."""
    def mean(keys):
        keys = list(keys)
        if not keys:
            return (0.0, 0.0, 0.0)
        return tuple(sum(scores[k][i] for k in keys) / len(keys) for i in range(3))
    tune = [k for k in scores if k not in CHECK]
    check = [k for k in scores if k in CHECK]
    return {"all": mean(scores), "tuning": mean(tune), "check": mean(check)}


if __name__ == "__main__":
    pages_dir, extracted = sys.argv[1], sys.argv[2]
    texts = {}
    for page in pages(pages_dir):
        path = os.path.join(extracted, page + ".txt")
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                texts[page] = f.read()
    scores = evaluate(pages_dir, texts)
    for page, (p, r, f) in scores.items():
        mark = " (check)" if page in CHECK else ""
        print(f"{page:18} P {p:.3f}  R {r:.3f}  F1 {f:.3f}{mark}")
    for part, (p, r, f) in summary(scores).items():
        print(f"mean {part:13} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
