//! Portable SQL helpers: values, multi-row inserts with `$n` placeholders.

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Arguments, Row as _};

/// A value bound to a statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Text(String),
    Int(i64),
    OptInt(Option<i64>),
    Real(f64),
    OptReal(Option<f64>),
}

impl From<&str> for Val {
    fn from(s: &str) -> Self {
        Val::Text(s.to_string())
    }
}
impl From<String> for Val {
    fn from(s: String) -> Self {
        Val::Text(s)
    }
}
impl From<&String> for Val {
    fn from(s: &String) -> Self {
        Val::Text(s.clone())
    }
}
impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::Int(v)
    }
}
impl From<bool> for Val {
    fn from(v: bool) -> Self {
        Val::Int(v as i64)
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Self {
        Val::OptInt(v)
    }
}
impl From<f64> for Val {
    fn from(v: f64) -> Self {
        Val::Real(v)
    }
}
impl From<Option<f64>> for Val {
    fn from(v: Option<f64>) -> Self {
        Val::OptReal(v)
    }
}

/// One row to insert.
pub type Row = Vec<Val>;

fn bind<'q>(args: &mut AnyArguments<'q>, v: Val) {
    let r = match v {
        Val::Text(s) => args.add(s),
        Val::Int(i) => args.add(i),
        Val::OptInt(i) => args.add(i),
        Val::Real(f) => args.add(f),
        Val::OptReal(f) => args.add(f),
    };
    r.expect("binding a plain value cannot fail");
}

/// A query with positional parameters bound.
///
/// Statements are not cached: `sqlx`'s Any driver declares a NULL `f64` parameter as `float4`
/// to PostgreSQL, and a statement prepared with a NULL would then reject a later non-NULL value.
pub fn query<'q>(sql: &'q str, params: Vec<Val>) -> Query<'q, Any, AnyArguments<'q>> {
    let mut args = AnyArguments::default();
    for p in params {
        bind(&mut args, p);
    }
    sqlx::query_with(sql, args).persistent(false)
}

/// Inserts rows in batches of multi-row `INSERT … VALUES (…), (…)`; `suffix` may add an
/// `ON CONFLICT …` clause.
///
/// On SQLite the parameter markers are anonymous `?` and batches smaller: `sqlx` looks numbered
/// parameters up by name, which costs quadratic time in the number of parameters.
pub async fn insert_rows(
    conn: &mut AnyConnection,
    table: &str,
    columns: &[&str],
    rows: impl IntoIterator<Item = Row>,
    suffix: &str,
) -> Result<u64, sqlx::Error> {
    let sqlite = conn.backend_name().eq_ignore_ascii_case("sqlite");
    let max_params = if sqlite { 500 } else { 3000 };
    let per_batch = (max_params / columns.len()).max(1);
    let head = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut total = 0;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut sql = head.clone();
        let mut args = AnyArguments::default();
        let mut n = 0;
        for (i, row) in rows.by_ref().take(per_batch).enumerate() {
            assert_eq!(row.len(), columns.len(), "row width for {table}");
            sql.push_str(if i == 0 { "(" } else { ", (" });
            for (j, v) in row.into_iter().enumerate() {
                n += 1;
                if j > 0 {
                    sql.push_str(", ");
                }
                if sqlite {
                    sql.push('?');
                } else {
                    sql.push_str(&format!("${n}"));
                }
                bind(&mut args, v);
            }
            sql.push(')');
        }
        sql.push(' ');
        sql.push_str(suffix);
        total += sqlx::query_with(&sql, args)
            .persistent(false)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    }
    Ok(total)
}

/// A row read back: from the driver ([`AnyRow`]) or from a JSON-aggregated table ([`JsonRow`]).
pub trait Cells {
    fn cell_text(&self, col: &str) -> Option<String>;
    fn cell_int(&self, col: &str) -> Option<i64>;
    fn cell_real(&self, col: &str) -> Option<f64>;
}

impl Cells for AnyRow {
    fn cell_text(&self, col: &str) -> Option<String> {
        self.try_get::<Option<String>, _>(col).ok().flatten()
    }
    fn cell_int(&self, col: &str) -> Option<i64> {
        self.try_get::<Option<i64>, _>(col).ok().flatten()
    }
    fn cell_real(&self, col: &str) -> Option<f64> {
        self.try_get::<Option<f64>, _>(col).ok().flatten()
    }
}

/// One row of a table read as a JSON array (see `Store::all`), with its column positions.
pub struct JsonRow<'a> {
    pub columns: &'a std::collections::HashMap<String, usize>,
    pub values: &'a [serde_json::Value],
}

impl JsonRow<'_> {
    fn value(&self, col: &str) -> Option<&serde_json::Value> {
        self.columns.get(col).and_then(|&i| self.values.get(i))
    }
}

impl Cells for JsonRow<'_> {
    fn cell_text(&self, col: &str) -> Option<String> {
        match self.value(col)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Null => None,
            v => Some(v.to_string()),
        }
    }
    fn cell_int(&self, col: &str) -> Option<i64> {
        let v = self.value(col)?;
        v.as_i64().or_else(|| v.as_f64().map(|f| f as i64))
    }
    fn cell_real(&self, col: &str) -> Option<f64> {
        self.value(col)?.as_f64()
    }
}

/// Text column helper for reads: NULL reads as empty.
pub fn text(row: &impl Cells, col: &str) -> String {
    row.cell_text(col).unwrap_or_default()
}

pub fn int(row: &impl Cells, col: &str) -> i64 {
    row.cell_int(col).unwrap_or(0)
}

pub fn opt_int(row: &impl Cells, col: &str) -> Option<i64> {
    row.cell_int(col)
}

pub fn opt_real(row: &impl Cells, col: &str) -> Option<f64> {
    row.cell_real(col)
}

pub fn real(row: &impl Cells, col: &str) -> f64 {
    opt_real(row, col).unwrap_or(0.0)
}
