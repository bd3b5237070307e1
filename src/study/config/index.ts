export { loadStudyConfig, parseStudyConfig, readYamlFile, type LoadedStudyConfig, type StudyConfigOptions, type TaskDefaults, type TaskResolver } from "./load-study-config.js";
export { studyConfigSchema, studyConfigJsonSchema, type StudyConfig } from "./study-config-schema.js";
