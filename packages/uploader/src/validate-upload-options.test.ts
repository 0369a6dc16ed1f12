import { ValidationError } from '@aury/errors'
import { describe, expect, it } from 'vitest'
import type { UploadOptions } from './upload-options'
import {
  DEFAULT_PART_SIZE,
  MAX_PARTS,
  MIN_PART_SIZE,
  validateUploadOptions,
} from './validate-upload-options'

const credentials = {
  accessKeyId: 'AKID',
  secretAccessKey: 'secret-value',
  sessionToken: 'token-value',
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:9000',
  bucket: 'uploads',
  expiration: new Date(Date.now() + 60_000).toISOString(),
}
const file = new Blob(['hello'], { type: 'text/plain' })

function rejects(options: Partial<UploadOptions>, code: string, field?: string) {
  try {
    validateUploadOptions({ file, key: 'user/1/a.txt', credentials, ...options } as UploadOptions)
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    expect(error).toMatchObject({ code })
    if (field) expect((error as ValidationError).field).toBe(field)
    return
  }
  throw new Error('expected a ValidationError')
}

describe('validateUploadOptions', () => {
  it('fills in defaults', () => {
    const v = validateUploadOptions({ file, key: 'k', credentials })
    expect(v).toMatchObject({
      contentType: 'text/plain',
      partSize: DEFAULT_PART_SIZE,
      multipartThreshold: DEFAULT_PART_SIZE,
      concurrency: 4,
      retries: 3,
    })
    expect(
      validateUploadOptions({ file: new Blob(['x']), key: 'k', credentials }).contentType,
    ).toBe('application/octet-stream')
  })

  it('rejects bad keys', () => {
    rejects({ key: '' }, 'InvalidObjectKey', 'key')
    rejects({ key: '/abs' }, 'InvalidObjectKey')
    rejects({ key: 'a/../b' }, 'InvalidObjectKey')
    rejects({ key: 'a/./b' }, 'InvalidObjectKey')
    rejects({ key: 'a\nb' }, 'InvalidObjectKey')
    rejects({ key: 'é'.repeat(513) }, 'InvalidObjectKey')
  })

  it('needs exactly one target', () => {
    rejects({ credentials: undefined }, 'InvalidArgument')
    rejects({ presignedPut: { url: 'http://127.0.0.1/x' } }, 'InvalidArgument')
  })

  it('checks credentials and refuses expired ones', () => {
    rejects({ credentials: { ...credentials, bucket: '' } }, 'InvalidConfig', 'credentials.bucket')
    rejects(
      { credentials: { ...credentials, expiration: new Date(Date.now() - 1).toISOString() } },
      'ExpiredToken',
    )
    rejects({ credentials: { ...credentials, expiration: 'soon' } }, 'ExpiredToken')
    // the injected clock decides
    expect(() =>
      validateUploadOptions({ file, key: 'k', credentials, now: () => Date.now() + 120_000 }),
    ).toThrow(expect.objectContaining({ code: 'ExpiredToken' }))
  })

  it('checks numeric bounds', () => {
    rejects({ partSize: MIN_PART_SIZE - 1 }, 'InvalidArgument', 'partSize')
    rejects({ concurrency: 0 }, 'InvalidArgument', 'concurrency')
    rejects({ concurrency: 17 }, 'InvalidArgument', 'concurrency')
    rejects({ retries: 1.5 }, 'InvalidArgument', 'retries')
  })

  it('raises the part size so a huge file fits in 10,000 parts', () => {
    const huge = { size: MIN_PART_SIZE * MAX_PARTS + 1, type: '' }
    Object.setPrototypeOf(huge, Blob.prototype)
    const v = validateUploadOptions({
      file: huge as Blob,
      key: 'k',
      credentials,
      partSize: MIN_PART_SIZE,
    })
    expect(v.partSize).toBe(Math.ceil((MIN_PART_SIZE * MAX_PARTS + 1) / MAX_PARTS))
    expect(v.partSize * MAX_PARTS).toBeGreaterThanOrEqual(huge.size)
  })

  it('checks metadata, content type and presigned shapes', () => {
    rejects({ metadata: { 'bad name': 'x' } }, 'InvalidArgument', 'metadata')
    rejects({ metadata: { ok: 'naïve' } }, 'InvalidArgument', 'metadata')
    rejects({ contentType: 'text/plain\r\nx-evil: 1' }, 'InvalidArgument', 'contentType')
    rejects(
      { credentials: undefined, presignedPut: { url: 'javascript:alert(1)' } },
      'InvalidArgument',
      'presignedPut.url',
    )
    rejects(
      { credentials: undefined, presignedPost: { url: 'ftp://h/', fields: {} } },
      'InvalidArgument',
      'presignedPost.url',
    )
    rejects({ file: 'text' as unknown as Blob }, 'InvalidArgument', 'file')
  })
})
