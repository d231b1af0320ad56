import { errors } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { answeredWith, elasticsearchErrors } from './errors.js';

/** A ResponseError as the transport builds it from an answer. */
function responseError(statusCode: number, body: unknown, headers: Record<string, string> = {}) {
  return new errors.ResponseError({ body, statusCode, headers, warnings: null, meta: {} } as never);
}
const failure = (type: string, reason: string, status: number) => ({
  error: { root_cause: [{ type, reason }], type, reason },
  status,
});

describe('elasticsearchErrors', () => {
  it('classifies Elasticsearch error types before statuses', () => {
    const cases: [number, string, string][] = [
      [404, 'index_not_found_exception', 'not_found'],
      [404, 'document_missing_exception', 'not_found'],
      [409, 'version_conflict_engine_exception', 'conflict'],
      [400, 'resource_already_exists_exception', 'conflict'],
      [429, 'es_rejected_execution_exception', 'rate_limit'],
      [429, 'circuit_breaking_exception', 'rate_limit'],
      [403, 'security_exception', 'auth'],
      [400, 'parsing_exception', 'invalid_input'],
      [400, 'mapper_parsing_exception', 'invalid_input'],
      [503, 'cluster_block_exception', 'transient'],
    ];
    for (const [status, type, kind] of cases) {
      const mapped = elasticsearchErrors.toConnectorError(
        responseError(status, failure(type, `${type} reason`, status)),
        'search',
      );
      expect(mapped, type).toMatchObject({ kind, status, vendorMessage: `${type} reason`, actionKey: 'search' });
      expect(mapped.message).toBe(`Elasticsearch answered ${status} ${type}: ${type} reason`);
    }
  });

  it('keeps Retry-After and reads string error bodies', () => {
    const limited = elasticsearchErrors.toConnectorError(
      responseError(429, failure('es_rejected_execution_exception', 'busy', 429), { 'retry-after': '12' }),
    );
    expect(limited.retryAfter).toBe(12);
    const plain = elasticsearchErrors.toConnectorError(
      responseError(400, { error: 'no handler found for uri [/x]', status: 400 }),
    );
    expect(plain).toMatchObject({ kind: 'invalid_input', vendorMessage: 'no handler found for uri [/x]' });
  });

  it('classifies transport failures', () => {
    expect(
      elasticsearchErrors.toConnectorError(new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200')).kind,
    ).toBe('transient');
    expect(elasticsearchErrors.toConnectorError(new errors.TimeoutError('Request timed out')).kind).toBe('transient');
    const tls = elasticsearchErrors.toConnectorError(
      new errors.ConnectionError('self-signed certificate in certificate chain'),
    );
    expect(tls).toMatchObject({ kind: 'auth' });
    expect(tls.hint).toMatch(/caCertificate/);
    const product = elasticsearchErrors.toConnectorError(
      new errors.ProductNotSupportedError('Elasticsearch', {
        body: {},
        statusCode: 200,
        headers: {},
        warnings: null,
        meta: {},
      } as never),
    );
    expect(product.kind).toBe('invalid_input');
    expect(product.hint).toMatch(/not Elasticsearch/);
  });
});

describe('answeredWith', () => {
  it('recognises a 404 that means "no such document", directly or wrapped', () => {
    const missing = responseError(404, { _index: 'i', _id: 'x', found: false });
    expect(answeredWith(missing, 404, (body) => body.found === false)).toBe(true);
    expect(answeredWith(elasticsearchErrors.toConnectorError(missing), 404, (body) => body.found === false)).toBe(true);
    const noIndex = responseError(404, failure('index_not_found_exception', 'no such index [i]', 404));
    expect(answeredWith(noIndex, 404, (body) => body.found === false)).toBe(false);
  });
});
