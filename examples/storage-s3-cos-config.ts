// The seed's COS configuration: StorageConfig(backend=COS, bucket_name, region, keys) ->
// S3Storage. COS needs virtual-host addressing and its own endpoint; the profile sets both.
// Signing needs no network, so this prints a presigned URL without calling COS.
// With AURY_S3_ENDPOINT set, the same calls also run against that S3-compatible server.
// Run: COS_SECRET_ID=... COS_SECRET_KEY=... npx tsx examples/storage-s3-cos-config.ts
import { StorageBackend } from '@aury/storage-core'
import { S3Storage } from '@aury/storage-s3'

const storage = new S3Storage({
  backend: StorageBackend.COS,
  bucketName: 'my-bucket-1250000000',
  region: 'ap-guangzhou',
  accessKeyId: process.env.COS_SECRET_ID ?? 'AKIDEXAMPLE',
  accessKeySecret: process.env.COS_SECRET_KEY ?? 'example-secret-key',
})
console.log('endpoint:', storage.endpoint)
console.log('object URL:', storage.objectUrl('a.jpg'))
const url = new URL(await storage.getFileUrl('a.jpg', { expiresIn: 3600 }))
console.log(
  'presigned GET host:',
  url.host,
  'expires in',
  url.searchParams.get('X-Amz-Expires'),
  's',
)
storage.destroy()

// The same code against any S3-compatible server (a local MinIO in CI).
if (process.env.AURY_S3_ENDPOINT) {
  const local = new S3Storage({
    backend: StorageBackend.MINIO,
    bucketName: process.env.AURY_S3_BUCKET ?? 'my-bucket',
    region: process.env.AURY_S3_REGION ?? 'us-east-1',
    endpoint: process.env.AURY_S3_ENDPOINT,
    allowHttp: true,
    accessKeyId: process.env.AURY_S3_ACCESS_KEY ?? '',
    accessKeySecret: process.env.AURY_S3_SECRET_KEY ?? '',
  })
  await local.uploadFile({ objectName: 'examples/cos-config.txt', data: 'hello' })
  console.log('exists on', local.backend, await local.fileExists('examples/cos-config.txt'))
  local.destroy()
}
