//! Nothing lost, nothing injected (issue 9, the command-line side): whatever `-o` names is
//! never read as input, `-o` is written atomically, every path met is accounted for, write
//! errors end commands the same way everywhere, settings are checked, scored input is
//! recognised, and nothing from a path or an article reaches the terminal as a control
//! character. Each data-loss test checks the bytes of the files that must survive.

use crate::util::*;
use std::path::Path;
use std::process::Stdio;

fn sample() -> std::path::PathBuf {
    root().join("tests/corpus/sample")
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_output_inside_the_input_folder_is_never_read_back() {
    let d = tempdir("loop");
    let input = d.join("loop");
    copy_tree(&sample(), &input);
    let before = snapshot(&input);
    let out = input.join("zz.jsonl");
    let args = |o: &Path| {
        let mut c = slant();
        c.args(["score", "-q"]).arg(&input).arg("-o").arg(o);
        c
    };
    // Before the fix this never ended: the growing output was read back line by line.
    let first = run_for(&mut args(&out), 60).expect("score -o inside its input ends");
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let first_bytes = std::fs::read(&out).unwrap();
    // Run again: the earlier output is now in the folder, and still not an input.
    let again = run_for(&mut args(&out), 60).expect("ends");
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(std::fs::read(&out).unwrap(), first_bytes);
    let lines = first_bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    assert_eq!(lines, 16, "the 16 sample articles, nothing else");
    // The inputs are untouched.
    let after: Vec<_> = snapshot(&input)
        .into_iter()
        .filter(|(p, _)| p != &out)
        .collect();
    assert_eq!(after, before);
}

#[test]
fn a_report_folder_inside_the_input_is_not_scored_on_the_next_run() {
    let d = tempdir("report-in-input");
    let input = d.join("in");
    copy_tree(&sample(), &input);
    let report = input.join("report/");
    let run_report = || {
        let o = slant()
            .args(["report", "-q"])
            .arg(&input)
            .arg("-o")
            .arg(&report)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        snapshot(&report)
    };
    let first = run_report();
    let second = run_report();
    assert_eq!(
        second, first,
        "the second report scores the same 16 articles"
    );
}

#[test]
fn scoring_a_file_into_itself_is_refused_and_the_file_kept() {
    let d = tempdir("self");
    let input = d.join("in.jsonl");
    let bytes = b"{\"text\": \"The plan was condemned as reckless.\"}\n";
    std::fs::write(&input, bytes).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&input, d.join("link.jsonl")).unwrap();
    for target in ["in.jsonl", "./in.jsonl", "link.jsonl"] {
        let o = slant()
            .current_dir(&d)
            .args(["score", "in.jsonl", "-o", target])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "-o {target}");
        assert!(
            stderr(&o).contains("is also the output"),
            "-o {target}: {}",
            stderr(&o)
        );
        assert_eq!(std::fs::read(&input).unwrap(), bytes, "-o {target}");
        assert!(temp_files(&d).is_empty());
    }
}

