use super::headers::{tokens, EXACT};
use super::*;
use MatchInput as I;

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn rows(items: &[&[&str]]) -> Vec<Vec<String>> {
    items.iter().map(|r| strings(r)).collect()
}

/// The input suggested for each header, with no sample rows.
fn inputs(kind: RecordKind, headers: &[&str]) -> Vec<Option<MatchInput>> {
    suggest(kind, &strings(headers), &[])
        .into_iter()
        .map(|m| m.input)
        .collect()
}

/// Each header alone in a file of its kind, and the input it should get.
fn assert_headers(cases: &[(RecordKind, &str, Option<MatchInput>)]) {
    for (kind, header, want) in cases {
        assert_eq!(inputs(*kind, &[header])[0], *want, "{header} ({kind:?})");
    }
}

/// Each header row, and the input each of its columns should get.
fn assert_header_rows(cases: &[(RecordKind, &[(&str, MatchInput)])]) {
    for (kind, columns) in cases {
        let headers: Vec<&str> = columns.iter().map(|(h, _)| *h).collect();
        let want: Vec<Option<MatchInput>> = columns.iter().map(|(_, i)| Some(*i)).collect();
        assert_eq!(inputs(*kind, &headers), want, "{headers:?}");
    }
}

#[test]
fn email_spellings_map_to_email() {
    for header in [
        "Email",
        "E-Mail",
        "e_mail",
        "EMAIL ADDRESS",
        "Email Address",
        "email_address",
        "Work Email",
        "Business Email",
        "  E-mail  ",
        "Courriel",
        "Adresse e-mail",
        "Correo",
        "Correo electrónico",
        "E-Mail-Adresse",
        "Posta elettronica",
        "Contact Email (primary)",
    ] {
        assert_headers(&[(RecordKind::Contact, header, Some(I::Email))]);
    }
}

#[test]
fn european_headers_map() {
    use RecordKind::{Company, Contact};
    assert_header_rows(&[
        // German
        (
            Contact,
            &[
                ("Vorname", I::FirstName),
                ("Nachname", I::LastName),
                ("Firma", I::CompanyName),
                ("E-Mail-Adresse", I::Email),
                ("Telefon", I::Phone),
            ],
        ),
        // French
        (
            Contact,
            &[
                ("Prénom", I::FirstName),
                ("Nom", I::LastName),
                ("Société", I::CompanyName),
                ("Courriel", I::Email),
                ("Téléphone", I::Phone),
                ("Poste", I::JobTitle),
            ],
        ),
        // Spanish
        (
            Contact,
            &[
                ("Nombre", I::FirstName),
                ("Apellidos", I::LastName),
                ("Empresa", I::CompanyName),
                ("Correo electrónico", I::Email),
                ("Teléfono", I::Phone),
                ("Cargo", I::JobTitle),
            ],
        ),
        // Italian
        (
            Contact,
            &[
                ("Nome", I::FirstName),
                ("Cognome", I::LastName),
                ("Azienda", I::CompanyName),
                ("Posta elettronica", I::Email),
                ("Telefono", I::Phone),
            ],
        ),
        // Dutch
        (
            Contact,
            &[
                ("Voornaam", I::FirstName),
                ("Achternaam", I::LastName),
                ("Bedrijf", I::CompanyName),
                ("E-mailadres", I::Email),
                ("Telefoonnummer", I::Phone),
            ],
        ),
        // Company files, German and French
        (
            Company,
            &[
                ("Unternehmen", I::CompanyName),
                ("Webseite", I::Website),
                ("Stadt", I::City),
                ("Bundesland", I::State),
                ("Land", I::Country),
                ("PLZ", I::ZipCode),
            ],
        ),
        (
            Company,
            &[
                ("Entreprise", I::CompanyName),
                ("Site web", I::Website),
                ("Ville", I::City),
                ("Pays", I::Country),
                ("Code postal", I::ZipCode),
            ],
        ),
    ]);
    assert_headers(&[
        (Contact, "prenom", Some(I::FirstName)),
        (Contact, "Nom de famille", Some(I::LastName)),
    ]);
}

