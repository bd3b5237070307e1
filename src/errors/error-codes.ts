/**
 * Every stable `code` a KnobsError carries, with what it means: the contract that travels
 * unchanged into JSON-RPC errors (`data.code`), the dashboard API's errors and `--json`
 * output. A code is added here (and to docs/cli.md's table, which test/errors/error-codes.test.ts
 * checks) before it is thrown; KnobsError's constructor takes only these. In the CLI every
 * KnobsError is exit code 2; anything else is an internal error, exit 1.
 */
export const ERROR_CODES = {
  // Input
  invalid_input: "an input (space, config file, options, trial values, protocol params) failed validation; each issue names where",
  invalid_yaml: "a YAML or JSON file does not parse, or its aliases expand too much",
  file_not_found: "a file named on the command line or in a config cannot be read",
  invalid_argument: "a library function got an argument it cannot use (an empty list, a quantile outside [0, 1], ...)",
  missing_argument: "a command needs an argument or flag that was not given",
  invalid_arguments: "a command got arguments that do not go together",
  invalid_option: "a command-line flag has a value it cannot use",
  invalid_port: "--port is not a port number",
  port_in_use: "the port a server should listen on is taken",
  // Optimizers
  unknown_sampler: "an optimizer name the registry does not hold (the message lists those it does)",
  missing_fidelity: "a multi-fidelity optimizer was made without a fidelity space",
  unsupported_objectives: "an optimizer was used with a number of objectives it does not handle",
  invalid_fidelity: "a fidelity space or level cannot be used",
  budget_too_small: "the allocation agent's budget cannot pay for even the cheapest allocation",
  research_bad_plan: "a research policy planned a trial the agent cannot run",
  agent_bad_reply: "an LLM-guided optimizer's model gave no usable answer after its attempts",
  no_objective: "the generative optimizer was asked without an objective to improve",
  missing_prompt: "a versioned prompt template is not in the prompts folder",
  prompt_slot: "a prompt template names a slot no value was given for",
  external_optimizer: "an external optimizer (bench `cmd:`) failed to start or answered wrongly",
  // Studies and trials
  study_mismatch: "a stored study has other objectives or another space, or a config names another study",
  no_stored_config: "knobs worker joined a study that knobs optimize did not start (pass --config)",
  no_complete_trial: "a study has no complete feasible trial yet",
  param_mismatch: "define-by-run suggested a parameter differently from its declaration",
  objective_command: "a command objective failed (exit code, no JSON on stdout, a bad result)",
  trial_timeout: "an objective ran past the study's timeout",
  trial_pruned: "an objective stopped its trial as pruned (TrialPrunedError)",
  trial_not_running: "a trial that is not running cannot be changed or told again",
  trial_limit_reached: "the study's trial budget was reached as a trial was to start",
  // Storage
  no_such_study: "no study of that name in the storage (the message lists those there are)",
  duplicate_study: "a study of that name exists already",
  no_such_storage: "a storage opened read-only does not exist",
  invalid_storage_url: "a storage URL is malformed",
  cannot_open_storage: "a storage cannot be opened (a missing folder, not a database, a refused login)",
  storage_unavailable: "PostgreSQL did not answer after the retries",
  // Benchmarks and tasks
  unknown_task: "a task-ref names no built-in task, task folder or corpus folder",
  unknown_suite: "no benchmark suite of that name",
  unknown_synthetic_function: "no synthetic function of that name",
  no_task: "no task of the suite matches --split and --tasks",
  no_results: "a results file holds no benchmark runs (of the suite asked for)",
  empty_task: "a tabular task has no recorded rows",
  task_data_error: "a task's data file is malformed",
  checksum_mismatch: "a task's data file does not match its recorded sha256",
  // Systems
  rag_needs_provider: "the RAG pipeline needs a chat or embedding model it was not given",
  invalid_rag_config: "a RAG configuration value is outside what the pipeline takes",
  invalid_chunking: "a chunk size or overlap the chunker cannot use",
  embedding_mismatch: "an embedding model returned other vectors than asked for",
  missing_llm_endpoint: "a live task needs an LLM endpoint in the environment",
  sample_parse_error: "a multi-stage pipeline's model reply does not parse",
  // LLM access
  llm_api_error: "the LLM server answered with an error status",
  llm_bad_response: "the LLM server's answer is not what the API promises",
  llm_network_error: "the LLM server could not be reached",
  llm_timeout: "an LLM call ran past its timeout",
  aborted: "an LLM call was aborted by the caller",
  missing_api_key: "the API key's environment variable is not set",
  unknown_model: "no model of that name in the price table or the provider",
  replay_miss: "a replay-only LLM cache has no recorded answer for a request",
  unsupported_response_format: "the provider rejects the structured-output response_format",
  local_model_missing: "a local: model file cannot be loaded (not there, or not a GGUF file)",
  local_runtime_missing: "a local: model needs node-llama-cpp, which is not installed",
  local_model_failed: "the in-process local model failed on a call",
  local_bad_request: "a request the in-process local model cannot answer (tools, a conversation not ending with the user)",
  // Sandbox (runSandboxed): what the sandboxed code did
  sandbox_timeout: "sandboxed code ran past its time limit",
  sandbox_memory: "sandboxed code ran past its memory limit",
  sandbox_network: "sandboxed code tried to reach the network",
  sandbox_filesystem: "sandboxed code tried to touch the file system outside its folder",
  sandbox_process: "sandboxed code tried to start or signal a process",
  sandbox_crash: "sandboxed code crashed",
  // Maths
  invalid_matrix: "a matrix has the wrong number of entries",
  not_positive_definite: "a matrix that must be positive definite is not",
  // Protocols (JSON-RPC `data.code`) and the dashboard API
  parse_error: "a protocol line is not JSON",
  invalid_request: "a protocol line is not a JSON-RPC request object",
  method_not_found: "a protocol method the server does not have",
  invalid_params: "a protocol request's params are wrong (the message says which)",
  invalid_result: "a told result cannot be used (the trial is marked failed)",
  rpc_error: "any other protocol error",
  no_such_trial: "the dashboard API was asked for a trial the study does not have",
  internal: "the dashboard API failed on a bug (the CLI's internal error, exit 1)",
} as const satisfies Record<string, string>;

