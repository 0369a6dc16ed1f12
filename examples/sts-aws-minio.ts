// Scoped credentials from MinIO's STS API, then an upload inside and outside the allowed folder.
// MINIO_ACCESS_KEY/MINIO_SECRET_KEY are an existing MinIO user's keys (or the root user's).
// Run: MINIO_ENDPOINT=http://127.0.0.1:9000 MINIO_ACCESS_KEY=... MINIO_SECRET_KEY=... \
//      MINIO_BUCKET=uploads npx tsx examples/sts-aws-minio.ts

import { AwsSTSProvider } from '@aury/sts-aws'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'

const endpoint = process.env.MINIO_ENDPOINT ?? 'http://127.0.0.1:9000'
const bucket = process.env.MINIO_BUCKET ?? 'uploads'
const provider = new AwsSTSProvider({
  flavor: 'minio',
  endpoint,
  region: 'us-east-1',
  accessKeyId: process.env.MINIO_ACCESS_KEY ?? '',
  secretAccessKey: process.env.MINIO_SECRET_KEY ?? '',
})

const credentials = await provider.getCredentials({
  bucket,
  region: 'us-east-1',
  allowPath: 'user/12/',
  actionType: 'write',
})

const s3 = new S3Client({
  endpoint: credentials.endpoint,
  region: credentials.region,
  forcePathStyle: true,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  credentials,
})
for (const key of ['user/12/hello.txt', 'user/123/hello.txt']) {
  try {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'hello' }))
    console.log(`PUT ${key}: allowed`)
  } catch (error) {
    console.log(`PUT ${key}: refused (${(error as Error).name})`)
  }
}
s3.destroy()
