import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { node } from './cli.js';

// biome.json skips *.tmpl files in the repo; this checks the template code with the same rules,
// so a scaffolded package lints clean from its first commit.
it('the TypeScript in templates/ passes Biome', async () => {
  const script = fileURLToPath(new URL('../scripts/check-templates.mjs', import.meta.url));
  const result = await node([script], fileURLToPath(new URL('..', import.meta.url)));
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
});
