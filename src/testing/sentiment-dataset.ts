/**
 * A small synthetic sentiment task, written for the generative-prompt example and the offline
 * LLM demo (not a benchmark, not real data): short
 * customer messages labelled positive, negative or neutral. Some are sarcastic (praise
 * words around a complaint: negative) and some are mixed (a good and a bad point:
 * neutral), the two cases a terse classification prompt tends to get wrong.
 */

export type Label = "positive" | "negative" | "neutral";

export interface Example {
  id: string;
  text: string;
  label: Label;
  /** What makes it hard: nothing, sarcasm, or a mix of good and bad points. */
  kind: "plain" | "sarcasm" | "mixed";
}

export const LABELS: readonly Label[] = ["positive", "negative", "neutral"];

/** Training examples: each training trial scores a minibatch of 4 of them. */
export const TRAIN: readonly Example[] = [
  { id: "t1", text: "The package arrived early and works perfectly.", label: "positive", kind: "plain" },
  { id: "t2", text: "Terrible support, nobody answered my emails for a week.", label: "negative", kind: "plain" },
  { id: "t3", text: "Oh great, another update that deletes my files. Just what I needed.", label: "negative", kind: "sarcasm" },
  { id: "t4", text: "The screen is gorgeous but the battery dies by noon.", label: "neutral", kind: "mixed" },
  { id: "t5", text: "Love the new dashboard, so much faster.", label: "positive", kind: "plain" },
  { id: "t6", text: "Wow, only three hours on hold. Fantastic service.", label: "negative", kind: "sarcasm" },
  { id: "t7", text: "Fast shipping, though the box was damaged.", label: "neutral", kind: "mixed" },
  { id: "t8", text: "The app crashes every time I open settings.", label: "negative", kind: "plain" },
  { id: "t9", text: "Sure, I love paying twice for the same thing.", label: "negative", kind: "sarcasm" },
  { id: "t10", text: "Great price, awful customer service.", label: "neutral", kind: "mixed" },
  { id: "t11", text: "The order was delivered on Tuesday.", label: "neutral", kind: "plain" },
  { id: "t12", text: "I asked for a refund and got it within a day, thank you!", label: "positive", kind: "plain" },
];

/** Validation examples: a validation trial scores all of them; the optimizer never sees their feedback. */
export const VALIDATION: readonly Example[] = [
  { id: "v1", text: "Best purchase I made this year.", label: "positive", kind: "plain" },
  { id: "v2", text: "The charger stopped working after two days.", label: "negative", kind: "plain" },
  { id: "v3", text: "My invoice number is 4471.", label: "neutral", kind: "plain" },
  { id: "v4", text: "Brilliant, the login page is down again.", label: "negative", kind: "sarcasm" },
  { id: "v5", text: "Thanks a lot for losing my parcel.", label: "negative", kind: "sarcasm" },
  { id: "v6", text: "Amazing how the app forgets my password every day.", label: "negative", kind: "sarcasm" },
  { id: "v7", text: "Good camera, weak speaker.", label: "neutral", kind: "mixed" },
  { id: "v8", text: "Nice design but it overheats.", label: "neutral", kind: "mixed" },
  { id: "v9", text: "Cheap, yet slow to arrive.", label: "neutral", kind: "mixed" },
];

export const MINIBATCH_SIZE = 4;

/** The training minibatch of a trial: 4 consecutive examples starting at a place set by the trial number. */
export function trainingMinibatch(trialNumber: number): Example[] {
  const start = (trialNumber * MINIBATCH_SIZE) % TRAIN.length;
  return Array.from({ length: MINIBATCH_SIZE }, (_, i) => TRAIN[(start + i) % TRAIN.length]);
}