#[test]
fn english_headers_and_variants_map() {
    use RecordKind::{Company, Contact};
    let cases = [
        (Contact, "FirstName", I::FirstName),
        (Contact, "first_name", I::FirstName),
        (Contact, "Given Name", I::FirstName),
        (Contact, "Contact First Name", I::FirstName),
        (Contact, "Surname", I::LastName),
        (Contact, "Family Name", I::LastName),
        (Contact, "Full Name", I::FullName),
        (Contact, "Contact", I::FullName),
        (Contact, "Account Name", I::CompanyName),
        (Contact, "Organisation", I::CompanyName),
        (Contact, "Employer", I::CompanyName),
        (Contact, "Direct Phone", I::Phone),
        (Contact, "Mobile", I::Phone),
        (Contact, "Tel", I::Phone),
        (Contact, "LinkedIn Profile", I::LinkedIn),
        (Contact, "linkedin_url", I::LinkedIn),
        (Contact, "ZoomInfo Contact ID", I::PersonId),
        (Contact, "ZI Person ID", I::PersonId),
        (Contact, "zoominfo_id", I::PersonId),
        (Contact, "ZIPersonID", I::PersonId),
        (Contact, "Person ID", I::PersonId),
        (Contact, "ZoomInfo Company ID", I::CompanyId),
        (Contact, "Job Title", I::JobTitle),
        (Contact, "Title", I::JobTitle),
        (Contact, "Hashed Email", I::HashedEmail),
        (Contact, "email_sha512", I::HashedEmail),
        (Contact, "Email (SHA-256)", I::HashedEmail),
        (Contact, "hashed_email_md5", I::HashedEmail),
        (Contact, "sha256", I::HashedEmail),
        (Contact, "SHA-512", I::HashedEmail),
        (Contact, "MD5", I::HashedEmail),
        (Company, "ZoomInfo Company ID", I::CompanyId),
        (Company, "Company ID", I::CompanyId),
        (Company, "zoominfo_id", I::CompanyId),
        (Company, "Company Domain", I::Website),
        (Company, "URL", I::Website),
        (Company, "Web Site", I::Website),
        (Company, "Sitio web", I::Website),
        (Company, "Sito web", I::Website),
        (Company, "Stock Symbol", I::Ticker),
        (Company, "Ticker", I::Ticker),
        (Company, "Postal Code", I::ZipCode),
        (Company, "Province", I::State),
        (Company, "País", I::Country),
        (Company, "Paese", I::Country),
        (Company, "Ciudad", I::City),
        (Company, "Account", I::CompanyName),
        (Company, "Company HQ Phone", I::Phone),
    ];
    for (kind, header, want) in cases {
        assert_headers(&[(kind, header, Some(want))]);
    }
}

#[test]
fn name_means_company_name_for_companies_and_full_name_for_contacts() {
    use RecordKind::{Company, Contact};
    assert_headers(&[
        (Company, "Name", Some(I::CompanyName)),
        (Contact, "Name", Some(I::FullName)),
        (Contact, "Contact Name", Some(I::FullName)),
        // A person column means nothing in a company file.
        (Company, "Contact", None),
        (Company, "First Name", None),
    ]);
}

#[test]
fn inputs_the_kind_cannot_send_stay_unmapped() {
    // Contacts are not matched by website, companies not by email.
    assert_headers(&[
        (RecordKind::Contact, "Website", None),
        (RecordKind::Contact, "City", None),
        (RecordKind::Company, "Email", None),
    ]);
}

#[test]
fn other_systems_ids_and_email_flags_are_not_inputs() {
    for header in [
        "Previous Company Name",
        "Query Name",
        "Record ID",
        "Contact ID",
        "Salesforce ID",
        "ID",
        "Email Opt Out",
        "Email Status",
        "Has Email",
        "Fax",
        "Company LinkedIn URL",
    ] {
        assert_headers(&[(RecordKind::Contact, header, None)]);
    }
    // …and their values are not guessed from content either.
    let headers = strings(&["Record ID", "Revenue (in 000s USD)"]);
    let sample = rows(&[&["123456789", "125000"], &["223456789", "9800000"]]);
    let m = suggest(RecordKind::Company, &headers, &sample);
    assert_eq!((m[0].input, m[1].input), (None, None));
}

#[test]
fn work_email_wins_over_personal_email_and_first_wins_otherwise() {
    let m = suggest(
        RecordKind::Contact,
        &strings(&["Personal Email", "Work Email", "Email"]),
        &[],
    );
    assert_eq!(m[0].input, None);
    assert_eq!(m[1].input, Some(I::Email));
    assert_eq!(m[1].source, MappingSource::Header);
    assert_eq!(m[2].input, None);
    assert_eq!(m[2].source, MappingSource::Unmapped);

    assert_eq!(
        inputs(RecordKind::Contact, &["Phone", "Mobile", "Company Phone"]),
        vec![Some(I::Phone), None, None]
    );
}

