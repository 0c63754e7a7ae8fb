//! Which days the numbers cover. "The last 30 days" ends at the newest day the platform has
//! reported (its data is daily and arrives the next day), so a period never counts empty days
//! that have not been reported yet; a custom range is taken as given.

use chrono::{Duration, NaiveDate};
use mdesk_ipc::{Period, PeriodRange, ROLLED_UP_DAYS};
use rusqlite::Connection;

use crate::error::{CoreError, CoreResult};
use crate::store::rollup;

/// The longest period anyone can ask for.
pub const MAX_DAYS: u32 = 366;

fn rule(rule: &'static str, message: String) -> CoreError {
    CoreError::Rule { rule, message }
}

/// A `YYYY-MM-DD` the staff member typed.
pub fn parse_input_day(text: &str) -> CoreResult<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| rule("date_invalid", format!("{text:?} is not a date (YYYY-MM-DD)")))
}

/// The newest day with data, or today when there is none yet.
pub fn data_through(conn: &Connection) -> CoreResult<NaiveDate> {
    match rollup::newest_day(conn)? {
        Some(d) => rollup::parse_day(&d),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// The days `period` covers.
pub fn resolve(conn: &Connection, period: &Period) -> CoreResult<PeriodRange> {
    match period {
        Period::Last { days } => {
            if *days == 0 || *days > MAX_DAYS {
                return Err(rule(
                    "period_too_long",
                    format!("a period is 1 to {MAX_DAYS} days, not {days}"),
                ));
            }
            let to = data_through(conn)?;
            Ok(range(rollup::first_day(to, *days), to))
        }
        Period::Range { from, to } => {
            let (from, to) = (parse_input_day(from)?, parse_input_day(to)?);
            if from > to {
                return Err(rule(
                    "period_order",
                    format!("the period starts {from} after it ends {to}"),
                ));
            }
            let r = range(from, to);
            if r.days > MAX_DAYS {
                return Err(rule(
                    "period_too_long",
                    format!("a period is 1 to {MAX_DAYS} days, not {}", r.days),
                ));
            }
            Ok(r)
        }
    }
}

fn range(from: NaiveDate, to: NaiveDate) -> PeriodRange {
    PeriodRange {
        from: from.to_string(),
        to: to.to_string(),
        days: ((to - from).num_days() + 1) as u32,
    }
}

/// The same number of days just before `r`.
pub fn previous(r: &PeriodRange) -> CoreResult<PeriodRange> {
    let from = rollup::parse_day(&r.from)?;
    let to = from - Duration::days(1);
    Ok(range(rollup::first_day(to, r.days), to))
}

/// Every day of `r`, oldest first.
pub fn days(r: &PeriodRange) -> CoreResult<Vec<String>> {
    let from = rollup::parse_day(&r.from)?;
    Ok((0..i64::from(r.days))
        .map(|i| (from + Duration::days(i)).to_string())
        .collect())
}

/// The rolled-up period that answers `r` exactly, if the rollup is up to date and has it.
pub fn rolled_up(conn: &Connection, r: &PeriodRange) -> CoreResult<Option<u32>> {
    if !ROLLED_UP_DAYS.contains(&r.days) {
        return Ok(None);
    }
    Ok(rollup::fresh_through(conn)?.filter(|t| *t == r.to).map(|_| r.days))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn resolved(period: Period) -> CoreResult<PeriodRange> {
        let store = Store::open_in_memory().expect("store");
        store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO account_metric_daily (account_id, date, views) VALUES ('a', '2026-11-20', 1)",
                    [],
                )?;
                Ok(())
            })
            .expect("fixture");
        store.read(|c| resolve(c, &period))
    }

    #[test]
    fn the_last_days_end_at_the_newest_day_of_data() {
        let r = resolved(Period::Last { days: 7 }).expect("resolves");
        assert_eq!(
            (r.from.as_str(), r.to.as_str(), r.days),
            ("2026-11-14", "2026-11-20", 7)
        );
        let p = previous(&r).expect("previous");
        assert_eq!(
            (p.from.as_str(), p.to.as_str(), p.days),
            ("2026-11-07", "2026-11-13", 7)
        );
        assert_eq!(days(&r).expect("days").len(), 7);
    }

    #[test]
    fn a_custom_range_is_checked() {
        let ok = resolved(Period::Range {
            from: "2026-10-01".into(),
            to: "2026-10-31".into(),
        })
        .expect("resolves");
        assert_eq!(ok.days, 31);
        let rule_of = |p| match resolved(p) {
            Err(CoreError::Rule { rule, .. }) => rule,
            other => panic!("refused with a rule: {other:?}"),
        };
        assert_eq!(
            rule_of(Period::Range {
                from: "2026-10-31".into(),
                to: "2026-10-01".into()
            }),
            "period_order"
        );
        assert_eq!(
            rule_of(Period::Range {
                from: "31/10/2026".into(),
                to: "2026-11-01".into()
            }),
            "date_invalid"
        );
        assert_eq!(
            rule_of(Period::Range {
                from: "2024-01-01".into(),
                to: "2026-01-01".into()
            }),
            "period_too_long"
        );
        assert_eq!(rule_of(Period::Last { days: 0 }), "period_too_long");
    }
}
