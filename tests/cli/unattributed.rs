//! Unattributed claims end to end: the settings a newsroom chooses, and the kinds of claim the
//! JSON names.

use crate::util::*;

#[test]
fn group_sources_is_a_setting_in_slant_toml() {
    let text = "Democrats said the bill would hurt families.";
    let reasons = |config: Option<&str>| {
        let dir = tempdir(&format!("group-sources-{}", config.unwrap_or("default")));
        let mut args = vec!["score".to_string(), "-".to_string()];
        if let Some(value) = config {
            let path = dir.join("slant.toml");
            std::fs::write(&path, format!("[score]\ngroup_sources = \"{value}\"\n")).unwrap();
            args.push("--config".into());
            args.push(path.display().to_string());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run_stdin(&args, text.as_bytes());
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let r = &records(&o)[0]["sentences"][0];
        (
            r["attribution"]["kind"].as_str().unwrap().to_string(),
            r["unattributed"]["flagged"].as_bool().unwrap(),
        )
    };
    // By default a party speaking as such is a source; a stricter newsroom can say otherwise.
    assert_eq!(reasons(None), ("named".to_string(), false));
    assert_eq!(reasons(Some("parties")), ("named".to_string(), false));
    assert_eq!(reasons(Some("institutional")), ("vague".to_string(), true));
    assert_eq!(reasons(Some("strict")), ("vague".to_string(), true));
    // An unknown value is a usage error naming the key.
    let dir = tempdir("group-sources-bad");
    let path = dir.join("slant.toml");
    std::fs::write(&path, "[score]\ngroup_sources = \"everyone\"\n").unwrap();
    let o = run_stdin(
        &["score", "-", "--config", path.to_str().unwrap()],
        text.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("group_sources"));
}

#[test]
fn every_unattributed_flag_names_its_kind_in_the_json() {
    let text = "Despite the mayor saying talks had \u{201c}come a long way,\u{201d} council members were more dour in their assessment. The deal is sure to infuriate the unions. Trying to win back voters, the mayor cut fares.";
    let o = run_stdin(&["score", "-"], text.as_bytes());
    let rec = &records(&o)[0];
    let mut kinds = Vec::new();
    for s in rec["sentences"].as_array().unwrap() {
        assert!(s["unattributed"]["flagged"].as_bool().unwrap(), "{s}");
        for e in s["unattributed"]["evidence"].as_array().unwrap() {
            kinds.push(
                e["kind"]
                    .as_str()
                    .expect("kind on every unattributed evidence")
                    .to_string(),
            );
        }
        for e in s["loaded"]["evidence"].as_array().unwrap() {
            assert!(e.get("kind").is_none(), "loaded evidence has no kind: {e}");
        }
    }
    for k in ["group_view", "prediction", "motive"] {
        assert!(kinds.iter().any(|x| x == k), "{k} missing from {kinds:?}");
    }
}
