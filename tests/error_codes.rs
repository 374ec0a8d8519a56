//! The README's table of error codes lists exactly the codes the core can produce (issue 11:
//! "every `code` is listed in the README"), so front ends can rely on it.

use convscope::error::Code;

#[test]
fn the_readme_lists_every_error_code_and_no_other() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    // Rows of the table: "| `code` | meaning |".
    let listed: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("| `")?.split_once("` |").map(|(c, _)| c))
        .filter(|c| *c != "code" && c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'))
        .collect();
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
    assert_eq!(listed, codes);
}
