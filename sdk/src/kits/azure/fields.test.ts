import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { entraIdFields, optionalEntraIdFields, storageConnectionStringField } from './fields.js';

describe('entraIdFields', () => {
  it('requires the app registration and keeps its secret write-only', () => {
    const schema = Type.Object(entraIdFields(), { additionalProperties: false });
    expect(schema.required).toEqual(['tenantId', 'clientId', 'clientSecret']);
    expect(schema.properties.clientSecret.writeOnly).toBe(true);
    expect(Value.Check(schema, { tenantId: 't', clientId: 'c', clientSecret: 's' })).toBe(true);
    expect(Value.Check(schema, { tenantId: 't', clientId: 'c' })).toBe(false);
    expect(schema.properties.authorityHost.description).toMatch(/^Microsoft Entra ID sign-in host outside/);
  });

  it('makes every field optional beside other methods, naming the method', () => {
    const schema = Type.Object(optionalEntraIdFields('clientSecret'));
    expect(schema.required).toBeUndefined();
    expect(schema.properties.authorityHost.description).toContain('for "clientSecret" outside the global cloud');
  });
});

it('storageConnectionStringField is an optional write-only string for its method', () => {
  const schema = Type.Object({ connectionString: storageConnectionStringField() });
  expect(schema.required).toBeUndefined();
  expect(schema.properties.connectionString.writeOnly).toBe(true);
  expect(schema.properties.connectionString.description).toContain('Required when method is "connectionString".');
});
