import { serviceUrlOf } from '@mova/sdk';
import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import { SENDGRID_HOSTS, type SendGridConnection } from './connection.js';
import { sendgridErrors } from './errors.js';

export interface CallContext {
  signal?: AbortSignal;
  actionKey?: string;
}

const TIMEOUT_MS = 30_000;

/**
 * A @sendgrid/client for the connection: its own instance (the package's default export is a
 * process-wide singleton), the API key, the data residency host or apiUrl, and the subuser.
 */
export function sendgridClient(connection: SendGridConnection): Client {
  const client = new Client();
  // setApiKey resets the base URL to the region's, so the base URL is set after it.
  client.setApiKey(connection.apiKey);
  const root = serviceUrlOf(connection.apiUrl, SENDGRID_HOSTS[connection.region ?? 'global']);
  client.setDefaultRequest('baseUrl', `${root}/`);
  // The typings leave out `timeout`, which the client hands to axios as MailService.setTimeout does.
  Reflect.apply(client.setDefaultRequest, client, ['timeout', TIMEOUT_MS]);
  if (connection.onBehalfOf) client.setImpersonateSubuser(connection.onBehalfOf);
  return client;
}

/** Runs a v3 API request with the connection's client; failures become ConnectorErrors. */
export async function sendgridRequest<T>(
  connection: SendGridConnection,
  ctx: CallContext,
  request: Parameters<Client['request']>[0],
): Promise<{ status: number; headers: Record<string, unknown>; body: T }> {
  const client = sendgridClient(connection);
  const [response, body] = await sendgridErrors.call(ctx.actionKey, () => client.request(request));
  return { status: response.statusCode, headers: response.headers as Record<string, unknown>, body: body as T };
}

/** A @sendgrid/mail service bound to the connection's client. */
export function mailService(connection: SendGridConnection): MailService {
  const mail = new MailService();
  mail.setClient(sendgridClient(connection));
  return mail;
}
