import type { RunRecord } from '@mova/runtime';
import {
  compactJson,
  elapsed,
  errorText,
  formatMs,
  formatTime,
  pointerDepth,
  recordLabel,
  stepLine,
  widthsFor,
} from './format.js';

/**
 * A recorded run for people: its status and timing, inputs, every step (status, duration, the
 * exact connector version and its content integrity, input of connector steps, output, error) and
 * the run's output or error. Long values are cut; the whole record is what --json prints.
 */
export function runDetails(run: RunRecord): string[] {
  const took = elapsed(run.startedAt, run.endedAt);
  const lines = [
    `Run ${run.id}`,
    `  workflow  ${run.workflow}`,
    `  status    ${run.status}`,
    `  started   ${formatTime(run.startedAt)}${took === undefined ? '' : `, took ${formatMs(took)}`}`,
    `  inputs    ${compactJson(run.inputs)}`,
  ];
  const rows = run.steps.map((step) => ({
    step,
    depth: pointerDepth(step.pointer),
    key: step.key,
    label: recordLabel(step),
  }));
  const widths = widthsFor(rows);
  lines.push(rows.length > 0 ? 'Steps' : 'Steps: none ran');
  for (const { step, depth, key, label } of rows) {
    const retried = step.attempts > 1 ? `, ${step.attempts} attempts` : '';
    const durationMs = elapsed(step.startedAt, step.endedAt);
    lines.push(
      stepLine({ mark: step.status, depth, key, label, durationMs, status: `${step.status}${retried}` }, widths),
    );
    const indent = `${'  '.repeat(depth)}    `;
    // The content digest proves which bytes ran: the lockfile's contentIntegrity for this version.
    if (step.connector && step.connectorIntegrity) {
      lines.push(`${indent}ran     ${step.connector} ${step.connectorIntegrity}`);
    }
    if (step.input !== undefined) lines.push(`${indent}input   ${compactJson(step.input)}`);
    if (step.output !== undefined) lines.push(`${indent}output  ${compactJson(step.output)}`);
    if (step.error) lines.push(`${indent}error   ${errorText(step.error)}`);
  }
  if (run.output !== undefined) lines.push(`Output  ${compactJson(run.output, 2000)}`);
  if (run.error) lines.push(`Error   ${errorText(run.error)}${run.error.pointer ? ` at ${run.error.pointer}` : ''}`);
  return lines;
}
