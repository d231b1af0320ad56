import { isIP } from 'node:net';

const LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * What is wrong with a host rule as `allowHosts` and `network.allow` take them (`api.example.com`,
 * `*.example.com`, `127.0.0.1:8080`, `[::1]:8080`, `*`), or undefined when it is one: a rule the
 * sandbox could never match (`::::`) would otherwise be accepted and silently allow nothing.
 */
export function hostRuleProblem(rule: string): string | undefined {
  const text = rule.trim().toLowerCase();
  if (text === '*') return undefined;
  const bracket = /^\[([^\]]*)\](?::(\d+))?$/.exec(text);
  if (bracket) {
    if (isIP(bracket[1] ?? '') !== 6) return `"${rule}": ${bracket[1]} is not an IPv6 address`;
    return portProblem(rule, bracket[2]);
  }
  if (isIP(text) === 6) return undefined;
  if (text.includes('::') || text.split(':').length > 2) {
    return `"${rule}" is not an IPv6 address (write one with a port in brackets: [::1]:8080)`;
  }
  const [host = '', port] = text.split(':');
  const problem = portProblem(rule, port);
  if (problem) return problem;
  const name = host.startsWith('*.') ? host.slice(2) : host;
  if (isIP(name) === 4 && name === host) return undefined;
  if (name.length === 0 || name.length > 253 || !name.split('.').every((label) => LABEL.test(label))) {
    return `"${rule}" is not a host name (api.example.com), a wildcard (*.example.com) or an IP address`;
  }
  return undefined;
}

function portProblem(rule: string, port: string | undefined): string | undefined {
  if (port === undefined) return undefined;
  const value = Number(port);
  return /^\d+$/.test(port) && value >= 1 && value <= 65_535
    ? undefined
    : `"${rule}": the port must be a number from 1 to 65535`;
}
