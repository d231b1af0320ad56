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

// What `npm init` writes when the author gave no test command.
const NO_TEST_SCRIPT = /no test specified/i;

/** Whether the package's `test` script runs tests (not npm's placeholder that only fails). */
export function hasTestScript(scripts: Record<string, string> | undefined): boolean {
  const test = scripts?.test?.trim();
  return Boolean(test) && !NO_TEST_SCRIPT.test(test ?? '');
}
