import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { node } from './cli.js';

// `mova-connector validate` on every first-party connector, exactly as an author runs it: the
// manifest, its schemas and examples, and the conventions (descriptions, examples, field docs).
const CONNECTORS = fileURLToPath(new URL('../../connectors/', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const names = readdirSync(CONNECTORS).filter((name) => existsSync(join(CONNECTORS, name, 'package.json')));

describe('every first-party connector passes `mova-connector validate`', () => {
  it('finds the connectors', () => {
    expect(names.length).toBeGreaterThanOrEqual(11);
  });

  it.concurrent.for(names)('%s', async (name, { expect }) => {
    const result = await node([BIN, 'validate', '--json'], join(CONNECTORS, name));
    expect(result.code, `${name}\n${result.stdout}\n${result.stderr}`).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ valid: true, issues: [] });
  });
});
