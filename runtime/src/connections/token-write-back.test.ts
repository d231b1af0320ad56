import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../audit/audit-log.js';
import type { StepRef } from '../events.js';
import { type Connection, type ConnectionProvider, connectionsFrom } from './connections.js';
import { type RunTokenSinks, TokenWriteBack } from './token-write-back.js';

const step: StepRef = { key: 'me', id: 'me', pointer: '/steps/0', kind: 'uses' };
const now = () => Math.floor(Date.now() / 1000);

function sinks() {
  const audit: AuditRecord[] = [];
  const learnt: string[] = [];
  const warnings: string[] = [];
  const run: RunTokenSinks = {
    runId: 'run-1',
    workflow: 'wf',
    audit: (record) => void audit.push(record),
    learn: (secrets) => void learnt.push(...secrets),
    warn: (_step, message) => void warnings.push(message),
  };
  return { run, audit, learnt, warnings };
}

const crm = (auth: Record<string, unknown>): Record<string, Connection> => ({ crm: { connector: 'crm', auth } });

describe('TokenWriteBack', () => {
  it('gives refreshed tokens to calls of that chain only, never to other credentials under the same name', async () => {
    const writeBack = new TokenWriteBack(connectionsFrom(crm({ accessToken: 'at_0', refreshToken: 'rt_0' })));
    const run = sinks().run;
    const tokens = writeBack.forRun(run);
    const stale = { clientId: 'app', accessToken: 'at_0', refreshToken: 'rt_0', expiresAt: now() - 60 };
    const first = { accessToken: 'at_1', refreshToken: 'rt_1', expiresAt: now() + 3600 };
    await tokens.save({ name: 'crm', connector: 'crm', auth: stale, step }, first);
    const second = { accessToken: 'at_2', refreshToken: 'rt_2', expiresAt: now() + 7200 };
    await tokens.save({ name: 'crm', connector: 'crm', auth: { ...stale, ...first }, step }, second);
    // Both the original and the first refresh's tokens are replaced by the newest.
    expect(await tokens.authOf('crm', stale)).toEqual({ ...stale, ...second });
    expect(await tokens.authOf('crm', { ...stale, ...first })).toEqual({ ...stale, ...second });
    // Another access token, or only another refresh token, is someone else's connection.
    const other = { clientId: 'app', accessToken: 'nope' };
    expect(await tokens.authOf('crm', other)).toEqual(other);
    const revoked = { clientId: 'app', refreshToken: 'rt_revoked' };
    expect(await tokens.authOf('crm', revoked)).toEqual(revoked);
  });

  it('stores the tokens, audits without secrets, teaches the run its new secrets and gives later calls the tokens', async () => {
    const connections = crm({ accessToken: 'at_0', refreshToken: 'rt_0', expiresAt: now() - 60 });
    const writeBack = new TokenWriteBack(connectionsFrom(connections));
    const { run, audit, learnt, warnings } = sinks();
    const tokens = writeBack.forRun(run);
    const callAuth = { accessToken: 'at_0', refreshToken: 'rt_0', expiresAt: now() - 60 };
    const expiresAt = now() + 3600;
    await tokens.save(
      { name: 'crm', connector: 'crm', auth: callAuth, step },
      { accessToken: 'at_1', refreshToken: 'rt_1', expiresAt },
    );
    expect(connections.crm?.auth).toEqual({ accessToken: 'at_1', refreshToken: 'rt_1', expiresAt });
    expect(learnt).toEqual(['at_1', 'rt_1']);
    expect(warnings).toEqual([]);
    expect(audit).toEqual([
      {
        action: 'connection.token_refreshed',
        subject: 'crm',
        details: {
          runId: 'run-1',
          workflow: 'wf',
          connector: 'crm',
          step: 'me',
          stored: 'saved',
          refreshToken: 'rotated',
          expiresAt: new Date(expiresAt * 1000).toISOString(),
        },
      },
    ]);
    // A later run of this runtime, whose plan still holds the stale tokens.
    expect(await writeBack.forRun(sinks().run).authOf('crm', callAuth)).toEqual({
      accessToken: 'at_1',
      refreshToken: 'rt_1',
      expiresAt,
    });
    expect(writeBack.secretsOf(['crm', 'other'])).toEqual(['at_1', 'rt_1']);
  });

  it('reads the store again for a stale token: another process may have refreshed it', async () => {
    const expiresAt = now() + 3600;
    const writeBack = new TokenWriteBack(
      connectionsFrom(crm({ accessToken: 'at_9', refreshToken: 'rt_9', expiresAt })),
    );
    const tokens = writeBack.forRun(sinks().run);
    const planned = { accessToken: 'at_0', refreshToken: 'rt_0', expiresAt: now() - 60, clientId: 'c' };
    expect(await tokens.authOf('crm', planned)).toEqual({
      accessToken: 'at_9',
      refreshToken: 'rt_9',
      expiresAt,
      clientId: 'c',
    });
    const fresh = { accessToken: 'at_0', expiresAt: now() + 600 };
    expect(await tokens.authOf('crm', fresh)).toBe(fresh);
  });

  it('says once that an environment connection cannot be written, and reports a store that fails', async () => {
    const unwritable: ConnectionProvider = { get: async () => ({ connector: 'crm', auth: {} }) };
    const writeBack = new TokenWriteBack(unwritable);
    const { run, audit, warnings } = sinks();
    const tokens = writeBack.forRun(run);
    const call = { name: 'crm', connector: 'crm', auth: {}, step };
    await tokens.save(call, { accessToken: 'at_1' });
    await tokens.save(call, { accessToken: 'at_2' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('does not write to');
    expect(audit.map((record) => record.details?.stored)).toEqual(['unsupported', 'unsupported']);

    const failing = new TokenWriteBack({
      ...unwritable,
      saveTokens: async () => {
        throw new Error('disk full');
      },
    });
    const failed = sinks();
    await failing.forRun(failed.run).save(call, { accessToken: 'at_3' });
    expect(failed.warnings).toEqual(['the OAuth2 tokens refreshed for connection "crm" were not stored: disk full']);
    expect(failed.audit[0]?.details?.stored).toBe('failed');
  });
});
