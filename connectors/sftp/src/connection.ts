import { type Static, Type } from '@mova/sdk';

/** The connection fields: the server, the user, and a password or a private key. */
export const connectionFields = Type.Object({
  host: Type.String({ minLength: 1, description: 'SFTP server host name or IP address' }),
  port: Type.Integer({ minimum: 1, maximum: 65535, default: 22, description: 'SSH port (default 22)' }),
  username: Type.String({ minLength: 1, description: 'User name to log in as' }),
  password: Type.Optional(
    Type.String({ minLength: 1, writeOnly: true, description: 'Password, for password authentication' }),
  ),
  privateKey: Type.Optional(
    Type.String({
      minLength: 1,
      writeOnly: true,
      description:
        'Private key (OpenSSH or PEM: RSA, ECDSA or Ed25519), for public key authentication; tried before the password',
    }),
  ),
  passphrase: Type.Optional(
    Type.String({ minLength: 1, writeOnly: true, description: 'Passphrase of an encrypted private key' }),
  ),
  hostFingerprint: Type.Optional(
    Type.String({
      minLength: 1,
      pattern: '^(SHA256:)?[A-Za-z0-9+/]{43}=?$',
      description:
        "SHA-256 fingerprint of the server's host key as OpenSSH shows it (`SHA256:…`, from `ssh-keygen -lf`); when set, any other server is refused",
    }),
  ),
});

export type SftpConnection = Static<typeof connectionFields>;
