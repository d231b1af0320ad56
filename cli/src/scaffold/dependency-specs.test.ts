import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dependencySpecs } from './dependency-specs.js';
import { CLI_ROOT, monorepoRoot } from './templates.js';

describe('dependencySpecs', async () => {
  const repo = await monorepoRoot();

  it('finds the monorepo this CLI runs from', () => {
    expect(repo).toBe(join(CLI_ROOT, '..'));
  });

  it('points a package outside the repo at its sdk/ and cli/ folders', async () => {
    const specs = await dependencySpecs({ repo, target: '/tmp/somewhere/acme', overrides: {} });
    expect(specs).toEqual({
      sdk: `file:${join(CLI_ROOT, '..', 'sdk')}`,
      cli: `file:${CLI_ROOT.replace(/\/$/, '')}`,
      runtime: `file:${join(CLI_ROOT, '..', 'runtime')}`,
      source: 'local',
    });
  });

  it('links a package in the repo connectors/ folder through the workspace', async () => {
    const target = join(repo ?? '', 'connectors', 'acme');
    expect(await dependencySpecs({ repo, target, overrides: {} })).toEqual({
      sdk: 'workspace:*',
      cli: 'workspace:*',
      runtime: 'workspace:*',
      source: 'workspace',
    });
  });

  it('asks an installed CLI for the published versions, and lets flags win', async () => {
    const own = JSON.parse(await readFile(join(CLI_ROOT, 'package.json'), 'utf8')).version;
    const specs = await dependencySpecs({ repo: undefined, target: '/tmp/acme', overrides: { sdk: 'file:../sdk' } });
    const runtime = JSON.parse(await readFile(join(CLI_ROOT, '..', 'runtime', 'package.json'), 'utf8')).version;
    expect(specs).toEqual({ sdk: 'file:../sdk', cli: `^${own}`, runtime: `^${runtime}`, source: 'registry' });
  });
});
