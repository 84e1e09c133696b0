//! How wide the terminal report may be: `COLUMNS` when set, else the
//! terminal's width, else 100 on a terminal whose size is unknown (a 0×0
//! pseudo-terminal under `script`), and unbounded into a pipe or a file.

use std::io::IsTerminal;

/// The width when the terminal cannot tell its own.
const UNKNOWN_TERMINAL: usize = 100;

/// The terminal report's width; `None` for unbounded. `to_file` is `-o`.
pub fn report_width(to_file: bool) -> Option<usize> {
    let columns = std::env::var("COLUMNS").ok();
    let terminal =
        (!to_file && std::io::stdout().is_terminal()).then(|| comfy_table::Table::new().width().map(usize::from));
    resolve(columns.as_deref(), terminal)
}

/// `terminal`: `None` when not writing to one, `Some(None)` when its size
/// is unknown. A `COLUMNS` that is not a positive number is ignored.
fn resolve(columns: Option<&str>, terminal: Option<Option<usize>>) -> Option<usize> {
    if let Some(n) = columns.and_then(|c| c.trim().parse::<usize>().ok()).filter(|&n| n > 0) {
        return Some(n);
    }
    terminal.map(|size| size.filter(|&w| w > 0).unwrap_or(UNKNOWN_TERMINAL))
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn columns_wins_then_the_terminal_then_100_and_a_pipe_is_unbounded() {
        assert_eq!(resolve(Some("72"), Some(Some(200))), Some(72));
        assert_eq!(resolve(Some("72"), None), Some(72));
        assert_eq!(resolve(None, Some(Some(132))), Some(132));
        assert_eq!(resolve(None, Some(Some(0))), Some(100), "a 0x0 terminal is unknown");
        assert_eq!(resolve(None, Some(None)), Some(100));
        assert_eq!(resolve(Some("wide"), Some(Some(90))), Some(90));
        assert_eq!(resolve(Some("0"), None), None);
        assert_eq!(resolve(None, None), None);
    }
}
