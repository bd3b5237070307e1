/**
 * The 57 MMLU subjects in 8 groups, for the RouteLLM model-allocation task: one model is
 * chosen per group. Our grouping (broadly MMLU's STEM / humanities / social sciences / other,
 * with STEM and "other" split finer so that groups are of similar size).
 */
export const MMLU_GROUPS: Readonly<Record<string, readonly string[]>> = {
  math: ["abstract_algebra", "college_mathematics", "elementary_mathematics", "high_school_mathematics", "high_school_statistics"],
  science: [
    "astronomy",
    "college_biology",
    "college_chemistry",
    "college_physics",
    "conceptual_physics",
    "electrical_engineering",
    "high_school_biology",
    "high_school_chemistry",
    "high_school_physics",
  ],
  computing: ["college_computer_science", "computer_security", "high_school_computer_science", "machine_learning"],
  health: ["anatomy", "clinical_knowledge", "college_medicine", "human_aging", "medical_genetics", "nutrition", "professional_medicine", "virology"],
  law_politics: ["high_school_government_and_politics", "international_law", "jurisprudence", "professional_law", "security_studies", "us_foreign_policy"],
  humanities: [
    "formal_logic",
    "high_school_european_history",
    "high_school_us_history",
    "high_school_world_history",
    "logical_fallacies",
    "moral_disputes",
    "moral_scenarios",
    "philosophy",
    "prehistory",
    "world_religions",
  ],
  social_science: [
    "econometrics",
    "high_school_geography",
    "high_school_macroeconomics",
    "high_school_microeconomics",
    "high_school_psychology",
    "human_sexuality",
    "professional_psychology",
    "public_relations",
    "sociology",
  ],
  business_other: ["business_ethics", "global_facts", "management", "marketing", "miscellaneous", "professional_accounting"],
};
