import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** An admin account the registry created at start; `password` only when it generated one. */
export interface CreatedAdmin {
  name: string;
  password?: string;
}

/**
 * Makes sure every admin has an account before the registry answers anyone, so nobody can register an
 * admin's name first and own `@mova` with it. A missing account is written into Verdaccio's htpasswd
 * with the password given for it, or a generated one that is returned (to be shown once).
 */
export async function ensureAdmins(
  dataDir: string,
  admins: readonly string[],
  passwords: Readonly<Record<string, string>> = {},
): Promise<CreatedAdmin[]> {
  const file = join(dataDir, 'htpasswd');
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const existing = new Set(
    text
      .split(/\r?\n/)
      .map((line) => line.split(':', 1)[0]?.trim())
      .filter(Boolean),
  );
  const created: CreatedAdmin[] = [];
  let lines = text;
  for (const name of new Set(admins)) {
    if (existing.has(name)) continue;
    const given = passwords[name];
    const password = given ?? randomBytes(18).toString('base64url');
    // Verdaccio's htpasswd reads {SHA}; the generated password is random, so no dictionary applies.
    const hash = createHash('sha1').update(password, 'utf8').digest('base64');
    if (lines && !lines.endsWith('\n')) lines += '\n';
    lines += `${name}:{SHA}${hash}:admin created by the MOVA registry ${new Date().toISOString()}\n`;
    created.push(given === undefined ? { name, password } : { name });
  }
  if (created.length > 0) {
    await writeFileAtomic(file, lines, { mode: 0o600 });
  }
  return created;
}
