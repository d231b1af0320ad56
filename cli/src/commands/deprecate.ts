import { Args, Flags } from '@oclif/core';
import semver from 'semver';
import { MovaCommand } from '../base-command.js';
import { MovaRegistry } from '../registry/client.js';
import { registryBaseFlags, registryFlag } from '../registry/flags.js';
import { parsePackageSpec } from '../registry/names.js';
import { UserError } from '../user-error.js';

export interface DeprecateSummary {
  name: string;
  versions: string[];
  /** The message set; empty when --undo cleared it. */
  reason: string;
  registry: string;
}

export default class Deprecate extends MovaCommand {
  static override summary = 'Mark published versions of a connector deprecated';

  static override description =
    'Mark versions deprecated, as npm deprecate does: they stay installable, and install, info and the marketplace show the reason. Only the package owners and the registry admins may. A bare name means @mova/connector-<name>; the version may be a range';

  static override examples = [
    '<%= config.bin %> deprecate github@1.0.0 --reason "Creates duplicate issues; use 1.0.1"',
    '<%= config.bin %> deprecate @acme/connector-crm@"<2" --reason "Use 2.x: the v1 API shuts down in June"',
    '<%= config.bin %> deprecate github@1.0.0 --undo',
  ];

  static override baseFlags = registryBaseFlags;

  static override args = {
    spec: Args.string({ description: '<connector>@<version or range>, e.g. github@1.0.0', required: true }),
  };

  static override flags = {
    registry: registryFlag,
    reason: Flags.string({ char: 'r', description: 'why, and what to use instead', exclusive: ['undo'] }),
    undo: Flags.boolean({ description: 'clear the deprecation instead', default: false }),
  };

  async run(): Promise<DeprecateSummary> {
    const { args, flags } = await this.parse(Deprecate);
    const { name, range } = parsePackageSpec(args.spec);
    if (!range || semver.validRange(range) === null) {
      throw new UserError(
        `"${args.spec}" names no version`,
        `Write <connector>@<version>, e.g. ${name}@1.0.0, or a range such as ${name}@"<2".`,
      );
    }
    const reason = flags.undo ? '' : flags.reason?.trim();
    if (reason === undefined || (!flags.undo && reason === '')) {
      throw new UserError('missing --reason', 'Say why, and what to use instead: --reason "Use 1.0.1, which fixes …".');
    }
    const client = await MovaRegistry.fromFlags({ registry: flags.registry });
    client.requireToken();
    const packument = await client.packument(name);
    if (!packument)
      throw new UserError(`no package ${name} on ${client.url}`, 'Check the name with `mova-connector search`.', 1);
    const published = Object.keys(packument.versions);
    const versions = semver.sort(published.filter((v) => semver.satisfies(v, range, { includePrerelease: true })));
    if (versions.length === 0) {
      throw new UserError(
        `no version of ${name} matches ${range}`,
        `Published: ${semver.sort(published).join(', ') || 'none'}.`,
        1,
      );
    }
    await this.step(
      `${flags.undo ? 'Clearing the deprecation of' : 'Deprecating'} ${name}@${versions.join(', ')}`,
      () => client.deprecate(name, versions, reason),
    );
    this.log(
      flags.undo
        ? `${name}@${versions.join(', ')} is no longer deprecated`
        : `Deprecated ${name}@${versions.join(', ')}: ${reason}`,
    );
    return { name, versions, reason, registry: client.url };
  }
}
