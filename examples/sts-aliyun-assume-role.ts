// Temporary OSS credentials for one user's folder, through Aliyun STS AssumeRole.
// Run: ALIYUN_ACCESS_KEY_ID=... ALIYUN_ACCESS_KEY_SECRET=... \
//      ALIYUN_ROLE_ARN=acs:ram::<account id>:role/<name> npx tsx examples/sts-aliyun-assume-role.ts
import { AliyunSTSProvider } from '@aury/sts-aliyun'
import { ActionType } from '@aury/sts-core'

const provider = new AliyunSTSProvider({
  accessKeyId: process.env.ALIYUN_ACCESS_KEY_ID ?? '',
  accessKeySecret: process.env.ALIYUN_ACCESS_KEY_SECRET ?? '',
  roleArn: process.env.ALIYUN_ROLE_ARN ?? 'acs:ram::1234567890123456:role/oss-uploader',
  region: 'cn-hangzhou',
  roleSessionName: 'example-upload',
  ...(process.env.ALIYUN_STS_ENDPOINT && { endpoint: process.env.ALIYUN_STS_ENDPOINT }),
})

const credentials = await provider.getCredentials({
  bucket: process.env.ALIYUN_BUCKET ?? 'my-uploads',
  region: 'cn-hangzhou',
  allowPath: 'user/123/',
  actionType: ActionType.ALL,
  durationSeconds: 900,
})

console.log(credentials) // secret and token hidden
console.log(`use with OSS at ${credentials.endpoint} until ${credentials.expiration.toISOString()}`)
