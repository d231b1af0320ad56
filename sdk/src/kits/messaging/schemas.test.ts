import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { decodedPayloadFields, decodeField, payloadEncodingField, payloadField } from './schemas.js';

describe('messaging fields', () => {
  it('describes decode for the broker, with or without JSON sniffing', () => {
    const mqtt = decodeField({ contentTypeFrom: 'the MQTT 5 content type' });
    expect(mqtt.default).toBe('auto');
    expect(mqtt.description).toBe(
      'How to read payloads: auto (JSON when the MQTT 5 content type says so or the text parses as a JSON object or array, else UTF-8 text, else base64), json, text or base64',
    );
    const amqp = decodeField({ contentTypeFrom: 'the content type', sniffJson: false, noun: 'the body' });
    expect(amqp.description).toBe(
      'How to read the body: auto (JSON when the content type says so, else UTF-8 text, else base64), json, text or base64',
    );
    expect(Value.Check(amqp, 'base64')).toBe(true);
    expect(Value.Check(amqp, 'xml')).toBe(false);
  });

  it('gives publish and receive fields that accept what the codec takes and gives', () => {
    expect(Value.Check(payloadField(), { any: ['json'] })).toBe(true);
    expect(payloadEncodingField().default).toBe('auto');
    expect(Value.Check(payloadEncodingField(), 'json')).toBe(false);
    const fields = decodedPayloadFields();
    expect(Object.keys(fields)).toEqual(['payload', 'encoding', 'bytes']);
    expect(Value.Check(fields.encoding, 'text')).toBe(true);
    expect(Value.Check(fields.bytes, -1)).toBe(false);
  });
});
