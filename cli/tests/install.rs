//! `cargo install resuma` as a user runs it (#16): the framework crate installs the `resuma`
//! command, which makes an app that builds; and that app, like every app `resuma new`
//! writes, compiles none of the command's dependencies.
//!
//! The install and the app build into the workspace's target directory, so a warm run
//! compiles only the app's own crate: `cargo install --path` builds with the checkout's
//! profiles and `Cargo.lock`, as `cargo build -p resuma --bin resuma` does.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// What only the command needs; an app's `cargo tree` names none of them.
const CLI_ONLY: &[&str] = &[
    "resuma-cli",
    "resuma-lsp",
    "clap",
    "miette",
    "notify",
    "tokio-tungstenite",
    "tower-lsp-server",
];

/// The checkout this test belongs to.
fn checkout() -> PathBuf {
    std::fs::canonicalize(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).unwrap()
}

/// A fresh, empty scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("resuma-install").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The target directory the workspace builds into, shared so that the install and the
/// generated app reuse the checkout's compiled dependencies.
fn shared_target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => checkout().join(dir),
        None => checkout().join("target"),
    }
}

/// Runs `program args` in `cwd` with the shared target directory; panics with its stderr
/// unless it succeeds.
#[track_caller]
fn run(program: &Path, args: &[&str], cwd: &Path) -> Output {
    let out = Command::new(program)
        .args(args)
        .current_dir(cwd)
        .env("CARGO_TARGET_DIR", shared_target_dir())
        .output()
        .unwrap_or_else(|err| panic!("{} cannot start: {err}", program.display()));
    assert!(
        out.status.success(),
        "{} {args:?} failed in {}:\n{}{}",
        program.display(),
        cwd.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn cargo(args: &[&str], cwd: &Path) -> Output {
    run(Path::new(env!("CARGO")), args, cwd)
}

/// The crate names `cargo tree -e normal,build` lists for the package in `cwd` (`args` added).
fn dependency_names(cwd: &Path, args: &[&str]) -> Vec<String> {
    let tree =
        [&["tree", "--offline", "-e", "normal,build", "--prefix", "none"][..], args].concat();
    let out = cargo(&tree, cwd);
    let mut names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn cargo_install_of_the_framework_gives_a_resuma_command_that_makes_an_app() {
    let dir = scratch("command");
    let root = dir.join("root");
    let framework = checkout().join("framework");
    cargo(
        &[
            "install",
            "--path",
            framework.to_str().unwrap(),
            "--root",
            root.to_str().unwrap(),
            "--debug",
            "--offline",
            "--locked",
        ],
        &dir,
    );
    let resuma = root.join("bin").join(format!("resuma{}", std::env::consts::EXE_SUFFIX));
    let out = run(&resuma, &["--version"], &dir);
    let version = String::from_utf8_lossy(&out.stdout);
    assert_eq!(version.trim(), format!("resuma {}", env!("CARGO_PKG_VERSION")));

    let out = run(&resuma, &["new", "installed_app"], &dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The installed command knows the checkout it was built from, so the app builds offline.
    assert!(stdout.contains(&format!("(resuma at {})", checkout().display())), "{stdout}");
    let app = dir.join("installed_app");
    cargo(&["build", "--offline"], &app);
    assert!(shared_target_dir().join("debug/installed_app").is_file());
    let out = run(&resuma, &["check"], &app);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Counter"), "the template's component is measured: {stdout}");
}

#[test]
fn an_app_from_resuma_new_compiles_none_of_the_commands_dependencies() {
    // The names are right: the default features (what `cargo install resuma` builds) pull
    // in every one of them.
    let installed = dependency_names(&checkout(), &["-p", "resuma"]);
    for name in CLI_ONLY {
        assert!(installed.iter().any(|it| it == name), "{name} is not in resuma's tree");
    }

    let dir = scratch("tree");
    let new = Command::new(env!("CARGO_BIN_EXE_resuma-cli"))
        .args(["new", "lean_app", "--template", "flow"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(new.status.success(), "{}", String::from_utf8_lossy(&new.stderr));
    let app = dir.join("lean_app");
    let names = dependency_names(&app, &[]);
    assert!(names.iter().any(|it| it == "resuma"), "{names:?}");
    assert!(names.iter().any(|it| it == "garde"), "an app's forms keep garde: {names:?}");
    let pulled: Vec<_> =
        CLI_ONLY.iter().filter(|name| names.iter().any(|it| it == *name)).collect();
    assert!(pulled.is_empty(), "the app compiles the command's {pulled:?}");
    // The examples are apps too.
    for example in ["counter", "flow", "auth"] {
        let names = dependency_names(&checkout(), &["-p", example]);
        let pulled: Vec<_> =
            CLI_ONLY.iter().filter(|name| names.iter().any(|it| it == *name)).collect();
        assert!(pulled.is_empty(), "examples/{example} compiles the command's {pulled:?}");
    }
}
