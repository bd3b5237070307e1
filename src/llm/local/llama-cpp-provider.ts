import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { attemptSignal } from "../attempt-signal.js";
import { callPolicy, type CallPolicyOptions } from "../call-policy.js";
import { canonicalJson } from "../canonical-json.js";
import { LlmAbortedError } from "../errors/llm-aborted-error.js";
import { LlmError } from "../errors/llm-error.js";
import { LlmTimeoutError } from "../errors/llm-timeout-error.js";
import { LocalModelMissingError } from "../errors/local-model-missing-error.js";
import { UnsupportedResponseFormatError } from "../errors/unsupported-response-format-error.js";
import { estimateChatTokens, estimateEmbedTokens } from "../rate-limiter.js";
import { withReplayCache, type ReplayCache } from "../replay-cache.js";
import type { ChatRequest, ChatResponse, EmbedRequest, EmbedResponse, FinishReason, LlmCost, Provider, Usage } from "../spec.js";
import { withStructuredOutput } from "../structured-output.js";
import { loadNodeLlamaCpp, type LlamaContextSequenceLike, type LlamaEmbeddingContextLike, type LlamaGrammarLike, type LlamaLike, type LlamaModelLike, type NodeLlamaCppLike } from "./llama-runtime.js";
import { toChatHistory } from "./to-chat-history.js";

export interface LlamaCppOptions extends CallPolicyOptions {
  /** Path of the GGUF model file. */
  modelPath: string;
  /** CPU threads for prompt and generation (default: the machine's cores; node-llama-cpp's own default oversubscribes small machines). */
  threads?: number;
  /** Context window in tokens (default 4096). */
  contextSize?: number;
  /** Time limit of one call (default 120 000 ms). */
  timeoutMs?: number;
  /** Provider name in logs and reports (default "llama-cpp"). */
  name?: string;
  cache?: ReplayCache;
  /** The runtime module (tests); default: `import("node-llama-cpp")`. */
  runtime?: () => Promise<NodeLlamaCppLike>;
}

/** A provider that runs a model in this process; `dispose()` frees the model. */
export interface LocalProvider extends Provider {
  /** The thread count the model runs with. */
  readonly threads: number;
  dispose(): Promise<void>;
}

interface Loaded {
  runtime: NodeLlamaCppLike;
  llama: LlamaLike;
  model: LlamaModelLike;
  sequence: LlamaContextSequenceLike;
  dispose(): Promise<void>;
}

// A local model costs no dollars; its tokens are still counted.
const LOCAL_COST_USD = 0;

/**
 * A provider over a GGUF model run in process by node-llama-cpp (CPU only, no server, no
 * network). Structured output is enforced by a grammar built from the JSON schema; a schema
 * the runtime cannot turn into a grammar is an UnsupportedResponseFormatError, so `askJson`
 * falls back to asking in the prompt. Calls run one at a time on one context sequence, each
 * from an empty state (no state leaks between calls). node-llama-cpp is an optional peer
 * dependency: without it, the first call throws LocalRuntimeMissingError.
 *
 * @example
 * const llm = llamaCpp({ modelPath: "./models/qwen2.5-0.5b-instruct-q4_k_m.gguf", threads: 2 });
 * const { text } = await llm.chat({ model: "local", messages: [{ role: "user", content: "Say hi" }] });
 */
