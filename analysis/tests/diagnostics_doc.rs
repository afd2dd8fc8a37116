//! Every diagnostic code is documented, with an example and a fix, in
//! `docs/diagnostics.md`.

use resuma_analysis::Code;

#[test]
fn every_code_has_a_documented_example_and_fix() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/diagnostics.md");
    let doc = std::fs::read_to_string(path).expect("docs/diagnostics.md exists");
    for code in Code::ALL {
        let heading = format!("## {} — {}", code.as_str(), code.title());
        let start =
            doc.find(&heading).unwrap_or_else(|| panic!("docs/diagnostics.md lacks `{heading}`"));
        let section = &doc[start + heading.len()..];
        let section = &section[..section.find("\n## ").unwrap_or(section.len())];
        assert!(section.contains("Fix"), "{code}: the entry has no fix");
        assert!(section.contains("```"), "{code}: the entry has no example");
    }
    let codes: Vec<_> = Code::ALL.iter().map(|it| it.as_str()).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(codes, sorted, "codes are unique and in order");
}

/// The signals the examples of `docs/diagnostics.md` read without declaring them.
const SIGNALS: &str = "let count = use_signal(0i32); let name = use_signal(String::new()); \
    let open = use_signal(false); let q = use_signal(String::new()); let n = use_signal(0i32);";

/// The examples of `docs/diagnostics.md`, checked as the macros would check them: each
/// block marked `// R0xx` reports exactly the codes it names, each other block (a fix)
/// reports nothing. A block is one unit, or one per line when each of its lines is a
/// whole example; a unit is wrapped in what it needs (a component with [`SIGNALS`], a
/// view, a button); hidden lines (`# `) give it more, as in a doctest. A block that
/// needs more than a file (a page tree, an app's budget) says so:
/// `# // not checked: REASON`.
#[test]
fn examples_report_their_codes_and_fixes_none() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/diagnostics.md");
    let doc = std::fs::read_to_string(path).expect("docs/diagnostics.md exists");
    let mut wrong = Vec::new();
    let mut checked = 0;
    let mut lines = doc.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let Some(info) = line.strip_prefix("```") else { continue };
        let block: Vec<&str> =
            lines.by_ref().map(|(_, it)| it).take_while(|it| !it.starts_with("```")).collect();
        if !info.starts_with("rust") || block.iter().any(|it| it.starts_with("# // not checked: "))
        {
            continue;
        }
        let code: Vec<&str> = block.iter().map(|it| hidden_code(it).unwrap_or(it)).collect();
        // Hidden lines are context for every unit; a block whose shown lines are each a
        // whole example is one unit per line.
        let hidden: Vec<&str> = code_lines(&block, true);
        let shown: Vec<&str> = code_lines(&block, false);
        let units: Vec<String> = if shown.len() > 1 && shown.iter().all(|it| whole_example(it)) {
            shown.iter().map(|line| [&hidden[..], &[*line]].concat().join("\n")).collect()
        } else {
            vec![code.join("\n")]
        };
        for unit in units {
            let expected = codes_named(&unit);
            let file = wrap(&unit);
            let diagnostics = resuma_analysis::check(&file);
            let mut reported: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
            reported.sort();
            reported.dedup();
            if reported != expected {
                let messages: Vec<_> =
                    diagnostics.iter().map(|d| format!("{}: {}", d.code, d.message)).collect();
                wrong.push(format!(
                    "docs/diagnostics.md:{}: expected {expected:?}, analysis reports {messages:?}\n{unit}",
                    n + 1
                ));
            }
            checked += 1;
        }
    }
    assert!(wrong.is_empty(), "{} of {checked} examples:\n\n{}", wrong.len(), wrong.join("\n\n"));
    assert!(checked > 50, "only {checked} examples checked");
}

/// A block's hidden lines (`# `, without it) or its shown ones.
fn code_lines<'a>(block: &[&'a str], hidden: bool) -> Vec<&'a str> {
    block
        .iter()
        .filter_map(|it| match hidden_code(it) {
            Some(code) => hidden.then_some(code),
            None => (!hidden).then_some(*it),
        })
        .collect()
}

/// The code of a hidden line (`# code`, or a lone `#`), as a doctest compiles it.
fn hidden_code(line: &str) -> Option<&str> {
    line.strip_prefix("# ").or((line == "#").then_some(""))
}

/// Whether a line is an example by itself: a view, a handler, an attribute.
fn whole_example(line: &str) -> bool {
    let line = line.trim_start();
    ["view!", "move |", "|", "onClick="].iter().any(|it| line.starts_with(it))
}

/// The codes a unit's comments name (`// R021, and R027 for …`), sorted.
fn codes_named(unit: &str) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = Code::ALL
        .iter()
        .map(|it| it.as_str())
        .filter(|code| {
            unit.lines().any(|l| l.split_once("//").is_some_and(|(_, c)| c.contains(code)))
        })
        .collect();
    codes.sort();
    codes
}

/// A unit as a file analysis can check: its items (lines from one starting an item at
/// the top level to where its braces close) stay items, anything else goes in the body
/// of a component with [`SIGNALS`], a handler or an attribute on a button of its view.
/// `…` is code left out: `todo!()`.
fn wrap(unit: &str) -> String {
    let unit = unit.replace("{ … }", "{ todo!() }");
    let starts_item =
        ["#[", "fn ", "pub ", "async fn ", "impl ", "use ", "struct ", "enum ", "const "];
    let (mut items, mut body) = (String::new(), String::new());
    let mut depth = 0i32;
    let mut in_item = false;
    for line in unit.lines() {
        if depth == 0 && !in_item {
            in_item = starts_item.iter().any(|it| line.trim_start().starts_with(it));
        }
        let code = line.split("//").next().unwrap_or(line);
        depth += code.matches('{').count() as i32 - code.matches('}').count() as i32;
        let to = if in_item { &mut items } else { &mut body };
        to.push_str(line);
        to.push('\n');
        // An item ends where its braces close or at its `;`; attributes go on.
        if in_item
            && depth <= 0
            && !line.trim_start().starts_with("#[")
            && (code.contains('}') || code.trim_end().ends_with(';'))
        {
            in_item = false;
        }
    }
    if body.trim().is_empty() {
        return format!("use resuma::prelude::*;\n{items}");
    }
    // Leading `let`s stay statements; what follows them is wrapped by its first token.
    let mut lets = String::new();
    let mut rest = body.as_str();
    while rest.trim_start().starts_with("let ") {
        let Some(end) = rest.find(";\n") else { break };
        lets.push_str(&rest[..end + 2]);
        rest = &rest[end + 2..];
    }
    let start = rest.trim_start();
    let wrapped = if start.starts_with("move |") || start.starts_with('|') {
        format!("view! {{ <button onClick={{{rest}}}>\"x\"</button> }}")
    } else if start.starts_with("onClick=") {
        format!("view! {{ <button {rest}>\"x\"</button> }}")
    } else if start.starts_with('<') {
        format!("view! {{ {rest} }}")
    } else if start.starts_with('{') {
        format!("view! {{ <div>{rest}</div> }}")
    } else {
        rest.to_owned()
    };
    format!("use resuma::prelude::*;\n{items}#[component]\nfn Doc() -> View {{\n{SIGNALS}\n{lets}{wrapped}\n}}\n")
}
