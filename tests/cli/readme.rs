//! Every servchain command the README shows, run as written (in a sandbox
//! with the examples, an `org.yaml`, an `org/` directory and a git history),
//! so that the README cannot rot: each must finish with 0 (done) or 1
//! (findings), never a usage error or a crash.

use std::path::Path;
use std::process::Command;

/// The commands: lines of `sh` blocks, and inline code spans that run
/// servchain, less those with placeholders (PATH…, ID, FILE).
fn commands(readme: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
            continue;
        }
        if in_sh {
            let command = line.split("  #").next().unwrap_or("").trim();
            if command.contains("servchain ")
                || command.starts_with("cargo run --release -- ")
                || command.contains("--example generate")
            {
                out.push(command.to_owned());
            }
            continue;
        }
        for (i, span) in line.split('`').enumerate() {
            let placeholder = span.contains('…')
                || span.split_whitespace().any(|w| {
                    w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase() || c == ':' || c == '[' || c == ']')
                });
            if i % 2 == 1 && (span.starts_with("servchain ") || span.contains("| servchain ")) && !placeholder {
                out.push(span.to_owned());
            }
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() { copy_dir(&path, &target) } else { std::fs::copy(&path, &target).map(|_| ()).unwrap() }
    }
}

#[test]
fn every_command_in_the_readme_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let commands = commands(&readme);
    assert!(commands.len() >= 15, "{commands:#?}");

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("repo");
    copy_dir(&root.join("examples"), &dir.join("examples"));
    copy_dir(&root.join("examples/acme-software"), &dir.join("org"));
    std::fs::copy(root.join("examples/problems.yaml"), dir.join("org.yaml")).unwrap();
    let home = tmp.path().join("home");
    for sub in [".local/share/bash-completion/completions", ".local/share/man/man1"] {
        std::fs::create_dir_all(home.join(sub)).unwrap();
    }
    let git = |args: &[&str]| {
        let ok = Command::new("git").args(args).current_dir(&dir).output().is_ok_and(|o| o.status.success());
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["-c", "user.name=t", "-c", "user.email=t@t", "add", "."]);
    git(&["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "org"]);

    let bin = assert_cmd::cargo::cargo_bin("servchain");
    let path = format!("{}:{}", bin.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    let generate = bin.parent().unwrap().join("examples/generate");
    if !generate.exists() {
        // `cargo test` builds the examples, `cargo test --test cli` may not;
        // built in the test's own profile, where `generate` is looked for.
        let release = bin.parent().is_some_and(|d| d.ends_with("release"));
        let profile: &[&str] = if release { &["--release"] } else { &[] };
        let built = Command::new(env!("CARGO"))
            .args(["build", "--example", "generate"])
            .args(profile)
            .current_dir(root)
            .status();
        assert!(built.is_ok_and(|s| s.success()), "cannot build the generate example");
    }
    let have_dot = Command::new("dot").arg("-V").output().is_ok();
    for command in commands {
        // Built binaries instead of cargo run; the sandbox instead of /tmp.
        let command = command
            .replace("/tmp/", &format!("{}/", tmp.path().display()))
            .replace("cargo run --release --example generate --", &generate.display().to_string())
            .replace("cargo run --release -- ", "servchain ");
        if command.contains("| dot ") && !have_dot {
            continue; // Graphviz is not installed here; .ci/run installs it.
        }
        let out = Command::new("bash")
            .args(["-c", &format!("set -o pipefail; {command}")])
            .current_dir(&dir)
            .env("PATH", &path)
            .env("HOME", &home)
            .env("NO_COLOR", "1")
            .env("GITHUB_STEP_SUMMARY", tmp.path().join("summary.md"))
            .output()
            .unwrap();
        let code = out.status.code().unwrap_or(-1);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(code == 0 || code == 1, "`{command}` exited {code}:\n{stderr}");
        assert!(!stderr.contains("panicked"), "`{command}`: {stderr}");
    }
}

/// The codes in the first column of the README table whose header row is `header`.
fn table_codes(readme: &str, header: &str) -> Vec<String> {
    let mut lines = readme.lines().skip_while(|l| *l != header).skip(2);
    let mut codes = Vec::new();
    for line in lines.by_ref().take_while(|l| l.starts_with('|')) {
        let first = line.split('|').nth(1).unwrap_or("");
        codes.extend(first.split('`').skip(1).step_by(2).map(str::to_owned));
    }
    codes.sort();
    codes
}

#[test]
fn the_readme_lists_every_diagnostic_code_and_nothing_else() {
    use servchain::diagnostic::{Code, Family};
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let registered = |keep: fn(Family) -> bool| {
        let mut v: Vec<String> = Code::ALL.iter().filter(|c| keep(c.family())).map(|c| c.as_str().to_owned()).collect();
        v.sort();
        v
    };
    assert_eq!(
        table_codes(&readme, "| code | problem |"),
        registered(|f| matches!(f, Family::Load | Family::Config)),
        "load and config codes"
    );
    assert_eq!(table_codes(&readme, "| rule | default | finding when |"), registered(|f| f == Family::Rule), "rules");
    assert_eq!(
        table_codes(&readme, "| regression | reported when |"),
        registered(|f| f == Family::Diff),
        "diff regressions"
    );
    assert_eq!(table_codes(&readme, "| import code | problem |"), registered(|f| f == Family::Import), "import");
}
