use std::collections::HashSet;

use zi_sim::{Dataset, SimConfig};

use crate::common::*;

#[tokio::test]
async fn same_seed_same_data() {
    let a = start(SimConfig::unlimited()).await;
    let b = start(SimConfig::unlimited()).await;
    assert_eq!(a.dataset().people(), b.dataset().people());
    assert_eq!(a.dataset().companies(), b.dataset().companies());
    let c = Dataset::generate(43, 20_000, 2_000);
    assert_ne!(a.dataset().people(), c.people());
}

#[test]
fn data_looks_real() {
    let ds = Dataset::generate(42, 20_000, 2_000);
    let people = ds.people();
    assert_eq!(people.len(), 20_000);
    assert_eq!(ds.companies().len(), 2_000);

    let emails: HashSet<_> = people.iter().map(|p| p.email.to_lowercase()).collect();
    assert_eq!(emails.len(), people.len(), "emails are unique");
    let domains: HashSet<_> = ds.companies().iter().map(|c| &c.domain).collect();
    assert_eq!(domains.len(), 2_000, "domains are unique");
    let ids: HashSet<_> = people.iter().map(|p| p.id).collect();
    assert_eq!(ids.len(), people.len());
    assert!(people.iter().all(|p| p.id >= 1_000_000));
    assert!(ds
        .companies()
        .iter()
        .all(|c| c.id >= 100_000 && c.website == format!("www.{}", c.domain)));

    let no_phone = people.iter().filter(|p| p.phone.is_empty()).count() as f64 / 20_000.0;
    assert!(
        (0.05..0.15).contains(&no_phone),
        "share without phone: {no_phone}"
    );
    for p in people.iter().take(500) {
        let c = ds.company_of(p).expect("company");
        let local = p.email.split('@').next().expect("local part");
        assert!(local.contains('.'), "{}", p.email);
        assert!(p.email.ends_with(&format!("@{}", c.domain)));
        assert!((70..=99).contains(&p.contact_accuracy_score));
    }
    assert!(ds.companies().iter().any(|c| c.ticker.is_some()));
}
