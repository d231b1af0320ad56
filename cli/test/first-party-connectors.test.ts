import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
    expect(JSON.parse(result.stdout)).toEqual({ valid: true, issues: [], warnings: [] });
  });
});

describe("validate warns about hosts a connector's tests reach outside network.allow", () => {
  it('names the file and line and how to fix it, and still passes', async ({ expect }) => {
    // A copy of slack, built and fresh, without its connection host field (which could name any
    // host, so nothing would warn), plus one test file.
    const dir = await mkdtemp(join(tmpdir(), 'mova-validate-reach-'));
    try {
      for (const part of ['package.json', 'mova.manifest.json', 'src', 'dist']) {
        await cp(join(CONNECTORS, 'slack', part), join(dir, part), { recursive: true, preserveTimestamps: true });
      }
      const manifestFile = join(dir, 'mova.manifest.json');
      const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
      delete manifest.network.connectionHosts;
      await writeFile(manifestFile, JSON.stringify(manifest));
      await mkdir(join(dir, 'test'));
      await writeFile(
        join(dir, 'test', 'reach.test.ts'),
        "const local = 'http://127.0.0.1:9000';\nawait fetch('https://hooks.other-chat.io/in');\nawait fetch('https://slack.com/api');\n",
      );
      const result = await node([BIN, 'validate', '--json'], dir);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({
        valid: true,
        issues: [],
        warnings: [
          {
            file: 'test/reach.test.ts:2',
            pointer: '',
            message: 'the test reaches hooks.other-chat.io, which network.allow does not allow',
            hint: 'Add "hooks.other-chat.io" to network.allow, or take the host from a connection field listed in network.connectionHosts.',
          },
        ],
      });
      const plain = await node([BIN, 'validate'], dir);
      expect(plain.code).toBe(0);
      expect(plain.stderr).toContain('Warning: test/reach.test.ts:2: the test reaches hooks.other-chat.io');
      expect(plain.stdout).toContain('is valid (1 warning(s))');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
