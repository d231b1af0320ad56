import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './data-dir.js';

describe('defaultDataDir', () => {
  it('follows XDG_DATA_HOME, else ~/.local/share', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/data' })).toBe(join('/data', 'mova', 'registry'));
    if (process.platform !== 'win32') {
      expect(defaultDataDir({})).toBe(join(homedir(), '.local', 'share', 'mova', 'registry'));
    }
  });
});
