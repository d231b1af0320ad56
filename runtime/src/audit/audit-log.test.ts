import { appendFile, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUDIT_FILE, AuditLog } from './audit-log.js';

let dir: string;
let log: AuditLog;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mova-audit-'));
  log = new AuditLog(join(dir, 'data'), { actor: 'ada' });
});
afterEach(async () => {
  await log.close();
  await rm(dir, { recursive: true, force: true });
});

describe('AuditLog', () => {
  it('appends one JSON line per entry with time, actor, action, subject and origin', async () => {
    await log.record({ action: 'installed', subject: '@mova/connector-github@2.1.0', details: { range: '^2' } });
    await log.record({ action: 'run.started', subject: 'deploy', actor: 'webhook:github' });
    const lines = (await readFile(join(dir, 'data', AUDIT_FILE), 'utf8')).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      actor: 'ada',
      action: 'installed',
      subject: '@mova/connector-github@2.1.0',
      from: { host: expect.any(String), pid: process.pid },
      details: { range: '^2' },
    });
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ actor: 'webhook:github', action: 'run.started' });
  });

  it('keeps every one of many concurrent records, in order', async () => {
    await Promise.all(Array.from({ length: 200 }, (_, i) => log.record({ action: 'run.started', subject: `w${i}` })));
    const { entries } = await log.list({ limit: 1000 });
    expect(entries.map((e) => e.subject)).toEqual(Array.from({ length: 200 }, (_, i) => `w${i}`));
  });

  it('gives records made in one turn, and records made during an fsync, one shared fdatasync each', async () => {
    await log.record({ action: 'installed', subject: 'warm-up' });
    const probe = await open(join(dir, 'probe'), 'w');
    const handleClass = Object.getPrototypeOf(probe);
    await probe.close();
    const sync = handleClass.datasync;
    const datasync = vi.spyOn(handleClass, 'datasync');
    try {
      // A run's `run.started` and its `connection.used` lines are recorded in one turn.
      const turn = ['run.started', 'connection.used', 'connection.used'].map((action, i) =>
        log.record({ action, subject: `s${i}` }),
      );
      await Promise.all(turn);
      expect(datasync).toHaveBeenCalledTimes(1);
      // Records made while an fsync runs share the next one.
      let during: Promise<void>[] = [];
      datasync.mockImplementationOnce(function (this: unknown) {
        during = [4, 5, 6].map((i) => log.record({ action: 'run.finished', subject: `s${i}` }));
        return sync.call(this);
      });
      await log.record({ action: 'run.finished', subject: 's3' });
      await Promise.all(during);
      expect(during).toHaveLength(3);
      expect(datasync).toHaveBeenCalledTimes(3);
    } finally {
      datasync.mockRestore();
    }
    const { entries } = await log.list();
    expect(entries.map((e) => e.subject)).toEqual(['warm-up', 's0', 's1', 's2', 's3', 's4', 's5', 's6']);
  });

  it('filters by action (with run.*), subject and time, and pages with a cursor', async () => {
    for (const [action, subject] of [
      ['run.started', 'deploy'],
      ['connection.used', 'gh-prod'],
      ['run.finished', 'deploy'],
      ['installed', '@mova/connector-slack@1.4.2'],
      ['run.started', 'report'],
    ]) {
      await log.record({ action: action ?? '', subject: subject ?? '' });
    }
    expect((await log.list({ action: 'run.*' })).entries.map((e) => e.action)).toEqual([
      'run.started',
      'run.finished',
      'run.started',
    ]);
    expect((await log.list({ action: ['installed', 'connection.used'] })).entries).toHaveLength(2);
    expect((await log.list({ subject: 'slack' })).entries.map((e) => e.action)).toEqual(['installed']);
    expect((await log.list({ since: new Date(Date.now() + 60_000) })).entries).toEqual([]);
    expect((await log.list({ since: new Date(Date.now() - 60_000) })).entries).toHaveLength(5);

    const first = await log.list({ limit: 2 });
    expect(first.entries.map((e) => e.subject)).toEqual(['deploy', 'gh-prod']);
    const second = await log.list({ limit: 2, cursor: first.next });
    expect(second.entries.map((e) => e.subject)).toEqual(['deploy', '@mova/connector-slack@1.4.2']);
    const third = await log.list({ limit: 2, cursor: second.next });
    expect(third.entries.map((e) => e.subject)).toEqual(['report']);
    expect(third.next).toBeUndefined();
  });

  it('skips a torn last line and bad lines, and fences a torn line off before the next entry', async () => {
    await log.record({ action: 'installed', subject: 'a@1.0.0' });
    await log.close();
    const path = join(dir, 'data', AUDIT_FILE);
    await appendFile(path, 'not json\n{"time":"2026-01-01T00:00:00Z","act');
    const torn = await log.list();
    expect(torn.entries.map((e) => e.subject)).toEqual(['a@1.0.0']);
    expect(torn.skipped).toBe(2);

    const again = new AuditLog(join(dir, 'data'), { actor: 'ada' });
    await again.record({ action: 'upgraded', subject: 'a@1.1.0' });
    await again.close();
    const after = await log.list();
    expect(after.entries.map((e) => e.subject)).toEqual(['a@1.0.0', 'a@1.1.0']);
    expect(after.skipped).toBe(2);
  });

  it('lists nothing when there is no log yet', async () => {
    expect(await log.list()).toEqual({ entries: [], skipped: 0 });
  });
});
