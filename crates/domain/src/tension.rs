//! Labour-market tension records as published by DARES / France Travail.

use serde::{Deserialize, Serialize};

/// One published DARES 2021 row: a ROME fiche in a bassin d'emploi. Indicators are quintiles
/// 1 (low) .. 5 (high); `None` when not published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DaresTension {
    pub year: i64,
    pub rome: String,
    pub bassin: String,
    /// Offers registered (offres d'emploi enregistrées, yearly average).
    pub offers: f64,
    /// Jobseekers in categories A, B, C (DEFM ABC).
    pub jobseekers: f64,
    pub tension: Option<i64>,
    pub hiring_intensity: Option<i64>,
    pub labour_shortage: Option<i64>,
    pub non_durable: Option<i64>,
    pub working_conditions: Option<i64>,
    pub geographic_mismatch: Option<i64>,
    pub training_link: Option<i64>,
}

/// Official DARES tension of a FAP family at a geographic level, one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FapTension {
    pub fap: String,
    pub year: i64,
    /// `nat`, `reg` or `dep`.
    pub level: String,
    /// Region or département code (empty for national).
    pub area: String,
    pub employment: Option<f64>,
    pub tension: Option<f64>,
    pub tension_class: Option<f64>,
    pub hiring_intensity: Option<f64>,
    pub training_link: Option<f64>,
    pub labour_shortage: Option<f64>,
    pub non_durable: Option<f64>,
    pub working_conditions: Option<f64>,
    pub geographic_mismatch: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FapRome {
    pub fap: String,
    pub rome: String,
}
