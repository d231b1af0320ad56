// The parts of CAP, its V2 adapter and Express the reference service uses; none of them ships types.
declare module '@sap/cds' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  type Handler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;
  type Csn = { definitions: Record<string, unknown> };
  interface Query extends PromiseLike<unknown> {
    entries(rows: Record<string, unknown>[]): Query;
  }
  interface Cds {
    root: string;
    env: { requires: Record<string, unknown> };
    model: unknown;
    load(files: string[]): Promise<Csn>;
    compile: { for: { nodejs(csn: Csn): unknown } };
    connect: { to(name: 'db'): Promise<unknown> };
    deploy(csn: Csn): { to(db: unknown): Promise<unknown> };
    serve(which: 'all'): { from(csn: Csn): { in(app: Handler): Promise<unknown> } };
    entities(namespace: string): Record<string, unknown>;
    log(id: string, level: 'warn'): unknown;
    ql: { DELETE: { from(entity: unknown): Query }; INSERT: { into(entity: unknown): Query } };
  }
  const cds: Cds;
  export default cds;
}

declare module '@cap-js-community/odata-v2-adapter' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export default function cov2ap(options: {
    model: string[];
    target: string;
    registerOnListening: boolean;
  }): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
}

declare module 'express' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Application {
    (req: IncomingMessage, res: ServerResponse): void;
    use(handler: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void): Application;
  }
  export default function express(): Application;
}
