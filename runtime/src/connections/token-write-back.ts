import type { AuditRecord } from '../audit/audit-log.js';
import type { StepRef } from '../events.js';
import type { ConnectionProvider } from './connections.js';
import { readTokenSet, type TokenSet, type TokenWrite, withTokens } from './token-set.js';

// As the SDK's OAuth2 session: a token this close to its expiry is refreshed before use.
const EXPIRY_SKEW_MS = 30_000;

/** An OAuth2 auth whose access token has expired (or is about to). */
function isStale(auth: Record<string, unknown>): boolean {
  return typeof auth.expiresAt === 'number' && auth.expiresAt * 1000 - EXPIRY_SKEW_MS <= Date.now();
}

function tokenFields(auth: Record<string, unknown>): Record<string, unknown> {
  const { accessToken, refreshToken, expiresAt, scope } = auth;
  return { accessToken, refreshToken, expiresAt, scope };
}

/** The newest tokens of one connection, and the tokens they replaced since this runtime started. */
interface TokenChain {
  tokens: TokenSet;
  superseded: Set<string>;
}

/**
 * Whether `auth` is this chain's connection: it holds the chain's newest access token or one it
 * replaced (without an access token: the refresh token). Anything else is another identity under
 * the same name (a connection edited since, a test's own credentials), which keeps its own tokens.
 */
function inChain(chain: TokenChain, auth: Record<string, unknown>): boolean {
  const own = typeof auth.accessToken === 'string' ? 'accessToken' : 'refreshToken';
  const token = auth[own];
  return typeof token === 'string' && (token === chain.tokens[own] || chain.superseded.has(token));
}

/** Where one run's side of a write-back goes. */
export interface RunTokenSinks {
  runId: string;
  workflow: string;
  audit(record: AuditRecord): void;
  /** Adds secrets to the run's redactor. */
  learn(secrets: string[]): void;
  warn(step: StepRef, message: string): void;
}

/** Where a trigger call's side of a write-back goes: no run, so no redactor and no step to warn on. */
export interface TriggerTokenSinks {
  /** Resolves once recorded: a poll's result waits for its tokens' audit event. */
  audit(record: AuditRecord): Promise<void>;
}

