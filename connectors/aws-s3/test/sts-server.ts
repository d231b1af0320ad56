// A loopback AWS Security Token Service answering AssumeRole, for the assumed-role connection.
// It follows "AssumeRole" in the AWS STS API Reference
// (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html) and the query protocol
// of "Making Query requests" (https://docs.aws.amazon.com/STS/latest/APIReference/API_Operations.html):
// POST / with a form body Action=AssumeRole&Version=2011-06-15&RoleArn=…&RoleSessionName=…,
// signed with SigV4 for service "sts"; the answer is the XML AssumeRoleResponse. Signatures are not
// recomputed, but a request must carry an AWS4-HMAC-SHA256 Authorization header for the expected
// access key, region and service, else it gets STS's own 403 InvalidClientTokenId error.
import { type ReferenceServer, startReferenceServer } from '@mova/sdk/testing';

export interface StsReference extends ReferenceServer {
  /** AssumeRole calls, as their form bodies. */
  assumed: Record<string, string>[];
}

export async function startSts(options: {
  /** Key the caller must sign with. */
  callerKeyId: string;
  region: string;
  /** Credentials AssumeRole hands out. */
  issued: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
}): Promise<StsReference> {
  const scope = new RegExp(
    `^AWS4-HMAC-SHA256 Credential=${options.callerKeyId}/\\d{8}/${options.region}/sts/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`,
  );
  const api = await startReferenceServer({
    check: (request) =>
      scope.test(String(request.headers.authorization ?? ''))
        ? undefined
        : {
            status: 403,
            headers: { 'content-type': 'text/xml' },
            body: errorXml('Sender', 'InvalidClientTokenId', 'The security token included in the request is invalid.'),
          },
  });
  const assumed: Record<string, string>[] = [];
  api.route('POST', '/', (request) => {
    const form =
      typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, string>) : {};
    if (form.Action !== 'AssumeRole' || form.Version !== '2011-06-15') {
      return {
        status: 400,
        headers: { 'content-type': 'text/xml' },
        body: errorXml('Sender', 'InvalidAction', 'Could not find operation'),
      };
    }
    if (!form.RoleArn || !form.RoleSessionName) {
      return {
        status: 400,
        headers: { 'content-type': 'text/xml' },
        body: errorXml('Sender', 'MissingParameter', 'RoleArn and RoleSessionName are required'),
      };
    }
    assumed.push(form);
    const expiration = new Date(Date.now() + 3600_000).toISOString();
    return {
      headers: { 'content-type': 'text/xml' },
      body: `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <Arn>${form.RoleArn.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/')}/${form.RoleSessionName}</Arn>
      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:${form.RoleSessionName}</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${options.issued.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${options.issued.secretAccessKey}</SecretAccessKey>
      <SessionToken>${options.issued.sessionToken}</SessionToken>
      <Expiration>${expiration}</Expiration>
    </Credentials>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleResponse>`,
    };
  });
  return Object.assign(api, { assumed });
}

function errorXml(type: string, code: string, message: string): string {
  return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>4e4a1c5b-0000-0000-0000-000000000000</RequestId></ErrorResponse>`;
}
