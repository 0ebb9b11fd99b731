//! Outlets from web addresses: the registrable domain of a URL (by the public suffix list the
//! `psl` crate embeds; no network), named through slant's alias table
//! (`models/outlets/aliases.toml`, each entry documented) and the user's `[outlets]` table in
//! `slant.toml`.
//!
//! Used when an article's own metadata names no outlet but it carries a URL: a WARC record's
//! `WARC-Target-URI`, a JSON article's `url` (and, below its folder's outlet, an HTML page's
//! canonical URL).

use std::collections::BTreeMap;
use std::sync::{OnceLock, RwLock};

const BUILTIN_TABLE: &str = include_str!("../../../models/outlets/aliases.toml");

/// The user's aliases (from `slant.toml`), consulted before the built-in table.
static USER: RwLock<BTreeMap<String, String>> = RwLock::new(BTreeMap::new());

#[derive(serde::Deserialize)]
struct Table {
    outlet: Vec<Entry>,
}

/// One documented alias: a domain, the outlet's name, and why.
#[derive(serde::Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub domain: String,
    pub name: String,
    pub note: String,
}

/// The built-in alias table, entry by entry.
pub fn builtin_aliases() -> &'static [Entry] {
    static TABLE: OnceLock<Vec<Entry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        toml::from_str::<Table>(BUILTIN_TABLE)
            .expect("models/outlets/aliases.toml is valid (checked by a test)")
            .outlet
    })
}

/// Set the user's aliases (domain -> outlet name), replacing earlier ones. Keys are domains or
/// hosts, matched without case.
pub fn set_outlet_aliases(aliases: BTreeMap<String, String>) {
    let aliases = aliases
        .into_iter()
        .map(|(k, v)| (k.trim().trim_end_matches('.').to_ascii_lowercase(), v))
        .collect();
    *USER.write().unwrap_or_else(|e| e.into_inner()) = aliases;
}

/// The host of an absolute `http(s)` URL, lower case, without port or user info.
pub fn host_of(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = if host.starts_with('[') {
        host.split_inclusive(']').next()?
    } else {
        host.split(':').next()?
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// The registrable domain of a host (`www.nytimes.com` -> `nytimes.com`, `news.bbc.co.uk` ->
/// `bbc.co.uk`); a host with no known public suffix (an IP address, `localhost`) as it is.
pub fn registrable_domain(host: &str) -> String {
    if host.starts_with('[') || host.parse::<std::net::IpAddr>().is_ok() {
        return host.to_string();
    }
    psl::domain_str(host).unwrap_or(host).to_string()
}

/// The outlet a URL implies: the alias of its host or of its registrable domain (the user's
/// table first, then slant's), else the registrable domain itself.
pub fn outlet_for_url(url: &str) -> Option<String> {
    let host = host_of(url)?;
    let domain = registrable_domain(&host);
    let user = USER.read().unwrap_or_else(|e| e.into_inner());
    for key in [&host, &domain] {
        if let Some(name) = user.get(key.as_str()) {
            return Some(name.clone());
        }
        if let Some(e) = builtin_aliases().iter().find(|e| e.domain == *key) {
            return Some(e.name.clone());
        }
    }
    Some(domain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_is_documented_and_unique() {
        let table = builtin_aliases();
        assert!(table.len() >= 20);
        let mut seen = std::collections::BTreeSet::new();
        for e in table {
            assert!(
                !e.name.trim().is_empty() && e.note.trim().len() > 10,
                "{e:?}"
            );
            assert_eq!(e.domain, e.domain.to_ascii_lowercase(), "{e:?}");
            assert!(
                host_of(&format!("https://{}/", e.domain)).is_some(),
                "{e:?}"
            );
            assert!(seen.insert(e.domain.clone()), "duplicate {}", e.domain);
        }
    }

    #[test]
    fn hosts_and_domains() {
        assert_eq!(
            host_of("https://www.NYTimes.com:443/2024/a.html?x=1").as_deref(),
            Some("www.nytimes.com")
        );
        assert_eq!(
            host_of("http://user:pw@news.bbc.co.uk./x").as_deref(),
            Some("news.bbc.co.uk")
        );
        assert_eq!(host_of("javascript:alert(1)"), None);
        assert_eq!(host_of("ftp://example.com/"), None);
        assert_eq!(registrable_domain("www.nytimes.com"), "nytimes.com");
        assert_eq!(registrable_domain("news.bbc.co.uk"), "bbc.co.uk");
        assert_eq!(registrable_domain("a.b.example.com.au"), "example.com.au");
        assert_eq!(registrable_domain("127.0.0.1"), "127.0.0.1");
        assert_eq!(registrable_domain("[::1]"), "[::1]");
        assert_eq!(registrable_domain("localhost"), "localhost");
    }

    #[test]
    fn outlets_from_aliases_then_domains() {
        assert_eq!(
            outlet_for_url("https://www.nytimes.com/2024/x").as_deref(),
            Some("New York Times")
        );
        assert_eq!(
            outlet_for_url("https://abcnews.go.com/US/story").as_deref(),
            Some("ABC News")
        );
        assert_eq!(
            outlet_for_url("https://blog.small-paper.example.org/a").as_deref(),
            Some("example.org")
        );
        assert_eq!(
            outlet_for_url("https://www.harbor-ledger.co.uk/a").as_deref(),
            Some("harbor-ledger.co.uk")
        );
    }
}
