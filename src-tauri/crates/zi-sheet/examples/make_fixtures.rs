//! Regenerates the shared fixture corpus in `tests/fixtures/` at the workspace root.
//!
//! ```sh
//! cargo run -p zi-sheet --example make_fixtures
//! ```
//!
//! Every file is deterministic, so running this again leaves `git status` clean. The one file
//! it does not make is `contacts.xls` (no maintained Rust crate writes XLS): see
//! `tests/fixtures/make_xls.py`. Names, companies, e-mail addresses and phone numbers are
//! synthetic (example.* domains, 555 numbers).

use std::error::Error;
use std::fs;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

type Res<T = ()> = Result<T, Box<dyn Error>>;

// The rows are shared with the tests that read the files back.
#[path = "../tests/common/fixture_rows.rs"]
mod fixture_rows;
use fixture_rows::{CONTACTS, CONTACT_HEADERS};

fn main() -> Res {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures");
    let bad = root.join("bad");
    fs::create_dir_all(&bad)?;

    good_files(&root)?;
    bad_files(&bad)?;
    println!("fixtures written to {}", root.canonicalize()?.display());
    Ok(())
}

fn contact_rows() -> Vec<Vec<String>> {
    let mut rows = vec![CONTACT_HEADERS.iter().map(|s| s.to_string()).collect()];
    rows.extend(
        CONTACTS
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect()),
    );
    rows
}

/// CSV text: fields quoted when they need it (or always), `""` for a quote inside.
fn csv_text(rows: &[Vec<String>], delimiter: char, eol: &str, quote_all: bool) -> String {
    let mut out = String::new();
    for row in rows {
        let fields: Vec<String> = row
            .iter()
            .map(|f| {
                let needs = quote_all
                    || f.contains(delimiter)
                    || f.contains('"')
                    || f.contains('\n')
                    || f.contains('\r');
                if needs {
                    format!("\"{}\"", f.replace('"', "\"\""))
                } else {
                    f.clone()
                }
            })
            .collect();
        out.push_str(&fields.join(&delimiter.to_string()));
        out.push_str(eol);
    }
    out
}

