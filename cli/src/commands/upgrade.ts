import { readFile, writeFile } from 'node:fs/promises';
import { RegistrySource } from '@mova/runtime';
import { recordAudit } from '@mova/runtime/audit';
import { formatLockfile, LockedResolver, lockedRanges, updateLockfile } from '@mova/runtime/lockfile';
import { normalizeRegistryUrl } from '@mova/runtime/registry';
import { Args, Flags } from '@oclif/core';
import { MovaCommand } from '../base-command.js';
import { asUserError } from '../install/errors.js';
import { installFlags, projectBaseFlags } from '../install/flags.js';
import { openProject, type WorkflowProject } from '../install/project.js';
import { rewriteWorkflow } from '../install/rewrite-workflow.js';
import { type RangeUpgrade, upgradeRange } from '../install/upgrade-range.js';
import type { StepBreak, WorkflowUsage } from '../install/usage-breaks.js';
import { projectUsage } from '../install/workflow-uses.js';
import { displayPath } from '../paths.js';
import { resolveRegistry } from '../registry/config.js';
import { packageNameOf, shortNameOf } from '../registry/names.js';
import { dataDirOf } from '../run/flags.js';
import { UserError } from '../user-error.js';

export interface UpgradeResult {
  lockfile: string;
  changed: boolean;
  upgrades: RangeUpgrade[];
  /** Workflow files `--write` rewrote. */
  rewritten: string[];
}

export default class Upgrade extends MovaCommand {
  static override summary = 'Move locked connectors to the newest versions their ranges allow';

  static override description =
    `For every range in mova.lock.json (or only the given connector's), takes the version npm would pick for it now (the "latest" dist-tag when the range allows it, else the newest version the range allows; versions under other tags such as "next" are not taken), downloads and verifies it, and locks the range to it. Ranges never widen: ^1 stays on 1.x.

Each new version is judged per workflow against what the workflow uses: the actions its steps call, the \`with\` fields they set, and the output fields its expressions read (an expression that reads a whole output, or the workflow's result when it declares no \`output\`, counts as reading every field). A breaking change (a removed action, a new required input, a changed output field, …) matters only to the steps it reaches; upgrade lists, per workflow and step, what the version it takes would break and why.

With --safe, a version that breaks any workflow on a range is skipped and the next newest is tried. The lock is per range: when two workflows share a range and the version breaks only one, the range is not moved, and the skipped version names the workflow it breaks and the ones it would spare (give the other workflow a range of its own to upgrade it alone).

A connector may declare renames (an action's old key, an input or output field's old name). With --write, workflows are rewritten to the new names (the \`uses\` action key, keys in \`with\`, output field paths in expressions), keeping the file's layout, and such a rename breaks nothing; without it, a rename counts as breaking and is listed as one --write can fix.`;

  static override examples = [
    '<%= config.bin %> upgrade',
    '<%= config.bin %> upgrade github --safe',
    '<%= config.bin %> upgrade --safe --dir flows --json',
    '<%= config.bin %> upgrade github --safe --write',
  ];

  static override baseFlags = projectBaseFlags;

  static override args = {
    connector: Args.string({ description: 'only this connector: github, @acme/connector-crm' }),
  };

