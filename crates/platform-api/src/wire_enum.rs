//! Closed sets of states and kinds (binding, grant, scope, tag, …) as enums with one spelling:
//! the snake_case wire name. `as_str` and `FromStr` are the only places a state is written as
//! text; serde, SQL (`ToSql`/`FromSql` with the `sql` feature) and the UI all go through them.

use std::fmt;

/// A name that is not one of the enum's wire names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    pub kind: &'static str,
    pub name: String,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a known {}", self.name, self.kind)
    }
}

impl std::error::Error for UnknownName {}

/// What every `wire_enum!` enum is, for code that works on any of them (the CLI's parsers).
pub trait WireEnum: Copy + std::str::FromStr<Err = UnknownName> + Send + Sync + 'static {
    /// Every value, in declaration order.
    fn all() -> &'static [Self];
    /// The wire name.
    fn wire_name(self) -> &'static str;
}

/// Declares an enum whose values travel and are stored by wire name:
/// `wire_enum! { pub enum Scope { Publish = "publish", Interact = "interact" } }`.
/// Derives serde with exactly those names, and adds `ALL`, `as_str`, `FromStr`, `Display`
/// and (with this crate's `sql` feature) rusqlite's `ToSql`/`FromSql`.
#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $wire)] $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire name (also the stored text and the translation key suffix).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $wire ),+
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::UnknownName;

            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                match s {
                    $( $wire => Ok($name::$variant), )+
                    _ => Err($crate::UnknownName { kind: stringify!($name), name: s.to_owned() }),
                }
            }
        }

        impl $crate::WireEnum for $name {
            fn all() -> &'static [Self] {
                Self::ALL
            }

            fn wire_name(self) -> &'static str {
                self.as_str()
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        $crate::__wire_enum_sql!($name);
    };
}

#[cfg(feature = "sql")]
#[doc(hidden)]
pub use rusqlite as __rusqlite;

#[cfg(feature = "sql")]
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_enum_sql {
    ($name:ident) => {
        impl $crate::__rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> $crate::__rusqlite::Result<$crate::__rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl $crate::__rusqlite::types::FromSql for $name {
            fn column_result(
                value: $crate::__rusqlite::types::ValueRef<'_>,
            ) -> $crate::__rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                text.parse()
                    .map_err(|e: $crate::UnknownName| $crate::__rusqlite::types::FromSqlError::Other(Box::new(e)))
            }
        }
    };
}

#[cfg(not(feature = "sql"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_enum_sql {
    ($name:ident) => {};
}

#[cfg(test)]
mod tests {
    use crate::{
        BindingState, GrantState, InclusionStatus, InvitationState, Privacy, ReviewStatus, Scope, Tag, WorkKind,
    };

    fn round_trips<T>(all: &[T])
    where
        T: Copy + PartialEq + std::fmt::Debug + std::str::FromStr + serde::Serialize + serde::de::DeserializeOwned,
        T: std::fmt::Display,
    {
        for v in all {
            // Serde, storage and display must spell a state the same way, or sync corrupts it.
            let json = serde_json::to_value(v).expect("serializes");
            assert_eq!(
                json,
                serde_json::Value::String(v.to_string()),
                "serde and as_str agree for {v:?}"
            );
            assert_eq!(v.to_string().parse::<T>().ok(), Some(*v), "{v:?} parses back");
        }
    }

    #[test]
    fn every_state_round_trips_by_its_wire_name() {
        round_trips(Tag::ALL);
        round_trips(BindingState::ALL);
        round_trips(Scope::ALL);
        round_trips(GrantState::ALL);
        round_trips(InvitationState::ALL);
        round_trips(WorkKind::ALL);
        round_trips(Privacy::ALL);
        round_trips(ReviewStatus::ALL);
        round_trips(InclusionStatus::ALL);
        assert_eq!(BindingState::UnbindRequested.as_str(), "unbind_requested");
        assert_eq!("brand_persona".parse::<Tag>().ok(), Some(Tag::BrandPersona));
        let err = "nonsense".parse::<Tag>().expect_err("unknown names must not parse");
        assert_eq!(err.to_string(), "\"nonsense\" is not a known Tag");
    }
}
