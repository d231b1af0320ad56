// Which actions and polling triggers of the first-party connectors the test run executed through
// the sandbox, counted from what the conformance API recorded (MOVA_CONFORMANCE_LOG), not from a list.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads every connector's manifest and the records of the calls that completed through the
 * sandbox; returns the count and the items never run.
 */
export function conformanceCoverage(root, logDir) {
  const ran = new Set();
  if (existsSync(logDir)) {
    for (const file of readdirSync(logDir).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of readFileSync(join(logDir, file), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const entry = JSON.parse(line);
        if (entry.status === 'completed') ran.add(`${entry.package}@${entry.version} ${entry.key}`);
      }
    }
  }
  const missing = [];
  let total = 0;
  const connectors = join(root, 'connectors');
  for (const name of readdirSync(connectors).sort()) {
    const path = join(connectors, name, 'mova.manifest.json');
    if (!existsSync(path)) continue;
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    const keys = [...manifest.actions, ...manifest.triggers.filter((t) => t.kind === 'polling')].map((a) => a.key);
    for (const key of keys) {
      total++;
      if (!ran.has(`${manifest.package}@${manifest.version} ${key}`)) missing.push(`${manifest.package} ${key}`);
    }
  }
  return { total, ran: total - missing.length, missing };
}
