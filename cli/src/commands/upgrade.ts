import {
  formatLockfile,
  LockedResolver,
  lockedRanges,
  normalizeRegistryUrl,
  RegistrySource,
  updateLockfile,
} from '@mova/runtime';
import { Args, Flags } from '@oclif/core';
import { MovaCommand } from '../base-command.js';
import { asUserError } from '../install/errors.js';
import { installFlags, projectBaseFlags } from '../install/flags.js';
import { openProject, type WorkflowProject } from '../install/project.js';
import { type RangeUpgrade, upgradeRange } from '../install/upgrade-range.js';
import { displayPath } from '../paths.js';
import { resolveRegistry } from '../registry/config.js';
import { packageNameOf, shortNameOf } from '../registry/names.js';
import { dataDirOf } from '../run/flags.js';
import { UserError } from '../user-error.js';

export interface UpgradeResult {
  lockfile: string;
  changed: boolean;
  upgrades: RangeUpgrade[];
}

export default class Upgrade extends MovaCommand {
  static override summary = 'Move locked connectors to the newest versions their ranges allow';

  static override description =
    `For every range in mova.lock.json (or only the given connector's), takes the version npm would pick for it now (the "latest" dist-tag when the range allows it, else the newest version the range allows; versions under other tags such as "next" are not taken), downloads and verifies it, and locks the range to it. Ranges never widen: ^1 stays on 1.x.

With --safe, a version whose manifest breaks workflows compared with the locked version (a removed action, a new required input, a changed output, …) is skipped, the next newest is tried, and each skipped version is listed with its breaking changes.`;

  static override examples = [
    '<%= config.bin %> upgrade',
    '<%= config.bin %> upgrade github --safe',
    '<%= config.bin %> upgrade --safe --dir flows --json',
  ];

  static override baseFlags = projectBaseFlags;

  static override args = {
    connector: Args.string({ description: 'only this connector: github, @acme/connector-crm' }),
  };

  static override flags = {
    ...installFlags,
    safe: Flags.boolean({
      description: 'skip versions whose manifest is a breaking change from the locked version',
      default: false,
    }),
  };

  async run(): Promise<UpgradeResult> {
    const { args, flags } = await this.parse(Upgrade);
    const only = args.connector === undefined ? undefined : packageNameOf(args.connector);
    try {
      const project = await openProject(flags.dir, dataDirOf(flags['data-dir'], this.config));
      const file = displayPath(project.lockPath);
      if (!project.locked) {
        throw new UserError(
          `there is no ${file} to upgrade`,
          `Install connectors first: \`${this.config.bin} install <connector>@<range>\`.`,
        );
      }
      const targets = lockedRanges(project.lock).filter((r) => only === undefined || r.package === only);
      if (only && targets.length === 0) {
        throw new UserError(
          `${file} does not lock ${only}`,
          `Install it first: \`${this.config.bin} install ${shortNameOf(only)}\`.`,
        );
      }
      const sources = new Sources(project, flags.registry);
      const { upgrades, changed } = await updateLockfile(project.lockPath, async (current) => {
        const before = current ?? project.lock;
        let lock = before;
        const upgrades: RangeUpgrade[] = [];
        for (const target of targets) {
          const label = `${shortNameOf(target.package)}@${target.range}`;
          const source = await sources.for(target.entry.registry);
          const result = await this.step(`Checking ${label} (locked ${target.version})`, async () => {
            const locked = flags.safe ? await sources.lockedManifest(target.package, target.range) : undefined;
            return upgradeRange(source, lock, target, locked);
          });
          lock = result.lock;
          upgrades.push(result.upgrade);
        }
        return { lock, result: { upgrades, changed: formatLockfile(lock) !== formatLockfile(before) } };
      });
      for (const upgrade of upgrades) this.report(upgrade);
      this.log(changed ? `Updated ${file}` : `${file} is up to date`);
      return { lockfile: project.lockPath, changed, upgrades };
    } catch (error) {
      throw asUserError(error);
    }
  }

  private report(upgrade: RangeUpgrade): void {
    const name = `${shortNameOf(upgrade.package)} ${upgrade.range}`;
    if (upgrade.to !== upgrade.from) this.log(`${name}: ${upgrade.from} → ${upgrade.to}`);
    else if (upgrade.skipped.length > 0) this.log(`${name}: stays at ${upgrade.from}`);
    else this.log(`${name}: ${upgrade.from} is what the range picks`);
    if (upgrade.moreNetwork.length > 0) {
      this.logToStderr(
        `Warning: ${shortNameOf(upgrade.package)} ${upgrade.to} asks for more network access than ${upgrade.from}: ${upgrade.moreNetwork.join('; ')}`,
      );
    }
    for (const skipped of upgrade.skipped) {
      const changes = skipped.changes.map((c) => `${c.message} (${c.pointer})`).join('; ');
      this.log(`  skipped ${skipped.version}, it breaks workflows: ${changes}`);
    }
  }
}

/**
 * One RegistrySource per registry: each locked version is checked against the registry it was
 * installed from (with that registry's saved token), or against --registry when given.
 */
class Sources {
  private readonly sources = new Map<string, Promise<RegistrySource>>();
  private resolver: LockedResolver | undefined;

  constructor(
    private readonly project: WorkflowProject,
    private readonly override: string | undefined,
  ) {}

  for(registry: string): Promise<RegistrySource> {
    const url = normalizeRegistryUrl(this.override ?? registry);
    let source = this.sources.get(url);
    if (!source) {
      source = resolveRegistry({ registry: url }).then(
        (config) => new RegistrySource({ url: config.url, token: config.token, store: this.project.store }),
      );
      this.sources.set(url, source);
    }
    return source;
  }

  /** The locked version's manifest, verified against the lockfile as a run would load it. */
  async lockedManifest(packageName: string, range: string) {
    const config = await resolveRegistry({ registry: this.override });
    this.resolver ??= new LockedResolver({
      lockfile: this.project.lock,
      store: this.project.store,
      registry: { url: config.url, token: config.token },
    });
    return (await this.resolver.resolve(packageName, range)).manifest;
  }
}
