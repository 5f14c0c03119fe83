//! Seats per product: purchased (entered by the admin), used (active users holding the
//! product), free; over-assignment is an error naming the product.

use std::collections::BTreeMap;

use super::org::{canonical_product, product_order, OrgView};
use super::types::{Finding, FindingKind, SeatCount, SeatEntry, Severity};

/// Seats of every product that was purchased or is held by someone, in display order.
pub fn count_seats(view: &OrgView, purchased: &[SeatEntry]) -> Vec<SeatCount> {
    let mut used: BTreeMap<String, i64> = BTreeMap::new();
    for user in view.users.iter().filter(|u| u.is_active()) {
        for product in view.products_of(user).into_keys() {
            *used.entry(product).or_default() += 1;
        }
    }
    let mut bought: BTreeMap<String, i64> = BTreeMap::new();
    for entry in purchased {
        if let Some(product) = canonical_product(&entry.product) {
            bought.insert(product, entry.purchased);
        }
    }
    let mut products: Vec<String> = used.keys().chain(bought.keys()).cloned().collect();
    products.sort_by(|a, b| product_order(a, b));
    products.dedup();
    products
        .into_iter()
        .map(|product| {
            let used = used.get(&product).copied().unwrap_or(0);
            let purchased = bought.get(&product).copied();
            SeatCount {
                free: purchased.map(|p| p - used),
                purchased,
                used,
                product,
            }
        })
        .collect()
}

fn users_word(n: i64) -> String {
    if n == 1 {
        "1 user".into()
    } else {
        format!("{n} users")
    }
}

/// Over-assigned seats (error), all seats used (warning), products held without a
/// purchased count while others have one (hint).
pub fn seat_findings(seats: &[SeatCount]) -> Vec<Finding> {
    let any_entered = seats.iter().any(|s| s.purchased.is_some());
    let mut findings = Vec::new();
    for s in seats {
        match s.purchased {
            Some(purchased) if s.used > purchased => {
                let over = s.used - purchased;
                findings.push(
                    Finding::new(
                        FindingKind::SeatsOverAssigned,
                        Severity::Error,
                        format!(
                            "{}: {} hold a seat but only {purchased} were purchased. Provisioning fails for the last {} until {over} more {} seats are bought or users are removed.",
                            s.product,
                            users_word(s.used),
                            users_word(over),
                            s.product
                        ),
                    )
                    .product(s.product.clone()),
                );
            }
            Some(purchased) if s.used == purchased && purchased > 0 => findings.push(
                Finding::new(
                    FindingKind::SeatsExhausted,
                    Severity::Warning,
                    format!(
                        "{}: all {purchased} seats are used; the next user assigned will fail to provision.",
                        s.product
                    ),
                )
                .product(s.product.clone()),
            ),
            None if any_entered && s.used > 0 => findings.push(
                Finding::new(
                    FindingKind::SeatsNotEntered,
                    Severity::Info,
                    format!(
                        "{}: {} hold it but no purchased seat count was entered. If the organisation does not subscribe to {}, their provisioning fails.",
                        s.product,
                        users_word(s.used),
                        s.product
                    ),
                )
                .product(s.product.clone()),
            ),
            _ => {}
        }
    }
    findings
}
