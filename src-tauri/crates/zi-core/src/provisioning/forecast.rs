//! When seats run out: a least-squares line through the seat counts over time.

use chrono::{DateTime, Days, Utc};

use super::rules;
use super::types::{Finding, FindingKind, SeatCount, SeatForecast, Severity};

/// Seats of one product at one time (unix seconds).
#[derive(Clone, Debug, PartialEq)]
pub struct SeatSnapshot {
    pub taken_at: i64,
    pub product: String,
    pub purchased: Option<i64>,
    pub used: i64,
}

/// Users gained per day, by least squares; `None` without two snapshots a day apart.
fn growth_per_day(points: &[(f64, f64)]) -> Option<f64> {
    let n = points.len() as f64;
    let (first, last) = (points.first()?, points.last()?);
    if points.len() < 2 || (last.0 - first.0) * 24.0 < rules::FORECAST_MIN_SPAN_HOURS as f64 {
        return None;
    }
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let var: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    if var <= f64::EPSILON {
        return None;
    }
    let cov: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    Some(cov / var)
}

/// Forecasts for every product with purchased seats, from the history plus today's counts;
/// a run-out within 30 days is a warning naming the product.
pub fn forecast_seats(
    current: &[SeatCount],
    history: &[SeatSnapshot],
    now: DateTime<Utc>,
) -> (Vec<SeatForecast>, Vec<Finding>) {
    let since = now.timestamp() - rules::FORECAST_WINDOW_DAYS * 86_400;
    let mut forecasts = Vec::new();
    let mut findings = Vec::new();
    for seat in current {
        let Some(purchased) = seat.purchased else {
            continue;
        };
        let mut points: Vec<(f64, f64)> = history
            .iter()
            .filter(|s| {
                s.product == seat.product && s.taken_at >= since && s.taken_at < now.timestamp()
            })
            .map(|s| (s.taken_at as f64 / 86_400.0, s.used as f64))
            .collect();
        points.push((now.timestamp() as f64 / 86_400.0, seat.used as f64));
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        let Some(per_day) = growth_per_day(&points) else {
            continue;
        };
        let today = now.date_naive();
        let days_left = if seat.used >= purchased {
            Some(0)
        } else if per_day > 0.0 {
            Some(((purchased - seat.used) as f64 / per_day).ceil() as i64)
        } else {
            None
        };
        let runs_out_on = days_left
            .and_then(|d| u64::try_from(d).ok())
            .and_then(|d| today.checked_add_days(Days::new(d)));
        let growth_per_week = (per_day * 7.0 * 10.0).round() / 10.0;
        if let (Some(days), Some(date)) = (days_left, runs_out_on) {
            if days > 0 && days <= rules::RUN_OUT_WARNING_DAYS {
                findings.push(
                    Finding::new(
                        FindingKind::SeatsRunningOut,
                        Severity::Warning,
                        format!(
                            "{}: at the current growth ({growth_per_week:+} users a week) the {purchased} seats run out around {} (in {days} days). Buy more seats or free some before then.",
                            seat.product,
                            date.format("%Y-%m-%d")
                        ),
                    )
                    .product(seat.product.clone())
                    .days_left(days),
                );
            }
        }
        forecasts.push(SeatForecast {
            product: seat.product.clone(),
            growth_per_week,
            runs_out_on,
            days_left,
            snapshots: u32::try_from(points.len()).unwrap_or(u32::MAX),
        });
    }
    (forecasts, findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0)
            .single()
            .expect("date")
    }

    fn seat(product: &str, purchased: i64, used: i64) -> SeatCount {
        SeatCount {
            product: product.into(),
            purchased: Some(purchased),
            used,
            free: Some(purchased - used),
        }
    }

    fn weekly(product: &str, used: &[i64]) -> Vec<SeatSnapshot> {
        // Oldest first, one a week, the last a week before now.
        let n = used.len() as i64;
        used.iter()
            .enumerate()
            .map(|(i, u)| SeatSnapshot {
                taken_at: now().timestamp() - (n - i as i64) * 7 * 86_400,
                product: product.into(),
                purchased: Some(100),
                used: *u,
            })
            .collect()
    }

    #[test]
    fn steady_growth_gives_a_run_out_date() {
        // 70, 77, 84, then 91 today: +7 a week = 1 a day; 100 seats → 9 days left.
        let (forecasts, findings) = forecast_seats(
            &[seat("Sales", 100, 91)],
            &weekly("Sales", &[70, 77, 84]),
            now(),
        );
        let f = &forecasts[0];
        assert_eq!(f.growth_per_week, 7.0);
        assert_eq!(f.days_left, Some(9));
        assert_eq!(
            f.runs_out_on.map(|d| d.to_string()).as_deref(),
            Some("2026-03-10")
        );
        assert_eq!(f.snapshots, 4);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].kind, FindingKind::SeatsRunningOut);
        assert_eq!(findings[0].product.as_deref(), Some("Sales"));
        assert!(
            findings[0].message.contains("2026-03-10"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn slow_growth_is_forecast_without_a_warning_and_no_growth_never_runs_out() {
        let (forecasts, findings) = forecast_seats(
            &[seat("Sales", 100, 61)],
            &weekly("Sales", &[58, 59, 60]),
            now(),
        );
        assert_eq!(forecasts[0].days_left, Some(273));
        assert!(findings.is_empty());
        let (forecasts, _) = forecast_seats(
            &[seat("Talent", 100, 50)],
            &weekly("Talent", &[55, 52, 51]),
            now(),
        );
        assert!(forecasts[0].growth_per_week < 0.0);
        assert_eq!(forecasts[0].runs_out_on, None);
    }

    #[test]
    fn no_forecast_without_history_or_purchased_seats() {
        let (forecasts, _) = forecast_seats(&[seat("Sales", 100, 91)], &[], now());
        assert!(forecasts.is_empty());
        let unknown = SeatCount {
            product: "Sales".into(),
            purchased: None,
            used: 9,
            free: None,
        };
        let (forecasts, _) = forecast_seats(&[unknown], &weekly("Sales", &[1, 2]), now());
        assert!(forecasts.is_empty());
        // Snapshots from the same hour do not make a trend.
        let minutes_ago = vec![SeatSnapshot {
            taken_at: now().timestamp() - 600,
            product: "Sales".into(),
            purchased: Some(100),
            used: 10,
        }];
        assert!(
            forecast_seats(&[seat("Sales", 100, 90)], &minutes_ago, now())
                .0
                .is_empty()
        );
    }
}
