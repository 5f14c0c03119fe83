//! What a column's header says it holds: a table of the usual names in English and common
//! European languages, then the words a header contains.

use zi_client::RecordKind;

use super::super::inputs::MatchInput;
use super::super::normalize::{compact, fold};
use MatchInput as I;

/// Confidence of a header found in the synonym table.
pub(super) const EXACT: u8 = 95;

/// What a header says about its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Guess {
    /// This input, this sure.
    Input(MatchInput, u8),
    /// A header we understand that feeds no input for this kind (e.g. "Fax", "Record ID",
    /// "Website" for contacts): its values are not guessed from either.
    Known,
    /// The header says nothing useful.
    Unknown,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Any,
    Contacts,
    Companies,
}

impl Scope {
    fn covers(self, kind: RecordKind) -> bool {
        match self {
            Scope::Any => true,
            Scope::Contacts => kind == RecordKind::Contact,
            Scope::Companies => kind == RecordKind::Company,
        }
    }
}

/// Headers recognised as they are, `|`-separated (compared accent-, case-, punctuation- and
/// space-blind).
const HEADER_SYNONYMS: &[(MatchInput, Scope, u8, &str)] = &[
    (
        I::Email,
        Scope::Any,
        EXACT,
        "Email|E-Mail|Mail|Email Address|Email Addr|Work Email|Work Email Address|\
         Business Email|Business Email Address|Corporate Email|Company Email|Office Email|\
         Professional Email|Primary Email|Contact Email|Email (Work)|Courriel|\
         Adresse courriel|Adresse e-mail|Adresse électronique|E-mail professionnel|Correo|\
         Correo electrónico|Dirección de correo|Dirección de correo electrónico|\
         E-Mail-Adresse|Mailadresse|E-Mail geschäftlich|Posta elettronica|Indirizzo email|\
         E-mailadres|E-post",
    ),
    (
        I::Email,
        Scope::Any,
        70,
        "Personal Email|Private Email|Home Email|Other Email|Secondary Email|\
         Alternate Email|Alt Email|Email 2|E-Mail privat",
    ),
    (
        I::HashedEmail,
        Scope::Any,
        EXACT,
        "Hashed Email|Email Hash|Hashed Email Address|Email Hashed|MD5 Email|Email MD5|\
         SHA1 Email|Email SHA1|SHA256 Email|Email SHA256|SHA512 Email|Email SHA512|\
         Hashed Email SHA256|Hashed Email SHA512|Email Address Hash|Email Address SHA256",
    ),
    // A column named after the algorithm alone holds digests; in a contact file, of e-mails.
    (
        I::HashedEmail,
        Scope::Contacts,
        80,
        "MD5|SHA1|SHA-1|SHA256|SHA-256|SHA512|SHA-512|Email Digest",
    ),
    (
        I::PersonId,
        Scope::Contacts,
        EXACT,
        "ZoomInfo ID|ZoomInfo Contact ID|ZoomInfo Person ID|Person ID|ZI Person ID|\
         ZI Contact ID|ZI ID|ZoomInfo Profile ID",
    ),
    (
        I::CompanyId,
        Scope::Companies,
        EXACT,
        "ZoomInfo Company ID|Company ID|ZI Company ID|ZoomInfo ID|ZI ID",
    ),
    (
        I::CompanyId,
        Scope::Contacts,
        EXACT,
        "ZoomInfo Company ID|ZI Company ID",
    ),
    (
        I::FirstName,
        Scope::Contacts,
        EXACT,
        "First Name|First|FName|Given Name|Forename|Vorname|Prénom|Nombre|Nome|Voornaam|\
         Primer nombre|Förnamn|Fornavn|Imię",
    ),
    (
        I::LastName,
        Scope::Contacts,
        EXACT,
        "Last Name|Last|LName|Surname|Family Name|Nachname|Familienname|Nom|Nom de famille|\
         Apellido|Apellidos|Cognome|Achternaam|Sobrenome|Efternamn|Etternavn|Nazwisko",
    ),
    (
        I::FullName,
        Scope::Contacts,
        EXACT,
        "Full Name|Name|Contact Name|Contact|Contact Full Name|Person Name|Person|Lead Name|\
         Prospect Name|Display Name|Naam|Volledige naam|Nom complet|Nombre completo|\
         Nome completo|Vollständiger Name",
    ),
    (
        I::CompanyName,
        Scope::Any,
        EXACT,
        "Company|Company Name|Account|Account Name|Organization|Organisation|\
         Organization Name|Organisation Name|Org|Org Name|Employer|Employer Name|\
         Current Company|Business Name|Firma|Firmenname|Unternehmen|Unternehmensname|\
         Société|Entreprise|Nom de l'entreprise|Nom de la société|Raison sociale|Empresa|\
         Nombre de la empresa|Razón social|Azienda|Nome azienda|Ragione sociale|Bedrijf|\
         Bedrijfsnaam|Organisatie",
    ),
    (
        I::CompanyName,
        Scope::Companies,
        EXACT,
        "Name|Nom|Nombre|Nome|Naam|Legal Name|Company Legal Name",
    ),
    (
        I::Website,
        Scope::Any,
        EXACT,
        "Website|Web Site|Website URL|Web|Web Address|Site|Homepage|Home Page|Domain|\
         Domain Name|Company Domain|Company Website|Company URL|Website Domain|URL|WWW|\
         Webseite|Internetseite|Site web|Site internet|Sitio web|Página web|Sito web|\
         Sito internet",
    ),
    (I::Website, Scope::Companies, 70, "Email Domain"),
    (
        I::Phone,
        Scope::Any,
        EXACT,
        "Phone|Phone Number|Direct Phone|Direct Phone Number|Direct Dial|Direct Line|\
         Work Phone|Business Phone|Office Phone|Contact Phone|Telephone|Telephone Number|Tel|\
         Telefon|Telefonnummer|Téléphone|Numéro de téléphone|Teléfono|Número de teléfono|\
         Telefono|Numero di telefono|Telefoon|Telefoonnummer",
    ),
    (
        I::Phone,
        Scope::Any,
        88,
        "Mobile|Mobile Phone|Mobile Number|Cell|Cell Phone|Handy|Mobil|Mobilnummer|Portable|\
         Téléphone portable|Móvil|Celular|Cellulare|Mobiel",
    ),
    (
        I::Phone,
        Scope::Contacts,
        60,
        "Company Phone|Company Phone Number|HQ Phone|Main Phone|Headquarters Phone|\
         Switchboard",
    ),
    (
        I::Phone,
        Scope::Companies,
        EXACT,
        "Company Phone|Company Phone Number|HQ Phone|Main Phone|Headquarters Phone|\
         Switchboard",
    ),
    (
        I::LinkedIn,
        Scope::Any,
        EXACT,
        "LinkedIn|LinkedIn URL|LinkedIn Profile|LinkedIn Profile URL|LinkedIn Link|\
         Person LinkedIn URL|Contact LinkedIn URL|LinkedIn-Profil",
    ),
    (
        I::Ticker,
        Scope::Any,
        EXACT,
        "Ticker|Ticker Symbol|Stock Symbol|Stock Ticker|Symbol|Company Ticker|Börsenkürzel",
    ),
    (
        I::JobTitle,
        Scope::Any,
        EXACT,
        "Job Title|Title|Position|Job Position|Job Role|Designation|Berufsbezeichnung|Titel|\
         Poste|Fonction|Intitulé du poste|Cargo|Puesto|Titolo|Ruolo|Functie|Functietitel",
    ),
    (
        I::City,
        Scope::Any,
        EXACT,
        "City|Town|Stadt|Ort|Ville|Ciudad|Città|Località|Plaats|Stad|Company City|HQ City|\
         Billing City",
    ),
    (
        I::State,
        Scope::Any,
        EXACT,
        "State|Region|Province|State/Province|State or Province|State/Region|Bundesland|\
         Provincia|Regione|Estado|Provincie|Company State|HQ State|Billing State",
    ),
    (
        I::Country,
        Scope::Any,
        EXACT,
        "Country|Country/Region|Country Name|Land|Pays|País|Paese|Nazione|Company Country|\
         HQ Country|Billing Country",
    ),
    (
        I::ZipCode,
        Scope::Any,
        EXACT,
        "Zip|Zip Code|ZIP/Postal Code|Postal Code|Postcode|Post Code|PLZ|Postleitzahl|\
         Code postal|CP|Código postal|CAP|Company Zip|HQ Zip|Billing Zip|Billing Postal Code",
    ),
    (
        I::Street,
        Scope::Any,
        EXACT,
        "Street|Street Address|Address|Address 1|Address Line 1|Straße|Adresse|Rue|Calle|\
         Dirección|Indirizzo|Via|Straat|Adres|Company Street|Company Address|HQ Address|\
         Billing Street|Billing Address",
    ),
];

