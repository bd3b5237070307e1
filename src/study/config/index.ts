export { loadStudyConfig, parseStudyConfig, readYamlFile, STORED_CONFIG_KEY, type LoadedStudyConfig, type ObjectiveSpec, type StoredStudyConfig, type StudyConfigOptions, type TaskDefaults, type TaskResolver } from "./load-study-config.js";
export { studyConfigSchema, studyConfigJsonSchema, type StudyConfig } from "./study-config-schema.js";
