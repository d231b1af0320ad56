/**
 * A payload as the step outputs it: the JSON value it holds, or its text when it is not JSON
 * (a function may return any bytes); null when empty.
 */
export function payloadOf(bytes: Uint8Array | undefined): unknown {
  if (!bytes || bytes.length === 0) return null;
  const text = new TextDecoder('utf-8').decode(bytes);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The log tail Lambda returns base64-encoded in X-Amz-Log-Result (its last 4 KB), as text. */
export function logTailOf(logResult: string | undefined): string | undefined {
  return logResult ? Buffer.from(logResult, 'base64').toString('utf8') : undefined;
}

/** What an unhandled function error's payload says: {"errorType","errorMessage","stackTrace"}. */
export function functionErrorOf(payload: unknown): { errorType?: string; errorMessage?: string } {
  if (typeof payload !== 'object' || payload === null)
    return typeof payload === 'string' ? { errorMessage: payload } : {};
  const errorType = 'errorType' in payload && typeof payload.errorType === 'string' ? payload.errorType : undefined;
  const errorMessage =
    'errorMessage' in payload && typeof payload.errorMessage === 'string' ? payload.errorMessage : undefined;
  return { ...(errorType ? { errorType } : {}), ...(errorMessage ? { errorMessage } : {}) };
}
