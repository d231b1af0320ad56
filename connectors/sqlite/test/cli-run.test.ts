import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shell, tempDir } from './helpers.js';

// The path users take: `mova-connector run` on a workflow, the connection from a MOVA_CONNECTION_*
// variable, the connector from this checkout, in the OS sandbox (MOVA_SANDBOX=strict refuses to run
// without it). The workflow writes to its own database, then tries to ATTACH a database elsewhere.
const CLI = fileURLToPath(new URL('../../../cli/bin/run.js', import.meta.url));
const SECRET = 'tok-sqlite-secret-0815';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir?.remove());

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir.dir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('sqlite through mova-connector run', () => {
  it('writes the file the connection names and is refused another one, in the OS sandbox', async () => {
    const filename = join(dir.dir, 'app', 'app.db');
    const secret = join(dir.dir, 'secret', 'secret.db');
    await mkdir(join(dir.dir, 'app'));
    await mkdir(join(dir.dir, 'secret'));
    await shell(filename, 'CREATE TABLE notes (text TEXT)');
    await shell(secret, `CREATE TABLE s (token TEXT); INSERT INTO s VALUES ('${SECRET}')`);
    const flow = join(dir.dir, 'flow.json');
    await writeFile(
      flow,
      JSON.stringify({
        mova: '1.0',
        name: 'sqlite-attach',
        connections: { db: { connector: 'sqlite' } },
        steps: [
          {
            id: 'note',
            uses: 'sqlite/rows.insert@^1',
            connection: 'db',
            with: { table: 'notes', rows: [{ text: 'hi' }] },
          },
          { id: 'steal', uses: 'sqlite/query@^1', connection: 'db', with: { sql: `ATTACH DATABASE '${secret}' AS s` } },
        ],
      }),
    );
    const run = await cli(['run', flow, '--json'], {
      MOVA_DATA_DIR: join(dir.dir, 'data'),
      MOVA_SANDBOX: 'strict',
      MOVA_CONNECTION_DB: JSON.stringify({ connector: 'sqlite', auth: { filename } }),
    });
    const record = JSON.parse(run.stdout) as {
      status: string;
      steps: { id: string; status: string; output?: unknown; error?: { kind: string; message: string } }[];
    };
    expect(record.status, run.stderr).toBe('failed');
    expect(record.steps.map((s) => [s.id, s.status])).toEqual([
      ['note', 'completed'],
      ['steal', 'failed'],
    ]);
    expect(record.steps[1]?.error).toMatchObject({ kind: 'not_found' });
    expect(record.steps[1]?.error?.message).toMatch(/unable to open database: .*secret\.db \(SQLITE_CANTOPEN\)/);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(await shell(filename, 'SELECT text FROM notes')).toEqual([{ text: 'hi' }]);
  });
});
