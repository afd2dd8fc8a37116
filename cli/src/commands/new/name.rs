//! Which names a new app's crate may have: Cargo's rules, each refusal with its reason.

/// Rust's keywords, strict and reserved, in every edition: Cargo refuses them as package
/// names because the library or binary would be named after them.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names that clash with something the build already has: the standard crates, libtest,
/// folders of `target/`, and the app's own dependency.
const TAKEN: &[(&str, &str)] = &[
    ("std", "the standard library"),
    ("core", "the core library"),
    ("alloc", "the alloc library"),
    ("proc_macro", "the proc_macro library"),
    ("proc-macro", "the proc_macro library"),
    ("test", "Rust's built-in test library"),
    ("build", "a folder Cargo creates in target/"),
    ("deps", "a folder Cargo creates in target/"),
    ("examples", "a folder Cargo creates in target/"),
    ("incremental", "a folder Cargo creates in target/"),
    ("resuma", "the framework the app depends on"),
];

/// Why `name` cannot be a crate's name, or `None` when it can.
pub(crate) fn invalid_reason(name: &str) -> Option<String> {
    let Some(first) = name.chars().next() else {
        return Some("a crate name cannot be empty".to_owned());
    };
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Some(format!(
            "`{name}` contains {bad:?}: a crate name has only ASCII letters, digits, `-` and `_`"
        ));
    }
    if first.is_ascii_digit() {
        return Some(format!("`{name}` starts with a digit: a crate name starts with a letter"));
    }
    if first == '-' {
        return Some(format!("`{name}` starts with `-`: a crate name starts with a letter"));
    }
    if KEYWORDS.contains(&name) {
        return Some(format!("`{name}` is a Rust keyword and cannot name a crate"));
    }
    let lower = name.to_ascii_lowercase();
    if let Some((_, what)) = TAKEN.iter().find(|(taken, _)| *taken == lower) {
        return Some(format!("`{name}` is taken by {what}"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::invalid_reason;

    #[test]
    fn cargo_names_pass() {
        for name in ["my-app", "my_app", "app2", "A", "_private", "resuma-todo"] {
            assert_eq!(invalid_reason(name), None, "{name}");
        }
    }

    #[test]
    fn each_refusal_says_why() {
        for (name, reason) in [
            ("", "cannot be empty"),
            ("2fast", "starts with a digit"),
            ("-x", "starts with `-`"),
            ("my app", "contains ' '"),
            ("café", "contains 'é'"),
            ("a.b", "contains '.'"),
            ("fn", "is a Rust keyword"),
            ("async", "is a Rust keyword"),
            ("test", "Rust's built-in test library"),
            ("std", "the standard library"),
            ("resuma", "the framework the app depends on"),
        ] {
            let message = invalid_reason(name).unwrap_or_default();
            assert!(message.contains(reason), "{name:?}: {message:?}");
        }
    }
}
