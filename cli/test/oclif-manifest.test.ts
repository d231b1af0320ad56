import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, without type declarations
import { computeManifest, MANIFEST } from '../scripts/write-oclif-manifest.mjs';
import { cli } from './cli.js';

describe('the oclif command manifest', () => {
  it('is what the built commands declare: a stale one would hide new commands and flags from help', async () => {
    const written = JSON.parse(await readFile(MANIFEST, 'utf8'));
    const computed = JSON.parse(JSON.stringify(await computeManifest()));
    expect(written.commands).toEqual(computed.commands);
    expect(Object.keys(written.commands)).toContain('registry:start');
  }, 60_000);

  it('serves help for a command from the manifest', async () => {
    const help = await cli(['search', '--help'], process.cwd());
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('--category=<value>');
  });
});
