//! The contact rows of the fixture corpus, written once: the fixture maker writes them into the
//! files and the tests compare what they read with them.

pub const CONTACT_HEADERS: [&str; 6] = [
    "First Name",
    "Last Name",
    "Email",
    "Company",
    "Website",
    "Phone",
];

/// Synthetic contacts; every character is in Windows-1252 (so the same rows make the legacy
/// encoding fixture).
pub const CONTACTS: [[&str; 6]; 8] = [
    [
        "Ada",
        "Lovelace",
        "ada.lovelace@example.com",
        "Analytical Engines",
        "analytical-engines.example.com",
        "+1 415 555 0100",
    ],
    [
        "Zoë",
        "Müller",
        "zoe.mueller@example.org",
        "Café Nova GmbH",
        "cafe-nova.example.org",
        "+49 30 5550 1234",
    ],
    [
        "José",
        "Núñez",
        "jose.nunez@example.net",
        "Acme, Inc.",
        "acme.example.net",
        "(415) 555-0101",
    ],
    [
        "Grace",
        "Hopper",
        "grace.hopper@example.com",
        "Compiler Works",
        "compiler-works.example.com",
        "415.555.0102",
    ],
    [
        "François",
        "Dupont",
        "francois.dupont@example.com",
        "Euro € Traders",
        "euro-traders.example.com",
        "+33 1 5550 0103",
    ],
    [
        "Søren",
        "Ångström",
        "soren@nordic.example.com",
        "Nordic Data AS",
        "nordic.example.com",
        "+47 5550 0104",
    ],
    [
        "Li",
        "Wei",
        "li.wei@example.com",
        "Globex \"Asia\" Ltd",
        "globex.example.com",
        "+86 10 5550 0105",
    ],
    [
        "Amara",
        "Okafor",
        "amara.okafor@example.com",
        "Initech",
        "initech.example.com",
        "",
    ],
];
