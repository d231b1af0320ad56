import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSap } from '../client.js';
import { entityPath, keyInput, literal, type ODataVersion, type ScalarValue } from '../literal.js';
import { entitySetInput, resultOf } from '../odata.js';

const input = Type.Object({
  name: Type.String({
    pattern: '^[A-Za-z_][A-Za-z0-9_.]*$',
    description:
      'The function import or action: its name (unbound, V2 function imports), or its namespace-qualified name when bound (e.g. com.sap.gateway.srvd_a2x.api_salesorder.v0001.SetDeliveryBlock)',
  }),
  kind: Type.Union([Type.Literal('function'), Type.Literal('action')], {
    default: 'function',
    description:
      'function: reads, sent as GET (V4 functions, V2 function imports with HttpMethod GET); action: changes data, sent as POST with the CSRF token (V4 actions, V2 function imports with HttpMethod POST)',
  }),
  parameters: Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.Unknown(), {
    default: {},
    description:
      'Parameter values by name: strings, numbers, booleans or { type, value } (V2 and functions: written as OData literals); a V4 action’s body may also hold objects and arrays',
  }),
  boundTo: Type.Optional(
    Type.Object(
      { entitySet: entitySetInput, key: keyInput },
      { description: 'The entity a V4 bound function or action runs on' },
    ),
  ),
  ifMatch: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'For an action bound to an entity with an ETag: the ETag read with it (entities.get), or *',
    }),
  ),
});

function isScalar(value: unknown): value is ScalarValue {
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return true;
  return typeof value === 'object' && value !== null && 'type' in value && 'value' in value;
}

/** Each parameter as an OData literal: V4 function parameters and V2 function import query options are literals. */
function literals(
  parameters: Record<string, unknown>,
  version: ODataVersion,
  actionKey: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(parameters)) {
    try {
      if (!isScalar(value))
        throw new TypeError('only strings, numbers, booleans and { type, value } can be URL literals');
      out[name] = literal(value, version);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      throw new ConnectorError(`parameter ${name}: ${error.message}`, { kind: 'invalid_input', actionKey });
    }
  }
  return out;
}

/** A V4 action's JSON body: { type, value } pairs become their text, everything else goes as given. */
function actionBody(parameters: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(parameters).map(([name, value]) => [
      name,
      isScalar(value) && typeof value === 'object' ? value.value : value,
    ]),
  );
}

export const callFunction = defineAction({
  auth,
  key: 'functions.call',
  title: 'Call a function or action',
  description:
    'Calls a V2 function import, or a V4 function or action, unbound or bound to an entity, with its parameters written as the version wants them; returns its result (a collection or a primitive as the value itself).',
  input,
  output: Type.Object({
    result: Type.Unknown({ description: 'What the function or action returned; null when it returns nothing' }),
  }),
  examples: [
    {
      title: 'Release a sales order (V2 function import with HttpMethod POST)',
      input: { name: 'ReleaseSalesOrder', kind: 'action', parameters: { SalesOrder: '1' } },
    },
    {
      title: 'Set a delivery block on a sales order (V4 bound action)',
      input: {
        name: 'com.sap.gateway.srvd_a2x.api_salesorder.v0001.SetDeliveryBlock',
        kind: 'action',
        parameters: { DeliveryBlockReason: '01' },
        boundTo: { entitySet: 'SalesOrder', key: '1' },
        ifMatch: '*',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSap(auth, ctx, async (api) => {
      const version = await api.version();
      if (version === 2) {
        if (input.boundTo) {
          throw new ConnectorError(
            'OData V2 has no bound functions or actions',
            { kind: 'invalid_input', actionKey: ctx.actionKey },
            'Call the function import by its name and pass the key as parameters.',
          );
        }
        const query = literals(input.parameters, 2, ctx.actionKey);
        const response =
          input.kind === 'action'
            ? // An empty JSON body: SAP Gateway ignores it, and servers mapping V2 onto V4 (CAP's V2 adapter) read the parameters only from a JSON request.
              await api.modify('POST', `/${input.name}`, { query, json: {} })
            : await api.read(`/${input.name}`, query);
        return { result: resultOf(response.data, 2, input.name) };
      }
      const base = input.boundTo
        ? `${entityPath(input.boundTo.entitySet, input.boundTo.key, 4, ctx.actionKey)}/${input.name}`
        : `/${input.name}`;
      if (input.kind === 'action') {
        const response = await api.modify('POST', base, {
          json: actionBody(input.parameters),
          headers: input.ifMatch ? { 'if-match': input.ifMatch } : {},
        });
        return { result: resultOf(response.data, 4, input.name) };
      }
      const inline = Object.entries(literals(input.parameters, 4, ctx.actionKey))
        .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
        .join(',');
      const response = await api.read(`${base}(${inline})`);
      return { result: resultOf(response.data, 4, input.name) };
    });
  },
});