fn rows(v: &[&[&str]]) -> Vec<Vec<String>> {
    v.iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> Res {
    fs::write(path, bytes)?;
    Ok(())
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut out = if little_endian {
        vec![0xff, 0xfe]
    } else {
        vec![0xfe, 0xff]
    };
    for unit in text.encode_utf16() {
        if little_endian {
            out.extend(unit.to_le_bytes());
        } else {
            out.extend(unit.to_be_bytes());
        }
    }
    out
}

fn good_files(root: &Path) -> Res {
    write(
        &root.join("contacts.csv"),
        csv_text(&contact_rows(), ',', "\n", false),
    )?;

    write(
        &root.join("companies.csv"),
        csv_text(
            &rows(&[
                &[
                    "Company Name",
                    "Website",
                    "City",
                    "State",
                    "Country",
                    "Employees",
                ],
                &[
                    "Analytical Engines",
                    "https://analytical-engines.example.com",
                    "San Francisco",
                    "CA",
                    "United States",
                    "120",
                ],
                &[
                    "Café Nova GmbH",
                    "www.cafe-nova.example.org",
                    "Berlin",
                    "",
                    "Germany",
                    "45",
                ],
                &[
                    "Acme, Inc.",
                    "acme.example.net",
                    "Austin",
                    "TX",
                    "United States",
                    "5300",
                ],
                &[
                    "Nordic Data AS",
                    "nordic.example.com",
                    "Oslo",
                    "",
                    "Norway",
                    "80",
                ],
                &[
                    "Initech",
                    "http://initech.example.com/",
                    "Dallas",
                    "TX",
                    "USA",
                    "",
                ],
            ]),
            ',',
            "\n",
            false,
        ),
    )?;

    // Salesforce report / Data Loader style: every field quoted, CRLF.
    write(
        &root.join("salesforce_contacts.csv"),
        csv_text(
            &rows(&[
                &[
                    "Contact ID",
                    "First Name",
                    "Last Name",
                    "Title",
                    "Account Name",
                    "Email",
                    "Phone",
                    "Mailing City",
                    "Mailing Country",
                ],
                &[
                    "0030000000000001AAA",
                    "Ada",
                    "Lovelace",
                    "VP, Engineering",
                    "Analytical Engines",
                    "ada.lovelace@example.com",
                    "(415) 555-0100",
                    "San Francisco",
                    "United States",
                ],
                &[
                    "0030000000000002AAA",
                    "Zoë",
                    "Müller",
                    "Head of \"Growth\"",
                    "Café Nova GmbH",
                    "zoe.mueller@example.org",
                    "+49 30 5550 1234",
                    "Berlin",
                    "Germany",
                ],
                &[
                    "0030000000000003AAA",
                    "Grace",
                    "Hopper",
                    "Director\nCompilers",
                    "Compiler Works",
                    "grace.hopper@example.com",
                    "",
                    "Arlington",
                    "United States",
                ],
            ]),
            ',',
            "\r\n",
            true,
        ),
    )?;

    // HubSpot export style.
    write(
        &root.join("hubspot_contacts.csv"),
        csv_text(
            &rows(&[
                &[
                    "Record ID",
                    "First Name",
                    "Last Name",
                    "Email",
                    "Phone Number",
                    "Company Name",
                    "Website URL",
                    "Create Date",
                ],
                &[
                    "101",
                    "Ada",
                    "Lovelace",
                    "ada.lovelace@example.com",
                    "+14155550100",
                    "Analytical Engines",
                    "analytical-engines.example.com",
                    "2024-03-05 14:30",
                ],
                &[
                    "102",
                    "José",
                    "Núñez",
                    "jose.nunez@example.net",
                    "",
                    "Acme, Inc.",
                    "acme.example.net",
                    "2024-03-06 09:00",
                ],
                &[
                    "103",
                    "Amara",
                    "Okafor",
                    "amara.okafor@example.com",
                    "-",
                    "Initech",
                    "",
                    "2024-03-07 17:45",
                ],
            ]),
            ',',
            "\n",
            false,
        ),
    )?;

    contacts_xlsx(&root.join("contacts.xlsx"))?;
    contacts_ods(&root.join("contacts.ods"))?;
    Ok(())
}

fn bad_files(bad: &Path) -> Res {
    let contacts = contact_rows();

    write(&bad.join("empty.csv"), "")?;
    write(
        &bad.join("header_only.csv"),
        "First Name,Last Name,Email,Company\r\n",
    )?;

    // Deterministic noise with NUL bytes (a tiny LCG: no randomness crate needed).
    let mut state: u32 = 0x5eed_1234;
    let noise: Vec<u8> = (0..2048)
        .map(|i| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            if i % 97 == 0 {
                0
            } else {
                (state >> 24) as u8
            }
        })
        .collect();
    write(&bad.join("binary.csv"), &noise)?;

    // A PNG picture renamed to .csv (1x1 pixel).
    write(
        &bad.join("picture.csv"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82",
    )?;

    // Excel's "Unicode Text": UTF-16 LE with BOM, tab-delimited, CRLF.
    write(
        &bad.join("utf16le.csv"),
        utf16(&csv_text(&contacts, '\t', "\r\n", false), true),
    )?;
    write(
        &bad.join("utf16be.csv"),
        utf16(&csv_text(&contacts, ',', "\r\n", false), false),
    )?;

    let text = csv_text(&contacts, ',', "\r\n", false);
    let (latin, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    if unmappable {
        return Err("a contact does not fit Windows-1252".into());
    }
    write(&bad.join("windows1252.csv"), latin)?;

    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend(csv_text(&contacts, ',', "\r\n", false).into_bytes());
    write(&bad.join("utf8_bom.csv"), bom)?;

    // European Excel: semicolons, decimal commas, commas inside unquoted values.
    write(
        &bad.join("semicolon.csv"),
        csv_text(
            &rows(&[
                &["Vorname", "Nachname", "E-Mail", "Firma", "Umsatz"],
                &[
                    "Zoë",
                    "Müller",
                    "zoe.mueller@example.org",
                    "Café Nova, Berlin",
                    "1,5",
                ],
                &[
                    "Hans",
                    "Schmidt",
                    "hans.schmidt@example.org",
                    "Schmidt & Söhne",
                    "12,75",
                ],
                &["Eva", "Weiß", "eva.weiss@example.org", "Nova; Labs", "3"],
            ]),
            ';',
            "\r\n",
            false,
        ),
    )?;
    write(
        &bad.join("sep_line.csv"),
        format!(
            "sep=;\r\n{}",
            csv_text(
                &rows(&[&["Name", "Email"], &["Ada, L.", "ada@example.com"]]),
                ';',
                "\r\n",
                false
            )
        ),
    )?;

    write(&bad.join("tab.tsv"), csv_text(&contacts, '\t', "\n", false))?;
    write(
        &bad.join("tab.csv"),
        csv_text(&contacts, '\t', "\r\n", false),
    )?;
    write(&bad.join("pipe.csv"), csv_text(&contacts, '|', "\n", false))?;
    write(
        &bad.join("crlf.csv"),
        csv_text(&contacts, ',', "\r\n", false),
    )?;

    write(
        &bad.join("ragged.csv"),
        "First Name,Last Name,Email,Company\n\
         Ada,Lovelace,ada.lovelace@example.com,Analytical Engines\n\
         Grace,Hopper\n\
         Zoë,Müller,zoe.mueller@example.org,Café Nova GmbH,extra,more\n\
         Li\n",
    )?;

    write(
        &bad.join("duplicate_headers.csv"),
        "Email,Name,Email,,Phone,email\n\
         a@example.com,Ada,a2@example.com,x,+1 415 555 0100,a3@example.com\n",
    )?;

    // Line 4 opens a quote that is never closed.
    write(
        &bad.join("unterminated_quote.csv"),
        "First Name,Last Name,Company\n\
         Ada,Lovelace,Analytical Engines\n\
         Grace,Hopper,Compiler Works\n\
         Zoë,Müller,\"Café Nova GmbH\n\
         Li,Wei,Globex\n\
         Amara,Okafor,Initech\n",
    )?;

    write(
        &bad.join("no_usable_column.csv"),
        "Notes,Score\nCalled twice; no answer,42\n\"Met at expo, follow up\",7\n",
    )?;

    // Quoted fields with embedded newlines (LF and CRLF), delimiters and doubled quotes.
    write(
        &bad.join("quoted.csv"),
        "Name,Company,Notes\r\n\
         \"Lovelace, Ada\",\"Analytical \"\"AE\"\" Engines\",\"line one\nline two\"\r\n\
         Grace,Compiler Works,\"crlf\r\ninside\"\r\n\
         \"\",\"\"\"\",plain\r\n",
    )?;

    // Blank lines, whitespace-only lines and empty trailing lines (none of them are rows).
    write(
        &bad.join("blank_lines.csv"),
        "\n\nFirst Name,Email\n\nAda,ada@example.com\n   \n\t\nGrace,grace@example.com\n,\n  ,  \n\n\n\n",
    )?;

    // Salesforce's "printable view" export: an HTML table named .xls.
    write(
        &bad.join("webpage.xls"),
        "<html><head><meta charset=\"utf-8\"></head><body><table>\n\
         <tr><th>First Name</th><th>Email</th></tr>\n\
         <tr><td>Ada</td><td>ada@example.com</td></tr>\n</table></body></html>\n",
    )?;

    multi_sheet_xlsx(&bad.join("multi_sheet.xlsx"))?;

    // A damaged workbook: the first half of a real one (the ZIP directory at the end is gone).
    let whole = fs::read(bad.join("multi_sheet.xlsx"))?;
    write(
        &bad.join("corrupt.xlsx"),
        whole.get(..whole.len() / 2).unwrap_or_default(),
    )?;

    // A valid ZIP archive that is not a workbook.
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("readme.txt", stored())?;
    zip.write_all(b"Quarterly notes, not a spreadsheet.\n")?;
    write(&bad.join("not_a_workbook.xlsx"), zip.finish()?.into_inner())?;

    damaged_xls(
        &bad.parent().unwrap_or(bad).join("contacts.xls"),
        &bad.join("damaged.xls"),
    )?;
    Ok(())
}

/// `contacts.xls` whose sheet claims 4 billion rows in its DIMENSIONS record: calamine would
/// try to reserve terabytes for it (an allocation failure aborts the process).
fn damaged_xls(source: &Path, target: &Path) -> Res {
    let Ok(mut bytes) = fs::read(source) else {
        println!(
            "{} is missing (see make_xls.py): damaged.xls not written",
            source.display()
        );
        return Ok(());
    };
    // DIMENSIONS (0x0200), 14 bytes: first row u32, last row + 1 u32, first col u16, ...
    let marker = b"\x00\x02\x0e\x00";
    let at = bytes
        .windows(marker.len())
        .position(|w| w == marker)
        .ok_or("no DIMENSIONS record in contacts.xls")?;
    let last_row = at + 4 + 4;
    bytes
        .get_mut(last_row..last_row + 4)
        .ok_or("short DIMENSIONS record")?
        .copy_from_slice(&0xffff_0000u32.to_le_bytes());
    write(target, bytes)
}

fn stored() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
}

fn contacts_xlsx(path: &Path) -> Res {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Contacts")?;
    for (r, row) in contact_rows().iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if r == 0 {
                sheet.write_string_with_format(r as u32, c as u16, cell, &bold)?;
            } else {
                sheet.write_string(r as u32, c as u16, cell)?;
            }
        }
    }
    workbook.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_creation_datetime(&ExcelDateTime::from_ymd(2024, 1, 1)?),
    );
    workbook.save(path)?;
    Ok(())
}

