import { type Static, serviceUrl, Type } from '@mova/sdk';

const secret = (description: string) => Type.Optional(Type.String({ minLength: 1, writeOnly: true, description }));

/**
 * One OData service, reached through the host `serviceUrl` names (network.connectionHosts), with
 * basic auth or OAuth 2.0 client credentials from the token endpoint `tokenUrl` names (also a
 * connection host: XSUAA / SAP Cloud Identity live on another host than the service).
 */
export const connectionFields = Type.Object({
  serviceUrl: serviceUrl({
    description:
      'Root URL of the OData service, e.g. https://my-s4.example.com/sap/opu/odata/sap/API_BUSINESS_PARTNER (V2) or https://my-s4.example.com/sap/opu/odata4/sap/api_salesorder/srvd_a2x/sap/salesorder/0001 (V4)',
  }),
  odataVersion: Type.Union([Type.Literal('auto'), Type.Literal('2'), Type.Literal('4')], {
    default: 'auto',
    description:
      'OData version of the service; auto reads it from the service’s OData-Version / DataServiceVersion answer',
  }),
  sapClient: Type.Optional(
    Type.String({
      pattern: '^[0-9]{3}$',
      description: 'SAP client (sap-client), e.g. 100; the system’s default when left out',
    }),
  ),
  username: Type.Optional(Type.String({ minLength: 1, description: 'User for basic auth (a communication user)' })),
  password: secret('Password for basic auth'),
  tokenUrl: Type.Optional(
    serviceUrl({
      description:
        'OAuth 2.0 token endpoint for the client credentials grant, e.g. https://<subdomain>.authentication.eu10.hana.ondemand.com/oauth/token',
    }),
  ),
  clientId: Type.Optional(
    Type.String({ minLength: 1, description: 'OAuth 2.0 client id (e.g. of the XSUAA service key)' }),
  ),
  clientSecret: secret('OAuth 2.0 client secret'),
  scope: Type.Optional(
    Type.String({ minLength: 1, description: 'Space-separated scopes to ask the token endpoint for' }),
  ),
});

export type SapConnection = Static<typeof connectionFields>;
