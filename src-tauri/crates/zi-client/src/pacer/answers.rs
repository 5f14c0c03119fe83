//! The recent sends and how the API answered each: the evidence the pacer reads a limit from.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::Instant;

/// How the API answered one send, as far as pacing is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Answer {
    /// Answered 2xx.
    Accepted,
    /// Let through the rate limit but failed otherwise (5xx, a 4xx other than 429): it counts
    /// toward the server's window, and says nothing about the rate.
    Failed,
    /// Answered 429.
    Refused,
}

#[derive(Clone, Copy)]
struct Send {
    sent_at: Instant,
    answer: Option<Answer>,
}

/// Sends are kept this long (a server's per-second window, and then some) ...
const KEEP_FOR: Duration = Duration::from_secs(2);
/// ... and at least this many, so the share of refusals can be read at low rates too.
const KEEP_AT_LEAST: usize = 64;
/// Never more than this many (a very high configured rate).
const KEEP_AT_MOST: usize = 4_096;
/// The window a per-second limit counts over.
const SECOND: Duration = Duration::from_secs(1);

/// Sends in order, numbered from 0; old ones fall off the front.
#[derive(Default)]
pub(crate) struct Sends {
    /// Number of the send at the front of `log`.
    first: u64,
    log: VecDeque<Send>,
}

impl Sends {
    /// Notes a send going out now; returns its number.
    pub(crate) fn record_send(&mut self, now: Instant) -> u64 {
        let number = self.next();
        self.log.push_back(Send {
            sent_at: now,
            answer: None,
        });
        while self.log.len() > KEEP_AT_MOST
            || (self.log.len() > KEEP_AT_LEAST
                && self
                    .log
                    .front()
                    .is_some_and(|s| now.duration_since(s.sent_at) > KEEP_FOR))
        {
            self.log.pop_front();
            self.first += 1;
        }
        number
    }

    /// The number the next send will get.
    pub(crate) fn next(&self) -> u64 {
        self.first + self.log.len() as u64
    }

    fn index(&self, number: u64) -> Option<usize> {
        let index = usize::try_from(number.checked_sub(self.first)?).ok()?;
        (index < self.log.len()).then_some(index)
    }

    /// Notes the answer to send `number`; false when that send is too old to be kept.
    pub(crate) fn record_answer(&mut self, number: u64, answer: Answer) -> bool {
        match self.index(number) {
            Some(index) => {
                self.log[index].answer = Some(answer);
                true
            }
            None => false,
        }
    }

    /// Whether send `number` belongs to a run of `run` refused sends in a row (in send order,
    /// none before `since`). A real limit refuses every send until its window frees; stray
    /// refusals seldom come together.
    pub(crate) fn refused_in_a_row(&self, number: u64, run: usize, since: u64) -> bool {
        let Some(at) = self.index(number) else {
            return false;
        };
        let refused = |i: usize| {
            self.first + i as u64 >= since && self.log[i].answer == Some(Answer::Refused)
        };
        let before = (0..at).rev().take_while(|&i| refused(i)).count();
        let after = (at..self.log.len()).take_while(|&i| refused(i)).count();
        before + after >= run
    }

    /// Of the newest `window` answered sends (none before `since`): how many were answered,
    /// and how many of those got `answer`.
    pub(crate) fn share_of(&self, answer: Answer, since: u64, window: usize) -> (usize, usize) {
        let first = self.first;
        let answered = self
            .log
            .iter()
            .enumerate()
            .rev()
            .take_while(|(i, _)| first + *i as u64 >= since)
            .filter_map(|(_, s)| s.answer)
            .take(window);
        answered.fold((0, 0), |(all, alike), got| {
            (all + 1, alike + usize::from(got == answer))
        })
    }

    /// How many sends the server let through in the second before send `number` went out,
    /// and when the earliest of them went: a per-second window that refused `number` holds
    /// that many, and frees a place a second after that earliest one.
    pub(crate) fn admitted_in_second_before(&self, number: u64) -> (usize, Option<Instant>) {
        let Some(at) = self.index(number) else {
            return (0, None);
        };
        let sent_at = self.log[at].sent_at;
        let admitted = self.log.range(..at).rev().filter(|s| {
            matches!(s.answer, Some(Answer::Accepted | Answer::Failed))
                && sent_at.duration_since(s.sent_at) < SECOND
        });
        admitted.fold((0, None), |(count, _), s| (count + 1, Some(s.sent_at)))
    }
}

