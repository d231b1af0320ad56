import { describe, expect, it } from 'vitest';
import { lastJsonObject } from './npm-publish.js';

describe('lastJsonObject', () => {
  it('reads npm report after lines that lifecycle scripts printed', () => {
    const report = { '@acme/connector-crm': { id: '@acme/connector-crm@1.0.0', integrity: 'sha512-x' } };
    const stdout = `\n> @acme/connector-crm@1.0.0 prepack\n> echo "{ building }" && echo {{\n\n{ building }\n{{\n${JSON.stringify(report, null, 2)}\n`;
    expect(lastJsonObject(stdout)).toEqual(report);
  });

  it('is undefined when there is no JSON object', () => {
    expect(lastJsonObject('')).toBeUndefined();
    expect(lastJsonObject('npm error code E404\n}')).toBeUndefined();
    expect(lastJsonObject('{ not json }')).toBeUndefined();
  });
});
