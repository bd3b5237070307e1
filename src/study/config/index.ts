export { loadStudyConfig, parseStudyConfig, readYamlFile, type LoadedStudyConfig } from "./load-study-config.js";
export { studyConfigSchema, studyConfigJsonSchema, type StudyConfig } from "./study-config-schema.js";