impl Sends {
    /// The most sends the server let through within one second, over the windows ending in
    /// the second before send `number` went out. A per-second limit never lets more through
    /// than it did when it refused `number`: a refusal that saw fewer is not that limit's.
    pub(crate) fn most_admitted_in_a_second_before(&self, number: u64) -> usize {
        let Some(at) = self.index(number) else {
            return 0;
        };
        let sent_at = self.log[at].sent_at;
        let admitted: Vec<Instant> = self
            .log
            .range(..at)
            .filter(|s| {
                matches!(s.answer, Some(Answer::Accepted | Answer::Failed))
                    && sent_at.duration_since(s.sent_at) < SECOND * 2
            })
            .map(|s| s.sent_at)
            .collect();
        let mut most = 0;
        let mut first = 0;
        for (last, &end) in admitted.iter().enumerate() {
            while end.duration_since(admitted[first]) >= SECOND {
                first += 1;
            }
            most = most.max(last - first + 1);
        }
        most
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sends_every(gap: Duration, answers: &[Answer]) -> Sends {
        let start = Instant::now();
        let mut sends = Sends::default();
        for (i, answer) in answers.iter().enumerate() {
            let number = sends.record_send(start + gap * i as u32);
            assert!(sends.record_answer(number, *answer));
        }
        sends
    }

    use Answer::{Accepted as A, Failed as F, Refused as R};

    #[test]
    fn runs_of_refusals_are_found_around_the_send() {
        let sends = sends_every(Duration::from_millis(40), &[A, R, A, R, R, R, A]);
        assert!(!sends.refused_in_a_row(1, 3, 0));
        assert!(sends.refused_in_a_row(3, 3, 0));
        assert!(sends.refused_in_a_row(4, 3, 0));
        assert!(
            !sends.refused_in_a_row(5, 3, 4),
            "sends before `since` do not count"
        );
    }

    #[test]
    fn the_share_counts_only_answered_sends_since_the_mark() {
        let mut sends = sends_every(Duration::from_millis(40), &[R, R, A, F, R, A]);
        sends.record_send(Instant::now()); // in flight
        assert_eq!(sends.share_of(R, 0, 40), (6, 3));
        assert_eq!(sends.share_of(R, 2, 40), (4, 1));
        assert_eq!(sends.share_of(R, 0, 3), (3, 1));
        assert_eq!(sends.share_of(F, 0, 40), (6, 1));
    }

    #[test]
    fn admitted_sends_of_the_last_second_are_counted_with_the_earliest() {
        // 30 sends 50 ms apart: the 25th went out at 1.2 s; the second before it holds the
        // sends from 0.25 s on (the 6th to the 24th), of which one was refused.
        let mut answers = vec![A; 30];
        answers[10] = R;
        answers[12] = F;
        let sends = sends_every(Duration::from_millis(50), &answers);
        let start = sends.log[0].sent_at;
        let (admitted, earliest) = sends.admitted_in_second_before(24);
        assert_eq!(admitted, 18);
        assert_eq!(earliest, Some(start + Duration::from_millis(250)));
    }

    #[test]
    fn the_busiest_second_before_a_send_is_found() {
        // 20/s for a second, then 10/s: the busiest second before the 25th send held 20,
        // the second just before it 15.
        let start = Instant::now();
        let mut sends = Sends::default();
        let mut at = start;
        for i in 0..25 {
            let number = sends.record_send(at);
            sends.record_answer(number, A);
            at += Duration::from_millis(if i < 20 { 50 } else { 100 });
        }
        assert_eq!(sends.most_admitted_in_a_second_before(24), 20);
        assert_eq!(sends.admitted_in_second_before(24).0, 15);
    }

    #[test]
    fn old_sends_fall_off_but_enough_are_kept() {
        let sends = sends_every(Duration::from_millis(100), &[A; 100]);
        assert_eq!(sends.log.len(), KEEP_AT_LEAST);
        assert_eq!(sends.next(), 100);
        assert_eq!(sends.share_of(R, 0, 40), (40, 0));
        let mut sends = sends;
        assert!(!sends.record_answer(3, R), "forgotten");
    }
}
