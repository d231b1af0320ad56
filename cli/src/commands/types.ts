import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type Manifest, validateManifest } from '@mova/sdk';
import { Flags } from '@oclif/core';
import { MovaCommand } from '../base-command.js';
import { locateIn } from '../build/build-project.js';
import { emitTypes } from '../build/emit-types.js';
import { ensureManifest } from '../build/ensure-manifest.js';
import { displayPath } from '../paths.js';
import { readProject } from '../project.js';
import { IssuesError } from '../user-error.js';

export default class Types extends MovaCommand {
  static override summary = 'Write .d.ts types for every action from the manifest';

  static override description =
    "Write TypeScript declarations for every action's input and output (and each trigger's items) from mova.manifest.json";

  static override examples = [
    '<%= config.bin %> types',
    '<%= config.bin %> types --out src/generated/acme.d.ts',
    '<%= config.bin %> types --dir connectors/github --json',
  ];

  static override flags = {
    out: Flags.file({ description: 'file to write [default: <dir>/dist/types.d.ts]' }),
  };

  async run() {
    const { flags } = await this.parse(Types);
    const project = await readProject(flags.dir);
    const { manifest } = await ensureManifest(project, (reason, work) =>
      this.step(`Building ${project.name}@${project.version} (${reason})`, work),
    );
    const issues = validateManifest(manifest);
    if (issues.length > 0) {
      throw new IssuesError('the manifest is invalid', locateIn(project.manifest, issues));
    }
    const valid = manifest as Manifest;
    const out = flags.out ? resolve(flags.out) : join(project.dir, 'dist', 'types.d.ts');
    const text = await this.step('Generating types', () => emitTypes(valid));
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, text);
    const summary = { file: displayPath(out), actions: valid.actions.map((a) => a.key) };
    this.log(`Wrote ${summary.file} (${summary.actions.length} actions)`);
    return summary;
  }
}
