import type { Config, Space } from "../../space/index.js";

/**
 * A synthetic benchmark function: a cheap, known landscape used to compare samplers,
 * never a stand-in for a real LLM system. Every function is minimized and its global
 * minimum is known, so regret (best found minus optimum) is exact.
 */
export interface SyntheticFunction {
  /** Short kebab-case name used on the command line, e.g. "branin". */
  readonly id: string;
  /** One line: what the function is, its domain and where its optimum lies. */
  readonly description: string;
  readonly space: Space;
  /** The function value at a configuration of `space` (lower is better). */
  evaluate(config: Config): number;
  /** The known global minimum value. */
  readonly optimum: number;
  /** A configuration attaining `optimum` (one of them when there are several). */
  readonly optimumConfig?: Config;
  /** Always true: marks results on these functions as synthetic in reports. */
  readonly synthetic: true;
}
