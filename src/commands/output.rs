//! Where a command's report goes: standard output, or a file written
//! atomically (a temporary file in the same directory, renamed into place),
//! so a failed run never leaves a half-written report or clobbers the last.
//! Either way the report is streamed through a buffer, not built whole.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Runs `write` on standard output, or on a temporary file that replaces
/// `path` only once everything is written.
pub fn emit(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    match path {
        None => {
            let mut out = BufWriter::with_capacity(1 << 16, anstream::stdout().lock());
            write(&mut out)?;
            out.flush()
        }
        Some(path) => write_atomic(path, write),
    }
}

fn write_atomic(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = BufWriter::with_capacity(1 << 16, fs::File::create(&tmp)?);
        write(&mut f)?;
        let f = f.into_inner().map_err(io::IntoInnerError::into_error)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))
}
