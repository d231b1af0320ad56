import { describe, expect, it } from 'vitest';
import { nameProblem, packageProblem, suggestName, titleFromName } from './names.js';

describe('connector names', () => {
  it('accepts kebab-case names that start with a letter', () => {
    for (const name of ['acme', 'acme-crm', 'x2', 'a-1-b']) expect(nameProblem(name)).toBeUndefined();
  });

  it('rejects spaces, capitals, leading digits and doubled hyphens, saying the rule', () => {
    for (const name of ['acme crm', 'Acme', '1acme', 'acme--crm', 'acme-', '-acme', 'acme_crm', '']) {
      expect(nameProblem(name)).toContain('lower-case letters, digits and single hyphens');
    }
  });

  it('suggests the nearest valid name', () => {
    expect(suggestName('acme crm')).toBe('acme-crm');
    expect(suggestName('Acme_CRM v2')).toBe('acme-crm-v2');
    expect(suggestName('  42 Acme ')).toBe('acme');
    expect(suggestName('Café')).toBe('cafe');
    expect(suggestName('123')).toBeUndefined();
  });

  it('makes a title from the name', () => {
    expect(titleFromName('acme-crm')).toBe('Acme Crm');
  });
});

describe('package names', () => {
  it('accepts plain and scoped npm names', () => {
    expect(packageProblem('connector-acme')).toBeUndefined();
    expect(packageProblem('@acme/connector-crm')).toBeUndefined();
  });

  it('rejects capitals, spaces and a bare scope', () => {
    for (const name of ['Connector', 'my connector', '@acme', '@acme/']) {
      expect(packageProblem(name)).toContain('not a valid npm package name');
    }
  });
});
