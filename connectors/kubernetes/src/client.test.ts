import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { kubeConfig } from './client.js';

const kubeconfig = [
  'apiVersion: v1',
  'kind: Config',
  'clusters:',
  '- name: prod',
  '  cluster: {server: "https://10.0.0.1:6443", certificate-authority-data: Q0E=, tls-server-name: kube.internal}',
  'users:',
  '- name: ci',
  '  user: {token: abc}',
  '- name: admin',
  '  user: {token: root}',
  'contexts:',
  '- name: ci',
  '  context: {cluster: prod, user: ci}',
  '- name: admin',
  '  context: {cluster: prod, user: admin}',
  'current-context: ci',
].join('\n');

describe('kubeConfig', () => {
  it('builds a cluster and user from server, token, CA and client certificate', () => {
    const kc = kubeConfig({
      server: 'https://10.0.0.1:6443/',
      token: 't',
      ca: 'CA',
      clientCertificate: 'C',
      clientKey: 'K',
    });
    expect(kc.getCurrentCluster()).toMatchObject({
      server: 'https://10.0.0.1:6443',
      caData: 'Q0E=',
      skipTLSVerify: false,
    });
    expect(kc.getCurrentUser()).toMatchObject({ token: 't', certData: 'Qw==', keyData: 'Sw==' });
  });

  it('speaks plain http to loopback only, and says so to the client', () => {
    expect(kubeConfig({ server: 'http://127.0.0.1:8080', token: 't' }).getCurrentCluster()?.skipTLSVerify).toBe(true);
    expect(() => kubeConfig({ server: 'http://10.0.0.1:8080', token: 't' })).toThrow(ConnectorError);
  });

  it('takes credentials, CA and TLS name from a kubeconfig context, the server from the connection', () => {
    const kc = kubeConfig({ server: 'https://203.0.113.5:6443', kubeconfig, context: 'admin' });
    expect(kc.getCurrentCluster()).toMatchObject({
      server: 'https://203.0.113.5:6443',
      caData: 'Q0E=',
      tlsServerName: 'kube.internal',
    });
    expect(kc.getCurrentUser()).toMatchObject({ token: 'root' });
    expect(kubeConfig({ server: 'https://203.0.113.5:6443', kubeconfig }).getCurrentUser()).toMatchObject({
      token: 'abc',
    });
  });

  it('refuses an unknown context and a half client certificate', () => {
    expect(() => kubeConfig({ server: 'https://k:6443', kubeconfig, context: 'nope' })).toThrow(/no current context/);
    expect(() => kubeConfig({ server: 'https://k:6443', clientCertificate: 'C' })).toThrow(/go together/);
  });
});
