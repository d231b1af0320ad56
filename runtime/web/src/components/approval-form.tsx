import { useState } from 'preact/hooks';
import { decide } from '../api.js';

interface Props {
  runId: string;
  step: string;
  /** Called once the server took the decision, so the run is read again. */
  onDecided: () => void;
}

/** Approve or reject a waiting approval step, with an optional comment recorded beside the decision. */
export function ApprovalForm({ runId, step, onDecided }: Props) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async (decision: 'approve' | 'reject') => {
    setBusy(true);
    setError(null);
    try {
      await decide(runId, step, decision, comment);
      onDecided();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="approval" onSubmit={(e) => e.preventDefault()}>
      <label for={`comment-${step}`}>Comment (optional)</label>
      <textarea id={`comment-${step}`} rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      <div class="approval-buttons">
        <button type="button" class="primary" disabled={busy} onClick={() => send('approve')}>
          Approve
        </button>
        <button type="button" class="danger" disabled={busy} onClick={() => send('reject')}>
          Reject
        </button>
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
