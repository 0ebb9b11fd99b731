//! Byte searches for the segmenter: lines split at newlines found by `memchr`, and searches
//! that remember where they last matched, so that a scan which asks again and again for "the
//! next one at or after here" reads every byte of the text once.

/// `text.split_inclusive('\n')`, the line ends found by `memchr` (vectorised) instead of
/// the standard library's character searcher: the segmenter splits every article and every
/// paragraph into lines.
pub(crate) fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = ends.next().map_or(text.len(), |at| at + 1);
        let line = &text[start..end];
        start = end;
        Some(line)
    })
}

/// The next match of one byte search at or after a position, cached: asked again with a
/// position not past the cached match, it answers without searching.
pub(crate) struct Next<F: Fn(&[u8]) -> Option<usize>> {
    find: F,
    /// The last answer (`usize::MAX`: no match left), or `None` before the first search.
    at: Option<usize>,
}

impl<F: Fn(&[u8]) -> Option<usize>> Next<F> {
    pub(crate) fn new(find: F) -> Self {
        Next { find, at: None }
    }

    /// The first match at or after `from` in `hay` (always the same `hay`), or `usize::MAX`.
    #[inline]
    pub(crate) fn at(&mut self, hay: &[u8], from: usize) -> usize {
        match self.at {
            Some(at) if at >= from => at,
            _ => {
                let at = if from >= hay.len() {
                    usize::MAX
                } else {
                    (self.find)(&hay[from..]).map_or(usize::MAX, |k| from + k)
                };
                self.at = Some(at);
                at
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_inclusive_splits_as_split_inclusive_does() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "\n\na\r\n\nb c\n",
            "é\nü\n\n",
            "x\n\n\n",
        ] {
            let want: Vec<&str> = text.split_inclusive('\n').collect();
            assert_eq!(lines_inclusive(text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }
}
