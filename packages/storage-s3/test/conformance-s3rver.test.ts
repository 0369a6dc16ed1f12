import { runStorageConformance } from '@aury/storage-core/testing'
import { startS3rver } from '@aury/testkit/s3rver'
import { S3Storage } from '../src/index'

// s3rver verifies no signature and no POST policy (s3-compat-quirks.md §9.1-9.2): the cases that
// need a server to refuse a tampered URL or an oversized form run against MinIO instead.
runStorageConformance({
  name: 'S3Storage on s3rver (in-process)',
  capabilities: { presignedGet: false, presignedPost: false },
  create: async () => {
    const server = await startS3rver({ buckets: ['conformance'] })
    const storage = new S3Storage({
      backend: 's3',
      bucketName: 'conformance',
      region: server.region,
      endpoint: server.endpoint,
      forcePathStyle: true,
      allowHttp: true,
      accessKeyId: server.accessKeyId,
      accessKeySecret: server.secretAccessKey,
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
