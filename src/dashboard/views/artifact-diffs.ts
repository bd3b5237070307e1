/**
 * The artifact diffs a trial carries: a `diff` user attribute (a unified diff or a list, one
 * per update), or the generative optimizer's record (`userAttrs.generative.diff`, on the
 * first trial of each new artifact version). Empty diffs (nothing changed) are left out.
 */
export function artifactDiffs(userAttrs: Record<string, unknown>): string[] {
  const { diff, generative } = userAttrs;
  const own = typeof diff === "string" ? [diff] : Array.isArray(diff) ? diff.filter((d): d is string => typeof d === "string") : [];
  const update = generative && typeof generative === "object" ? (generative as { diff?: unknown }).diff : undefined;
  return [...own, ...(typeof update === "string" ? [update] : [])].filter((d) => d.trim() !== "");
}
