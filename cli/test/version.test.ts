import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.js';

describe('mova-connector --version', () => {
  it('answers as oclif does (name/version platform-arch node-version) without loading oclif', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      name: string;
      version: string;
    };
    const result = await cli(['--version'], process.cwd());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      `${pkg.name}/${pkg.version} ${process.platform}-${process.arch} node-${process.version}\n`,
    );
  });

  it('leaves everything else to oclif: "--version" with more words is no shortcut', async () => {
    const result = await cli(['search', '--version'], process.cwd());
    expect(result.stdout).not.toMatch(/^@mova\/cli\//);
  });
});
