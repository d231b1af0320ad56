import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { Flags } from '@oclif/core';
import { MovaCommand } from '../base-command.js';
import { editorSchema } from '../editor/editor-schema.js';
import { editorConnectors } from '../editor/locked-connectors.js';
import { lockedLabels, openEditorProject } from '../editor/open-project.js';
import { declaredConnections } from '../editor/workflow-files.js';
import { projectBaseFlags } from '../install/flags.js';
import { displayPath } from '../paths.js';
import { dataDirOf, runStoreFlags } from '../run/flags.js';
import { UserError } from '../user-error.js';

export interface SchemaResult {
  schema: string;
  connectors: string[];
  actions: number;
  /** Each workflow file and the `$schema` value that points it at the schema. */
  workflows: { file: string; $schema: string; referenced: boolean }[];
}

export default class Schema extends MovaCommand {
  static override summary = "Write a JSON Schema of the project's workflows that knows its locked connectors";

  static override description =
    `Writes a JSON Schema (2020-12) for the workflow files of a project, specialised to the connector versions its mova.lock.json locks: "uses" offers every locked action (github/issues.create@^1 for each locked range), and a step's "with" is completed and checked against that action's input schema (descriptions, defaults, examples; {{ }} expressions allowed in any field, as the validator allows them), its "connection" required when the connector needs one. Editors that read JSON Schema (VS Code, JetBrains, Zed) use it once a workflow names it with "$schema".

Reads the locked versions from the connector store that mova-connector install fills (no network; --fetch downloads locked versions it lacks). Write it again after install or upgrade.`;

  static override examples = [
    '<%= config.bin %> schema',
    '<%= config.bin %> schema --dir flows --out .vscode/mova.schema.json',
    '<%= config.bin %> schema --json',
  ];

  static override baseFlags = projectBaseFlags;

  static override flags = {
    out: Flags.string({
      description: 'where to write the schema, relative to the project folder',
      default: 'mova.schema.json',
    }),
    fetch: Flags.boolean({
      description:
        'download locked versions the connector store lacks (from the URLs mova.lock.json pins, refused unless they match its integrity)',
      default: false,
    }),
    'data-dir': runStoreFlags['data-dir'],
  };

  async run(): Promise<SchemaResult> {
    const { flags } = await this.parse(Schema);
    const dataDir = dataDirOf(flags['data-dir'], this.config);
    const project = await (flags.fetch
      ? this.step('Fetching the locked connectors', () => openEditorProject(flags.dir, dataDir, { fetch: true }))
      : openEditorProject(flags.dir, dataDir));
    const { missing } = project.connectors;
    if (missing.length > 0) {
      const first = missing[0];
      throw new UserError(
        `${first?.label} (locked in ${displayPath(project.lockPath)}) ${first?.reason}${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ''}`,
        `The schema is built from the locked manifests: add --fetch to download them (refused unless they match the lockfile), or run \`${this.config.bin} install\` in the project.`,
      );
    }
    if (!project.locked) {
      this.warn(
        `${displayPath(project.lockPath)} does not exist: the schema knows only the built-in steps. Install connectors with \`${this.config.bin} install <connector>\`, then write it again.`,
      );
    }
    const connectors = editorConnectors(project.lock, project.connectors);
    const schema = editorSchema({ connectors, connections: declaredConnections(project.workflows) });
    const out = resolve(project.dir, flags.out);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(schema, null, 2)}\n`);

    const workflows = project.workflows.map(({ path, text }) => {
      const ref = relative(dirname(path), out).split('\\').join('/');
      const $schema = ref.startsWith('.') ? ref : `./${ref}`;
      return { file: displayPath(path), $schema, referenced: text.includes(`"$schema"`) };
    });
    const actions = connectors.reduce((n, c) => n + c.manifest.actions.length, 0);
    const labels = lockedLabels(project.connectors.loaded);
    this.log(
      `Wrote ${displayPath(out)}: ${actions} action(s) of ${labels.length} locked connector version(s)${labels.length ? ` (${labels.join(', ')})` : ''}`,
    );
    const unreferenced = workflows.filter((w) => !w.referenced);
    if (workflows.length > 0 && unreferenced.length > 0) {
      this.log('Point each workflow at it with "$schema" as its first field, e.g.:');
      for (const w of unreferenced) this.log(`  ${w.file}: "$schema": "${w.$schema}"`);
    } else if (workflows.length === 0) {
      this.log(`Point each workflow at it with "$schema" as its first field: "$schema": "./${flags.out}"`);
    }
    return { schema: out, connectors: labels, actions, workflows };
  }
}