/** A stable error code: one of ERROR_CODES. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Whether `code` is one of ERROR_CODES. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/**
 * The codes of the issues of a ValidationError that knobs words itself (`issue.code`, also
 * in JSON-RPC `data.issues`), and of the problems a run records in its result. Issues of a
 * schema check keep zod's codes (too_small, invalid_type, custom, ...), and an issue made
 * from a KnobsError keeps that error's code.
 */
export const ISSUE_CODES = {
  invalid_option: "an option's value is not what the optimizer, pruner or command takes",
  unknown_option: "an option the optimizer or pruner does not take",
  invalid_value: "a value outside what the field takes",
  invalid_type: "a value of the wrong type",
  invalid_combination: "fields that do not go together",
  missing: "a required field is missing",
  too_big: "a number past its cap",
  unsupported: "a field this entry point does not support",
  duplicate_value: "a value listed twice",
  duplicate: "a name given twice (two objectives of one name)",
  unknown_pruner: "a pruner name that is not median, successive-halving or wilcoxon",
  unknown_parameter: "a name that is not a parameter of the space",
  missing_parameter: "a parameter the config lacks",
  inactive_parameter: "a value for a parameter its condition makes inactive",
  unsupported_space: "a space the optimizer or task cannot use",
  grid_too_large: "a grid past maxPoints",
  unknown_cost: "a budget on a cost the task does not report",
  unknown_model: "a model name the stage does not offer",
  unknown_stage: "a stage name the pipeline does not have",
  invalid_pipeline: "a multi-stage pipeline definition that cannot run",
  invalid_agent_settings: "agent-loop settings that cannot run",
  invalid_export: "a module objective's export is not a function",
  not_found: "a module objective's file does not exist",
  module_error: "a module objective's file does not load",
  empty_reply: "an agent's model replied with neither text nor tool calls (recorded in the run)",
  error: "a multi-stage stage failed (recorded in the sample)",
} as const satisfies Record<string, string>;