/// Start `score - -o out` reading from a pipe we hold open, feed it, wait until it wrote part
/// of its output, then send `signal`.
#[cfg(unix)]
fn interrupted_score(d: &Path, out: &Path, signal: &str) -> std::process::ExitStatus {
    use std::io::Write;
    let mut child = slant()
        .args(["score", "-q", "-", "-o"])
        .arg(out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Drained on a thread so the child never blocks on it; shown if the child ends early.
    let mut err = child.stderr.take().unwrap();
    let stderr = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut err, &mut s);
        s
    });
    let line = format!(
        "{{\"text\": \"{}\"}}\n",
        "Critics slammed the reckless plan. ".repeat(40)
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    // Feed until the temporary file beside the target holds something.
    loop {
        let fed = (0..50)
            .try_for_each(|_| stdin.write_all(line.as_bytes()))
            .and_then(|()| stdin.flush());
        if let Err(e) = fed {
            let status = child.wait().unwrap();
            panic!(
                "slant ended before it was interrupted ({e}; {status}): {}",
                stderr.join().unwrap()
            );
        }
        let written = std::fs::read_dir(d).unwrap().any(|e| {
            let e = e.unwrap();
            e.file_name().to_string_lossy().contains(".slant-") && e.metadata().unwrap().len() > 0
        });
        if written {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no output appeared");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let ok = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(ok.success());
    let status = child.wait().unwrap();
    drop(stdin);
    status
}

#[cfg(unix)]
#[test]
fn a_killed_score_leaves_the_earlier_output_whole() {
    let d = tempdir("kill");
    let out = d.join("out.jsonl");
    let score_sample = || {
        slant()
            .args(["score", "-q"])
            .arg(sample())
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap()
    };
    let o = score_sample();
    assert_eq!(o.status.code(), Some(0));
    let good = std::fs::read(&out).unwrap();
    assert!(good.len() > 1000);

    let status = interrupted_score(&d, &out, "INT");
    assert_eq!(status.code(), Some(130), "Ctrl-C ends with 128 + SIGINT");
    assert_eq!(std::fs::read(&out).unwrap(), good, "after SIGINT");
    assert!(
        temp_files(&d).is_empty(),
        "after SIGINT: {:?}",
        temp_files(&d)
    );

    let status = interrupted_score(&d, &out, "KILL");
    assert_eq!(status.code(), None, "killed");
    assert_eq!(std::fs::read(&out).unwrap(), good, "after SIGKILL");
    // SIGKILL cannot be caught; the next write to the same target removes what it left.
    let o = score_sample();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read(&out).unwrap(), good);
    assert!(temp_files(&d).is_empty(), "{:?}", temp_files(&d));
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    assert!(std::process::Command::new("mkfifo")
        .arg(p)
        .status()
        .unwrap()
        .success());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_on_the_command_line_is_read_as_a_stream() {
    let d = tempdir("fifo-arg");
    let fifo = d.join("feed");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            std::fs::write(
                &fifo,
                "{\"id\": \"p1\", \"text\": \"The plan was condemned.\"}\n{\"id\": \"p2\", \"text\": \"Talks resumed.\"}\n",
            )
            .unwrap();
        })
    };
    let o = run_for(slant().args(["score"]).arg(&fifo), 60);
    if !writer.is_finished() {
        // slant never opened the pipe: release the writer before failing.
        let _ = std::process::Command::new("dd")
            .arg(format!("if={}", fifo.display()))
            .arg("of=/dev/null")
            .status();
    }
    writer.join().unwrap();
    let o = o.expect("ends");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ids: Vec<String> = records(&o)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["p1", "p2"]);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_nobody_writes_is_an_error_record_not_a_hang() {
    let d = tempdir("fifo-idle");
    let fifo = d.join("idle.jsonl");
    mkfifo(&fifo);
    let o = run_for(
        slant()
            .env("SLANT_PIPE_WAIT", "1")
            .args(["score"])
            .arg(&fifo)
            .arg(sample().join("harbor-ledger")),
        60,
    )
    .expect("never blocks forever on a pipe");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let recs = records(&o);
    assert!(recs[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("named pipe"));
    assert!(recs[1..].iter().all(|r| r.get("error").is_none()));
}

#[cfg(unix)]
#[test]
fn pipes_and_sockets_inside_a_folder_are_counted_skips() {
    let d = tempdir("fifo-dir");
    std::fs::create_dir_all(d.join("in/o")).unwrap();
    std::fs::write(d.join("in/o/a.txt"), "The plan was condemned.").unwrap();
    mkfifo(&d.join("in/o/b-pipe.txt"));
    let _socket = std::os::unix::net::UnixListener::bind(d.join("in/o/c-socket.txt")).unwrap();
    std::fs::write(d.join("in/o/d.txt"), "Talks resumed.").unwrap();
    let o = run_for(slant().args(["score", "-v"]).arg(d.join("in")), 60).expect("ends");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ids: Vec<String> = records(&o)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["o/a", "o/d"]);
    let err = stderr(&o);
    assert!(
        err.contains("b-pipe.txt (a named pipe, not a regular file)"),
        "{err}"
    );
    assert!(
        err.contains("c-socket.txt (a socket, not a regular file)"),
        "{err}"
    );
    // A device named on the command line is an error record, never read.
    let o = run_for(slant().args(["score", "/dev/zero"]), 60).expect("never reads a device");
    assert_eq!(o.status.code(), Some(2));
    assert!(records(&o)[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("device"));
}

/// Run with stdout a pipe whose reader has gone.
fn into_closed_pipe(args: &[&str]) -> std::process::Output {
    let mut child = slant()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let gold = tempdir("epipe").join("gold.jsonl");
    std::fs::write(
        &gold,
        "{\"id\": 1, \"text\": \"Critics slammed the reckless plan.\", \"label_biased\": true}\n",
    )
    .unwrap();
    let gold = gold.to_str().unwrap().to_string();
    let sample = sample();
    let sample = sample.to_str().unwrap();
    for args in [
        vec!["score", sample],
        vec!["compare", sample],
        vec!["eval", gold.as_str()],
        vec!["rules"],
        vec!["rules", "--markdown"],
        vec!["lexicon", "list", "--entries", "all"],
        vec!["explain", "Critics slammed the reckless plan."],
    ] {
        let o = into_closed_pipe(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_naming_the_output() {
    let sample = sample();
    let sample = sample.to_str().unwrap();
    for args in [
        vec!["score", sample],
        vec!["compare", sample],
        vec!["rules"],
        vec!["lexicon", "list"],
        vec!["explain", "Critics slammed the reckless plan."],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = slant().args(&args).stdout(full).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("cannot write stdout") && err.contains("No space left"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    let o = run(&["score", sample, "-o", "/dev/full"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot write /dev/full"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn score_settings_outside_zero_one_are_rejected_by_name() {
    let d = tempdir("config");
    for (line, key) in [
        ("loaded_threshold = -1.0", "loaded_threshold"),
        ("unattributed_threshold = 2.0", "unattributed_threshold"),
        ("loaded_threshold = nan", "loaded_threshold"),
        ("quoted_weight = 5.0", "quoted_weight"),
    ] {
        let cfg = d.join("slant.toml");
        std::fs::write(&cfg, format!("[score]\n{line}\n")).unwrap();
        let o = slant()
            .args(["score", "--config"])
            .arg(&cfg)
            .arg(sample())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{line}");
        let err = stderr(&o);
        assert!(err.contains(key) && err.contains("[0, 1]"), "{line}: {err}");
        assert!(o.stdout.is_empty(), "{line}");
    }
}

/// One scored record over 1 MiB: an article dense with loaded words.
fn big_scored_record(d: &Path) -> std::path::PathBuf {
    let text = "Critics slammed the reckless, brutal regime and its thugs. ".repeat(1500);
    let input = d.join("big.jsonl");
    std::fs::write(
        &input,
        serde_json::json!({"id": "big", "outlet": "Wire", "text": text}).to_string() + "\n",
    )
    .unwrap();
    let scored = d.join("scored");
    std::fs::create_dir_all(&scored).unwrap();
    let out = scored.join("big-scored.jsonl");
    let o = slant()
        .args(["score", "-q"])
        .arg(&input)
        .arg(sample())
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let first_line = std::fs::read(&out)
        .unwrap()
        .split(|&b| b == b'\n')
        .next()
        .unwrap()
        .len();
    assert!(
        first_line > 1 << 20,
        "the first record is {first_line} bytes"
    );
    out
}

#[test]
fn scored_jsonl_is_recognised_by_its_start_also_big_and_inside_folders() {
    let d = tempdir("scored");
    let out = big_scored_record(&d);
    for input in [out.clone(), out.parent().unwrap().to_path_buf()] {
        let o = slant()
            .args(["compare", "--format", "json"])
            .arg(&input)
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}: {}",
            input.display(),
            stderr(&o)
        );
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["articles"], 17, "{}", input.display());
    }
}

#[cfg(unix)]
#[test]
fn control_characters_from_paths_never_reach_the_terminal() {
    let d = tempdir("escape");
    let bad = d.join("bad\u{1b}]0;pwned\u{7}.txt");
    std::fs::write(&bad, "").unwrap();
    std::fs::write(d.join("ok.txt"), "Talks resumed.").unwrap();
    let o = slant().args(["score", "-v"]).arg(&d).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("pwned"), "{err}");
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
}

#[cfg(unix)]
#[test]
fn walk_errors_and_stdin_keep_their_place_in_the_output() {
    let d = tempdir("order");
    std::fs::create_dir_all(d.join("in")).unwrap();
    std::fs::write(d.join("in/a.txt"), "First.").unwrap();
    std::os::unix::fs::symlink(d.join("in/gone.txt"), d.join("in/m-dangling.txt")).unwrap();
    std::fs::write(d.join("in/z.txt"), "Last.").unwrap();
    let o = slant()
        .args(["score"])
        .arg(d.join("in/a.txt"))
        .arg("-")
        .arg(d.join("in"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin
                .take()
                .unwrap()
                .write_all(b"{\"id\": \"from-stdin\", \"text\": \"Middle.\"}\n")?;
            c.wait_with_output()
        })
        .unwrap();
    let order: Vec<String> = records(&o)
        .iter()
        .map(|r| match r.get("error") {
            Some(_) => format!(
                "error {}",
                r["path"].as_str().unwrap().rsplit('/').next().unwrap()
            ),
            None => r["id"].as_str().unwrap().to_string(),
        })
        .collect();
    assert_eq!(order, ["a", "from-stdin", "a", "error m-dangling.txt", "z"]);
}

#[cfg(unix)]
#[test]
fn folder_names_that_are_not_utf8_are_two_outlets() {
    use std::os::unix::ffi::OsStrExt;
    let d = tempdir("utf8");
    for name in [&b"out\xff"[..], &b"out\xfe"[..]] {
        let sub = d.join("in").join(std::ffi::OsStr::from_bytes(name));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("a.txt"), "Critics slammed the reckless plan.").unwrap();
    }
    let o = slant()
        .args(["compare", "--format", "json"])
        .arg(d.join("in"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["outlets"].as_array().unwrap().len(), 2, "{v}");
}

#[test]
fn flags_that_do_not_change_results_do_not_change_the_report() {
    let d = tempdir("report-bytes");
    let a = d.join("a.html");
    let b = d.join("b.html");
    let o = slant()
        .args(["report"])
        .arg(sample())
        .arg("-o")
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let o = slant()
        .args(["report", "-q", "--format", "html"])
        .arg(sample())
        .arg("--output")
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let (a, b) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let first_difference = a.iter().zip(&b).position(|(x, y)| x != y);
    assert!(
        a == b,
        "the reports differ at byte {first_difference:?}: {:?}",
        first_difference.map(|i| String::from_utf8_lossy(
            &b[i.saturating_sub(80)..(i + 80).min(b.len())]
        )
        .into_owned())
    );
}
