import type { PublishChecks } from './types.js';

/** What a version's tarball holds besides its manifest, as far as the quality score asks. */
export interface PackageFiles {
  /** A README at the package root (npm packs it whatever `files` says). */
  readme: boolean;
  /** A test file: `*.test.*` / `*.spec.*`, or a script under `test/`, `tests/`, `__tests__/` or `spec/`. */
  testFiles: boolean;
}

const README = /^readme(\.[a-z0-9]+)?$/i;
const SCRIPT = /\.(c|m)?(j|t)sx?$/i;
const TEST_NAME = /\.(test|spec)\.(c|m)?(j|t)sx?$/i;
const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec']);

/** Notes the files of one tarball as its entries stream past; paths as tar gives them (`package/...`). */
export class PackageFilesSeen {
  readonly files: PackageFiles = { readme: false, testFiles: false };

  see(path: string): void {
    // npm packs everything under one top folder, whatever it is called.
    const parts = path.replace(/^\.\//, '').split('/').slice(1);
    // Bundled dependencies bring their own tests and READMEs; they say nothing about this package.
    if (parts.includes('node_modules')) return;
    const file = parts.at(-1) ?? '';
    if (parts.length === 1 && README.test(file)) this.files.readme = true;
    if (TEST_NAME.test(file) || (SCRIPT.test(file) && parts.slice(0, -1).some((dir) => TEST_DIRS.has(dir)))) {
      this.files.testFiles = true;
    }
  }
}

/**
 * Reads what `mova-connector publish` recorded in the version's package.json (`mova.checks`); null
 * when the version was published another way (plain `npm publish`) or the record is malformed.
 */
export function publishChecksOf(metadata: { mova?: { checks?: unknown } } | undefined): PublishChecks | null {
  const checks = metadata?.mova?.checks;
  if (typeof checks !== 'object' || checks === null) return null;
  const record = checks as Record<string, unknown>;
  if (record.skipped === true) return { skipped: true };
  const { typecheck, testFiles, tests } = record;
  if (record.skipped !== false || (typecheck !== 'passed' && typecheck !== 'none')) return null;
  if (!isCount(testFiles) || !isCount(tests)) return null;
  return { skipped: false, typecheck, testFiles, tests };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
