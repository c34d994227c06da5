//! Threat categories (مهددات) and their stable codes.

use serde::{Deserialize, Serialize};

/// A threat category. The code (`as_str`) is what the API, the database and the
/// translations use; it never changes once shipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Terrorism,
    ArmedGroupsWeapons,
    TribalConflict,
    DisplacementTension,
    YouthExclusion,
    HateSpeech,
    Crime,
    Gbv,
    ExplosiveHazards,
    ServicesFailure,
    JusticeCorruption,
    SecurityConduct,
    Other,
}

impl Category {
    pub const ALL: [Category; 13] = [
        Category::Terrorism,
        Category::ArmedGroupsWeapons,
        Category::TribalConflict,
        Category::DisplacementTension,
        Category::YouthExclusion,
        Category::HateSpeech,
        Category::Crime,
        Category::Gbv,
        Category::ExplosiveHazards,
        Category::ServicesFailure,
        Category::JusticeCorruption,
        Category::SecurityConduct,
        Category::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Terrorism => "terrorism",
            Category::ArmedGroupsWeapons => "armed_groups_weapons",
            Category::TribalConflict => "tribal_conflict",
            Category::DisplacementTension => "displacement_tension",
            Category::YouthExclusion => "youth_exclusion",
            Category::HateSpeech => "hate_speech",
            Category::Crime => "crime",
            Category::Gbv => "gbv",
            Category::ExplosiveHazards => "explosive_hazards",
            Category::ServicesFailure => "services_failure",
            Category::JusticeCorruption => "justice_corruption",
            Category::SecurityConduct => "security_conduct",
            Category::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// Concerns in these categories are always confidential: they name victims
    /// or accuse the security forces themselves.
    pub fn is_confidential(self) -> bool {
        matches!(self, Category::Gbv | Category::SecurityConduct)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for category in Category::ALL {
            assert_eq!(Category::from_code(category.as_str()), Some(category));
            let json = serde_json::to_string(&category).unwrap();
            assert_eq!(json, format!("\"{}\"", category.as_str()));
        }
        assert_eq!(Category::from_code("weapons"), None);
    }
}
