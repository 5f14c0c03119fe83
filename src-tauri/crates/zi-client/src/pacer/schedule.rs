//! Evenly spaced send slots. Each request reserves the next slot of a fixed grid, so a timer
//! that wakes a little late (tokio's tick is a millisecond) does not push every later slot
//! back with it: a rate limiter that restarts its spacing from each late wake-up loses about
//! 2% of a 25/s rate that way. No bursts either: after a quiet spell the next slot is now.

use std::time::Duration;

use tokio::time::Instant;

pub(crate) struct Schedule {
    period: Duration,
    /// The next free slot; `None` before the first.
    next: Option<Instant>,
    /// No slot before this.
    paused_until: Option<Instant>,
    /// The slot of the latest request that went out.
    last_sent: Option<Instant>,
    /// Slots reserved under an older spacing, or before a pause, are void.
    generation: u64,
}

/// A slot reserved for one request.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slot {
    pub(crate) at: Instant,
    generation: u64,
}

fn period_for(rate: f64) -> Duration {
    Duration::try_from_secs_f64(1.0 / rate).unwrap_or(Duration::from_secs(1))
}

impl Schedule {
    /// Slots `1/rate` seconds apart (`rate` in requests per second, above zero).
    pub(crate) fn new(rate: f64) -> Self {
        Schedule {
            period: period_for(rate),
            next: None,
            paused_until: None,
            last_sent: None,
            generation: 0,
        }
    }

    pub(crate) fn reserve(&mut self, now: Instant) -> Slot {
        let at = [self.next, self.paused_until]
            .into_iter()
            .flatten()
            .fold(now, Instant::max);
        self.next = Some(at + self.period);
        Slot {
            at,
            generation: self.generation,
        }
    }

    /// Whether `slot` is still good: no new spacing or pause since it was reserved.
    pub(crate) fn holds(&self, slot: Slot) -> bool {
        slot.generation == self.generation
    }

    /// Whether `slot` is more than a period past at `now`: sending then, right after the
    /// request of the next slot, would bunch them closer than the spacing allows.
    pub(crate) fn missed(&self, slot: Slot, now: Instant) -> bool {
        now > slot.at + self.period
    }

    /// The request of `slot` went out.
    pub(crate) fn sent(&mut self, slot: Slot) {
        self.last_sent = Some(slot.at);
    }

    /// A new spacing, from the latest request sent on; requests waiting for their slot
    /// reserve a new one.
    pub(crate) fn set_rate(&mut self, rate: f64) {
        self.period = period_for(rate);
        self.next = self.last_sent.map(|sent| sent + self.period);
        self.generation += 1;
    }

    /// No slot before `until` (a pause already longer stays).
    pub(crate) fn pause_until(&mut self, until: Instant) {
        self.paused_until = Some(self.paused_until.map_or(until, |paused| paused.max(until)));
        self.generation += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn slots_keep_their_grid_whatever_the_wake_up() {
        let start = Instant::now();
        let mut schedule = Schedule::new(25.0);
        let first = schedule.reserve(start);
        // Reserved 3 ms late, the next slot is still 40 ms after the first.
        let second = schedule.reserve(start + Duration::from_millis(3));
        assert_eq!(first.at, start);
        assert_eq!(second.at, start + Duration::from_millis(40));
        // After a quiet second, the next slot is now: no burst to catch up.
        let later = start + Duration::from_secs(1);
        assert_eq!(schedule.reserve(later).at, later);
        assert_eq!(
            schedule.reserve(later).at,
            later + Duration::from_millis(40)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_slot_woken_up_too_late_is_missed() {
        let start = Instant::now();
        let mut schedule = Schedule::new(25.0);
        let slot = schedule.reserve(start);
        assert!(!schedule.missed(slot, start + Duration::from_millis(2)));
        assert!(schedule.missed(slot, start + Duration::from_millis(41)));
    }

    #[tokio::test(start_paused = true)]
    async fn a_new_rate_or_a_pause_voids_the_slots_reserved_before_it() {
        let start = Instant::now();
        let mut schedule = Schedule::new(25.0);
        let sent = schedule.reserve(start);
        schedule.sent(sent);
        let waiting = schedule.reserve(start);
        schedule.set_rate(10.0);
        assert!(!schedule.holds(waiting));
        assert_eq!(
            schedule.reserve(start).at,
            start + Duration::from_millis(100)
        );
        let waiting = schedule.reserve(start);
        let until = start + Duration::from_secs(2);
        schedule.pause_until(until);
        schedule.pause_until(start + Duration::from_secs(1));
        assert!(!schedule.holds(waiting));
        assert_eq!(schedule.reserve(start).at, until, "the longer pause stays");
        assert_eq!(
            schedule.reserve(start).at,
            until + Duration::from_millis(100)
        );
    }
}
