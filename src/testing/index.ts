/**
 * knobs/testing: what users need to test their own samplers, storages and LLM code offline.
 */
export { runSampler, makeTrial, type RunSamplerOptions } from "./run-sampler.js";
export { storageConformanceSuite, type StorageConformanceOptions, type TestHarness } from "./storage-suite.js";
export { chatCompletion, ScriptedServer, type ReceivedRequest, type ScriptedReply } from "./scripted-server.js";
