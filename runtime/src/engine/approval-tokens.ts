import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MovaError } from '@mova/sdk/host';
import { makeDir } from '../make-dir.js';

export type Decision = 'approve' | 'reject';

/** What an approval token says: this run's step may be decided so, until `expiresAt` (ms). */
export interface ApprovalClaim {
  runId: string;
  step: string;
  decision: Decision;
  expiresAt: number;
}

export type TokenCheck = { ok: true; claim: ApprovalClaim } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

const KEY_FILE = 'approval-secret';

/**
 * Signs and checks approval tokens: `<claim>.<signature>`, both base64url, the signature an
 * HMAC-SHA256 of the claim with a secret kept in `<dataDir>/engine/approval-secret` (created 0600
 * on first start, so links survive restarts). A token is only a permission: that it is used once
 * is enforced by the run store (`decideStep` decides a waiting step once).
 */
export class ApprovalTokens {
  constructor(private readonly secret: Buffer) {}

  /** Reads the secret, or creates it (32 random bytes, readable by the owner only). */
  static async open(dataDir: string): Promise<ApprovalTokens> {
    return new ApprovalTokens(await secretOf(dataDir));
  }

  sign(claim: ApprovalClaim): string {
    const body = Buffer.from(
      JSON.stringify({ r: claim.runId, s: claim.step, d: claim.decision, e: claim.expiresAt }),
    ).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** Checks a token's signature and expiry at `now` (ms). */
  check(token: string, now: number): TokenCheck {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const { r, s, d, e } = (parsed ?? {}) as Record<string, unknown>;
    if (
      typeof r !== 'string' ||
      typeof s !== 'string' ||
      (d !== 'approve' && d !== 'reject') ||
      typeof e !== 'number'
    ) {
      return { ok: false, reason: 'malformed' };
    }
    if (now > e) return { ok: false, reason: 'expired' };
    return { ok: true, claim: { runId: r, step: s, decision: d, expiresAt: e } };
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.secret).update(body).digest();
  }
}

async function secretOf(dataDir: string): Promise<Buffer> {
  const dir = join(dataDir, 'engine');
  const file = join(dir, KEY_FILE);
  await makeDir(dir);
  try {
    await writeFile(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // A secret created by hand (or by an older umask) is kept, but made private.
  await chmod(file, 0o600);
  const hex = (await readFile(file, 'utf8')).trim();
  if (!/^[0-9a-f]{64,}$/.test(hex)) {
    throw new MovaError(
      'E_APPROVAL_SECRET',
      `${file} does not hold an approval secret (64+ hex digits)`,
      'Remove the file: serve makes a new secret, and approval links sent before stop working.',
    );
  }
  return Buffer.from(hex, 'hex');
}
