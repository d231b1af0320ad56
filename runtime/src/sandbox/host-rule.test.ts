import { describe, expect, it } from 'vitest';
import { hostRuleProblem } from './host-rule.js';

describe('hostRuleProblem', () => {
  it('accepts names, wildcards, IPv4 and IPv6 with or without a port, and *', () => {
    for (const rule of [
      '*',
      'api.example.com',
      '*.example.com',
      '127.0.0.1:8080',
      '::1',
      '[::1]:8080',
      'localhost:1',
    ]) {
      expect(hostRuleProblem(rule), rule).toBeUndefined();
    }
  });

  it('says what is wrong with a rule that could never match', () => {
    expect(hostRuleProblem('::::')).toMatch(/not an IPv6 address/);
    expect(hostRuleProblem('[zz]:80')).toMatch(/not an IPv6 address/);
    expect(hostRuleProblem('example.com:99999')).toMatch(/port must be a number from 1 to 65535/);
    expect(hostRuleProblem('example.com:')).toMatch(/port/);
    expect(hostRuleProblem('exa mple.com')).toMatch(/not a host name/);
    expect(hostRuleProblem('*.')).toMatch(/not a host name/);
    expect(hostRuleProblem('https://example.com')).toMatch(/./);
  });
});
