// Types of goals.mjs, for runtime/test/bench-goals.test.ts (the bench itself is plain JavaScript).
export type Verdict = 'met' | 'MISSED' | 'info' | 'not measured';
export interface GoalRow {
  goal: string;
  measured: string;
  baseline: string;
  ratio: string;
  verdict: Verdict;
}
export function judge(value: number | null | undefined, op: '>=' | '<=' | '<', limit: number): Verdict;
export function notMeasured(goal: string, why: string): GoalRow;
export const N8N_MISSING: string;
// biome-ignore lint/suspicious/noExplicitAny: each part's figures are the JSON its script prints
export const GOALS: Record<string, (data: any) => GoalRow[]>;
export function goalsTable(rows: (GoalRow & { part: string })[]): string;
