/**
 * `@mova/runtime/sandbox`: where connector code runs: `SandboxHost` (worker threads, or processes in
 * OS namespaces), the in-process host for tests, the `ConnectorHost` interface and host-rule checks.
 */
export { hostAllowed } from '../builtins/allow-hosts.js';
export { TrustedInProcessHost } from '../host/trusted-in-process-host.js';
export type { ConnectorHost, ConnectorTarget, InvokeOptions } from '../host/types.js';
export { type Isolation, SandboxHost, type SandboxHostOptions } from './host.js';
export { hostRuleProblem } from './host-rule.js';
