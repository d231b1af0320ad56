// `npm run bench` (from the repository root) or `node bench/run.mjs [--profile]` (from runtime/):
// benchmarks the built runtime in dist/, so it refuses to start without a build.
import { access } from 'node:fs/promises';

try {
  await access(new URL('../dist/index.js', import.meta.url));
} catch {
  console.error('runtime/dist is missing: build first with `npm run build` at the repository root.');
  process.exit(2);
}
await import('./measure.mjs');
