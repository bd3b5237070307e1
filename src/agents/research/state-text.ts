import type { Config } from "../../space/index.js";
import { fidelityLabel, formatValue } from "./describe.js";
import type { ResearchState, TrialSummary } from "./spec.js";

/** Best runs per level shown with their configuration; promotable runs listed per level; characters of a past step's reasoning. */
const SHOWN_WITH_CONFIG = 3;
const SHOWN_CANDIDATES = 10;
const REASONING_CHARS = 240;

/** The fidelity ladder for the system prompt: one line per level. */
export function levelsText(state: ResearchState): string {
  const top = state.levels.length - 1;
  return state.levels.map((level) => `- level ${level.index}: ${fidelityLabel(level.fidelity)} (resource ${formatValue(level.resource)})${level.index === top ? ", the top level" : ""}`).join("\n");
}

/**
 * The state of the research in words and numbers: spend, then per level its runs, best
 * trials with configurations and promotable trials, then how each level agrees with the
 * top (Spearman and the linear map), then the best top-level result.
 */
export function stateText(state: ResearchState): string {
  const top = state.levels.length - 1;
  const unit = state.costName ? `"${state.costName}"` : "resource units (no cost reported)";
  const lines: string[] = [];
  const total = state.levels.reduce((sum, level) => sum + level.spent, 0);
  lines.push(`Spend so far in ${unit}: ${formatValue(total)}; the top level takes ${formatValue(state.topShare * 100)}% of it (aim: at most ${formatValue(state.budgetShare * 100)}%).`);
  for (const level of state.levels) {
    lines.push("");
    lines.push(`Level ${level.index} (${fidelityLabel(level.fidelity)}${level.index === top ? ", top" : ""}): ${level.complete} complete, ${level.running} running, ${level.failed} failed; spent ${formatValue(level.spent)}.`);
    if (level.best.length === 0) continue;
    lines.push(`  best: ${level.best.slice(0, SHOWN_WITH_CONFIG).map((t) => `#${t.number} = ${formatValue(t.value)} ${configText(t.config)}`).join("; ")}`);
    if (level.best.length > SHOWN_WITH_CONFIG) lines.push(`  next best: ${level.best.slice(SHOWN_WITH_CONFIG).map(short).join(", ")}`);
    if (level.index < top) {
      const shown = level.candidates.slice(0, SHOWN_CANDIDATES).map(short).join(", ");
      const more = level.candidates.length > SHOWN_CANDIDATES ? ` and ${level.candidates.length - SHOWN_CANDIDATES} more` : "";
      lines.push(level.candidates.length ? `  promotable (top 1/${state.eta}, not yet run higher): ${shown}${more}` : "  promotable: none");
    }
  }
  lines.push("");
  lines.push("Agreement with the top level (Spearman rank correlation over configurations run at both levels):");
  if (state.agreement.length === 0) lines.push("  (one level only)");
  for (const a of state.agreement) {
    const map = a.top.slope !== null ? `; map: top ≈ ${formatValue(a.top.intercept)} + ${formatValue(a.top.slope)} × value (residual sd ${formatValue(a.top.residualSd)})` : "";
    const next = a.level + 1 < top ? `; with level ${a.level + 1}: rho ${formatValue(a.next.spearman)} over ${a.next.pairs}` : "";
    lines.push(`  level ${a.level}: rho ${formatValue(a.top.spearman)} over ${a.top.pairs} configurations (${a.verdict})${map}${next}`);
  }
  lines.push("");
  lines.push(state.incumbent ? `Best at the top level so far: #${state.incumbent.number} = ${formatValue(state.incumbent.value)} ${configText(state.incumbent.config)}` : "No result at the top level yet.");
  return lines.join("\n");
}

/** Hypotheses as a list, or a line saying there are none. */
export function hypothesesText(hypotheses: readonly string[]): string {
  return hypotheses.length ? hypotheses.map((h) => `- ${h}`).join("\n") : "(none yet)";
}

/** The last steps, one line each. */
export function historyText(state: ResearchState): string {
  if (state.history.length === 0) return "(none: this is the first step)";
  return state.history.map((s) => `- step ${s.step}, ${s.action} (${trialsText(s.trials)}): ${clip(s.reasoning)}`).join("\n");
}

function clip(text: string): string {
  return text.length <= REASONING_CHARS ? text : `${text.slice(0, REASONING_CHARS - 1)}…`;
}

function trialsText(trials: readonly number[]): string {
  if (trials.length === 1) return `trial #${trials[0]}`;
  if (trials.length <= 6) return `trials ${trials.map((n) => `#${n}`).join(", ")}`;
  return `${trials.length} trials, #${trials[0]} to #${trials[trials.length - 1]}`;
}

function short(trial: TrialSummary): string {
  return `#${trial.number} = ${formatValue(trial.value)}`;
}

/** A configuration with numbers to four significant digits. */
function configText(config: Config): string {
  const rounded: Config = {};
  for (const [name, value] of Object.entries(config)) rounded[name] = typeof value === "number" ? Number(value.toPrecision(4)) : value;
  return JSON.stringify(rounded);
}
