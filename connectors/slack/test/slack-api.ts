import nock from 'nock';

export const TOKEN = 'xoxb-1234-5678-test';
export const connection = { token: TOKEN };

/** Slack's Web API host, answering only requests that carry the connection's bearer token. */
export function slackApi(): nock.Scope {
  return nock('https://slack.com', { reqheaders: { authorization: `Bearer ${TOKEN}` } });
}

type ErrorField = 'kind' | 'hint' | 'issues' | 'status' | 'retryAfter' | 'vendorMessage';

/** The error `call` failed with, its fields readable; fails the test if the call succeeded. */
export async function failure(call: Promise<unknown>): Promise<Error & Partial<Record<ErrorField, unknown>>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