#[test]
fn content_detection_finds_unlabeled_email_and_domain_columns() {
    let headers = strings(&["Col A", "Col B", "Col C", "Notes"]);
    let sample = rows(&[
        &[
            "jane@acme.com",
            "acme.com",
            "+1 415 555 0100",
            "called twice",
        ],
        &[
            "JOHN@Example.org ",
            "https://www.example.org/about",
            "(212) 555-0199",
            "",
        ],
        &["", "globex.co.uk", "020 7946 0958", "n/a"],
        &["not an email", "www.initech.com", "", "met at expo"],
    ]);
    let m = suggest(RecordKind::Contact, &headers, &sample);
    assert_eq!(m[0].input, Some(I::Email));
    assert_eq!(m[0].source, MappingSource::Content);
    assert!(m[0].confidence >= 70 && m[0].confidence < EXACT);
    // Contacts cannot be matched by website: the domain column stays unmapped…
    assert_eq!(m[1].input, None);
    assert_eq!(m[2].input, Some(I::Phone));
    assert_eq!(m[3].input, None);
    assert_eq!(
        m[0].samples,
        strings(&["jane@acme.com", "JOHN@Example.org", "not an email"])
    );

    // …and maps for companies.
    let m = suggest(RecordKind::Company, &headers, &sample);
    assert_eq!(m[1].input, Some(I::Website));
    assert_eq!(m[1].source, MappingSource::Content);
}

#[test]
fn content_detection_needs_sixty_percent_alike() {
    let headers = strings(&["X"]);
    let cases: &[(&[&[&str]], Option<MatchInput>)] = &[
        (&[&["jane@acme.com"], &["hello"], &["world"]], None),
        (
            &[&["jane@acme.com"], &["bob@acme.com"], &["world"]],
            Some(I::Email),
        ),
    ];
    for (sample, want) in cases {
        assert_eq!(
            suggest(RecordKind::Contact, &headers, &rows(sample))[0].input,
            *want,
            "{sample:?}"
        );
    }
}

#[test]
fn content_detection_finds_linkedin_and_ids_but_not_dates() {
    let headers = strings(&["", "", "", ""]);
    let sample = rows(&[
        &[
            "https://www.linkedin.com/in/jane-doe/",
            "1234567890",
            "2024-01-15",
            "12.50",
        ],
        &["linkedin.com/in/bob", "987654321", "2024-02-01", "7.25"],
    ]);
    let m = suggest(RecordKind::Contact, &headers, &sample);
    assert_eq!(m[0].input, Some(I::LinkedIn));
    assert_eq!(m[1].input, Some(I::PersonId));
    assert!(m[1].confidence <= 60, "bare numbers are a weak hint");
    assert_eq!(m[2].input, None);
    assert_eq!(m[3].input, None);
    assert_eq!(m[0].display_name(), "Column 1");
}

#[test]
fn content_detection_finds_hashed_emails_of_every_accepted_length() {
    let headers = strings(&["Key", "Other"]);
    let sha512 = "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca7\
                  2323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043";
    let sample = rows(&[
        &[sha512, "x"],
        &["5F4DCC3B5AA765D61D8327DEB882CF99", "y"],
        &["a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", ""],
        &[
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "z",
        ],
    ]);
    let m = suggest(RecordKind::Contact, &headers, &sample);
    assert_eq!(m[0].input, Some(I::HashedEmail));
    assert_eq!(m[0].source, MappingSource::Content);
    assert!(m[0].confidence >= 85, "{}", m[0].confidence);
    // Companies are not matched by hashed e-mail.
    assert_eq!(
        suggest(RecordKind::Company, &headers, &sample)[0].input,
        None
    );
    // Digits of another length are no digest.
    let ids = rows(&[&["1234567890", ""], &["987654321", ""]]);
    assert_eq!(
        suggest(RecordKind::Contact, &headers, &ids)[0].input,
        Some(I::PersonId)
    );
}

#[test]
fn content_detection_reads_through_spreadsheet_safe_quotes() {
    let m = suggest(
        RecordKind::Contact,
        &strings(&["X"]),
        &rows(&[&["'+1 415 555 0100"], &["'+44 20 7946 0958"]]),
    );
    assert_eq!(m[0].input, Some(I::Phone));
}

