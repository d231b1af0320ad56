import fs from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canFsync, syncEveryWrite } from './durability.js';

// The flags an open file descriptor really has, as Linux reports them (octal).
const flagsOf = (fd: number) =>
  Number.parseInt(/flags:\s+(\d+)/.exec(fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1] ?? '0', 8);

describe.runIf(process.platform === 'linux')('durability', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mova-sqlite-dsync-'));
    await writeFile(join(dir, 'a.db'), '');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fsync works outside the permission model', () => {
    expect(canFsync(join(dir, 'a.db'))).toBe(true);
  });

  it('opens the database and its siblings O_DSYNC while registered, and nothing else', () => {
    const db = join(dir, 'a.db');
    const release = syncEveryWrite(db);
    const opened = (path: string) => {
      // Through the module object, as node-sqlite3-wasm calls it (named imports are not patched).
      const fd = fs.openSync(path, fs.constants.O_RDWR | fs.constants.O_CREAT);
      try {
        return (flagsOf(fd) & fs.constants.O_DSYNC) !== 0;
      } finally {
        fs.closeSync(fd);
      }
    };
    expect(opened(db)).toBe(true);
    expect(opened(`${db}-journal`)).toBe(true);
    expect(opened(join(dir, 'other.db'))).toBe(false);
    expect(opened(`${db}.backup`)).toBe(false);
    release();
    expect(opened(db)).toBe(false);
  });
});
