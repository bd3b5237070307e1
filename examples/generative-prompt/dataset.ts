/**
 * The example's data: a small synthetic sentiment task (not a benchmark), shipped in
 * knobs/testing so the offline demo there uses the same messages.
 */
export {
  SENTIMENT_LABELS as LABELS,
  SENTIMENT_TRAIN as TRAIN,
  SENTIMENT_VALIDATION as VALIDATION,
  SENTIMENT_MINIBATCH_SIZE as MINIBATCH_SIZE,
  sentimentMinibatch as trainingMinibatch,
  type SentimentExample as Example,
  type SentimentLabel as Label,
} from "knobs/testing";
