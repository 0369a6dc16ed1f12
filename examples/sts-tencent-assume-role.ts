// Temporary COS credentials through AssumeRole: set TENCENT_ROLE_ARN to the role to assume.
// Run: TENCENT_SECRET_ID=... TENCENT_SECRET_KEY=... TENCENT_ROLE_ARN=qcs::cam::uin/<uin>:roleName/<name> \
//      npx tsx examples/sts-tencent-assume-role.ts
import { ActionType, ProviderType, STSProviderFactory } from '@aury/sts'

const provider = STSProviderFactory.create(ProviderType.TENCENT, {
  secretId: process.env.TENCENT_SECRET_ID ?? '',
  secretKey: process.env.TENCENT_SECRET_KEY ?? '',
  roleArn: process.env.TENCENT_ROLE_ARN ?? 'qcs::cam::uin/100000000001:roleName/uploader',
  roleSessionName: 'example-session',
  ...(process.env.TENCENT_STS_ENDPOINT && { endpoint: process.env.TENCENT_STS_ENDPOINT }),
})

const credentials = await provider.getCredentials({
  bucket: process.env.TENCENT_BUCKET ?? 'my-bucket-1250000000',
  region: process.env.TENCENT_REGION ?? 'ap-guangzhou',
  allowPath: 'user/123/',
  actionType: ActionType.WRITE,
  durationSeconds: 900,
})

console.log(credentials)
console.log(
  `valid from ${credentials.startTime?.toISOString()} (derived) to ${credentials.expiration.toISOString()}`,
)
