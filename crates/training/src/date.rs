//! Calendar dates as LHEO writes them (`AAAAMMJJ`, where `00` stands for an unknown month or
//! day and `00000000` / `99999999` for an unknown date), with the day arithmetic the catalogue
//! generator and the search need. No time zone: dates are civil dates in France.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An LHEO date, kept as the number `AAAAMMJJ` so that it sorts and round-trips exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Date(pub u32);

impl Date {
    pub const UNKNOWN: Date = Date(0);

    /// Parses `AAAAMMJJ` (LHEO) or `AAAA-MM-JJ` (ISO). Months `00` and days `00` are allowed
    /// (LHEO's "month only" / "year only" forms); otherwise the day must exist.
    pub fn parse(s: &str) -> Result<Date, String> {
        let s = s.trim();
        let digits: String = if s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-'
        {
            format!("{}{}{}", &s[0..4], &s[5..7], &s[8..10])
        } else {
            s.to_string()
        };
        if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("date invalide « {s} » (format attendu AAAAMMJJ)"));
        }
        let v: u32 = digits
            .parse()
            .map_err(|_| format!("date invalide « {s} »"))?;
        if v == 0 || v == 99_999_999 {
            return Ok(Date(v));
        }
        let (y, m, d) = (v / 10_000, v / 100 % 100, v % 100);
        let ok = m <= 12 && (m != 0 || d == 0) && (d == 0 || d <= days_in_month(y as i32, m));
        if !ok || y < 1900 {
            return Err(format!("date invalide « {s} » (mois ou jour impossible)"));
        }
        Ok(Date(v))
    }

    pub fn from_ymd(y: i32, m: u32, d: u32) -> Date {
        Date(y as u32 * 10_000 + m * 100 + d)
    }

    pub fn is_known(self) -> bool {
        self.0 != 0 && self.0 != 99_999_999
    }

    pub fn year(self) -> i32 {
        (self.0 / 10_000) as i32
    }

    pub fn month(self) -> u32 {
        self.0 / 100 % 100
    }

    pub fn day(self) -> u32 {
        self.0 % 100
    }

    /// Days since 1970-01-01 (unknown month/day count as the first).
    pub fn days(self) -> i64 {
        days_from_civil(self.year(), self.month().max(1), self.day().max(1))
    }

    pub fn from_days(days: i64) -> Date {
        let (y, m, d) = civil_from_days(days);
        Date::from_ymd(y, m, d)
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// Today (UTC) from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_days(secs.div_euclid(86_400))
    }

    /// `AAAAMMJJ`, as LHEO writes it.
    pub fn lheo(self) -> String {
        format!("{:08}", self.0)
    }

    /// `AAAA-MM-JJ`, for JSON and forms.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }

    /// `JJ/MM/AAAA`, for pages.
    pub fn fr(self) -> String {
        if !self.is_known() {
            return "date inconnue".into();
        }
        format!("{:02}/{:02}/{:04}", self.day(), self.month(), self.year())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// Serialised as `AAAA-MM-JJ` (JSON API, stored documents).
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

/// Read from `AAAA-MM-JJ`, `AAAAMMJJ` or the number `AAAAMMJJ`.
impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Number(u32),
        }
        match Raw::deserialize(d)? {
            Raw::Number(n) => Ok(Date(n)),
            Raw::Text(t) if t == "0000-00-00" => Ok(Date::UNKNOWN),
            Raw::Text(t) => Date::parse(&t).map_err(serde::de::Error::custom),
        }
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Howard Hinnant's `days_from_civil`.
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn parses_lheo_and_iso_forms() {
        assert_eq!(Date::parse("20150901").unwrap(), Date::from_ymd(2015, 9, 1));
        assert_eq!(
            Date::parse("2015-09-01").unwrap(),
            Date::from_ymd(2015, 9, 1)
        );
        assert_eq!(Date::parse("20150900").unwrap().month(), 9);
        assert!(!Date::parse("00000000").unwrap().is_known());
        assert!(Date::parse("20150231").is_err());
        assert!(Date::parse("2015091").is_err());
        assert!(Date::parse("demain").is_err());
    }

    #[test]
    fn day_arithmetic_round_trips() {
        let d = Date::from_ymd(2024, 2, 28);
        assert_eq!(d.add_days(1), Date::from_ymd(2024, 2, 29));
        assert_eq!(d.add_days(2), Date::from_ymd(2024, 3, 1));
        assert_eq!(Date::from_days(0), Date::from_ymd(1970, 1, 1));
        assert_eq!(
            Date::from_ymd(2026, 11, 23).add_days(-365).iso(),
            "2025-11-23"
        );
    }

    #[test]
    fn serialises_as_iso_text() {
        let d = Date::from_ymd(2026, 3, 9);
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2026-03-09\"");
        assert_eq!(serde_json::from_str::<Date>("\"2026-03-09\"").unwrap(), d);
        assert_eq!(serde_json::from_str::<Date>("20260309").unwrap(), d);
        assert_eq!(
            serde_json::from_str::<Date>(&serde_json::to_string(&Date::UNKNOWN).unwrap()).unwrap(),
            Date::UNKNOWN
        );
    }
}
