//! The names of the sheets and the labels outside the tables: the window's tabs, the export's
//! sheets and labels, and what the importer looks for, in both languages.

use super::Words;

pub const TARGETS_SHEET: Words = Words::new("Targets", "Metas");
pub const VALUES_SHEET: Words = Words::new("Values", "Valores");
pub const CENSUS_SHEET: Words = Words::new("Census data", "Datos censales");
pub const SENSITIVITY_SHEET: Words = Words::new("Sensitivity", "Sensibilidad");
pub const VERIFICATION_SHEET: Words = Words::new("Verification", "Verificación");
pub const ROUNDS_SHEET: Words = Words::new("Rounds", "Rondas");
pub const AUDIT_SHEET: Words = Words::new("Audit", "Auditoría");
pub const CHANGES_SHEET: Words = Words::new("Changes", "Cambios");
pub const LOG: Words = Words::new("Log", "Bitácora");
pub const SCENARIOS: Words = Words::new("Scenarios", "Escenarios");
pub const CHARTS: Words = Words::new("Charts", "Gráficos");
pub const PROGRAM: Words = Words::new("Program", "Programa");
pub const PROJECT: Words = Words::new("Project", "Proyecto");
pub const PARAMETER: Words = Words::new("Parameter", "Parámetro");
pub const SURVEY_BUDGET: Words = Words::new("Survey budget", "Presupuesto de la encuesta");
pub const PERFORMANCE_TRANCHE: Words = Words::new("Performance tranche", "Tramo de desempeño");
pub const TRANCHE_RULE: Words = Words::new("Tranche rule", "Regla del tramo");
pub const CONTINUOUS: Words = Words::new("continuous", "continua");
pub const STEPS: Words = Words::new("steps", "escalones");
pub const SHARE_REQUIRED: Words =
    Words::new("Share of targets required", "Proporción de metas exigida");
pub const STANDARD_ERROR: Words = Words::new("SE", "EE");
pub const SAMPLE: Words = Words::new("n and DEFF", "n y DEFF");
pub const INTERVAL: Words = Words::new("95% CI", "IC 95%");
