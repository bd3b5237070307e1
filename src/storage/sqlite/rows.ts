import type { StudyRecord, TrialRecord, TrialState } from "../spec.js";

/** Row shapes of the SQL tables and their mapping to records (shared by SQL backends). */
export interface StudyRow {
  id: number;
  name: string;
  objectives: string;
  space: string | null;
  user_attrs: string;
  system_attrs: string;
  optimizer_cost: string;
  created_at: number;
}

export interface TrialRow {
  id: number;
  study_id: number;
  number: number;
  state: string;
  config: string;
  params: string;
  fidelity: string | null;
  values: string | null;
  intermediate: string;
  cost: string;
  constraints: string | null;
  user_attrs: string;
  system_attrs: string;
  error: string | null;
  worker_id: string | null;
  heartbeat: number | null;
  retries: number;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
}

export function studyFromRow(row: StudyRow): StudyRecord {
  return {
    id: Number(row.id),
    name: row.name,
    objectives: JSON.parse(row.objectives),
    space: row.space === null ? null : JSON.parse(row.space),
    userAttrs: JSON.parse(row.user_attrs),
    systemAttrs: JSON.parse(row.system_attrs),
    optimizerCost: JSON.parse(row.optimizer_cost),
    createdAt: Number(row.created_at),
  };
}

export function trialFromRow(row: TrialRow): TrialRecord {
  return {
    id: Number(row.id),
    studyId: Number(row.study_id),
    number: Number(row.number),
    state: row.state as TrialState,
    config: JSON.parse(row.config),
    params: JSON.parse(row.params),
    fidelity: row.fidelity === null ? null : JSON.parse(row.fidelity),
    values: row.values === null ? null : parseNumbers(row.values),
    intermediate: JSON.parse(row.intermediate),
    cost: JSON.parse(row.cost),
    constraints: row.constraints === null ? null : parseNumbers(row.constraints),
    userAttrs: JSON.parse(row.user_attrs),
    systemAttrs: JSON.parse(row.system_attrs),
    error: row.error,
    workerId: row.worker_id,
    heartbeat: row.heartbeat === null ? null : Number(row.heartbeat),
    retries: Number(row.retries),
    createdAt: Number(row.created_at),
    startedAt: row.started_at === null ? null : Number(row.started_at),
    completedAt: row.completed_at === null ? null : Number(row.completed_at),
  };
}

/** JSON has no infinities: values are stored with them spelled as strings. */
export function stringifyNumbers(values: readonly number[] | null | undefined): string | null {
  if (values === null || values === undefined) return null;
  return JSON.stringify(values.map((v) => (Number.isFinite(v) ? v : String(v))));
}

function parseNumbers(text: string): number[] {
  return (JSON.parse(text) as (number | string)[]).map((v) => (typeof v === "number" ? v : Number(v)));
}
