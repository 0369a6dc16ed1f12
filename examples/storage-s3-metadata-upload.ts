// Seed: storage.upload_file(StorageFile(object_name="a.jpg", data=..., content_type="image/jpeg",
// metadata={"user": "123"})), then read the metadata back.
// Run: AURY_S3_ENDPOINT=http://127.0.0.1:9000 AURY_S3_ACCESS_KEY=... AURY_S3_SECRET_KEY=... \
//      AURY_S3_BUCKET=my-bucket npx tsx examples/storage-s3-metadata-upload.ts
import { StorageBackend, type StorageFile } from '@aury/storage-core'
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

const file: StorageFile = {
  objectName: 'a.jpg',
  data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  contentType: 'image/jpeg',
  metadata: { user: '123' },
}
const result = await storage.uploadFile(file)
console.log('uploaded', result.objectName, result.size, 'bytes', result.contentType)
const info = await storage.stat('a.jpg')
console.log('metadata', JSON.stringify(info.metadata), 'type', info.contentType)
storage.destroy()
