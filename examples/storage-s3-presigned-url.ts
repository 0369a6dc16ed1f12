// Seed: storage.get_file_url("a.jpg", expires_in=3600), plus a presigned upload URL that a
// browser can PUT to, and a presigned POST form limited to 1 MB of images.
// Run: AURY_S3_ENDPOINT=http://127.0.0.1:9000 AURY_S3_ACCESS_KEY=... AURY_S3_SECRET_KEY=... \
//      AURY_S3_BUCKET=my-bucket npx tsx examples/storage-s3-presigned-url.ts
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

// A presigned PUT: the content type is part of the signature.
const upload = await storage.getUploadUrl('photos/a.jpg', { contentType: 'image/jpeg' })
const put = await fetch(upload.url, {
  method: upload.method,
  headers: upload.headers,
  body: new Uint8Array([0xff, 0xd8, 0xff]),
})
console.log('presigned PUT status', put.status)

// The seed's get_file_url, with a download file name forced on the response.
const url = await storage.getFileUrl('photos/a.jpg', {
  expiresIn: 3600,
  responseContentDisposition: 'attachment; filename="a.jpg"',
})
const got = await fetch(url)
console.log('presigned GET status', got.status, got.headers.get('content-disposition'))
await got.arrayBuffer()

// A browser form upload, refused by the server above 1 MB.
const post = await storage.createPresignedPost('photos/form.jpg', {
  contentType: 'image/jpeg',
  maxSize: 1_000_000,
  expiresIn: 600,
})
const form = new FormData()
for (const [name, value] of Object.entries(post.fields)) form.append(name, value)
form.append('file', new Blob([new Uint8Array(10)], { type: 'image/jpeg' }), 'form.jpg')
const posted = await fetch(post.url, { method: 'POST', body: form })
console.log('presigned POST status', posted.status)
storage.destroy()
