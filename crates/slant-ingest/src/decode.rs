//! Bytes to text: BOM (UTF-8, UTF-16), UTF-8, the Windows-1252 fallback and binary detection.

use crate::error::IngestError;

/// Decoded text plus a warning when the bytes were not UTF-8. The text borrows the bytes
/// when they are UTF-8 already (no copy of every file read).
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: std::borrow::Cow<'a, str>,
    pub warning: Option<String>,
}

/// Decode a file's bytes. Binary content (NUL bytes, many control characters) is an error, not
/// text: scoring it would produce nonsense that looks like a result.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // UTF-16 with a byte-order mark is text, though half its bytes are NUL.
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
            if text.trim().is_empty() {
                return Err(IngestError::Blank);
            }
            let warning = had_errors.then(|| format!("invalid {} replaced", encoding.name()));
            return Ok(Decoded { text, warning });
        }
    }
    if let Some(reason) = looks_binary(bytes) {
        return Err(IngestError::Binary(reason));
    }
    let decoded = match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: std::borrow::Cow::Borrowed(s),
            warning: None,
        },
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Decoded {
                text,
                warning: Some(format!(
                    "not valid UTF-8 (first bad byte at offset {}); decoded as Windows-1252",
                    e.valid_up_to()
                )),
            }
        }
    };
    if decoded.text.trim().is_empty() {
        return Err(IngestError::Blank);
    }
    Ok(decoded)
}

fn looks_binary(bytes: &[u8]) -> Option<String> {
    // NUL bytes and other control bytes, counted in one pass; eight bytes with none below
    // 0x20 (nearly all of a text) are passed over at once.
    let (mut nuls, mut control) = (0, 0);
    let mut chunks = bytes.chunks_exact(8);
    let mut count = |b: u8| {
        nuls += usize::from(b == 0);
        control += usize::from(b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c));
    };
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        const ONES: u64 = 0x0101_0101_0101_0101;
        if word.wrapping_sub(ONES * 0x20) & !word & (ONES * 0x80) != 0 {
            chunk.iter().for_each(|&b| count(b));
        }
    }
    chunks.remainder().iter().for_each(|&b| count(b));
    if nuls > 0 {
        return Some(format!("{nuls} NUL byte(s)"));
    }
    if control * 20 > bytes.len().max(1) {
        return Some(format!("{control} control bytes in {}", bytes.len()));
    }
    None
}

/// Normalise line endings and strip control characters that have no place in article text,
/// so that byte offsets refer to what a reader sees.
///
/// Runs of bytes that cannot start a character it changes are copied whole (nearly all of
/// the text); only the characters at [`NORMALISE_MAY_CHANGE`] bytes are looked at one by one.
pub fn normalise(text: &str) -> String {
    normalised(text).into_owned()
}

/// [`normalise`], borrowing `text` when nothing in it changes (most articles): no copy.
pub fn normalised(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while all are printable ASCII (0x20..0x7e): none is changed.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if printable_ascii(word) {
                i += 8;
                continue;
            }
        }
        if !NORMALISE_MAY_CHANGE[bytes[i] as usize] {
            i += 1;
            continue;
        }
        let start = i;
        let c = text[i..].chars().next().unwrap_or('\0');
        i += c.len_utf8();
        let with: Option<char> = match c {
            '\r' if bytes.get(i) == Some(&b'\n') => None,
            '\r' | '\u{0c}' | '\u{0b}' => Some('\n'),
            '\u{a0}' => Some(' '),
            '\u{feff}' | '\u{200b}' => None,
            c if c.is_control() && c != '\n' && c != '\t' => None,
            // Kept as it is: the run of unchanged text goes on.
            _ => continue,
        };
        if out.capacity() == 0 {
            out.reserve(text.len());
        }
        out.push_str(&text[run..start]);
        out.extend(with);
        run = i;
    }
    if run == 0 {
        // Nothing changed (`run` moves past each character changed or dropped).
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[run..]);
    std::borrow::Cow::Owned(out)
}

/// Whether all eight bytes of `word` lie in 0x20..=0x7e: none below 0x20 (the word-at-a-time
/// test `x - 0x20.. & !x & 0x80..`, exact for whether some byte is below), none with the high
/// bit, and none equal to 0x7f (adding 1 to each byte sets its high bit only from 0x7f, as
/// no byte has the high bit already).
#[inline]
fn printable_ascii(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let high = word & HIGH;
    let del = (word & !HIGH).wrapping_add(ONES) & HIGH;
    (below_space | high | del) == 0
}

