// Temporary COS credentials for one user's folder via GetFederationToken (the default).
// Run: TENCENT_SECRET_ID=... TENCENT_SECRET_KEY=... npx tsx examples/sts-tencent-federation.ts
// Set TENCENT_STS_ENDPOINT to use another endpoint (e.g. the local fake from run-with-fake-sts.ts).
import { ActionType, ProviderType, STSProviderFactory } from '@aury/sts'

const provider = STSProviderFactory.create(ProviderType.TENCENT, {
  secretId: process.env.TENCENT_SECRET_ID ?? '',
  secretKey: process.env.TENCENT_SECRET_KEY ?? '',
  ...(process.env.TENCENT_STS_ENDPOINT && { endpoint: process.env.TENCENT_STS_ENDPOINT }),
})

const credentials = await provider.getCredentials({
  bucket: process.env.TENCENT_BUCKET ?? 'my-bucket-1250000000',
  region: process.env.TENCENT_REGION ?? 'ap-guangzhou',
  allowPath: 'user/123/',
  actionType: ActionType.WRITE,
  durationSeconds: 900,
})

// util.inspect hides the secret key and the token; JSON.stringify(credentials) keeps them.
console.log(credentials)
console.log(`expires ${credentials.expiration.toISOString()}, endpoint ${credentials.endpoint}`)