/// What a header says about its column, for this kind.
pub(super) fn guess_header(kind: RecordKind, header: &str) -> Guess {
    let key = compact(header);
    if key.is_empty() {
        return Guess::Unknown;
    }
    let exact = HEADER_SYNONYMS
        .iter()
        .filter(|(_, scope, _, _)| scope.covers(kind))
        .find(|(_, _, _, names)| names.split('|').any(|n| compact(n) == key))
        .map(|(input, _, confidence, _)| Guess::Input(*input, *confidence));
    let guess = exact.unwrap_or_else(|| guess_loosely(kind, &key, &tokens(header)));
    match guess {
        Guess::Input(input, _) if input.api_field(kind).is_none() => Guess::Known,
        other => other,
    }
}

/// Headers that are not in the table ("Contact First Name", "Email (primary)", "Company HQ
/// Phone", "Account: Website"), by the words they contain.
fn guess_loosely(kind: RecordKind, compact: &str, tokens: &[String]) -> Guess {
    // A word counts when it is a whole token, or (5+ letters) anywhere in the header.
    let has = |w: &str| tokens.iter().any(|t| t == w) || (w.len() >= 5 && compact.contains(w));
    // Any of these space-separated words.
    let any = |words: &str| words.split_whitespace().any(has);
    let secondary = any(
        "personal private privat home other secondary alternate alt second old previous former 2 3",
    );
    let company_ish = any(
        "company account organization organisation employer firm firma corporate hq \
         headquarters main switchboard",
    );
    let rank = |base: u8| {
        if secondary {
            base.saturating_sub(20)
        } else {
            base
        }
    };

    // Identifiers: only ZoomInfo's are inputs; any other id (CRM record ids) is left alone,
    // and its digits are not mistaken for ZoomInfo ids either.
    let id_prefixes = "person contact company account record lead zoominfo zi sf sfdc hubspot crm \
                       external object user customer org prospect row member";
    let is_id = tokens.iter().any(|t| {
        matches!(t.as_str(), "id" | "ids" | "uuid" | "guid")
            || t.strip_suffix("id")
                .is_some_and(|prefix| id_prefixes.split_whitespace().any(|p| p == prefix))
    });
    if is_id {
        let zoominfo = compact.contains("zoominfo") || tokens.iter().any(|t| t.starts_with("zi"));
        if !zoominfo {
            return Guess::Known;
        }
        let person = any("person contact lead personid contactid");
        let company = any("company account org companyid accountid");
        let input = match (person, company, kind) {
            (true, false, _) => I::PersonId,
            (false, true, _) => I::CompanyId,
            (_, _, RecordKind::Contact) => I::PersonId,
            (_, _, RecordKind::Company) => I::CompanyId,
        };
        return Guess::Input(input, 90);
    }

    if compact.contains("linkedin") {
        return if company_ish {
            Guess::Known
        } else {
            Guess::Input(I::LinkedIn, 85)
        };
    }

    let mail = any("email courriel correo mail mailadres mailadresse epost postaelettronica");
    // The names of the algorithms `hashedEmail` takes, wherever they stand ("email_sha512").
    let digest = ["md5", "sha1", "sha256", "sha512"]
        .iter()
        .any(|d| compact.contains(d))
        || any("hash hashed hashes digest");
    if mail && digest {
        return Guess::Input(I::HashedEmail, 85);
    }
    if mail {
        if has("domain") {
            return Guess::Input(I::Website, 70);
        }
        let about_the_email = any(
            "optout optin opt status bounce bounced verified verification valid validity invalid \
             consent unsubscribe unsubscribed subscribed subscription date count opened clicked \
             sent owner type score source quality confidence template campaign has is \
             permission format mailing",
        );
        return if about_the_email {
            Guess::Known
        } else {
            Guess::Input(I::Email, rank(85))
        };
    }

    if any(
        "phone telephone telefon telefoon mobile mobil cell handy tel dial directdial portable \
         movil cellulare celular gsm",
    ) {
        let about_the_phone = any(
            "fax donotcall dnc ext extension type status verified valid countrycode optout has is \
             consent date",
        );
        if about_the_phone {
            return Guess::Known;
        }
        let confidence = if company_ish {
            match kind {
                RecordKind::Contact => 60,
                RecordKind::Company => 90,
            }
        } else if any("direct directe directo diretto durchwahl work business office") {
            92
        } else if any("mobile mobil cell handy portable gsm") {
            80
        } else {
            85
        };
        return Guess::Input(I::Phone, rank(confidence));
    }

    if any("fax ip ipaddress") {
        return Guess::Known;
    }

    if any(
        "website webseite homepage domain siteweb sitioweb sitoweb webaddress url web site www \
         internetseite paginaweb",
    ) {
        let other_url = any(
            "image logo photo picture avatar facebook twitter xing instagram youtube github \
             crunchbase source tracking utm referrer landing page profile calendar meeting",
        );
        return if other_url {
            Guess::Known
        } else {
            Guess::Input(I::Website, 80)
        };
    }

    if any("ticker symbol stocksymbol borsenkurzel") {
        return Guess::Input(I::Ticker, 85);
    }

    if any("firstname givenname vorname prenom forename fname") {
        return Guess::Input(I::FirstName, 85);
    }
    if any(
        "lastname surname familyname nachname familienname apellido cognome achternaam \
         nomdefamille lname",
    ) {
        return Guess::Input(I::LastName, 85);
    }
    if any("middlename nickname maidenname salutation suffix prefix anrede civilite") {
        return Guess::Known;
    }
    if kind == RecordKind::Contact
        && any(
            "fullname contactname personname leadname prospectname nomcomplet nombrecompleto \
             nomecompleto",
        )
    {
        return Guess::Input(I::FullName, 85);
    }

    // Someone's home or mailing address says nothing about a company.
    if kind == RecordKind::Company && any("person contact personal home private mailing") {
        return Guess::Known;
    }
    if any("zipcode zip postal postalcode postcode plz postleitzahl") {
        return Guess::Input(I::ZipCode, 75);
    }
    if any("country countryregion land pays pais paese nazione") {
        return Guess::Input(I::Country, 75);
    }
    if any("city town stadt ort ville ciudad citta localita plaats stad") {
        return Guess::Input(I::City, 75);
    }
    if any("state province region bundesland provincia regione estado provincie stateprovince") {
        return Guess::Input(I::State, 75);
    }
    if any(
        "street address adresse strasse streetaddress direccion indirizzo straat adres address1 \
         rue calle",
    ) {
        return Guess::Input(I::Street, 70);
    }

    if any("jobtitle title position berufsbezeichnung poste cargo fonction functie puesto titolo") {
        return Guess::Input(I::JobTitle, 80);
    }

    let about_the_company = any(
        "size industry revenue type owner status stage number employees employee headcount \
         description segment tier score rating sic naics founded year parent logo tag tags notes \
         note created updated modified date source currency location territory category team \
         manager rep plan arr mrr count division subsidiary department previous former prior \
         past",
    );
    if any(
        "company account organization organisation employer firma unternehmen societe entreprise \
         empresa azienda bedrijf",
    ) {
        return if about_the_company {
            Guess::Known
        } else {
            Guess::Input(I::CompanyName, 80)
        };
    }

    if any("name naam nom nombre nome") {
        let someone_else = about_the_company
            || any(
                "user file sheet list campaign product deal opportunity project event first last \
                 middle query search report view job brand app software technology school \
                 university title",
            );
        if someone_else {
            return Guess::Known;
        }
        return match kind {
            RecordKind::Contact => Guess::Input(I::FullName, 65),
            RecordKind::Company => Guess::Input(I::CompanyName, 65),
        };
    }
    // Figures whose digits could pass for ids.
    if any(
        "revenue employees employee headcount amount total count number size score rating year \
         age price value budget sales arr mrr spend salary funding",
    ) {
        return Guess::Known;
    }
    Guess::Unknown
}

/// Folded words, split at punctuation, spaces, camelCase and letter/digit boundaries:
/// "ZIPersonID" → ["zi", "person", "id"], "Email2" → ["email", "2"].
pub(super) fn tokens(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut spaced = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let camel =
                c.is_uppercase() && (prev.is_lowercase() || (prev.is_uppercase() && next_lower));
            let digits = c.is_ascii_digit() != prev.is_ascii_digit()
                && c.is_alphanumeric()
                && prev.is_alphanumeric();
            if camel || digits {
                spaced.push(' ');
            }
        }
        spaced.push(c);
    }
    fold(&spaced)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}
