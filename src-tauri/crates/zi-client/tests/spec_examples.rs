//! The client reads the answers ZoomInfo publishes as examples the way they are meant.

use serde_json::Value;
use zi_client::fuzzing::search_page;

/// Every search answer example in the published description: `(schema name, example)`.
fn search_answer_examples() -> Vec<(String, &'static Value)> {
    let schemas = zi_spec::legacy()["components"]["schemas"]
        .as_object()
        .expect("schemas");
    schemas
        .iter()
        .filter(|(name, _)| name.starts_with("Search"))
        .flat_map(|(name, schema)| {
            schema["examples"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|e| e.get("maxResults").is_some())
                .map(move |e| (name.clone(), e))
        })
        .collect()
}

#[test]
fn the_total_is_max_results_and_the_page_is_total_results() {
    let examples = search_answer_examples();
    assert!(examples.len() >= 8, "{} examples", examples.len());
    for (name, example) in examples {
        let page = search_page(example, 1).expect(&name);
        assert_eq!(
            page.total_results,
            example["maxResults"].as_u64().expect("number"),
            "{name}: the total of all matches"
        );
        assert_eq!(
            page.records.len() as u64,
            example["totalResults"].as_u64().expect("number"),
            "{name}: the records on this page"
        );
    }
}

#[test]
fn the_paged_example_reads_as_page_two_of_327() {
    let (_, example) = search_answer_examples()
        .into_iter()
        .find(|(_, e)| e["currentPage"] == 2)
        .expect("the paged example");
    let page = search_page(example, 2).expect("readable");
    assert_eq!((page.total_results, page.current_page), (327, 2));
    assert_eq!(page.records.len(), 10);
}
