//! A look at an XLS file before calamine parses it.
//!
//! calamine 0.38's XLS reader trusts two fields of the file: a sheet's DIMENSIONS record (it
//! reserves rows × columns cells up front, so a damaged record asks for terabytes and the
//! allocation failure aborts the whole process — no error handling can catch that) and a
//! sheet's stream position (it slices the stream there, which panics when the position is past
//! the end). This walks the workbook stream the way calamine does and refuses such files with
//! an ordinary error first.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// BIFF8's grid: 65,536 rows by 256 columns.
const MAX_ROWS: u64 = 65_536;
const MAX_COLUMNS: u64 = 256;

/// `Err(reason)` when calamine must not be handed this file.
pub(crate) fn check(path: &Path) -> Result<(), String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let file_len = file.metadata().map_err(|e| e.to_string())?.len();
    let mut compound = cfb::CompoundFile::open(file).map_err(|e| e.to_string())?;
    let Some(name) = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| compound.is_stream(n))
    else {
        // No workbook stream (e.g. an encrypted .xlsx): calamine reports what it is.
        return Ok(());
    };
    let mut stream = Vec::new();
    compound
        .open_stream(name)
        .map_err(|e| e.to_string())?
        .take(file_len)
        .read_to_end(&mut stream)
        .map_err(|e| e.to_string())?;
    check_biff(&stream)
}

struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

/// Records from `stream[pos..]`, stopping at the first one that runs past the end.
fn records(stream: &[u8], pos: usize) -> impl Iterator<Item = Record<'_>> {
    let mut rest = stream.get(pos..).unwrap_or_default();
    std::iter::from_fn(move || {
        let header = rest.get(..4)?;
        let typ = u16::from_le_bytes([header[0], header[1]]);
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let data = rest.get(4..4 + len)?;
        rest = rest.get(4 + len..).unwrap_or_default();
        Some(Record { typ, data })
    })
}

fn read_u32(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at + 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn read_u16(data: &[u8], at: usize) -> Option<u16> {
    let b = data.get(at..at + 2)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

fn check_biff(stream: &[u8]) -> Result<(), String> {
    // Globals: where the sheets start.
    let mut sheet_positions = Vec::new();
    for record in records(stream, 0) {
        match record.typ {
            0x0085 => {
                if let Some(pos) = read_u32(record.data, 0) {
                    let pos = pos as usize;
                    if pos > stream.len() {
                        return Err("a sheet starts past the end of the workbook".to_string());
                    }
                    sheet_positions.push(pos);
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    // Each sheet, as calamine walks it: nested substreams (charts) are skipped.
    for pos in sheet_positions {
        let mut seen_bof = false;
        let mut depth = 0usize;
        for record in records(stream, pos) {
            if depth > 0 {
                match record.typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match record.typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x0200 => check_dimensions(record.data)?,
                0x000A => break,
                _ => {}
            }
        }
    }
    Ok(())
}

/// Mirrors calamine's reading of a DIMENSIONS record and checks the size it will reserve.
fn check_dimensions(data: &[u8]) -> Result<(), String> {
    let fields = match data.len() {
        10 => (
            read_u16(data, 0).map(u32::from),
            read_u16(data, 2).map(u32::from),
            read_u16(data, 4).map(u32::from),
            read_u16(data, 6).map(u32::from),
        ),
        14 | 16 => (
            read_u32(data, 0),
            read_u32(data, 4),
            read_u16(data, 8).map(u32::from),
            read_u16(data, 10).map(u32::from),
        ),
        // calamine refuses other lengths itself.
        _ => return Ok(()),
    };
    let (Some(first_row), Some(row_end), Some(mut first_col), Some(col_end)) = fields else {
        return Ok(());
    };
    if first_col > 0xff || col_end < first_col {
        first_col = 0;
    }
    let (start, end) = if row_end >= 1 && col_end >= 1 {
        ((first_row, first_col), (row_end - 1, col_end - 1))
    } else {
        ((first_row, first_col), (first_row, first_col))
    };
    let impossible = || "a sheet declares an impossible size".to_string();
    if end.0 < start.0 || end.1 < start.1 {
        return Err(impossible());
    }
    let rows = u64::from(end.0 - start.0) + 1;
    let cols = u64::from(end.1 - start.1) + 1;
    if rows > MAX_ROWS || cols > MAX_COLUMNS {
        return Err(impossible());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    fn dimensions(rf: u32, rl: u32, cf: u16, cl: u16) -> Vec<u8> {
        let mut d = rf.to_le_bytes().to_vec();
        d.extend(rl.to_le_bytes());
        d.extend(cf.to_le_bytes());
        d.extend(cl.to_le_bytes());
        d.extend([0, 0]);
        d
    }

    fn workbook(dims: Vec<u8>) -> Vec<u8> {
        let bof = record(0x0809, &[0; 16]);
        let eof = record(0x000A, &[]);
        // Globals: BOF, BOUNDSHEET (position filled below), EOF; then the sheet.
        let globals_len = bof.len() + 4 + 8 + eof.len();
        let mut bound = (globals_len as u32).to_le_bytes().to_vec();
        bound.extend([0, 0, 1, 0]);
        let mut s = bof.clone();
        s.extend(record(0x0085, &bound));
        s.extend(&eof);
        s.extend(&bof);
        s.extend(record(0x0200, &dims));
        s.extend(&eof);
        s
    }

    #[test]
    fn sane_dimensions_pass() {
        assert_eq!(check_biff(&workbook(dimensions(0, 10, 0, 6))), Ok(()));
        assert_eq!(check_biff(&workbook(dimensions(0, 65_536, 0, 256))), Ok(()));
        assert_eq!(check_biff(&workbook(dimensions(0, 0, 0, 0))), Ok(()));
    }

    #[test]
    fn huge_or_inverted_dimensions_are_refused() {
        assert!(check_biff(&workbook(dimensions(0, 0xffff_0000, 0, 6))).is_err());
        assert!(check_biff(&workbook(dimensions(50, 10, 0, 6))).is_err());
        assert!(check_biff(&workbook(dimensions(0, 10, 0, 0xffff))).is_err());
    }

    #[test]
    fn sheet_past_the_end_is_refused() {
        let mut s = record(0x0085, &[0xff, 0xff, 0, 0, 0, 0, 1, 0]);
        s.extend(record(0x000A, &[]));
        assert!(check_biff(&s).is_err());
    }
}
