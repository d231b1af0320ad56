export interface HostRule {
  any?: boolean;
  host?: string;
  suffix?: string;
  port?: number;
}
export function parseRule(rule: string): HostRule;
export function allowedBy(rules: readonly HostRule[], host: string, port?: number): boolean;
