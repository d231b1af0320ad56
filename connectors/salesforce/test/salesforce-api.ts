import nock from 'nock';

export const INSTANCE = 'https://acme.my.salesforce.com';
export const TOKEN = '00D5e000000ABCD!AQ8AQFakeAccessTokenForTests';
export const BASE = '/services/data/v62.0';
export const connection = { instanceUrl: INSTANCE, accessToken: TOKEN };

/** The org's REST API, answering only requests that carry the connection's access token. */
export function orgApi(token = TOKEN): nock.Scope {
  return nock(INSTANCE, { reqheaders: { authorization: `Bearer ${token}` } });
}

/** Salesforce's error body: a list of `{ message, errorCode, fields? }`. */
export function errorBody(errorCode: string, message: string, fields?: string[]) {
  return [{ message, errorCode, ...(fields ? { fields } : {}) }];
}

type ErrorField = 'kind' | 'hint' | 'issues' | 'status' | 'vendorMessage';

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
