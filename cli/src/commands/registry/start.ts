import { Flags } from '@oclif/core';
import { MovaCommand } from '../../base-command.js';
import { displayPath } from '../../paths.js';
import { registryBaseFlags } from '../../registry/flags.js';

export interface StartedRegistry {
  url: string;
  port: number;
  storage: string;
  admins: string[];
  /** Admin accounts created at this start, with the generated password: shown here once, kept nowhere. */
  createdAdmins: { name: string; password?: string }[];
  uplink: string | null;
}

export default class RegistryStart extends MovaCommand {
  static override summary = 'Run a MOVA registry (npm registry + connector marketplace) in the foreground';

  static override description =
    'Start a MOVA registry: Verdaccio with scope ownership and immutable versions, plus the marketplace API, on loopback. It runs until Ctrl-C (SIGINT) or SIGTERM. With --json, one line of JSON says where it listens once it does';

  static override examples = [
    '<%= config.bin %> registry start',
    '<%= config.bin %> registry start --port 0 --storage ./registry-data --admin mova --json',
    '<%= config.bin %> registry start --uplink https://registry.npmjs.org/',
  ];

  static override baseFlags = registryBaseFlags;

  static override flags = {
    port: Flags.integer({ description: 'port to listen on; 0 picks a free one', default: 4873, min: 0, max: 65535 }),
    host: Flags.string({
      description: 'address to listen on; loopback unless you mean otherwise',
      default: '127.0.0.1',
    }),
    storage: Flags.directory({
      description: 'data folder: packages, users, owners, downloads [default: $XDG_DATA_HOME/mova/registry]',
    }),
    uplink: Flags.string({ description: 'registry to fetch packages this one does not hold (never @mova/*)' }),
    admin: Flags.string({
      description:
        'user who owns @mova, may publish anywhere and unpublish (repeatable); created at start with a generated password, printed once, when it has no account',
      multiple: true,
      default: [],
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(RegistryStart);
    // Verdaccio takes a third of a second to import; only this command pays for it.
    const { startRegistry } = await import('@mova/registry');
    const registry = await startRegistry({
      port: flags.port,
      host: flags.host,
      storage: flags.storage,
      uplink: flags.uplink,
      admins: flags.admin,
    });
    const started: StartedRegistry = {
      url: registry.url,
      port: registry.port,
      storage: registry.storage,
      admins: flags.admin,
      createdAdmins: registry.createdAdmins,
      uplink: flags.uplink ?? null,
    };
    if (this.jsonEnabled()) {
      process.stdout.write(`${JSON.stringify(started)}\n`);
    } else {
      this.log(`MOVA registry on ${registry.url}`);
      this.log(`  storage  ${displayPath(registry.storage)}`);
      this.log(`  admins   ${flags.admin.join(', ') || 'none (pass --admin <user> to let someone publish @mova/*)'}`);
      for (const admin of registry.createdAdmins) {
        if (admin.password) {
          this.log(`  created admin account ${admin.name}, password ${admin.password} (shown once: keep it now)`);
        }
      }
      if (flags.uplink) this.log(`  uplink   ${flags.uplink}`);
      this.log(`  publish  mova-connector login --registry ${registry.url}, then mova-connector publish`);
      this.log('Ctrl-C stops it.');
    }
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await registry.close();
    if (!this.jsonEnabled()) this.log(`Stopped (${signal}).`);
  }
}
