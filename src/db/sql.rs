//! Run-time SQL, and the one place that vouches for it to sqlx.
//!
//! sqlx only takes `&'static str` or a string wrapped in `AssertSqlSafe` as a statement. Static
//! statements stay `&'static str` literals. A statement that must name a table or column read
//! from the catalog is built as a [`Sql`], which can only hold:
//!
//! - `&'static str` pieces written in this crate,
//! - identifiers passed through the engine's one quoting function ([`Dialect::quote_ident`]),
//! - integers and finite decimals, written by Rust's formatter.
//!
//! Values are never written into a [`Sql`]: they are bound parameters (`$1`, `?`). A [`Sql`]
//! is the only type in the crate that wraps a string in `AssertSqlSafe`.
//!
//! Not for: static statements (use a literal) or SQL shown to people in recommendations.

use std::fmt;
use std::marker::PhantomData;

use sqlx::{AssertSqlSafe, SqlSafeStr, SqlStr};

/// An engine's identifier quoting.
pub trait Dialect {
    /// Quote `name` as an identifier, whatever it contains.
    fn quote_ident(name: &str) -> String;
}

/// A statement built at run time for engine `D` (see the module documentation).
pub struct Sql<D> {
    text: String,
    dialect: PhantomData<fn() -> D>,
}

impl<D: Dialect> Sql<D> {
    /// A statement starting with `piece`.
    pub fn new(piece: &'static str) -> Self {
        Sql {
            text: piece.to_string(),
            dialect: PhantomData,
        }
    }

    /// Append a piece of SQL written in this crate.
    pub fn push(&mut self, piece: &'static str) -> &mut Self {
        self.text.push_str(piece);
        self
    }

    /// Append an identifier, quoted by the engine.
    pub fn ident(&mut self, name: &str) -> &mut Self {
        self.text.push_str(&D::quote_ident(name));
        self
    }

    /// Append `schema.name`, each part quoted by the engine.
    pub fn qualified(&mut self, schema: &str, name: &str) -> &mut Self {
        self.ident(schema).push(".").ident(name)
    }

    /// Append an integer literal.
    pub fn int(&mut self, n: impl Into<i128>) -> &mut Self {
        self.text.push_str(&n.into().to_string());
        self
    }

    /// Append a decimal literal (Rust's `Display` for `f64` writes digits, `.` and `-` only).
    ///
    /// # Panics
    /// When `x` is infinite or NaN: those have no literal.
    pub fn decimal(&mut self, x: f64) -> &mut Self {
        assert!(x.is_finite(), "no SQL literal for {x}");
        self.text.push_str(&x.to_string());
        self
    }

    /// Append another statement fragment for the same engine.
    pub fn append(&mut self, other: &Sql<D>) -> &mut Self {
        self.text.push_str(&other.text);
        self
    }

    /// Append `items`, each written by `each`, separated by `sep`.
    pub fn join<I>(
        &mut self,
        items: impl IntoIterator<Item = I>,
        sep: &'static str,
        mut each: impl FnMut(&mut Self, I),
    ) -> &mut Self {
        for (n, item) in items.into_iter().enumerate() {
            if n > 0 {
                self.push(sep);
            }
            each(self, item);
        }
        self
    }

    /// The statement text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl<D> Clone for Sql<D> {
    fn clone(&self) -> Self {
        Sql {
            text: self.text.clone(),
            dialect: PhantomData,
        }
    }
}

impl<D> fmt::Debug for Sql<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Sql").field(&self.text).finish()
    }
}

// The only `AssertSqlSafe` in the crate: a `Sql` holds crate-written pieces, engine-quoted
// identifiers and numbers, nothing else (see the module documentation).
impl<D> SqlSafeStr for Sql<D> {
    fn into_sql_str(self) -> SqlStr {
        AssertSqlSafe(self.text).into_sql_str()
    }
}

impl<D> SqlSafeStr for &Sql<D> {
    fn into_sql_str(self) -> SqlStr {
        AssertSqlSafe(self.text.clone()).into_sql_str()
    }
}

#[cfg(test)]
mod tests {
    use super::{Dialect, Sql};

    struct Ticks;
    impl Dialect for Ticks {
        fn quote_ident(name: &str) -> String {
            format!("`{}`", name.replace('`', "``"))
        }
    }

    #[test]
    fn holds_pieces_quoted_identifiers_and_numbers() {
        let mut cols = Sql::<Ticks>::new("");
        cols.join(["a", "b`c"], ", ", |s, c| {
            s.push("LEFT(").ident(c).push(", ").int(4096u32).push(")");
        });
        let mut sql = Sql::<Ticks>::new("SELECT ");
        sql.append(&cols)
            .push(" FROM ")
            .qualified("s", "t; DROP TABLE x")
            .push(" WHERE x < ")
            .decimal(0.25)
            .push(" LIMIT ?");
        assert_eq!(
            sql.as_str(),
            "SELECT LEFT(`a`, 4096), LEFT(`b``c`, 4096) FROM `s`.`t; DROP TABLE x` WHERE x < 0.25 LIMIT ?"
        );
        assert_eq!(Sql::<Ticks>::new("").decimal(10.0).as_str(), "10");
        assert_eq!(Sql::<Ticks>::new("").decimal(0.001).as_str(), "0.001");
        assert_eq!(Sql::<Ticks>::new("").int(-3i64).as_str(), "-3");
    }

    #[test]
    #[should_panic(expected = "no SQL literal")]
    fn refuses_non_finite_decimals() {
        Sql::<Ticks>::new("").decimal(f64::NAN);
    }
}
