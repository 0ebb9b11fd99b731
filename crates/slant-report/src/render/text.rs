//! Numbers and lists as the renderers write them, shared by every text format.

/// "12%" from a share in [0, 1].
pub fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// "1,234,567"
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let (head, rest) = digits.split_at(digits.len() % 3);
    let groups = rest
        .as_bytes()
        .chunks(3)
        .map(|g| std::str::from_utf8(g).unwrap_or_default());
    std::iter::once(head)
        .filter(|h| !h.is_empty())
        .chain(groups)
        .collect::<Vec<_>>()
        .join(",")
}

pub fn counts_list<'a>(items: impl Iterator<Item = (&'a str, usize)>) -> String {
    items
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "3 articles", "1 article".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_words() {
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(12), "12");
        assert_eq!(pct(0.126), "13%");
        assert_eq!(plural(1, "article", "articles"), "1 article");
        assert_eq!(plural(2, "article", "articles"), "2 articles");
    }
}
