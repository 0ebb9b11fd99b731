//! The settings that change results: `slant.toml` (`--config`) and `--lexicon` files, checked,
//! and the scorer built from them.

use crate::args::Common;
use anyhow::{bail, Context, Result};
use slant_score::{Config, Lexicon, Scorer};
use std::path::{Path, PathBuf};

/// `slant.toml`: thresholds, extra lexicons and outlet names for web domains.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    score: Option<toml::Table>,
    #[serde(default)]
    lexicons: Vec<PathBuf>,
    /// Outlet names for web domains (`"nytimes.com" = "New York Times"`), before slant's own.
    #[serde(default)]
    outlets: std::collections::BTreeMap<String, String>,
}

/// Build the scorer from the built-in lexicons, the config file and `--lexicon` files.
pub fn build_scorer(common: &Common) -> Result<Scorer> {
    let mut lexicon = Lexicon::builtin();
    let mut config = Config::default();
    let mut extra = Vec::new();
    if let Some(path) = &common.config {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read config {}", path.display()))?;
        let file: ConfigFile =
            toml::from_str(&text).with_context(|| format!("invalid config {}", path.display()))?;
        if let Some(table) = file.score {
            config = score_settings(table, path)?;
        }
        slant_ingest::set_outlet_aliases(file.outlets);
        let base = path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
        extra.extend(
            file.lexicons
                .into_iter()
                .map(|p| if p.is_absolute() { p } else { base.join(p) }),
        );
    }
    extra.extend(common.lexicons.iter().cloned());
    if extra.is_empty() {
        // The built-in lexicons alone: their matcher was compiled with the binary.
        return Ok(Scorer::builtin_with(config));
    }
    for path in extra {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read lexicon {}", path.display()))?;
        let user = Lexicon::parse(&path.display().to_string(), &text).map_err(|errs| {
            anyhow::anyhow!(
                "invalid lexicon:\n{}",
                errs.iter()
                    .map(|e| format!("  {e}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })?;
        lexicon.extend(user);
    }
    Ok(Scorer::new(lexicon, config))
}

/// The `[score]` table: every number in it is a threshold or a weight, so it must lie in
/// [0, 1] (NaN is not a number there); the check runs over whatever keys the table has, so a
/// key added to [`Config`] is checked without a change here. Then the table must fit
/// [`Config`] (unknown keys and wrong types are errors naming the key).
fn score_settings(table: toml::Table, path: &Path) -> Result<Config> {
    for (key, value) in &table {
        let number = match value {
            toml::Value::Float(f) => Some(*f),
            toml::Value::Integer(i) => Some(*i as f64),
            _ => None,
        };
        if let Some(x) = number {
            if !(0.0..=1.0).contains(&x) {
                bail!(
                    "invalid config {}: [score] {key} = {value} is outside [0, 1]",
                    path.display()
                );
            }
        }
    }
    toml::Value::Table(table)
        .try_into()
        .with_context(|| format!("invalid config {}: [score]", path.display()))
}

/// The settings that change a report's results, as the command that would give the same
/// report again from the same records: thresholds and lexicons (by file name: their contents
/// are named by the lexicon version beside it), and `extra` flags of the command. Inputs,
/// output names and flags such as `-q` are left out, so they do not change the report's bytes.
pub fn settings_text(command: &str, common: &Common, extra: &[String]) -> String {
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut words = vec![format!("slant {command}")];
    if let Some(c) = &common.config {
        words.push(format!("--config {}", quote(&name(c))));
    }
    for l in &common.lexicons {
        words.push(format!("--lexicon {}", quote(&name(l))));
    }
    words.extend(extra.iter().cloned());
    words.join(" ")
}

/// A word as a shell reads it back.
fn quote(a: &str) -> String {
    if !a.is_empty()
        && a.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./:=@%+,-".contains(c))
    {
        a.to_string()
    } else {
        format!("'{}'", a.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(toml: &str) -> Result<Config> {
        let table: toml::Table = toml::from_str(toml).unwrap();
        score_settings(table, Path::new("slant.toml"))
    }

    #[test]
    fn score_settings_outside_zero_one_are_rejected_by_name() {
        for (bad, key) in [
            ("loaded_threshold = -1.0", "loaded_threshold"),
            ("unattributed_threshold = 2", "unattributed_threshold"),
            ("loaded_threshold = nan", "loaded_threshold"),
            ("quoted_weight = 5.0", "quoted_weight"),
            ("quoted_weight = inf", "quoted_weight"),
        ] {
            let e = config(bad).unwrap_err().to_string();
            assert!(
                e.contains(key) && e.contains("outside [0, 1]"),
                "{bad}: {e}"
            );
        }
        let c = config("loaded_threshold = 0.5\nquoted_weight = 1").unwrap();
        assert_eq!((c.loaded_threshold, c.quoted_weight), (0.5, 1.0));
        assert!(
            config("loaded_treshold = 0.5").is_err(),
            "unknown keys still fail"
        );
    }
}
