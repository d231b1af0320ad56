import { describe, expect, it } from 'vitest';
import { vendorMessage } from './vendor-message.js';

describe('vendorMessage', () => {
  it.each([
    ['{"message":"Not Found","documentation_url":"https://docs.github.com"}', 'Not Found'],
    ['{"error":{"message":"No such customer"}}', 'No such customer'],
    ['{"ok":false,"error":"channel_not_found"}', 'channel_not_found'],
    ['{"error":"invalid_grant","error_description":"expired"}', 'invalid_grant: expired'],
    ['{"error_description":"bad client"}', 'bad client'],
    ['{"errors":[{"message":"title is required"}]}', 'title is required'],
    ['{"errors":["quota exceeded"]}', 'quota exceeded'],
    ['{"type":"about:blank","title":"Forbidden","detail":"No access to project 7"}', 'No access to project 7'],
    ['Rate   limit\nexceeded', 'Rate limit exceeded'],
  ])('finds the message in %s', (body, expected) => {
    expect(vendorMessage(body)).toBe(expected);
  });

  it('reads an HTML error page by its title, else its text', () => {
    expect(vendorMessage('<html><head><title>502 Bad Gateway</title></head><body>x</body></html>', 'text/html')).toBe(
      '502 Bad Gateway',
    );
    expect(vendorMessage('<html><body><h1>Down</h1><script>x()</script></body></html>', 'text/html')).toBe('Down');
  });

  it('truncates long messages and gives nothing for an empty body', () => {
    const message = vendorMessage('x'.repeat(1000));
    expect(message).toHaveLength(300);
    expect(message?.endsWith('…')).toBe(true);
    expect(vendorMessage('  ')).toBeUndefined();
    expect(vendorMessage('{}', 'application/json')).toBeUndefined();
  });
});
