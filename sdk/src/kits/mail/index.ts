/**
 * `@mova/sdk/mail`: what the mail connectors (IMAP, SMTP) share: the XOAUTH2 token and TLS trust
 * fields of a mail server connection, and the TLS options they make. It adds no dependency: the
 * connector brings its mail client.
 */
export { mailConnectionFields, mailTlsOptions } from './fields.js';
