// Seed: storage.upload_files([...]) with progress; results come back in input order.
// Run: AURY_S3_ENDPOINT=http://127.0.0.1:9000 AURY_S3_ACCESS_KEY=... AURY_S3_SECRET_KEY=... \
//      AURY_S3_BUCKET=my-bucket npx tsx examples/storage-s3-batch-upload.ts
import { StorageBackend } from '@aury/storage-core'
import { S3Storage } from '@aury/storage-s3'

const storage = new S3Storage({
  backend: StorageBackend.MINIO,
  bucketName: process.env.AURY_S3_BUCKET ?? 'my-bucket',
  region: process.env.AURY_S3_REGION ?? 'us-east-1',
  endpoint: process.env.AURY_S3_ENDPOINT ?? 'http://127.0.0.1:9000',
  allowHttp: true,
  accessKeyId: process.env.AURY_S3_ACCESS_KEY ?? '',
  accessKeySecret: process.env.AURY_S3_SECRET_KEY ?? '',
})

const files = [
  { objectName: 'batch/readme.txt', data: 'hello' },
  { objectName: 'batch/data.json', data: JSON.stringify({ a: 1 }) },
  { objectName: 'batch/big.bin', data: new Uint8Array(12 * 1024 * 1024) },
]
let last = 0
const results = await storage.uploadFiles(files, {
  concurrency: 2,
  onProgress: ({ loaded, total }) => {
    last = loaded
    if (total !== undefined && loaded === total) console.log(`progress ${loaded}/${total}`)
  },
})
for (const r of results) console.log('uploaded', r.objectName, r.size, r.contentType)
console.log('bytes sent', last)
const listed: string[] = []
for await (const entry of storage.list({ prefix: 'batch/' })) {
  if (entry.type === 'object') listed.push(entry.key)
}
console.log('listed', listed.join(', '))
storage.destroy()
