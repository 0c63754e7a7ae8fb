//! Enums are stored and compared by their snake_case wire names; one codec for everyone.

use serde::{de::DeserializeOwned, Serialize};

/// The wire name of a unit enum value, e.g. `BindingState::UnbindRequested` → `"unbind_requested"`.
pub fn wire_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(e) => format!("<unencodable: {e}>"),
    }
}

/// Parses a wire name back into its enum value.
pub fn from_wire_name<T: DeserializeOwned>(name: &str) -> Result<T, serde_json::Error> {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BindingState, Tag};

    #[test]
    fn round_trips_snake_case_names() {
        // Stored rows and the wire must agree on spelling, or sync would corrupt states.
        assert_eq!(wire_name(&BindingState::UnbindRequested), "unbind_requested");
        assert_eq!(from_wire_name::<Tag>("brand_persona").ok(), Some(Tag::BrandPersona));
        assert!(
            from_wire_name::<Tag>("nonsense").is_err(),
            "unknown names must not parse"
        );
    }
}
