import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '@mova/runtime/audit';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError } from './cli.js';
import { copyConnector, jsonOf, type RegistrySandbox, registrySandbox, setVersion } from './registry-support.js';

const NAME = '@mova/connector-crypto';
const FLOW = { mova: '1.0', name: 'audited', inputs: { type: 'object' }, steps: [{ id: 'one', set: 1 }] };

describe('the audit log of CLI commands', () => {
  let sandbox: RegistrySandbox;
  let connector: string;
  let project: string;
  let first: string;
  let second: string;
  const auditFile = () => join(sandbox.root, 'data', 'audit.jsonl');

  beforeAll(async () => {
    sandbox = await registrySandbox('audit', ['mova']);
    connector = await copyConnector(sandbox.root, 'crypto');
    first = JSON.parse(await readFile(join(connector, 'package.json'), 'utf8')).version;
    second = semver.inc(first, 'patch') ?? '';
    project = join(sandbox.root, 'project');
    await mkdir(project, { recursive: true });
    await writeFile(join(project, 'flow.json'), JSON.stringify(FLOW));
  }, 120_000);
  afterAll(() => sandbox?.close());

  it('publish, install, upgrade and run leave their lines, by the OS user, from this machine', async () => {
    const url = sandbox.registry.url;
    expect((await sandbox.run(['login', '--registry', url, '-u', 'mova', '-p', 'mova-pw-1'])).code).toBe(0);
    const published = await sandbox.run(['publish', '--dir', connector, '--skip-checks']);
    expect(published.code, published.stderr).toBe(0);
    const installed = await sandbox.runIn(project, ['install', 'crypto', '--registry', url]);
    expect(installed.code, installed.stderr).toBe(0);
    await setVersion(connector, second);
    expect((await sandbox.run(['publish', '--dir', connector, '--skip-checks'])).code).toBe(0);
    const upgraded = await sandbox.runIn(project, ['upgrade', '--registry', url]);
    expect(upgraded.code, upgraded.stderr).toBe(0);
    const ran = await sandbox.runIn(project, ['run', 'flow.json']);
    expect(ran.code, ran.stderr).toBe(0);

    const listed = await sandbox.run(['audit', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const { entries, skipped } = jsonOf<{ entries: AuditEntry[]; skipped: number }>(listed);
    expect(skipped).toBe(0);
    expect(entries.map((e) => [e.action, e.subject])).toEqual([
      ['published', `${NAME}@${first}`],
      ['installed', `${NAME}@${first}`],
      ['published', `${NAME}@${second}`],
      ['upgraded', `${NAME}@${second}`],
      ['run.started', 'audited'],
      ['run.finished', 'audited'],
    ]);
    const user = userInfo().username;
    expect(entries.every((e) => e.actor === user && typeof e.from.host === 'string' && e.from.pid > 0)).toBe(true);
    expect(entries[1]?.details).toMatchObject({ range: `^${semver.major(first)}`, registry: url });
    expect(entries[3]?.details).toMatchObject({ from: first });
    expect(entries[5]?.details).toMatchObject({ status: 'completed' });

    const runs = jsonOf<{ entries: AuditEntry[] }>(await sandbox.run(['audit', '--action', 'run.*', '--json']));
    expect(runs.entries.map((e) => e.action)).toEqual(['run.started', 'run.finished']);
    const crypto = jsonOf<{ entries: AuditEntry[] }>(
      await sandbox.run(['audit', '--subject', 'crypto', '--action', 'upgraded', '--json']),
    );
    expect(crypto.entries.map((e) => e.subject)).toEqual([`${NAME}@${second}`]);
    const newest = jsonOf<{ entries: AuditEntry[] }>(await sandbox.run(['audit', '-n', '2', '--json']));
    expect(newest.entries.map((e) => e.action)).toEqual(['run.started', 'run.finished']);
  }, 240_000);

  it('lists past a torn last line, says so, and keeps recording after it', async () => {
    await appendFile(auditFile(), '{"time":"2026-01-01T00:00:00.000Z","actor":"x","act');
    const table = await sandbox.run(['audit', '--action', 'run.*']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^TIME\s+ACTOR\s+ACTION\s+SUBJECT\s+FROM$/);
    expect(table.stdout).toMatch(/run\.finished\s+audited/);
    expect(table.stderr).toContain('1 line(s) of');
    expect((await sandbox.runIn(project, ['run', 'flow.json'])).code).toBe(0);
    const after = jsonOf<{ entries: AuditEntry[]; skipped: number }>(await sandbox.run(['audit', '--json']));
    expect(after.skipped).toBe(1);
    expect(after.entries.slice(-2).map((e) => e.action)).toEqual(['run.started', 'run.finished']);
  }, 60_000);

  it('refuses a --since that is no age or date', async () => {
    expectOneLineError(
      await sandbox.run(['audit', '--since', 'yesterday']),
      2,
      /^Error: --since must be an age or a date/,
    );
  });
});
