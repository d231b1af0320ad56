import { Args } from '@oclif/core';
import { MovaCommand } from '../base-command.js';
import { MovaRegistry } from '../registry/client.js';
import { registryBaseFlags, registryFlag } from '../registry/flags.js';
import { type ConnectorInfo, connectorInfo, infoLines } from '../registry/info-lines.js';
import { packageNameOf } from '../registry/names.js';
import { UserError } from '../user-error.js';

export default class Info extends MovaCommand {
  static override summary = 'Show a connector of the marketplace: versions, actions, connection, how to use it';

  static override description =
    'Show a connector: its versions with dates and deprecations, actions and triggers, connection kind and fields, the install command and a `uses:` line for workflows. A bare name means @mova/connector-<name>';

  static override examples = ['<%= config.bin %> info github', '<%= config.bin %> info @acme/connector-crm --json'];

  static override baseFlags = registryBaseFlags;

  static override args = {
    connector: Args.string({ description: 'github (for @mova/connector-github) or a package name', required: true }),
  };

  static override flags = { registry: registryFlag };

  async run(): Promise<ConnectorInfo> {
    const { args, flags } = await this.parse(Info);
    const name = packageNameOf(args.connector);
    const client = await MovaRegistry.fromFlags({ registry: flags.registry });
    const entry = await client.connector(name);
    if (!entry) {
      const packument = await client.packument(name);
      throw new UserError(
        packument
          ? `${name} is published on ${client.url} but not listed: its latest version has no valid mova.manifest.json`
          : `no connector ${name} on ${client.url}`,
        packument
          ? 'Ask its publisher to build and publish a fixed version.'
          : 'Look for it with `mova-connector search <words>`.',
        1,
      );
    }
    // The marketplace entry carries the connection's schema: no tarball is fetched, nor counted as a download.
    const info = connectorInfo(entry);
    for (const line of infoLines(info)) this.log(line);
    return info;
  }
}
