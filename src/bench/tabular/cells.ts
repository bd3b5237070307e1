import type { Value } from "../../space/index.js";

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(["True", "true", "TRUE"]);
const FALSE = new Set(["False", "false", "FALSE"]);

/**
 * The number a cell holds: decimal literals, and True/False as 1/0 (some LLMSYS-HPOBench
 * objectives such as `is_successful` are booleans). Returns null for an empty cell and
 * undefined for anything else (including NaN and Infinity, which a benchmark value must not be).
 */
export function numberCell(cell: string): number | null | undefined {
  const text = cell.trim();
  if (text === "") return null;
  if (NUMBER.test(text)) return Number(text);
  if (TRUE.has(text)) return 1;
  if (FALSE.has(text)) return 0;
  return undefined;
}

/**
 * The parameter value a config cell holds: a number for a decimal literal, a boolean for
 * True/False (any case as written by Python, R or spreadsheets), the text otherwise; null
 * for an empty cell ("not set").
 */
export function valueCell(cell: string): Value {
  const text = cell.trim();
  if (text === "") return null;
  if (NUMBER.test(text)) return Number(text);
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return text;
}
