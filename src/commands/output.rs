//! Where a command's report goes: standard output, or a file written
//! atomically (a temporary file in the same directory, renamed into place),
//! so a failed run never leaves a half-written report or clobbers the last.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically, or to standard output.
pub fn emit(path: Option<&Path>, bytes: &[u8]) -> io::Result<()> {
    match path {
        None => {
            let mut out = anstream::stdout().lock();
            out.write_all(bytes)?;
            out.flush()
        }
        Some(path) => write_atomic(path, bytes),
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))
}
