/**
 * knobs/testing: what users need to test their own samplers, storages and LLM code offline.
 */
export { runSampler, makeTrial, type RunSamplerOptions } from "./run-sampler.js";
export { storageConformanceSuite, type StorageConformanceOptions, type TestHarness } from "./storage-suite.js";
export { chatCompletion, ScriptedServer, type ReceivedRequest, type ScriptedReply } from "./scripted-server.js";
// An offline LLM demo: the generative-prompt example's data and rule-based stand-ins for its two models.
export {
  LABELS as SENTIMENT_LABELS,
  TRAIN as SENTIMENT_TRAIN,
  VALIDATION as SENTIMENT_VALIDATION,
  MINIBATCH_SIZE as SENTIMENT_MINIBATCH_SIZE,
  trainingMinibatch as sentimentMinibatch,
  type Example as SentimentExample,
  type Label as SentimentLabel,
} from "./sentiment-dataset.js";
export { serveSentimentModels, SENTIMENT_OPTIMIZER_MODEL, SENTIMENT_SUT_MODEL } from "./sentiment-models.js";
