import { describe, expect, it } from 'vitest';
import type { Trigger } from './types.js';
import { validateWorkflow } from './validate.js';

const withTrigger = (trigger: unknown) => ({ mova: '1.0', name: 'x', steps: [{ id: 'a', set: 1 }], trigger });

async function issues(trigger: unknown) {
  const result = await validateWorkflow(withTrigger(trigger));
  return result.ok ? [] : result.issues.map((i) => `${i.pointer} ${i.message}`);
}

describe('workflow triggers', () => {
  it('accepts each kind', async () => {
    const kinds: Trigger[] = [
      { manual: {} },
      {
        webhook: {
          path: 'github/push',
          respond: 'output',
          timeout: '10s',
          signature: { scheme: 'github', secret: 'gh' },
        },
      },
      { webhook: { path: 'x', signature: { scheme: 'hmac', secret: 'k', header: 'X-Sig' } } },
      { schedule: { cron: '0 9 * * 1-5', timezone: 'Europe/Berlin', missed: 'once' } },
      { uses: 'github/issues.new@^1', connection: 'github-prod', with: { owner: 'a' }, every: '30s' },
    ];
    for (const trigger of kinds) expect(await issues(trigger)).toEqual([]);
  });

  it('locates a bad cron expression and an unknown time zone', async () => {
    expect(await issues({ schedule: { cron: '61 * * * *', timezone: 'Mars/Base' } })).toEqual([
      expect.stringMatching(/^\/trigger\/schedule\/cron is not a valid cron expression/),
      '/trigger/schedule/timezone is not a time zone this runtime knows ("Mars/Base")',
    ]);
  });

  it('refuses no kind, two kinds, and poll fields without uses', async () => {
    expect(await issues({})).toEqual(['/trigger needs one of: manual, webhook, schedule, uses']);
    expect(await issues({ manual: {}, webhook: { path: 'x' } })).toEqual([
      '/trigger has more than one of: manual, webhook',
    ]);
    expect(await issues({ schedule: { cron: '* * * * *' }, every: '1m' })).toEqual([
      '/trigger/every only applies together with "uses"',
    ]);
  });

  it('checks webhook fields and poll intervals', async () => {
    expect(await issues({ webhook: { path: 'Bad Path' } })).toEqual(['/trigger/webhook/path is not valid']);
    expect(await issues({ webhook: { path: 'x', timeout: '10m' } })).toEqual([
      '/trigger/webhook/timeout must be between 1ms and 5m',
    ]);
    expect(await issues({ webhook: { path: 'x', signature: { scheme: 'github', secret: 'g', header: 'X' } } })).toEqual(
      ['/trigger/webhook/signature/header only applies to the hmac scheme'],
    );
    expect(await issues({ uses: 'github/issues.new@^1', every: '100ms' })).toEqual([
      '/trigger/every is shorter than 1s',
    ]);
    expect(await issues({ uses: 'http_fetch' })).toEqual([
      '/trigger/uses names the built-in "http_fetch", not a connector trigger',
    ]);
  });
});
