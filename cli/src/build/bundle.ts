import { mkdir, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { build, type Message } from 'esbuild';
import writeFileAtomic from 'write-file-atomic';
import { displayPath } from '../paths.js';
import type { ConnectorProject } from '../project.js';
import { IssuesError, type LocatedIssue, UserError } from '../user-error.js';
import { BUNDLE_BANNER, BUNDLE_DEFINE } from './banner.js';
import { optionalPeers } from './optional-peers.js';

export interface BundleResult {
  file: string;
  bytes: number;
  warnings: LocatedIssue[];
}

/**
 * Bundles the connector and every dependency into one ESM file, so two versions never share a
 * dependency and loading is one read. CommonJS dependencies get a `require` of their own.
 */
export async function bundleConnector(project: ConnectorProject): Promise<BundleResult> {
  try {
    await stat(project.entry);
  } catch {
    throw new UserError(
      `${displayPath(project.dir)} is not a connector package: it has no ${relative(project.dir, project.entry)}`,
      'A connector exports `defineConnector({...})` as the default export of src/index.ts; `mova-connector init` creates one.',
    );
  }
  const result = await build({
    absWorkingDir: project.dir,
    entryPoints: [project.entry],
    outfile: project.bundle,
    // Written below by renaming, not by esbuild in place: a runtime may be loading the old bundle.
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [optionalPeers()],
    banner: { js: BUNDLE_BANNER },
    define: BUNDLE_DEFINE,
    // WebAssembly a dependency ships (SQLite's) is inlined as bytes: the bundle stays one file.
    loader: { '.wasm': 'binary' },
  }).catch((error: { errors?: Message[] }) => {
    if (!error.errors) throw error;
    throw new IssuesError(
      'the bundle could not be built',
      error.errors.map((m) => locate(project, m, 'Fix the code at that place and build again.')),
    );
  });
  await mkdir(dirname(project.bundle), { recursive: true });
  let bytes = 0;
  for (const file of result.outputFiles) {
    // A Buffer view: write-file-atomic writes other typed arrays as text.
    await writeFileAtomic(
      file.path,
      Buffer.from(file.contents.buffer, file.contents.byteOffset, file.contents.byteLength),
    );
    if (file.path === resolve(project.bundle)) bytes = file.contents.byteLength;
  }
  return { file: project.bundle, bytes, warnings: result.warnings.map((m) => locate(project, m)) };
}

function locate(project: ConnectorProject, message: Message, hint?: string): LocatedIssue {
  const at = message.location;
  const file = at
    ? `${displayPath(resolve(project.dir, at.file))}:${at.line}:${at.column + 1}`
    : displayPath(project.entry);
  const issue: LocatedIssue = { file, pointer: '', message: message.text };
  if (hint) issue.hint = message.notes[0]?.text ?? hint;
  return issue;
}
