/**
 * The compute budget of AgentTTS (Wang et al. 2025, arXiv:2508.00890; FairyFali/AgentTTS_Code,
 * `compute_budget` in code_others/agent/agent_class.py). Generating S samples of Nd tokens from
 * a prompt of Np tokens with an M-parameter model costs about 2 M (Np + S Nd) FLOPs (the prompt
 * is prefilled once and shared by the samples). AgentTTS expresses this in units of a reference
 * call of a 3B model with a 128-token prompt and 64 decoded tokens:
 *
 *   units = (2 M (Np + S Nd) - 2 M0 Np0) / (2 M0 Nd0)  =  (M / 3e9) (Np + S Nd) / 64 - 2
 *
 * with M0 = 3e9, Np0 = 128, Nd0 = 64, so the reference call costs exactly 1 unit. A pipeline
 * sums the units of its stages; upstream clamps a stage's units at 0, and so do we.
 * Hand-checked against the paper's figures: Qwen2.5-72B, 1 sample, Np 2048, Nd 128: 814 units;
 * Llama-3-3B, 50 samples, Np 256, Nd 64: 52 units.
 */

/** The AgentTTS reference call: a 3B model, 128 prompt tokens, 64 decoded tokens (1 unit). */
export const AGENTTTS_REFERENCE = Object.freeze({ paramsBillions: 3, promptTokens: 128, decodeTokens: 64 });

/** Compute of one stage for one item. */
export interface ComputeInput {
  /** Model size in billions of parameters. */
  paramsBillions: number;
  /** Tokens of the prompt (prefilled once for all samples). */
  promptTokens: number;
  /** Tokens decoded, summed over the samples (S x Nd when planned). */
  decodeTokens: number;
}

/** AgentTTS compute units of one stage for one item (>= 0; see the file comment). */
export function agentTtsCompute(input: ComputeInput): number {
  const { paramsBillions, promptTokens, decodeTokens } = AGENTTTS_REFERENCE;
  const flops = 2 * input.paramsBillions * (input.promptTokens + input.decodeTokens);
  const units = (flops - 2 * paramsBillions * promptTokens) / (2 * paramsBillions * decodeTokens);
  return Math.max(0, units);
}
