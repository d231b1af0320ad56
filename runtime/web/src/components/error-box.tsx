import type { StepErrorInfo } from '../../../src/errors.js';

/** A run's or step's error as recorded: its message, what to do, and where it came from. */
export function ErrorBox({ error }: { error: StepErrorInfo }) {
  return (
    <div class="error-box" role="note">
      <p class="error-message">
        <strong>{error.code ?? 'Error'}</strong> ({error.kind}
        {error.status === undefined ? '' : `, HTTP ${error.status}`}): {error.message}
      </p>
      {error.hint && <p class="error-hint">{error.hint}</p>}
      {(error.connector || error.step) && (
        <p class="muted error-where">
          {error.step && <>step {error.step}</>}
          {error.connector && (
            <>
              {error.step ? ', ' : ''}
              {error.connector}
              {error.actionKey ? ` ${error.actionKey}` : ''}
            </>
          )}
        </p>
      )}
    </div>
  );
}
