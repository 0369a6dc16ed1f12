import { mkdir } from 'node:fs/promises'
import { createLocalStorageHandler, LocalStorage } from '@aury/storage-local'
import { S3Storage } from '@aury/storage-s3'
import { AliyunSTSProvider } from '@aury/sts-aliyun'
import { AwsSTSProvider } from '@aury/sts-aws'
import type { STSProvider } from '@aury/sts-core'
import { TencentSTSProvider } from '@aury/sts-tencent'
import type { DemoBackend } from './demo-backend'
import type { DemoConfig } from './demo-config'

/** Largest upload the local handler accepts. */
export const LOCAL_MAX_UPLOAD_BYTES = 1024 ** 3

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required for this backend (see apps/demo/.env.example)`)
  return value
}

/**
 * Builds the storage and (for cloud backends) the STS provider the demo composes. `baseUrl` is
 * the demo's own origin, where the local storage handler is mounted under `/storage`.
 */
export async function createBackend(config: DemoConfig, baseUrl: string): Promise<DemoBackend> {
  if (config.backend === 'local') {
    await mkdir(config.dataDir, { recursive: true })
    const storage = new LocalStorage({
      basePath: config.dataDir,
      bucket: 'uploads',
      baseUrl: `${baseUrl}/storage`,
      signingSecret: config.localSecret,
    })
    const handler = createLocalStorageHandler(storage, { maxUploadBytes: LOCAL_MAX_UPLOAD_BYTES })
    return { name: 'local', storage, mount: { path: '/storage', handler } }
  }

  const accessKeyId = required(config.accessKeyId, 'the access key id')
  const secretAccessKey = required(config.secretAccessKey, 'the secret key')
  const bucket = required(config.bucket, 'AURY_BUCKET')
  let region = config.region
  let provider: STSProvider
  let storageBackend: 'minio' | 's3' | 'cos' | 'oss'
  switch (config.backend) {
    case 'minio': {
      region ??= 'us-east-1'
      const endpoint = required(config.endpoint, 'AURY_MINIO_ENDPOINT')
      provider = new AwsSTSProvider({
        accessKeyId,
        secretAccessKey,
        region,
        flavor: 'minio',
        endpoint,
      })
      storageBackend = 'minio'
      break
    }
    case 'aws':
      region ??= 'us-east-1'
      provider = new AwsSTSProvider({
        accessKeyId,
        secretAccessKey,
        region,
        roleArn: config.roleArn,
      })
      storageBackend = 's3'
      break
    case 'tencent':
      region ??= 'ap-guangzhou'
      provider = new TencentSTSProvider({
        secretId: accessKeyId,
        secretKey: secretAccessKey,
        roleArn: config.roleArn,
      })
      storageBackend = 'cos'
      break
    case 'aliyun':
      region ??= 'cn-hangzhou'
      provider = new AliyunSTSProvider({
        accessKeyId,
        accessKeySecret: secretAccessKey,
        roleArn: required(config.roleArn, 'AURY_ROLE_ARN'),
      })
      storageBackend = 'oss'
      break
  }
  const storage = new S3Storage({
    backend: storageBackend,
    bucketName: bucket,
    region,
    endpoint: config.endpoint,
    accessKeyId,
    accessKeySecret: secretAccessKey,
    allowHttp: config.backend === 'minio',
  })
  return {
    name: config.backend,
    storage,
    sts: { provider, bucket, region },
    close: async () => storage.destroy(),
  }
}
