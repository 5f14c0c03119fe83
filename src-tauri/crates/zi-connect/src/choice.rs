//! "FILE[:ACTION]": which connector file, and which of its actions (the first when none is
//! named). One rule for the CLI's paths and the app's library: paths may hold colons (a
//! Windows drive, a folder name) and so may action names, so the file is the first prefix that
//! names one, and only then is the rest an action.

/// Splits `choice` into its file and action; `is_file` says whether a text names a connector
/// file. When no prefix names one, the whole text is the file (its loading then says why not).
pub fn split_choice(choice: &str, is_file: impl Fn(&str) -> bool) -> (&str, Option<&str>) {
    if is_file(choice) {
        return (choice, None);
    }
    choice
        .match_indices(':')
        .map(|(at, _)| (&choice[..at], &choice[at + 1..]))
        .find(|(file, _)| is_file(file))
        .map_or((choice, None), |(file, action)| (file, Some(action)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colons_in_paths_and_in_action_names_are_kept() {
        let files = ["acme.json", r"C:\team\acme.json", "a:b/acme.json"];
        let is_file = |text: &str| files.contains(&text);
        assert_eq!(split_choice("acme.json", is_file), ("acme.json", None));
        assert_eq!(
            split_choice("acme.json:person by email", is_file),
            ("acme.json", Some("person by email"))
        );
        assert_eq!(
            split_choice("acme.json:lookup: v2", is_file),
            ("acme.json", Some("lookup: v2"))
        );
        assert_eq!(
            split_choice(r"C:\team\acme.json:by email", is_file),
            (r"C:\team\acme.json", Some("by email"))
        );
        assert_eq!(
            split_choice("a:b/acme.json", is_file),
            ("a:b/acme.json", None)
        );
        assert_eq!(
            split_choice("missing.json:x", is_file),
            ("missing.json:x", None)
        );
    }
}
