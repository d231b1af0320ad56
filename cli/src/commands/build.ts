import { relative } from 'node:path';
import { MovaCommand } from '../base-command.js';
import { buildProject } from '../build/build-project.js';
import { readProject } from '../project.js';
import { formatLocated } from '../user-error.js';

export default class Build extends MovaCommand {
  static override summary = 'Bundle the connector, write mova.manifest.json and the README reference';

  static override description =
    'Bundle the connector into dist/connector.mjs (dependencies included), write mova.manifest.json and regenerate the README reference';

  static override examples = ['<%= config.bin %> build', '<%= config.bin %> build --dir connectors/github --json'];

  async run() {
    const { flags } = await this.parse(Build);
    const project = await readProject(flags.dir);
    const result = await this.step(`Building ${project.name}@${project.version}`, (status) =>
      buildProject(project, status),
    );
    for (const warning of result.warnings) this.warn(formatLocated(warning));
    const summary = {
      name: project.name,
      version: project.version,
      bundle: relative(project.dir, result.bundle.file),
      bytes: result.bundle.bytes,
      manifest: relative(project.dir, project.manifest),
      readme: result.readme,
      actions: result.manifest.actions.map((a) => a.key),
      triggers: result.manifest.triggers.map((t) => t.key),
    };
    this.log(`Built ${summary.bundle} (${(summary.bytes / 1024).toFixed(1)} KiB) and ${summary.manifest}`);
    this.log(`  ${summary.actions.length} actions: ${summary.actions.join(', ') || '-'}`);
    if (summary.triggers.length) this.log(`  ${summary.triggers.length} triggers: ${summary.triggers.join(', ')}`);
    if (summary.readme !== 'unchanged') this.log(`  README.md reference ${summary.readme}`);
    return summary;
  }
}
