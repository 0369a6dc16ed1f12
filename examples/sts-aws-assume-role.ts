// Temporary S3 credentials for one user's folder, through AWS STS AssumeRole (or
// GetFederationToken when AWS_ROLE_ARN is unset).
// Run: AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... AWS_ROLE_ARN=arn:aws:iam::<account>:role/<name> \
//      npx tsx examples/sts-aws-assume-role.ts

import { AwsSTSProvider } from '@aury/sts-aws'
import { ActionType, credentialsToJSON } from '@aury/sts-core'

const provider = new AwsSTSProvider({
  accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '',
  secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
  region: process.env.AWS_STS_REGION ?? 'us-east-1',
  ...(process.env.AWS_ROLE_ARN && { roleArn: process.env.AWS_ROLE_ARN }),
  roleSessionName: 'example-upload',
  // A local or regional STS endpoint (e.g. the test fake); the default is sts.<region>.amazonaws.com.
  ...(process.env.AWS_STS_ENDPOINT && { endpoint: process.env.AWS_STS_ENDPOINT }),
})

const credentials = await provider.getCredentials({
  bucket: process.env.AWS_BUCKET ?? 'my-uploads',
  region: process.env.AWS_REGION ?? 'eu-west-1',
  allowPath: 'user/123/',
  actionType: ActionType.WRITE,
  durationSeconds: 900,
})

// util.inspect hides the secret and the token...
console.log(credentials)
// ...the JSON sent to the browser keeps them.
const json = credentialsToJSON(credentials)
console.log(`send to the browser: ${Object.keys(json).join(', ')}; expires ${json.expiration}`)