/** The auth a call through connection `name` gets: see RunTokens.authOf. */
type AuthOf = (name: string, auth: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** A run's view of the write-back (ExecutionContext.tokens). */
export interface RunTokens {
  /**
   * The auth a call through connection `name` gets: `auth` with newer tokens an earlier call of this
   * runtime refreshed; when those are stale too, with newer ones from the store (another process,
   * a queue worker say, may have refreshed and stored them: refreshing again could spend a rotated
   * refresh token the provider no longer accepts).
   */
  authOf: AuthOf;
  /**
   * Takes the tokens a call through connection `name` refreshed (the host checked their shape and
   * that they came from that call): stored in the connection, audited, never thrown.
   */
  save(
    call: { name: string; connector: string; auth: Record<string, unknown>; step: StepRef },
    tokens: TokenSet,
  ): Promise<void>;
}

/** The trigger calls' view of the write-back (TriggerContext.tokens): as a run's, audited under the trigger's key. */
export interface TriggerTokens {
  authOf: AuthOf;
  save(
    call: { name: string; connector: string; auth: Record<string, unknown>; trigger: string },
    tokens: TokenSet,
  ): Promise<void>;
}

/** Where one save is audited and warned about. */
interface SaveSinks {
  details: Record<string, unknown>;
  audit(record: AuditRecord): void | Promise<void>;
  learn?(secrets: string[]): void;
  warn?(message: string): void;
}

/**
 * Carries OAuth2 tokens refreshed inside sandboxes back to the connection store, so the next run
 * starts from them instead of an expired token, and to this runtime's later calls, whose plan may
 * hold the connection as it was loaded before the refresh (serve validates a workflow once).
 * Trigger calls (polls, webhook subscriptions and deliveries) go through it as steps do.
 */
export class TokenWriteBack {
  private readonly latest = new Map<string, TokenChain>();
  /** Every token this runtime saw refreshed, per connection: later runs redact them too. */
  private readonly seen = new Map<string, Set<string>>();
  private readonly warnedUnwritable = new Set<string>();

  constructor(private readonly connections: ConnectionProvider) {}

  /** The refreshed tokens of these connections, for a run's redactor. */
  secretsOf(names: Iterable<string>): string[] {
    return [...names].flatMap((name) => [...(this.seen.get(name) ?? [])]);
  }

  forRun(sinks: RunTokenSinks): RunTokens {
    return {
      authOf: (name, auth) => this.authOf(name, auth),
      save: (call, tokens) =>
        this.save(call, tokens, {
          details: { runId: sinks.runId, workflow: sinks.workflow, step: call.step.id },
          audit: sinks.audit,
          learn: sinks.learn,
          warn: (message) => sinks.warn(call.step, message),
        }),
    };
  }

  forTriggers(sinks: TriggerTokenSinks): TriggerTokens {
    return {
      authOf: (name, auth) => this.authOf(name, auth),
      save: (call, tokens) => this.save(call, tokens, { details: { trigger: call.trigger }, audit: sinks.audit }),
    };
  }

  private async authOf(name: string, auth: Record<string, unknown>): Promise<Record<string, unknown>> {
    const chain = this.latest.get(name);
    const known = (chain && inChain(chain, auth) && withTokens(auth, chain.tokens)) || auth;
    if (!isStale(known)) return known;
    // A store that cannot be read now leaves the call to refresh by itself.
    const stored = await this.connections.get(name).catch(() => undefined);
    const newer = stored ? readTokenSet(tokenFields(stored.auth)) : undefined;
    if (typeof newer !== 'object' || newer.expiresAt === undefined) return known;
    return newer.expiresAt > Number(known.expiresAt) ? (withTokens(known, newer) ?? known) : known;
  }

  private async save(
    call: { name: string; connector: string; auth: Record<string, unknown> },
    tokens: TokenSet,
    sinks: SaveSinks,
  ): Promise<void> {
    const { name } = call;
    const secrets = [tokens.accessToken, tokens.refreshToken].filter((s): s is string => s !== undefined);
    sinks.learn?.(secrets);
    const seen = this.seen.get(name) ?? new Set<string>();
    for (const secret of secrets) seen.add(secret);
    this.seen.set(name, seen);
    this.remember(name, tokens, call.auth);
    let stored: TokenWrite | 'failed';
    try {
      stored = (await this.connections.saveTokens?.(name, tokens)) ?? 'unsupported';
    } catch (error) {
      stored = 'failed';
      sinks.warn?.(`the OAuth2 tokens refreshed for connection "${name}" were not stored: ${(error as Error).message}`);
    }
    // Warned once per connection, on the first run step that can show it (the audit event says it each time).
    if (stored === 'unsupported' && sinks.warn && !this.warnedUnwritable.has(name)) {
      this.warnedUnwritable.add(name);
      sinks.warn(
        `connection "${name}" comes from a source MOVA does not write to (an environment variable, or a pinned Vault version), so the OAuth2 tokens refreshed now last only while this process runs; keep it in a connections file or in Vault to have them stored`,
      );
    }
    await sinks.audit({
      action: 'connection.token_refreshed',
      subject: name,
      details: {
        ...sinks.details,
        connector: call.connector,
        stored,
        refreshToken:
          tokens.refreshToken !== undefined && tokens.refreshToken !== call.auth.refreshToken ? 'rotated' : 'kept',
        ...(tokens.expiresAt === undefined ? {} : { expiresAt: new Date(tokens.expiresAt * 1000).toISOString() }),
      },
    });
  }

  /**
   * Keeps the newest tokens for later calls with the auth they were refreshed from (or any auth of
   * that chain); a set without a refresh token keeps the one before. A refresh from an auth outside
   * the chain starts a new one: the connection is someone else now.
   */
  private remember(name: string, tokens: TokenSet, from: Record<string, unknown>): void {
    const before = this.latest.get(name);
    const chained = before !== undefined && inChain(before, from);
    const newest = chained ? before.tokens : undefined;
    if (newest?.expiresAt !== undefined && tokens.expiresAt !== undefined && newest.expiresAt > tokens.expiresAt) {
      return;
    }
    const superseded = chained ? before.superseded : new Set<string>();
    for (const old of [from.accessToken, from.refreshToken, newest?.accessToken, newest?.refreshToken]) {
      if (typeof old === 'string') superseded.add(old);
    }
    const refreshToken =
      tokens.refreshToken ??
      newest?.refreshToken ??
      (typeof from.refreshToken === 'string' ? from.refreshToken : undefined);
    superseded.delete(tokens.accessToken);
    if (refreshToken !== undefined) superseded.delete(refreshToken);
    this.latest.set(name, {
      tokens: { ...tokens, ...(refreshToken === undefined ? {} : { refreshToken }) },
      superseded,
    });
  }
}
