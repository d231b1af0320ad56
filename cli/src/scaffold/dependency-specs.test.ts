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

  describe('from the checkout, with a registry configured', () => {
    const url = 'http://127.0.0.1:4873/';
    const version = async (folder: string) =>
      JSON.parse(await readFile(join(CLI_ROOT, '..', folder, 'package.json'), 'utf8')).version as string;
    const holding = (held: boolean) => async (_registry: string, name: string) =>
      new Set(held ? [await version(name.replace('@mova/', ''))] : []);

    it("asks the registry for the checkout's versions when it holds them", async () => {
      const specs = await dependencySpecs({
        repo,
        target: '/tmp/acme',
        overrides: {},
        registry: { url, source: 'movarc' },
        heldVersions: holding(true),
      });
      expect(specs).toEqual({
        sdk: `^${await version('sdk')}`,
        cli: `^${await version('cli')}`,
        runtime: `^${await version('runtime')}`,
        source: 'registry',
        registry: url,
      });
    });

    it('passes over a saved registry that lacks them, with a note, and refuses one given by --registry', async () => {
      const saved = await dependencySpecs({
        repo,
        target: '/tmp/acme',
        overrides: {},
        registry: { url, source: 'movarc' },
        heldVersions: holding(false),
      });
      expect(saved.source).toBe('local');
      expect(saved.note).toBe(
        `${url} does not hold @mova/sdk@${await version('sdk')}, @mova/cli@${await version('cli')}, @mova/runtime@${await version('runtime')}: linking this checkout's folders instead`,
      );
      const given = dependencySpecs({
        repo,
        target: '/tmp/acme',
        overrides: {},
        registry: { url, source: 'flag' },
        heldVersions: holding(false),
      });
      await expect(given).rejects.toThrow(`${url} does not hold @mova/sdk@`);
    });

    it('passes over a saved registry that does not answer', async () => {
      const specs = await dependencySpecs({
        repo,
        target: '/tmp/acme',
        overrides: {},
        registry: { url, source: 'movarc' },
        heldVersions: () => Promise.reject(new Error(`cannot reach the MOVA registry at ${url}`)),
      });
      expect(specs.source).toBe('local');
      expect(specs.note).toBe(`cannot reach the MOVA registry at ${url}: linking this checkout's folders instead`);
    });

    it('keeps the workspace link inside connectors/', async () => {
      const target = join(repo ?? '', 'connectors', 'acme');
      const specs = await dependencySpecs({ repo, target, overrides: {}, registry: { url, source: 'flag' } });
      expect(specs.source).toBe('workspace');
    });
  });
});
