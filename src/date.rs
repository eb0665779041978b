//! The contract's partial dates (`record-format.md`): `YYYY`, `YYYY-MM` or `YYYY-MM-DD`,
//! the form of a record's `published` day, of the figures' periods and of every date filter
//! (`--from`, `--to`, the API's `from`/`to`). One parser, so the command line, the server,
//! the query, the writer and the exports agree on what a date is and where it starts and
//! ends.

use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

/// A year, a month of a year, or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

/// Why a text is not a partial date; its message says what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("expected YYYY, YYYY-MM or YYYY-MM-DD")]
    Form,
    /// A month outside 1–12.
    #[error("there is no such month")]
    Month,
    /// A day its month does not have (`2023-02-29`).
    #[error("there is no such day in that month")]
    Day,
}

impl PartialDate {
    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// Whether it names a day (not only a month or a year).
    pub fn is_day(&self) -> bool {
        self.day.is_some()
    }

    /// The first day it covers (`2012` → 2012-01-01, `2012-02` → 2012-02-01).
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The last day it covers (`2012` → 2012-12-31, `2012-02` → 2012-02-29).
    pub fn last_day(&self) -> NaiveDate {
        match (self.month, self.day) {
            (_, Some(_)) => self.first_day(),
            (Some(m), None) => NaiveDate::from_ymd_opt(self.year, m, 1)
                .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
                .and_then(|d| d.pred_opt())
                .unwrap_or(NaiveDate::MAX),
            (None, None) => NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or(NaiveDate::MAX),
        }
    }

    /// The date at the head of a record's date, which may go on to a time
    /// (`2018-10-03T08:59:00+07:00` → 2018-10-03); `None` when it opens with no date.
    pub fn leading(s: &str) -> Option<PartialDate> {
        let head = s.get(..10.min(s.len()))?;
        let head = match head.find(|c: char| !(c.is_ascii_digit() || c == '-')) {
            Some(end) => &head[..end],
            None => head,
        };
        head.trim_end_matches('-').parse().ok()
    }
}

impl PartialDate {
    /// The day at the head of a record's date when it names one
    /// (`2018-10-03T08:59:00+07:00` → 2018-10-03; `2018-10` → `None`).
    pub fn leading_day(s: &str) -> Option<NaiveDate> {
        PartialDate::leading(s)
            .filter(PartialDate::is_day)
            .map(|d| d.first_day())
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (two digits for month and day), with white
    /// space around it; a month or day that does not exist is refused.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        let parts: Vec<&str> = s.trim().split('-').collect();
        let ok = match parts.as_slice() {
            [y] => digits(y, 4),
            [y, m] => digits(y, 4) && digits(m, 2),
            [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
            _ => false,
        };
        if !ok {
            return Err(DateError::Form);
        }
        let num = |i: usize| {
            parts
                .get(i)
                .map(|p| p.parse::<u32>().map_err(|_| DateError::Form))
        };
        let year = num(0)
            .transpose()?
            .and_then(|y| i32::try_from(y).ok())
            .ok_or(DateError::Form)?;
        let month = num(1).transpose()?;
        let day = num(2).transpose()?;
        if month.is_some_and(|m| !(1..=12).contains(&m)) {
            return Err(DateError::Month);
        }
        if let (Some(m), Some(d)) = (month, day) {
            NaiveDate::from_ymd_opt(year, m, d).ok_or(DateError::Day)?;
        }
        Ok(PartialDate { year, month, day })
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(d: NaiveDate) -> Self {
        PartialDate {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }
}

impl fmt::Display for PartialDate {
    /// The contract's form: `2012`, `2012-02`, `2012-02-29`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<PartialDate, DateError> {
        s.parse()
    }

    #[test]
    fn the_three_forms_and_their_bounds() {
        let y = p("2012").expect("year");
        assert_eq!(y.first_day().to_string(), "2012-01-01");
        assert_eq!(y.last_day().to_string(), "2012-12-31");
        let m = p(" 2012-02 ").expect("month");
        assert_eq!(m.first_day().to_string(), "2012-02-01");
        assert_eq!(m.last_day().to_string(), "2012-02-29", "a leap February");
        assert_eq!(
            p("2013-02").expect("month").last_day().to_string(),
            "2013-02-28"
        );
        let d = p("2016-10-30").expect("day");
        assert_eq!(
            (d.first_day(), d.last_day()),
            (d.first_day(), d.first_day())
        );
        for s in ["2012", "2012-02", "2016-10-30"] {
            assert_eq!(p(s).map(|d| d.to_string()).as_deref(), Ok(s));
        }
    }

    #[test]
    fn what_is_refused_and_why() {
        for bad in [
            "",
            "12",
            "12/2012",
            "2012-2",
            "2012-02-3",
            "2012-02-03-04",
            "２０１２",
            "-2012",
        ] {
            assert_eq!(p(bad), Err(DateError::Form), "{bad:?}");
        }
        assert_eq!(p("2012-13"), Err(DateError::Month));
        assert_eq!(p("2012-00-10"), Err(DateError::Month));
        assert_eq!(p("2023-02-29"), Err(DateError::Day));
        assert_eq!(p("2012-04-31"), Err(DateError::Day));
    }

    #[test]
    fn the_date_at_the_head_of_a_record_date() {
        let l = |s: &str| PartialDate::leading(s).map(|d| d.to_string());
        assert_eq!(
            l("2018-10-03T08:59:00+07:00").as_deref(),
            Some("2018-10-03")
        );
        assert_eq!(l("2018-10").as_deref(), Some("2018-10"));
        assert_eq!(l("2018").as_deref(), Some("2018"));
        assert_eq!(l("2018-"), Some("2018".to_string()));
        assert_eq!(l("tháng 10"), None);
        assert_eq!(l("2018-13-01"), None);
        assert_eq!(l(""), None);
        let day = |s: &str| PartialDate::leading_day(s).map(|d| d.to_string());
        assert_eq!(
            day("2018-10-03T08:59:00+07:00").as_deref(),
            Some("2018-10-03")
        );
        assert_eq!(day("2018-10"), None);
    }
}