  static override flags = {
    ...installFlags,
    safe: Flags.boolean({
      description: "skip versions that break a workflow's use of the connector",
      default: false,
    }),
    write: Flags.boolean({
      description: 'rewrite workflows for the renames a new version declares (actions, with keys, output fields)',
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
      const usage = await projectUsage(project.dir);
      const { upgrades, changed } = await updateLockfile(project.lockPath, async (current) => {
        const before = current ?? project.lock;
        let lock = before;
        const upgrades: RangeUpgrade[] = [];
        for (const target of targets) {
          const label = `${shortNameOf(target.package)}@${target.range}`;
          const source = await sources.for(target.entry.registry);
          const result = await this.step(`Checking ${label} (locked ${target.version})`, async () => {
            const current = flags.safe ? await sources.lockedManifest(target.package, target.range) : undefined;
            const workflows = onRange(usage, target.package, target.range);
            return upgradeRange(source, lock, target, { current, workflows, safe: flags.safe, write: flags.write });
          });
          lock = result.lock;
          upgrades.push(result.upgrade);
        }
        return { lock, result: { upgrades, changed: formatLockfile(lock) !== formatLockfile(before) } };
      });
      for (const upgrade of upgrades) {
        this.report(upgrade);
        if (upgrade.to === upgrade.from) continue;
        await recordAudit(dataDirOf(flags['data-dir'], this.config), {
          action: 'upgraded',
          subject: `${upgrade.package}@${upgrade.to}`,
          details: { from: upgrade.from, range: upgrade.range, lockfile: project.lockPath },
        });
      }
      this.log(changed ? `Updated ${file}` : `${file} is up to date`);
      const rewritten = flags.write ? await this.rewrite(usage, upgrades) : [];
      return { lockfile: project.lockPath, changed, upgrades, rewritten };
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
      if (skipped.workflows.length === 0) {
        const changes = skipped.changes.map((c) => `${c.message} (${c.pointer})`).join('; ');
        this.log(`  skipped ${skipped.version}, it breaks workflows: ${changes}`);
        continue;
      }
      const broken = skipped.workflows.filter((w) => w.breaks.length > 0);
      const spared = skipped.workflows.filter((w) => w.breaks.length === 0).map((w) => displayPath(w.file));
      this.log(`  skipped ${skipped.version}, it breaks ${broken.map((w) => displayPath(w.file)).join(', ')}:`);
      this.breaks(broken);
      if (spared.length > 0) {
        this.log(
          `  ${spared.join(', ')} would keep working on ${skipped.version}, but shares the range ${upgrade.range}, which is locked as one`,
        );
      }
    }
    if (upgrade.to !== upgrade.from) {
      const broken = upgrade.workflows.filter((w) => w.breaks.length > 0);
      if (broken.length > 0) {
        this.log(`  ${upgrade.to} breaks ${broken.map((w) => displayPath(w.file)).join(', ')}:`);
        this.breaks(broken);
      }
    }
  }

  private breaks(workflows: RangeUpgrade['workflows']): void {
    for (const workflow of workflows) {
      for (const broken of workflow.breaks) {
        const why = [
          ...broken.changes.map((c) => c.message),
          ...broken.rewrites.map((c) => `${c.message} (upgrade --write rewrites it)`),
        ].join('; ');
        this.log(`    ${displayPath(workflow.file)} step ${broken.step} (${broken.uses}): ${why}`);
      }
    }
  }

  /** Applies the declared renames of the versions taken, one pass per workflow file. */
  private async rewrite(usage: readonly WorkflowUsage[], upgrades: readonly RangeUpgrade[]): Promise<string[]> {
    const byFile = new Map<string, StepBreak[]>();
    for (const upgrade of upgrades) {
      if (upgrade.to === upgrade.from) continue;
      for (const verdict of upgrade.workflows) {
        const breaks = verdict.breaks.filter((broken) => broken.rewrites.length > 0);
        if (breaks.length > 0) byFile.set(verdict.file, [...(byFile.get(verdict.file) ?? []), ...breaks]);
      }
    }
    const rewritten: string[] = [];
    for (const [file, breaks] of byFile) {
      const steps = usage.find((workflow) => workflow.file === file)?.steps ?? [];
      const before = await readFile(file, 'utf8');
      const after = rewriteWorkflow(before, steps, breaks);
      if (after.text === before) continue;
      await writeFile(file, after.text);
      rewritten.push(file);
      this.log(`Rewrote ${displayPath(file)} (${after.rewritten} place${after.rewritten === 1 ? '' : 's'})`);
    }
    return rewritten;
  }
}

/** Each workflow with only its steps on this range; workflows that do not use it are left out. */
function onRange(usage: readonly WorkflowUsage[], packageName: string, range: string): WorkflowUsage[] {
  return usage
    .map(({ file, steps }) => ({ file, steps: steps.filter((s) => s.package === packageName && s.range === range) }))
    .filter((workflow) => workflow.steps.length > 0);
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
