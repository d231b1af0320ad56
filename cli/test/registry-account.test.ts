import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError } from './cli.js';
import { addUser, jsonOf, type RegistrySandbox, registrySandbox } from './registry-support.js';

describe('login and whoami against a registry in this process', () => {
  let sandbox: RegistrySandbox;
  let url: string;
  beforeAll(async () => {
    sandbox = await registrySandbox('account');
    url = sandbox.registry.url;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('whoami before any login says how to log in', async () => {
    expectOneLineError(
      await sandbox.run(['whoami', '--registry', url]),
      1,
      new RegExp(`^Error: not logged in to ${url} \\(Run \`mova-connector login --registry ${url}\`\\.\\)$`),
    );
  });

  it('login creates the account, saves the token privately, and whoami names it', async () => {
    const login = await sandbox.run(['login', '--registry', url, '--username', 'alice', '--password', 'alice-pw-1']);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toMatch(`Created the account alice and logged in on ${url}`);
    const saved = JSON.parse(await readFile(sandbox.movarc, 'utf8'));
    expect(saved).toEqual({ registry: url, tokens: { [url]: expect.stringMatching(/^ey/) } });
    expect((await stat(sandbox.movarc)).mode & 0o777).toBe(0o600);
    // ~/.movarc now names the registry: no --registry needed.
    const whoami = await sandbox.run(['whoami']);
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(whoami.stdout.trim()).toBe(`alice on ${url}`);
    expect(jsonOf(await sandbox.run(['whoami', '--json']))).toEqual({
      username: 'alice',
      registry: url,
      tokenSource: 'movarc',
    });
  });

  it('login to an existing account answers a new token; a wrong password is refused', async () => {
    const again = await sandbox.run(['login', '--registry', url, '-u', 'alice', '-p', 'alice-pw-1', '--json']);
    expect(jsonOf(again)).toMatchObject({ username: 'alice', registry: url, created: false });
    expectOneLineError(
      await sandbox.run(['login', '--registry', url, '-u', 'alice', '-p', 'not-her-password']),
      1,
      /^Error: wrong password for "alice" at .* \(The name is taken: check the password, or pick another name/,
    );
  });

  it('login takes a token from MOVA_REGISTRY_TOKEN, checked with the registry', async () => {
    const token = await addUser(sandbox.registry, 'bob');
    const login = await sandbox.run(['login', '--registry', url, '--json'], { MOVA_REGISTRY_TOKEN: token });
    expect(jsonOf(login)).toMatchObject({ username: 'bob', created: false });
    const saved = JSON.parse(await readFile(sandbox.movarc, 'utf8'));
    expect(saved.tokens[url]).toBe(token);
    expectOneLineError(
      await sandbox.run(['login', '--registry', url], { MOVA_REGISTRY_TOKEN: 'not-a-token' }),
      1,
      /does not accept the token in MOVA_REGISTRY_TOKEN/,
    );
  });

  it('whoami with a token the registry does not accept says so', async () => {
    expectOneLineError(
      await sandbox.run(['whoami', '--registry', url], { MOVA_REGISTRY_TOKEN: 'expired-or-foreign' }),
      1,
      /does not accept the token from MOVA_REGISTRY_TOKEN: it expired, or belongs to another registry/,
    );
  });

  it('login without a terminal and without --username says what to pass', async () => {
    expectOneLineError(
      await sandbox.run(['login', '--registry', url]),
      2,
      /^Error: missing the username, and there is no terminal to ask on \(Pass --username and --password/,
    );
  });
});