/// The bytes that start a character [`normalise`] may change: ASCII controls other than
/// `\n` and `\t` (with DEL), and the lead bytes of U+0080..U+00BF (C1 controls, U+00A0),
/// U+2000..U+2FFF (U+200B) and U+F000..U+FFFF (U+FEFF). Every other character is kept as is.
static NORMALISE_MAY_CHANGE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != b'\n' as usize && b != b'\t' as usize;
        b += 1;
    }
    t[0x7f] = true;
    t[0xc2] = true;
    t[0xe2] = true;
    t[0xef] = true;
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_is_stripped() {
        let d = decode(b"\xEF\xBB\xBFHello world.").unwrap();
        assert_eq!(d.text, "Hello world.");
        assert!(d.warning.is_none());
    }

    #[test]
    fn utf16_with_bom_is_text() {
        let text = "Caf\u{e9} \u{201c}quoted\u{201d} \u{4e2d}.";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for bytes in [le, be] {
            let d = decode(&bytes).unwrap();
            assert_eq!((d.text.as_ref(), d.warning), (text, None));
        }
        // Without a BOM, NUL bytes still mean binary.
        let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(matches!(decode(&bare), Err(IngestError::Binary(_))));
        assert!(matches!(
            decode(&[0xFF, 0xFE, b' ', 0]),
            Err(IngestError::Blank)
        ));
    }

    #[test]
    fn windows_1252_is_decoded_with_a_warning() {
        let d = decode(b"Caf\xe9 \x93quoted\x94 text.").unwrap();
        assert_eq!(d.text, "Caf\u{e9} \u{201c}quoted\u{201d} text.");
        assert!(d.warning.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn looks_binary_counts_as_the_two_filters_did() {
        let mut state: u64 = 0x5eed;
        for case in 0..3000 {
            let bytes: Vec<u8> = (0..case % 70)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    let r = (state >> 33) as u8;
                    // Mostly text, some controls and NULs, some high bytes.
                    match r % 8 {
                        0 => r % 0x20,
                        1 => 0x80 | r,
                        _ => 0x20 + r % 0x5f,
                    }
                })
                .collect();
            let nuls = bytes.iter().filter(|&&b| b == 0).count();
            let control = bytes
                .iter()
                .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
                .count();
            let want = if nuls > 0 {
                Some(format!("{nuls} NUL byte(s)"))
            } else if control * 20 > bytes.len().max(1) {
                Some(format!("{control} control bytes in {}", bytes.len()))
            } else {
                None
            };
            assert_eq!(looks_binary(&bytes), want, "{bytes:?}");
        }
    }

    #[test]
    fn binary_and_empty_are_errors() {
        assert!(matches!(decode(b""), Err(IngestError::Empty)));
        assert!(matches!(decode(b"   \n\n "), Err(IngestError::Blank)));
        assert!(matches!(decode(b"abc\0def"), Err(IngestError::Binary(_))));
        let junk: Vec<u8> = (0u8..=255).cycle().take(2000).filter(|&b| b != 0).collect();
        assert!(matches!(decode(&junk), Err(IngestError::Binary(_))));
    }

    #[test]
    fn normalise_line_endings() {
        assert_eq!(normalise("a\r\nb\rc\u{a0}d"), "a\nb\nc d");
    }

    /// The character-by-character normalisation the byte scan replaced.
    fn normalise_by_chars(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() != Some(&'\n') {
                        out.push('\n');
                    }
                }
                '\u{0c}' | '\u{0b}' => out.push('\n'),
                '\u{a0}' => out.push(' '),
                '\u{feff}' | '\u{200b}' => {}
                c if c.is_control() && c != '\n' && c != '\t' => {}
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn the_byte_scan_normalises_as_the_character_loop_did() {
        // Every character that starts with a byte the scan stops at, and neighbours.
        let mut pieces: Vec<String> = (0u32..0x100)
            .chain(0x2000..0x2100)
            .chain(0xfe00..0x10000)
            .filter_map(char::from_u32)
            .map(String::from)
            .collect();
        pieces.extend(["\r\n", "ab", " ", "\u{e9}", "\u{4e2d}", "\u{1f600}"].map(String::from));
        for text in crate::testing::texts(&pieces, 4000, |case| 1 + case % 30) {
            assert_eq!(normalise(&text), normalise_by_chars(&text), "{text:?}");
        }
        for p in &pieces {
            assert_eq!(normalise(p), normalise_by_chars(p), "{p:?}");
        }
    }
}
