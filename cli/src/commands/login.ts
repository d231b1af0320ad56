import { input, password } from '@inquirer/prompts';
import { Flags } from '@oclif/core';
import { MovaCommand } from '../base-command.js';
import { displayPath } from '../paths.js';
import { MovaRegistry } from '../registry/client.js';
import { saveToken } from '../registry/config.js';
import { registryBaseFlags, registryFlag } from '../registry/flags.js';
import { UserError } from '../user-error.js';

export interface LoginSummary {
  username: string;
  registry: string;
  /** Whether the account was created just now. */
  created: boolean;
  /** Where the token was saved. */
  config: string;
}

export default class Login extends MovaCommand {
  static override summary = 'Log in to a MOVA registry, creating the account if it is new';

  static override description =
    'Log in to a MOVA registry and save the token in ~/.movarc (or $MOVA_CONFIG); a new name creates an account, as npm adduser does. Prompts on a terminal; scripts pass --username and --password, or a token in MOVA_REGISTRY_TOKEN';

  static override examples = [
    '<%= config.bin %> login',
    '<%= config.bin %> login --registry http://127.0.0.1:4873/ --username alice --password "$PASSWORD"',
    'MOVA_REGISTRY_TOKEN=<token> <%= config.bin %> login --registry http://127.0.0.1:4873/',
  ];

  static override baseFlags = registryBaseFlags;

  static override flags = {
    registry: registryFlag,
    username: Flags.string({ char: 'u', description: 'account name (created when new)' }),
    password: Flags.string({
      char: 'p',
      description: 'password; prefer the prompt, as a flag it shows in the process list',
    }),
  };

  async run(): Promise<LoginSummary> {
    const { flags } = await this.parse(Login);
    const client = await MovaRegistry.fromFlags({ registry: flags.registry });
    const envToken = process.env.MOVA_REGISTRY_TOKEN;
    if (envToken && !flags.username) return this.saveEnvToken(client, envToken);
    const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !this.jsonEnabled();
    const username =
      flags.username ?? (interactive ? await input({ message: `Username on ${client.url}` }) : undefined);
    const secret = flags.password ?? (interactive ? await password({ message: 'Password', mask: true }) : undefined);
    if (!username || !secret) {
      throw new UserError(
        `missing the ${username ? 'password' : 'username'}, and there is no terminal to ask on`,
        'Pass --username and --password, or set MOVA_REGISTRY_TOKEN to a token.',
      );
    }
    const { token, created } = await this.step(`Logging in to ${client.url}`, () => client.addUser(username, secret));
    const config = await saveToken(client.url, token);
    this.log(
      `${created ? `Created the account ${username} and logged in` : `Logged in as ${username}`} on ${client.url} (token saved in ${displayPath(config)})`,
    );
    return { username, registry: client.url, created, config };
  }

  /** A token from the environment: checked with the registry, then kept like one from a password. */
  private async saveEnvToken(client: MovaRegistry, token: string): Promise<LoginSummary> {
    // resolveRegistry already prefers MOVA_REGISTRY_TOKEN over a saved token.
    const username = await client.whoami();
    if (!username) {
      throw new UserError(
        `${client.url} does not accept the token in MOVA_REGISTRY_TOKEN (expired, or from another registry)`,
        'Unset it and log in with --username and --password.',
        1,
      );
    }
    const config = await saveToken(client.url, token);
    this.log(
      `Logged in as ${username} on ${client.url} with MOVA_REGISTRY_TOKEN (token saved in ${displayPath(config)})`,
    );
    return { username, registry: client.url, created: false, config };
  }
}