#[test]
fn header_mapping_is_not_overridden_by_content() {
    // A column whose header says "Email" keeps the input even if its sample is messy, and
    // a second email-looking column does not take the same input.
    let headers = strings(&["Email", "Backup"]);
    let sample = rows(&[&["jane@acme.com", "jane.doe@gmail.com"]]);
    let m = suggest(RecordKind::Contact, &headers, &sample);
    assert_eq!(m[0].input, Some(I::Email));
    assert_eq!(m[1].input, None);
}

#[test]
fn ragged_rows_widen_the_mapping() {
    let m = suggest(
        RecordKind::Contact,
        &strings(&["Email"]),
        &rows(&[&["a@b.co", "x"]]),
    );
    assert_eq!(m.len(), 2);
    assert_eq!(m[1].header, "");
}

#[test]
fn overrides_by_name_and_by_number() {
    let headers = strings(&["Mail Addr", "Cell", "Notes", "Firm"]);
    let mut m = suggest(RecordKind::Contact, &headers, &[]);
    apply_overrides(
        &mut m,
        &strings(&[
            "notes=email",
            "#2=phone",
            "FIRM = company_name",
            "Mail Addr=none",
        ]),
    )
    .expect("valid overrides");
    assert_eq!(m[2].input, Some(I::Email));
    assert_eq!(m[2].source, MappingSource::User);
    assert_eq!(m[2].confidence, 100);
    assert_eq!(m[1].input, Some(I::Phone));
    assert_eq!(m[3].input, Some(I::CompanyName));
    assert_eq!(m[0].input, None);
    assert_eq!(m[0].source, MappingSource::User);
}

#[test]
fn an_override_takes_the_input_from_the_suggested_column() {
    let mut m = suggest(RecordKind::Contact, &strings(&["Email", "Personal"]), &[]);
    assert_eq!(m[0].input, Some(I::Email));
    apply_overrides(&mut m, &strings(&["Personal=e-mail"])).expect("valid");
    assert_eq!(m[0].input, None);
    assert_eq!(m[0].source, MappingSource::Unmapped);
    assert_eq!(m[1].input, Some(I::Email));
}

#[test]
fn accent_and_punctuation_blind_column_names_in_overrides() {
    let mut m = suggest(RecordKind::Contact, &strings(&["Numéro", "Other"]), &[]);
    apply_overrides(&mut m, &strings(&["numero=phone"])).expect("valid");
    assert_eq!(m[0].input, Some(I::Phone));
}

#[test]
fn a_bad_override_names_the_columns_or_the_inputs() {
    let headers = strings(&["Email", "Company", "Notes"]);
    let mut m = suggest(RecordKind::Contact, &headers, &[]);
    let before = m.clone();

    // Each set of overrides, and what its error must say.
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["Emial=email"],
            &["'Emial'", "Found columns: Email, Company, Notes"],
        ),
        (&["#7=email"], &["Email, Company, Notes"]),
        (
            &["Notes=favourite colour"],
            &[
                "'favourite colour' is not a match input",
                "email",
                "first_name",
                "none",
            ],
        ),
        (&["Notes"], &["'Notes' is not a column mapping"]),
        (
            &["Notes=email", "Company=email"],
            &["Notes and Company are both mapped to email"],
        ),
    ];
    for (overrides, says) in cases {
        let text = apply_overrides(&mut m, &strings(overrides))
            .expect_err("a bad override")
            .to_string();
        for part in *says {
            assert!(text.contains(part), "{overrides:?}: {text}");
        }
    }
    let err = apply_overrides(&mut m, &strings(&["Notes"])).expect_err("no =");
    assert!(matches!(err, MappingError::Syntax { .. }), "{err}");

    // Nothing changed by the failed attempts.
    assert_eq!(m, before);
}

#[test]
fn duplicate_header_names_ask_for_a_number() {
    let mut m = suggest(
        RecordKind::Contact,
        &strings(&["Email", "Notes", "notes"]),
        &[],
    );
    let err = apply_overrides(&mut m, &strings(&["Notes=phone"])).expect_err("ambiguous");
    assert!(err.to_string().contains("#2, #3"), "{err}");
    apply_overrides(&mut m, &strings(&["#3=phone"])).expect("by number");
    assert_eq!(m[2].input, Some(I::Phone));
}