/// Several sheets; the first has merged cells, formulas with cached results, numbers (a phone,
/// a 15-digit id, a decimal) and dates.
fn multi_sheet_xlsx(path: &Path) -> Res {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm");

    let sheet = workbook.add_worksheet();
    sheet.set_name("Contacts")?;
    let headers = [
        "First Name",
        "Last Name",
        "Full Name",
        "Company",
        "Phone",
        "Account ID",
        "Created",
        "Last Call",
        "Score",
        "Double Score",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let people = [
        (
            "Ada",
            "Lovelace",
            4_155_550_100.0,
            123_456_789_012_345.0,
            87.5,
        ),
        (
            "Zoë",
            "Müller",
            4_930_555_012.0,
            100_000_000_000_001.0,
            42.0,
        ),
        (
            "Grace",
            "Hopper",
            4_155_550_102.0,
            999_999_999_999_999.0,
            12.25,
        ),
    ];
    for (i, (first, last, phone, id, score)) in people.iter().enumerate() {
        let r = i as u32 + 1;
        let excel_row = r + 1;
        sheet.write_string(r, 0, *first)?;
        sheet.write_string(r, 1, *last)?;
        sheet.write_formula(
            r,
            2,
            Formula::new(format!("=A{excel_row}&\" \"&B{excel_row}"))
                .set_result(format!("{first} {last}")),
        )?;
        sheet.write_number(r, 4, *phone)?;
        sheet.write_number(r, 5, *id)?;
        sheet.write_datetime_with_format(
            r,
            6,
            &ExcelDateTime::from_ymd(2024, 3, 5 + i as u8)?,
            &date,
        )?;
        sheet.write_datetime_with_format(
            r,
            7,
            &ExcelDateTime::from_ymd(2024, 4, 1)?.and_hms(14, 30, 0)?,
            &datetime,
        )?;
        sheet.write_number(r, 8, *score)?;
        sheet.write_formula(
            r,
            9,
            Formula::new(format!("=I{excel_row}*2")).set_result((score * 2.0).to_string()),
        )?;
    }
    // Zoë and Grace work at the same company: one merged cell over two rows.
    sheet.write_string(1, 3, "Analytical Engines")?;
    sheet.merge_range(2, 3, 3, 3, "Café Nova GmbH", &Format::new())?;
    // A cell holding a formula-looking string (it is text, not a formula).
    sheet.write_string(4, 0, "=HYPERLINK(\"http://evil.example\")")?;
    sheet.write_string(4, 1, "Injection")?;

    let sheet = workbook.add_worksheet();
    sheet.set_name("Companies")?;
    for (c, h) in ["Company Name", "Website", "Employees"].iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, (name, site, employees)) in [
        (
            "Analytical Engines",
            "analytical-engines.example.com",
            120.0,
        ),
        ("Café Nova GmbH", "cafe-nova.example.org", 45.0),
    ]
    .iter()
    .enumerate()
    {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *name)?;
        sheet.write_string(r, 1, *site)?;
        sheet.write_number(r, 2, *employees)?;
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name("Empty")?;

    let sheet = workbook.add_worksheet();
    sheet.set_name("Hidden Notes")?;
    sheet.write_string(0, 0, "Note")?;
    sheet.write_string(1, 0, "internal")?;
    sheet.set_hidden(true);

    workbook.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_creation_datetime(&ExcelDateTime::from_ymd(2024, 1, 1)?),
    );
    workbook.save(path)?;
    Ok(())
}