export function llamaCpp(options: LlamaCppOptions): LocalProvider {
  const modelPath = resolve(options.modelPath);
  const threads = options.threads ?? availableParallelism();
  if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`threads must be an integer >= 1, but got ${threads}`);
  const contextSize = options.contextSize ?? 4096;
  const timeoutMs = options.timeoutMs ?? 120_000;
  // A generation that timed out would likely time out again: one retry, not four.
  const policy = callPolicy({ maxRetries: 1, ...options });
  const label = `local model ${modelPath}`;
  let loading: Promise<Loaded> | undefined;
  let embedding: Promise<LlamaEmbeddingContextLike> | undefined;
  const grammars = new Map<string, Promise<LlamaGrammarLike>>();
  let queue: Promise<unknown> = Promise.resolve();

  const load = (): Promise<Loaded> => {
    loading ??= (async () => {
      if (!existsSync(modelPath)) throw new LocalModelMissingError(modelPath, "no such file");
      if (!statSync(modelPath).isFile()) throw new LocalModelMissingError(modelPath, "not a file");
      const runtime = await (options.runtime ?? loadNodeLlamaCpp)();
      const llama = await runtime.getLlama({ gpu: false, build: "never", maxThreads: threads, logLevel: "error" });
      const model = await llama.loadModel({ modelPath }).catch((error: unknown) => {
        throw new LocalModelMissingError(modelPath, (error as Error).message);
      });
      const context = await model.createContext({ contextSize, threads, sequences: 1 });
      const sequence = context.getSequence();
      return {
        runtime,
        llama,
        model,
        sequence,
        async dispose() {
          await (await embedding)?.dispose();
          await context.dispose();
          await model.dispose();
          await llama.dispose();
        },
      };
    })();
    loading.catch(() => (loading = undefined));
    return loading;
  };

  /** Runs calls one at a time: the model has one sequence. */
  const serially = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };

  const grammarFor = (llama: LlamaLike, schema: object): Promise<LlamaGrammarLike> => {
    const key = canonicalJson(schema);
    let grammar = grammars.get(key);
    if (!grammar) {
      grammar = llama.createGrammarForJsonSchema(schema).catch((error: unknown) => {
        grammars.delete(key);
        throw new UnsupportedResponseFormatError(label, `node-llama-cpp cannot build a grammar from the schema (${(error as Error).message})`);
      });
      grammars.set(key, grammar);
    }
    return grammar;
  };

  /** Runs `work` with the call's time limit, turning an abort into the right error. */
  async function limited<T>(signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const limit = attemptSignal(signal, timeoutMs);
    try {
      return await work(limit.signal);
    } catch (error) {
      if (limit.timedOut) throw new LlmTimeoutError(label, timeoutMs);
      if (signal?.aborted) throw new LlmAbortedError(signal.reason);
      if (error instanceof LlmError) throw error;
      throw new LlmError("local_model_failed", `${label} failed: ${(error as Error).message}`, false, { cause: error });
    } finally {
      limit.dispose();
    }
  }

  const provider: LocalProvider = {
    name: options.name ?? "llama-cpp",
    threads,

    chat(request: ChatRequest): Promise<ChatResponse> {
      if (request.tools && request.tools.length > 0) {
        return Promise.reject(new LlmError("local_bad_request", "the local model does not call tools: send the request without `tools`", false));
      }
      const { history, prompt } = toChatHistory(request.messages);
      return policy.run(estimateChatTokens(request), request.signal, () =>
        serially(() =>
          limited(request.signal, async (signal) => {
            const loaded = await load();
            const grammar = request.responseFormat ? await grammarFor(loaded.llama, request.responseFormat.schema) : undefined;
            await loaded.sequence.clearHistory();
            const before = meter(loaded.sequence);
            const session = new loaded.runtime.LlamaChatSession({ contextSequence: loaded.sequence, autoDisposeSequence: false });
            try {
              session.setChatHistory(history);
              const stop = typeof request.stop === "string" ? [request.stop] : request.stop ? [...request.stop] : undefined;
              const answer = await session.promptWithMeta(prompt, {
                ...(grammar ? { grammar } : {}),
                ...(request.maxTokens !== undefined ? { maxTokens: request.maxTokens } : {}),
                ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
                ...(request.topP !== undefined ? { topP: request.topP } : {}),
                ...(request.seed !== undefined ? { seed: request.seed } : {}),
                ...(stop ? { customStopTriggers: stop } : {}),
                signal,
              });
              const usage = usageSince(before, meter(loaded.sequence));
              const value: ChatResponse = {
                text: answer.responseText,
                toolCalls: [],
                usage,
                cost: localCost(usage),
                model: request.model,
                finishReason: finishReasonOf(answer.stopReason),
                cached: false,
              };
              return { value, usedTokens: usage.inputTokens + usage.outputTokens };
            } finally {
              session.dispose({ disposeSequence: false });
            }
          }),
        ),
      );
    },

    embed(request: EmbedRequest): Promise<EmbedResponse> {
      return policy.run(estimateEmbedTokens(request.input), request.signal, () =>
        serially(() =>
          limited(request.signal, async () => {
            const loaded = await load();
            embedding ??= loaded.model.createEmbeddingContext({ contextSize, threads });
            const context = await embedding;
            const vectors: number[][] = [];
            let inputTokens = 0;
            for (const text of request.input) {
              vectors.push([...(await context.getEmbeddingFor(text)).vector]);
              inputTokens += loaded.model.tokenize(text).length;
            }
            const usage: Usage = { inputTokens, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 };
            return { value: { vectors, usage, cost: localCost(usage), model: request.model, cached: false }, usedTokens: inputTokens };
          }),
        ),
      );
    },

    async dispose() {
      const loaded = await loading?.catch(() => undefined);
      loading = undefined;
      await loaded?.dispose();
    },
  };
  const wrapped = withStructuredOutput(options.cache ? withReplayCache(provider, options.cache, options.onEvent) : provider);
  return { ...wrapped, threads, dispose: provider.dispose };
}

function meter(sequence: LlamaContextSequenceLike): { input: number; output: number } {
  return { input: sequence.tokenMeter.usedInputTokens, output: sequence.tokenMeter.usedOutputTokens };
}

function usageSince(before: { input: number; output: number }, after: { input: number; output: number }): Usage {
  return { inputTokens: after.input - before.input, cachedInputTokens: 0, outputTokens: after.output - before.output, reasoningTokens: 0 };
}

function localCost(usage: Usage): LlmCost {
  return { usd: LOCAL_COST_USD, priceKnown: true, inputTokens: usage.inputTokens, cachedInputTokens: 0, outputTokens: usage.outputTokens, reasoningTokens: 0 };
}

function finishReasonOf(stopReason: string): FinishReason {
  if (stopReason === "maxTokens") return "length";
  if (stopReason === "functionCalls") return "tool-calls";
  if (stopReason === "eogToken" || stopReason === "stopGenerationTrigger" || stopReason === "customStopTrigger") return "stop";
  return "other";
}
