import type { Step } from '../api.js';
import { elapsed, formatDuration, formatJson } from '../format.js';
import { ApprovalForm } from './approval-form.js';
import { ErrorBox } from './error-box.js';
import { StatusBadge } from './status-badge.js';

interface Props {
  runId: string;
  /** The run's start, so each step shows when it began relative to it. */
  runStart: string;
  step: Step;
  onDecided: () => void;
}

/** One step of the timeline: status, duration, connector@version, attempts, input and output as recorded. */
export function StepItem({ runId, runStart, step, onDecided }: Props) {
  const offset = elapsed(runStart, step.startedAt);
  return (
    <li class={`step step-${step.status}`} data-step={step.key}>
      <div class="step-head">
        <span class="step-key mono">{step.key}</span>
        <span class="step-kind">{step.kind}</span>
        <StatusBadge status={step.status} />
        <span class="step-time muted">
          +{formatDuration(offset)}
          {step.endedAt ? ` · ${formatDuration(elapsed(step.startedAt, step.endedAt))}` : ''}
        </span>
      </div>
      {(step.connector || step.attempts > 1) && (
        <p class="step-meta muted">
          {step.connector && <span class="step-connector mono">{step.connector}</span>}
          {step.attempts > 1 && <span class="step-attempts">{step.attempts} attempts</span>}
        </p>
      )}
      {step.error && <ErrorBox error={step.error} />}
      {step.input !== undefined && (
        <details class="io">
          <summary>Input</summary>
          <pre class="json">{formatJson(step.input)}</pre>
        </details>
      )}
      {step.output !== undefined && (
        <details class="io">
          <summary>Output</summary>
          <pre class="json">{formatJson(step.output)}</pre>
        </details>
      )}
      {step.kind === 'approval' && step.status === 'waiting' && (
        <ApprovalForm runId={runId} step={step.key} onDecided={onDecided} />
      )}
    </li>
  );
}
