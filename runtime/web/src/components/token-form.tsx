import { useState } from 'preact/hooks';
import { ApiError, checkToken, token } from '../api.js';

interface Props {
  /** The server refused the token the tab held. */
  refused: boolean;
  onAccepted: () => void;
}

/** Asks for the API token once per tab; it is checked against the server before it is kept. */
export function TokenForm({ refused, onAccepted }: Props) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(
    refused ? 'The server refused the token this tab held. Enter the current one.' : null,
  );
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const candidate = value.trim();
    if (!candidate) return;
    setBusy(true);
    try {
      await checkToken(candidate);
      token.set(candidate);
      onAccepted();
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? 'The server refused this token. Use the one serve printed at start (or its --token / MOVA_SERVE_TOKEN).'
          : `Could not reach the server: ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="token-form panel" onSubmit={submit}>
      <h1>Sign in to this server</h1>
      <p class="muted">
        The runs API needs the token <code>mova-connector serve</code> printed when it started. This tab keeps it until
        you close it.
      </p>
      <label for="token">API token</label>
      <input
        id="token"
        type="password"
        autoComplete="off"
        value={value}
        onInput={(e) => setValue(e.currentTarget.value)}
        required
      />
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Checking…' : 'Continue'}
      </button>
    </form>
  );
}
