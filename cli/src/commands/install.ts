import { RegistrySource } from '@mova/runtime';
import { recordAudit } from '@mova/runtime/audit';
import { emptyLockfile, updateLockfile } from '@mova/runtime/lockfile';
import { closest } from '@mova/runtime/workflow-tools';
import { Args } from '@oclif/core';
import { MovaCommand } from '../base-command.js';
import { asUserError } from '../install/errors.js';
import { installFlags, projectBaseFlags } from '../install/flags.js';
import { type InstalledConnector, installConnector } from '../install/install-connector.js';
import { openProject } from '../install/project.js';
import { workflowRanges } from '../install/workflow-uses.js';
import { displayPath } from '../paths.js';
import { MovaRegistry } from '../registry/client.js';
import { type RegistryConfig, resolveRegistry } from '../registry/config.js';
import { networkLines } from '../registry/info-lines.js';
import { parsePackageSpec, shortNameOf } from '../registry/names.js';
import { dataDirOf } from '../run/flags.js';
import { UserError } from '../user-error.js';

export interface InstallResult {
  lockfile: string;
  registry: string;
  installed: InstalledConnector[];
}

export default class Install extends MovaCommand {
  static override summary = 'Add connectors to a workflow project and lock their exact versions';

  static override description =
    `Resolves each connector's range against the registry as npm does (the "latest" dist-tag when the range allows it, else the highest version it allows; without a range, ^<latest major>; a dist-tag such as next installs the version it points at and locks ^<that version>), downloads the tarball, refuses it unless it matches its published sha512 integrity, stores it in the connector store that run reads, and records version, tarball URL and integrity in mova.lock.json. Runs in the project then use exactly those versions and never resolve again.

Without arguments, installs every connector range the project's workflow files use.`;

  static override examples = [
    '<%= config.bin %> install github',
    '<%= config.bin %> install github@^1 slack@~1.4',
    '<%= config.bin %> install github@next',
    '<%= config.bin %> install @acme/connector-crm@1.2.0 --dir flows --registry http://127.0.0.1:4873/',
    '<%= config.bin %> install --json',
  ];

  static override strict = false;

  static override baseFlags = projectBaseFlags;

  static override args = {
    connector: Args.string({
      description: 'connector and optional range: github, github@^1, @acme/connector-crm@~1.4 (several may be given)',
    }),
  };

  static override flags = installFlags;

  async run(): Promise<InstallResult> {
    const { argv, flags } = await this.parse(Install);
    const specs = argv.filter((arg): arg is string => typeof arg === 'string').map(parsePackageSpec);
    const registry = await resolveRegistry({ registry: flags.registry });
    try {
      const project = await openProject(flags.dir, dataDirOf(flags['data-dir'], this.config));
      const wanted = specs.length > 0 ? specs : await this.fromWorkflows(project.dir);
      const source = new RegistrySource({ url: registry.url, token: registry.token, store: project.store });
      // Under the lockfile's lock and from its current text: another install in the project meanwhile keeps its entries.
      const { installed, existed } = await updateLockfile(project.lockPath, async (current) => {
        let lock = current ?? emptyLockfile();
        const installed: InstalledConnector[] = [];
        for (const { name, range } of wanted) {
          const label = `${shortNameOf(name)}${range ? `@${range}` : ''}`;
          const result = await this.step(`Installing ${label} from ${registry.url}`, () =>
            installConnector(source, lock, name, range, (missing) => nearestListed(registry, missing)),
          );
          lock = result.lock;
          installed.push(result.installed);
        }
        return { lock, result: { installed, existed: current !== undefined } };
      });
      for (const item of installed) {
        this.report(item);
        await recordAudit(dataDirOf(flags['data-dir'], this.config), {
          action: 'installed',
          subject: `${item.package}@${item.version}`,
          details: {
            range: item.range,
            previous: item.previous ?? null,
            integrity: item.integrity,
            registry: registry.url,
            lockfile: project.lockPath,
          },
        });
      }
      this.log(`${existed ? 'Updated' : 'Wrote'} ${displayPath(project.lockPath)}`);
      return { lockfile: project.lockPath, registry: registry.url, installed };
    } catch (error) {
      throw asUserError(error);
    }
  }

  private async fromWorkflows(dir: string): Promise<{ name: string; range: string }[]> {
    const ranges = await workflowRanges(dir);
    if (ranges.length === 0) {
      throw new UserError(
        `no workflow in ${displayPath(dir)} uses a connector`,
        `Name one to install, e.g. \`${this.config.bin} install github@^1\`, or pass the project folder with --dir.`,
      );
    }
    return ranges.map((r) => ({ name: r.package, range: r.range }));
  }

  private report(item: InstalledConnector): void {
    const was = item.previous && item.previous !== item.version ? `, was ${item.previous}` : '';
    this.log(`Installed ${item.package}@${item.version} (${item.range}${was})`);
    this.log(`  integrity  ${item.integrity}`);
    this.log(`  actions    ${item.actions.join(', ') || 'none'}`);
    this.log(`  use it     "uses": "${item.uses}"`);
    const [hosts, fields] = networkLines(item.network);
    this.log(`  network    ${hosts?.replace(/^hosts\s+/, '')}${fields ? `, ${fields}` : ''}`);
    if (item.deprecated) this.warn(`${item.package}@${item.version} is deprecated: ${item.deprecated}`);
  }
}

/** The listed connector whose short name is nearest to a missing one's (one edit or two away), if any. */
async function nearestListed(registry: RegistryConfig, missing: string): Promise<string | undefined> {
  const client = new MovaRegistry(registry);
  const names: string[] = [];
  for (let offset = 0; offset < 1000; offset += 100) {
    const page = await client.search({ limit: 100, offset });
    names.push(...page.results.map((result) => result.name));
    if (page.results.length < 100) break;
  }
  const byShortName = new Map(names.map((name) => [shortNameOf(name), name]));
  const near = closest(shortNameOf(missing), byShortName.keys());
  return near === undefined ? undefined : byShortName.get(near);
}