/// A minimal but complete OpenDocument spreadsheet, with a merged cell, a number, a date and a
/// formula with its cached value.
fn contacts_ods(path: &Path) -> Res {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("mimetype", stored())?;
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    zip.start_file("META-INF/manifest.xml", stored())?;
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#,
    )?;
    zip.start_file("content.xml", stored())?;
    let text = |s: &str| {
        format!("<table:table-cell office:value-type=\"string\"><text:p>{s}</text:p></table:table-cell>")
    };
    let header: String = [
        "First Name",
        "Last Name",
        "Company",
        "Phone",
        "Created",
        "Score x2",
    ]
    .iter()
    .map(|h| text(h))
    .collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2">
<office:body><office:spreadsheet>
<table:table table:name="Contacts">
<table:table-row>{header}</table:table-row>
<table:table-row>{ada}{lovelace}<table:table-cell office:value-type="string" table:number-rows-spanned="2"><text:p>Analytical Engines</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="4155550100"><text:p>4155550100</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2024-03-05"><text:p>2024-03-05</text:p></table:table-cell><table:table-cell table:formula="of:=2*21" office:value-type="float" office:value="42"><text:p>42</text:p></table:table-cell></table:table-row>
<table:table-row>{zoe}{muller}<table:covered-table-cell/><table:table-cell office:value-type="float" office:value="4930555012"><text:p>4930555012</text:p></table:table-cell></table:table-row>
</table:table>
<table:table table:name="Companies">
<table:table-row>{company}</table:table-row>
<table:table-row>{acme}</table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>
"#,
        ada = text("Ada"),
        lovelace = text("Lovelace"),
        zoe = text("Zoë"),
        muller = text("Müller"),
        company = text("Company Name"),
        acme = text("Acme, Inc."),
    );
    zip.write_all(content.as_bytes())?;
    write(path, zip.finish()?.into_inner())?;
    Ok(())
}
