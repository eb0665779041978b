//! How long to wait: between two requests to one host, after a 429/503 (`Retry-After`),
//! and before retrying a transient failure (exponential backoff).

use std::time::Duration;

/// The delay between two requests to one host: the configured delay, or the host's
/// `Crawl-delay` when larger.
pub fn host_delay(configured: Duration, crawl_delay: Option<Duration>) -> Duration {
    match crawl_delay {
        Some(d) if d > configured => d,
        _ => configured,
    }
}

/// Parses a `Retry-After` value: delta-seconds or an HTTP-date (relative to `now`).
pub fn retry_after(value: &str, now: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let delta = when.with_timezone(&chrono::Utc) - now;
    Some(delta.to_std().unwrap_or(Duration::ZERO))
}

/// The wait before retry number `attempt` (1-based) after a transient failure: `base`
/// doubled each time, capped at one minute.
pub fn backoff(base: Duration, attempt: u32) -> Duration {
    let factor = 1u32 << attempt.saturating_sub(1).min(10);
    (base * factor).min(Duration::from_secs(60))
}

/// Whether a status is worth retrying.
pub fn is_transient(status: u16) -> bool {
    matches!(status, 408 | 425 | 429 | 500 | 502 | 503 | 504 | 520..=524)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crawl_delay_wins_when_larger() {
        let s = Duration::from_secs(1);
        assert_eq!(
            host_delay(s, Some(Duration::from_secs(3))),
            Duration::from_secs(3)
        );
        assert_eq!(host_delay(s, Some(Duration::from_millis(10))), s);
        assert_eq!(host_delay(Duration::ZERO, None), Duration::ZERO);
    }

    #[test]
    fn retry_after_forms() {
        let now = chrono::DateTime::parse_from_rfc3339("2015-10-21T07:28:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        assert_eq!(retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let b = Duration::from_millis(100);
        assert_eq!(backoff(b, 1), b);
        assert_eq!(backoff(b, 3), Duration::from_millis(400));
        assert_eq!(backoff(b, 30), Duration::from_secs(60));
        assert!(is_transient(503) && is_transient(429) && !is_transient(404));
    }
}
