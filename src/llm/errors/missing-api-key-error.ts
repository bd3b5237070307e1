import { LlmError } from "./llm-error.js";

/** The environment variable that should hold the API key is unset or empty. */
export class MissingApiKeyError extends LlmError {
  readonly envVar: string;

  constructor(envVar: string) {
    super(
      "missing_api_key",
      `no API key: set the environment variable ${envVar} (or choose another variable with the apiKeyEnv option; for a server without keys, set apiKeyEnv: null)`,
      false,
    );
    this.envVar = envVar;
  }
}
