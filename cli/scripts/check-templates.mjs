#!/usr/bin/env node
// Lints and format-checks the TypeScript in templates/ with the repo's Biome settings. Template
// files end in .tmpl so that tools skip them in the repo; this copies them out as .ts (placeholders
// such as __NAME__ sit inside strings, so the code parses) and runs `biome check` there.
// `--write` applies Biome's fixes and copies the results back into the templates.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const templates = join(repo, 'templates');
const write = process.argv.includes('--write');
const scratch = mkdtempSync(join(tmpdir(), 'mova-templates-'));

try {
  const config = JSON.parse(readFileSync(join(repo, 'biome.json'), 'utf8'));
  // The scratch folder is no git work tree, and the template files are what is being checked.
  config.vcs = { enabled: false };
  config.files.includes = ['**'];
  writeFileSync(join(scratch, 'biome.json'), JSON.stringify(config));
  const files = readdirSync(templates, { recursive: true }).filter((f) => String(f).endsWith('.ts.tmpl'));
  for (const file of files) {
    const target = join(scratch, String(file).slice(0, -'.tmpl'.length));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(templates, String(file)), target);
  }
  const biome = join(repo, 'node_modules', '.bin', 'biome');
  const folders = readdirSync(scratch).filter((name) => name !== 'biome.json');
  const args = ['check', ...(write ? ['--write'] : []), ...folders];
  const result = spawnSync(biome, args, { cwd: scratch, stdio: 'inherit' });
  if (write) {
    for (const file of files) {
      cpSync(join(scratch, String(file).slice(0, -'.tmpl'.length)), join(templates, String(file)));
    }
    console.log(`wrote back ${files.length} files under ${relative(process.cwd(), templates) || '.'}`);
  }
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
