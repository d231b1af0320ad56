import { describe, expect, it } from 'vitest';
import { messageOf } from './messages.js';
import { attributeValues } from './schemas.js';

describe('attributeValues', () => {
  it('sends strings as String and numbers as Number', () => {
    expect(attributeValues({ kind: 'resize', priority: 2.5 })).toEqual({
      kind: { DataType: 'String', StringValue: 'resize' },
      priority: { DataType: 'Number', StringValue: '2.5' },
    });
    expect(attributeValues(undefined)).toBeUndefined();
  });
});

describe('messageOf', () => {
  it('flattens attributes to strings, binary as base64', () => {
    expect(
      messageOf({
        MessageId: 'm1',
        ReceiptHandle: 'h1',
        Body: 'hi',
        MD5OfBody: '49f68a5c8493ec2c0bf489821c21fc3b',
        Attributes: { SentTimestamp: '1741111200000' },
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: 'resize' },
          raw: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) },
        },
      }),
    ).toEqual({
      messageId: 'm1',
      receiptHandle: 'h1',
      body: 'hi',
      md5OfBody: '49f68a5c8493ec2c0bf489821c21fc3b',
      attributes: { SentTimestamp: '1741111200000' },
      messageAttributes: { kind: 'resize', raw: 'AQID' },
    });
  });
});
