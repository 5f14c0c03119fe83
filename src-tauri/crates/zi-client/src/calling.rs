//! One API call as both clients make it: paced, with a bearer token, one new token after a
//! 401, and retries with backoff on what may pass on a second try. Only where the token comes
//! from differs between the APIs ([`CallToken`]).

use std::time::Duration;

use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use crate::error::{ClientError, Result};
use crate::pacer::{Answer, Pacer, Refusal};
use crate::receipt::EnrichReceipt;
use crate::retry::{with_attempts, Attempts, RetryPolicy};
use crate::transport::{Failure, Transport};

pub(crate) enum Call<'a> {
    Get(&'a str),
    Post(&'a str, &'a Value),
    /// A post whose sending and successful answers a receipt is told of (they cost credits).
    PostWithReceipt(&'a str, &'a Value, &'a dyn EnrichReceipt),
}

/// The bearer token of one call: the legacy JWT (signed in again on a 401) or a GTM access
/// token (renewed by its source).
#[async_trait]
pub(crate) trait CallToken: Send {
    /// The token to send now; asked again after each wait, which may have outlived it.
    async fn current(&mut self) -> Result<SecretString>;
    /// The API refused the token just sent: a new one.
    async fn refused(&mut self) -> Result<SecretString>;
    /// An answer accepted the token.
    fn accepted(&mut self) {}
}

/// What a client calls through.
pub(crate) struct Caller<'a> {
    pub transport: &'a Transport,
    pub pacer: &'a Pacer,
    pub retry: &'a RetryPolicy,
}

impl Caller<'_> {
    pub(crate) async fn call(&self, call: Call<'_>, tokens: &mut dyn CallToken) -> Result<Value> {
        let mut backoff = self.retry.backoff();
        let mut attempts = Attempts::default();
        let mut token_replaced = false;
        let mut token = tokens.current().await?;
        loop {
            attempts.start();
            let ticket = self.pacer.acquire().await;
            let bearer = Some(token.expose_secret());
            let outcome = match call {
                Call::Get(path) => self.transport.get(path, bearer).await,
                Call::Post(path, body) => self.transport.post_json(path, body, bearer).await,
                Call::PostWithReceipt(path, body, receipt) => {
                    receipt.sending();
                    let answered = |text: &str| receipt.answered(text);
                    self.transport
                        .post_json_with_receipt(path, body, bearer, &answered)
                        .await
                }
            };
            let refusal = match pacing_answer(&outcome) {
                Some(answer) => self.pacer.on_answer(ticket, answer),
                None => Refusal::None,
            };
            if let Some(reset_in) = self.transport.rate_board().spent_window_wait() {
                self.pacer.on_window_spent(reset_in);
            }
            let error = match outcome {
                Ok(value) => {
                    tokens.accepted();
                    return Ok(value);
                }
                Err(Failure::Unauthorized(message)) => {
                    // The token died early: a new one, and one more try.
                    if token_replaced {
                        return Err(ClientError::SessionRejected { message });
                    }
                    token_replaced = true;
                    token = tokens.refused().await?;
                    continue;
                }
                Err(Failure::Error(error)) => error,
            };
            if !error.is_retryable() {
                return Err(error);
            }
            let retry_after = match &error {
                ClientError::RateLimited { retry_after, .. } => *retry_after,
                _ => None,
            };
            let delay = match backoff.next() {
                Some(delay) if !attempts.exhausted_by(&error, self.retry.max_attempts) => delay,
                _ => return Err(with_attempts(error, attempts.made)),
            };
            let stray_failure = matches!(error, ClientError::Server { .. })
                && attempts.made == 1
                && self.pacer.failures_are_stray();
            let delay = match retry_after {
                Some(asked) => asked,
                // A stray 429, or a first 5xx amid answers that go through, waits only for
                // its turn in the pacer.
                None if refusal == Refusal::Stray || stray_failure => Duration::ZERO,
                None => delay,
            };
            tracing::debug!(
                attempts = attempts.made,
                ?delay,
                code = error.code(),
                "request failed; trying again"
            );
            tokio::time::sleep(delay).await;
            token = tokens.current().await?;
        }
    }
}

/// What an outcome tells the pacer: a 429, an answer that went through the server's rate
/// limit (whether it then succeeded or not), or nothing (no answer, or a 401 turned away
/// before any rate limit).
fn pacing_answer(outcome: &std::result::Result<Value, Failure>) -> Option<Answer> {
    match outcome {
        Ok(_) => Some(Answer::Accepted),
        Err(Failure::Error(ClientError::RateLimited { .. })) => Some(Answer::Refused),
        Err(Failure::Error(ClientError::Network { .. } | ClientError::Unreachable { .. }))
        | Err(Failure::Unauthorized(_)) => None,
        Err(Failure::Error(_)) => Some(Answer::Failed),
    }
}
