import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/**
 * CPU-profiles the main thread while `fn` runs (V8's sampling profiler, as `node --cpu-prof` but
 * only around the measured window), writes the profile for Chrome DevTools, and returns the
 * functions with the most self time.
 */
export async function profileWindow(fn, file, top = 15) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  let profile;
  try {
    await fn();
  } finally {
    ({ profile } = await session.post('Profiler.stop'));
    session.disconnect();
  }
  await writeFile(file, JSON.stringify(profile));
  return selfTimes(profile, top);
}

function selfTimes(profile, top) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  // Stopping the profiler is itself sampled (inside node:inspector); it is not the workload's time.
  const profilerOwn = (id) => {
    for (let at = id; at !== undefined; at = parent.get(at))
      if (byId.get(at).callFrame.url === 'node:inspector') return true;
    return false;
  };
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    if (profilerOwn(id)) return;
    const dt = profile.timeDeltas[i] ?? 0;
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url
      ? `${url.replace(/^.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^file:\/\/.*\/(runtime|sdk)\//, '$1/')}:${lineNumber + 1}`
      : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, share: us / total }));
}
