// Seed: creds = provider.get_credentials(request); storage = StorageFactory.from_sts_credentials(creds)
// Credentials scoped to user/123/ by MinIO's STS, then an upload inside and outside the folder.
// Run: AURY_S3_ENDPOINT=http://127.0.0.1:9000 AURY_S3_ACCESS_KEY=... AURY_S3_SECRET_KEY=... \
//      AURY_S3_BUCKET=my-bucket npx tsx examples/storage-s3-sts.ts
import { StorageFactory } from '@aury/storage-core'
import '@aury/storage-s3'
import { AwsSTSProvider } from '@aury/sts-aws'

const endpoint = process.env.AURY_S3_ENDPOINT ?? 'http://127.0.0.1:9000'
const provider = new AwsSTSProvider({
  flavor: 'minio',
  endpoint,
  region: process.env.AURY_S3_REGION ?? 'us-east-1',
  accessKeyId: process.env.AURY_S3_ACCESS_KEY ?? '',
  secretAccessKey: process.env.AURY_S3_SECRET_KEY ?? '',
})
const creds = await provider.getCredentials({
  bucket: process.env.AURY_S3_BUCKET ?? 'my-bucket',
  region: process.env.AURY_S3_REGION ?? 'us-east-1',
  allowPath: 'user/123/',
  actionType: 'write',
})
// allowHttp only because the local server speaks plain HTTP.
const storage = StorageFactory.fromSTSCredentials(creds, { allowHttp: true })
console.log('backend', storage.backend, 'expires', creds.expiration.toISOString())
for (const key of ['user/123/avatar.png', 'user/456/avatar.png']) {
  try {
    await storage.uploadFile({ objectName: key, data: new Uint8Array([137, 80, 78, 71]) })
    console.log(`upload ${key}: allowed`)
  } catch (error) {
    console.log(`upload ${key}: refused (${(error as { code?: string }).code})`)
  }
}
