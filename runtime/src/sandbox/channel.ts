/** What the runtime sends a sandbox and what comes back (see sandbox-entry/serve.mjs). */
export type ToSandbox =
  | {
      type: 'invoke';
      id: number;
      key: string;
      input: unknown;
      auth: unknown;
      /** Set when `key` is a polling trigger: run its `poll` with the newest timestamp seen. */
      poll?: { since?: string };
      /** Set when `key` is a webhook trigger: call this method of it with `input` as its arguments. */
      webhook?: 'subscribe' | 'unsubscribe' | 'verify' | 'parse';
      /** The sandbox refuses to send a larger output (JSON text, bytes); the host checks again. */
      maxOutputBytes: number;
    }
  | { type: 'abort'; id: number }
  /** The first and only bind of a spare sandbox: from now on it serves this connector. */
  | { type: 'bind'; spec: SandboxSpec };

export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  kind?: string;
  status?: number;
  vendorMessage?: string;
  actionKey?: string;
  retryAfter?: number;
  hint?: string;
}

export type FromSandbox =
  | { type: 'ready' }
  /** A spare sandbox has started and waits for its bind. */
  | { type: 'idle' }
  | { type: 'fatal'; error: SerializedError }
  | { type: 'log'; id: number; level: string; message: string; data?: unknown }
  /** OAuth2 tokens call `id` refreshed (`ctx.tokensRefreshed`); the host checks them before anything else. */
  | { type: 'tokens'; id: number; tokens: unknown }
  /** `json`: the output as JSON text, so its size is known before anything parses it. */
  | { type: 'result'; id: number; ok: true; json: string }
  | { type: 'result'; id: number; ok: false; error: SerializedError };

export interface SandboxExit {
  reason: string;
  outOfMemory: boolean;
}

/** One isolate running one connector version: a worker thread or a child process. */
export interface Sandbox {
  send(message: ToSandbox): void;
  onMessage(listener: (message: FromSandbox) => void): void;
  /** Called once when the sandbox is gone, with a reason a person can read. */
  onExit(listener: (exit: SandboxExit) => void): void;
  kill(): Promise<void>;
}

export interface SandboxSpec {
  /** Absolute path of the connector's single-file bundle. */
  bundle: string;
  /** Every host the sandbox may reach: the manifest's network.allow, the runtime's extra hosts and the hosts of its one connection. */
  network: string[];
  /**
   * Absolute paths the sandbox may read and write besides its bundle: the files its one connection
   * names in the manifest's `fs.connectionPaths` fields, with their sibling suffixes. Only process
   * sandboxes get any (a worker thread cannot be confined to them).
   */
  files?: string[];
  /** In the OS sandbox: the path, inside it, of the host's egress proxy socket. */
  egress?: string;
  /** `package@version`, for messages. */
  label: string;
}

export interface SandboxLimits {
  /** V8 old-generation heap cap per sandbox, MiB. */
  memoryMb: number;
  /** Resident memory cap of a process sandbox (heap, buffers, code), MiB. */
  rssMb: number;
}

export type SandboxFactory = (spec: SandboxSpec, limits: SandboxLimits) => Sandbox;

/** Where the plain-JS sandbox entries live: the same relative path from src/ and dist/. */
export const ENTRY_DIR = new URL('../../sandbox-entry/', import.meta.url);
