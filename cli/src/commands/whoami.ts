import { MovaCommand } from '../base-command.js';
import { MovaRegistry } from '../registry/client.js';
import { movarcPath, type RegistryConfig } from '../registry/config.js';
import { registryBaseFlags, registryFlag } from '../registry/flags.js';
import { UserError } from '../user-error.js';

export interface WhoamiSummary {
  username: string;
  registry: string;
  /** Where the token came from: `env` (MOVA_REGISTRY_TOKEN) or `movarc`. */
  tokenSource: NonNullable<RegistryConfig['source']['token']>;
}

export default class Whoami extends MovaCommand {
  static override summary = 'Show who you are logged in as on a MOVA registry';

  static override examples = [
    '<%= config.bin %> whoami',
    '<%= config.bin %> whoami --registry http://127.0.0.1:4873/ --json',
  ];

  static override baseFlags = registryBaseFlags;

  static override flags = { registry: registryFlag };

  async run(): Promise<WhoamiSummary> {
    const { flags } = await this.parse(Whoami);
    const client = await MovaRegistry.fromFlags({ registry: flags.registry });
    const login = `Run \`mova-connector login --registry ${client.url}\`.`;
    const tokenSource = client.config.source.token;
    if (!client.token || !tokenSource) throw new UserError(`not logged in to ${client.url}`, login, 1);
    const username = await client.whoami();
    if (!username) {
      const from = { env: 'MOVA_REGISTRY_TOKEN', npmrc: '.npmrc', movarc: movarcPath(), flag: '--token' }[tokenSource];
      throw new UserError(
        `${client.url} does not accept the token from ${from}: it expired, or belongs to another registry`,
        login,
        1,
      );
    }
    this.log(`${username} on ${client.url}`);
    return { username, registry: client.url, tokenSource };
  }
}
