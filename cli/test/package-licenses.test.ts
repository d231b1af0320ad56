import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { command } from './cli.js';

// Every package this repository publishes says its licence in package.json and ships the licence
// text: npm shows the field, and the MIT licence asks for its text to travel with the code.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LICENSE = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
const connectors = readdirSync(join(ROOT, 'connectors'))
  .map((name) => `connectors/${name}`)
  .filter((dir) => existsSync(join(ROOT, dir, 'package.json')));
const published = ['sdk', 'runtime', 'cli', 'registry', ...connectors];

describe('published packages carry their licence', () => {
  it.for(published)('%s: "license" is MIT and LICENSE holds the repository licence text', (dir) => {
    const manifest = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'));
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(join(ROOT, dir, 'LICENSE'), 'utf8')).toBe(LICENSE);
  });

  it('npm pack puts LICENSE in the tarball even where "files" does not name it', async () => {
    const npm = join(dirname(process.execPath), 'npm');
    const packed = await command(
      npm,
      ['pack', '--dry-run', '--json', '--ignore-scripts'],
      join(ROOT, 'connectors/github'),
      {
        ...process.env,
        npm_config_update_notifier: 'false',
      },
    );
    expect(packed.code, packed.stderr).toBe(0);
    const [{ files }] = JSON.parse(packed.stdout) as [{ files: { path: string }[] }];
    expect(files.map((file) => file.path)).toContain('LICENSE');
  });
});
