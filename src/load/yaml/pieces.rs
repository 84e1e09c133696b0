//! The pieces of a file's text that one reader reads, handed to the parser
//! as one stream: a whole file is one piece; a file read on every core
//! gives each core some pieces (see `load::parallel`).

use std::io::Read;

/// The pieces of a text, read one after the other.
pub struct Pieces<'t> {
    parts: Vec<&'t [u8]>,
    next: usize,
}

impl<'t> Pieces<'t> {
    pub fn new(parts: Vec<&'t [u8]>) -> Self {
        Pieces { parts, next: 0 }
    }
}

impl Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while let Some(part) = self.parts.get_mut(self.next) {
            if part.is_empty() {
                self.next += 1;
                continue;
            }
            let n = part.len().min(buf.len());
            buf[..n].copy_from_slice(&part[..n]);
            *part = &part[n..];
            return Ok(n);
        }
        Ok(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_read_as_one_text_whatever_the_buffer() {
        for size in [1, 2, 3, 64] {
            let mut r = Pieces::new(vec![b"ab", b"", b"cde", b"", b"f"]);
            let (mut all, mut buf) = (Vec::new(), vec![0; size]);
            loop {
                let n = r.read(&mut buf).unwrap();
                if n == 0 {
                    break;
                }
                all.extend_from_slice(&buf[..n]);
            }
            assert_eq!(all, b"abcdef", "buffer of {size}");
        }
    }
}
