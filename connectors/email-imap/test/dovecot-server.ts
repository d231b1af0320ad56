import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@mova/sdk/testing';
import { PASSWORD, USER } from './imap-server.js';

// Debian's Dovecot (package dovecot-imapd), a production IMAP server, started in the foreground
// on free loopback ports with a configuration of its own in a temporary folder: implicit TLS and
// STARTTLS listeners with the test certificate, one passwd-file user, Maildir storage owned by
// `nobody`, Trash/Sent/Archive with their special use. Nothing of the machine's own Dovecot
// configuration or service is used or touched.

export const DOVECOT = '/usr/sbin/dovecot';
const NOBODY = 65534;

/** Why Dovecot cannot run here, or undefined when it can. */
export function dovecotMissing(): string | undefined {
  if (!existsSync(DOVECOT)) {
    return 'Dovecot is not installed: as root, `apt-get update && apt-get install -y dovecot-imapd` (stop or mask its service afterwards; the tests start their own).';
  }
  if (process.getuid?.() !== 0) return 'Dovecot tests need root: the server changes to the mail user (nobody) itself.';
  return undefined;
}

export interface DovecotReference {
  /** Implicit TLS port. */
  port: number;
  /** Plain port offering STARTTLS. */
  starttlsPort: number;
  close(): Promise<void>;
}
async function listening(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Dovecot did not listen on ${port}`);
}

export async function startDovecot(): Promise<DovecotReference> {
  const dir = await mkdtemp(join(tmpdir(), 'mova-dovecot-'));
  // The mail processes run as nobody, who must reach the home folders inside.
  await chmod(dir, 0o755);
  const home = join(dir, 'home');
  await mkdir(home);
  await mkdir(join(dir, 'run'));
  await mkdir(join(dir, 'state'));
  await chown(home, NOBODY, NOBODY);
  const [port, starttlsPort] = [await freePort(), await freePort()];
  const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
  await writeFile(join(dir, 'passwd'), `${USER}:{PLAIN}${PASSWORD}::::::\n`);
  const config = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <${fixture('server.crt')}
ssl_key = <${fixture('server.key')}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
first_valid_uid = 1
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${NOBODY} gid=${NOBODY} home=${home}/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${starttlsPort}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${port}
    ssl = yes
  }
}
service anvil {
  chroot =
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Trash {
    special_use = \\Trash
    auto = create
  }
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
  mailbox Archive {
    special_use = \\Archive
    auto = create
  }
}
`;
  await writeFile(join(dir, 'dovecot.conf'), config);
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await listening(port, Date.now() + 10_000);
    await listening(starttlsPort, Date.now() + 10_000);
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    port,
    starttlsPort,
    async close() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
