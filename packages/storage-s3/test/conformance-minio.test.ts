import { runStorageConformance } from '@aury/storage-core/testing'
import { describeMinio, startMinio } from '@aury/testkit/minio'
import { S3Storage } from '../src/index'

// MinIO checks SigV4 (tampered and expired URLs fail) and POST policies, so every case runs.
describeMinio('S3Storage on MinIO', () => {
  runStorageConformance({
    name: 'S3Storage on MinIO (minio profile)',
    create: async () => {
      const server = await startMinio({ buckets: ['conformance'] })
      const storage = new S3Storage({
        backend: 'minio',
        bucketName: 'conformance',
        region: server.region,
        endpoint: server.endpoint,
        allowHttp: true,
        accessKeyId: server.rootUser,
        accessKeySecret: server.rootPassword,
        partSize: 5 * 1024 * 1024,
      })
      return {
        storage,
        cleanup: async () => {
          storage.destroy()
          await server.stop()
        },
      }
    },
  })
})