#[test]
fn check_usable_lists_found_columns_and_needed_inputs() {
    let cases = [
        (
            RecordKind::Contact,
            "Found columns: Notes, Score. To match contacts, the file needs an Email, a Phone, a ZoomInfo person ID",
        ),
        (
            RecordKind::Company,
            "Found columns: Notes, Score. To match companies, the file needs a Website (or domain), a Company name",
        ),
    ];
    for (kind, start) in cases {
        let m = suggest(kind, &strings(&["Notes", "Score"]), &[]);
        let text = check_usable(kind, &m)
            .expect_err("nothing to match on")
            .to_string();
        assert!(text.starts_with(start), "{text}");
    }
    let m = suggest(RecordKind::Contact, &strings(&["Notes", "Score"]), &[]);
    let text = check_usable(RecordKind::Contact, &m)
        .expect_err("nothing to match on")
        .to_string();
    assert!(text.contains("First name + Last name + Company"), "{text}");
}

#[test]
fn check_usable_says_what_is_half_there() {
    let m = suggest(
        RecordKind::Contact,
        &strings(&["First Name", "Last Name", "Title"]),
        &[],
    );
    let text = check_usable(RecordKind::Contact, &m)
        .expect_err("no company")
        .to_string();
    assert!(text.contains("First name and Last name were recognised, but no Company name or ZoomInfo company ID column"), "{text}");
}

#[test]
fn check_usable_accepts_each_identifying_combination() {
    use RecordKind::{Company, Contact};
    let cases: &[(RecordKind, &[&str], bool)] = &[
        (Contact, &["Email"], true),
        (Contact, &["Phone"], true),
        (Contact, &["ZoomInfo ID"], true),
        (Contact, &["First Name", "Last Name", "Company"], true),
        (Contact, &["Name", "Account"], true),
        (Contact, &["Name", "Title"], false),
        (Contact, &["Website"], false),
        (Company, &["Website"], true),
        (Company, &["Name"], true),
        (Company, &["Ticker"], true),
        (Company, &["Email", "City"], false),
    ];
    for (kind, headers, usable) in cases {
        let m = suggest(*kind, &strings(headers), &[]);
        assert_eq!(
            check_usable(*kind, &m).is_ok(),
            *usable,
            "{headers:?} ({kind:?})"
        );
    }
}

#[test]
fn user_mapping_an_input_the_kind_cannot_send_is_an_error() {
    let mut m = suggest(RecordKind::Contact, &strings(&["Email", "Domain"]), &[]);
    apply_overrides(&mut m, &strings(&["Domain=website"])).expect("valid syntax");
    let text = check_usable(RecordKind::Contact, &m)
        .expect_err("website for contacts")
        .to_string();
    assert!(
        text.contains("Column Domain is mapped to Website, which cannot be used to match contacts"),
        "{text}"
    );
}

#[test]
fn input_names_parse_with_aliases_and_round_trip_through_serde() {
    let cases = [
        ("email", Some(I::Email)),
        ("E-Mail", Some(I::Email)),
        ("person_id", Some(I::PersonId)),
        ("First name", Some(I::FirstName)),
        ("domain", Some(I::Website)),
        ("LinkedIn", Some(I::LinkedIn)),
        ("zip", Some(I::ZipCode)),
        ("id", None),
        ("name", None),
        ("", None),
    ];
    for (text, want) in cases {
        assert_eq!(MatchInput::parse(text), want, "{text:?}");
    }
    for input in MatchInput::ALL {
        let json = serde_json::to_string(&input).expect("serializes");
        assert_eq!(json, format!("\"{}\"", input.name()));
        assert_eq!(MatchInput::parse(input.name()), Some(input));
        assert_eq!(MatchInput::parse(input.label()), Some(input));
    }
}

#[test]
fn headers_split_into_words() {
    for (header, words) in [
        ("ZIPersonID", &["zi", "person", "id"]),
        ("workEmail2", &["work", "email", "2"]),
    ] {
        assert_eq!(tokens(header), strings(words), "{header:?}");
    }
}

#[test]
fn column_mapping_serializes_for_the_ui() {
    let m = suggest(
        RecordKind::Contact,
        &strings(&["Email"]),
        &rows(&[&["jane@acme.com"]]),
    );
    let json = serde_json::to_value(&m[0]).expect("serializes");
    assert_eq!(
        json,
        serde_json::json!({
            "column": 0, "header": "Email", "input": "email", "source": "header",
            "confidence": 95, "samples": ["jane@acme.com"]
        })
    );
    let back: ColumnMapping = serde_json::from_value(json).expect("deserializes");
    assert_eq!(back, m[0]);
}
