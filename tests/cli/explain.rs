//! `slant explain`: a passage for a person.

use crate::util::*;

#[test]
fn marks_words_and_gives_reasons_without_colour_when_piped() {
    let o = run(&[
        "explain",
        "Critics say the regime's reckless plan has been condemned as a disaster.",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("[regime"), "{out}");
    assert!(out.contains("[reckless]"), "{out}");
    assert!(
        out.contains("LL005") && out.contains("UA002") && out.contains("UA001"),
        "{out}"
    );
    assert!(
        !out.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn reads_stdin() {
    let o = run_stdin(&["explain"], "The mayor slammed the plan.".as_bytes());
    assert!(stdout(&o).contains("[slammed]"));
}

#[test]
fn says_so_when_nothing_is_found() {
    let o = run(&["explain", "The council met on Tuesday."]);
    assert!(stdout(&o).contains("No loaded language"));
}
