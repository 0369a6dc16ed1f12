import { describe, expect, it } from 'vitest'
import { bucketNameProblem, validateBucketName } from './bucket-name'

describe('validateBucketName', () => {
  it('applies the S3 rules to s3, minio and r2', () => {
    for (const backend of ['s3', 'minio', 'r2'] as const) {
      expect(validateBucketName('my-bucket.logs', backend)).toBe('my-bucket.logs')
      for (const bad of [
        'ab',
        'a'.repeat(64),
        'My-Bucket',
        '-abc',
        'abc-',
        'a..b',
        '192.168.1.1',
        'xn--abc',
        'sthree-x',
        'amzn-s3-demo-x',
        'x-s3alias',
        'x--ol-s3',
        'x.mrap',
        'x--x-s3',
        'a_b',
        'a/b',
      ]) {
        expect(() => validateBucketName(bad, backend), bad).toThrow(
          expect.objectContaining({ code: 'InvalidBucketName' }),
        )
      }
    }
  })

  it('requires <name>-<APPID> on COS', () => {
    expect(validateBucketName('photos-1250000000', 'cos')).toBe('photos-1250000000')
    expect(bucketNameProblem('photos', 'cos')).toMatch(/APPID/)
    expect(bucketNameProblem(`${'a'.repeat(51)}-125`, 'cos')).toMatch(/1-50/)
    expect(bucketNameProblem('Photos-125', 'cos')).toMatch(/lower-case/)
    expect(bucketNameProblem('-photos-125', 'cos')).toMatch(/start or end/)
  })

  it('forbids dots on OSS', () => {
    expect(validateBucketName('my-oss-bucket', 'oss')).toBe('my-oss-bucket')
    expect(bucketNameProblem('my.bucket', 'oss')).toBeDefined()
    expect(bucketNameProblem('ab', 'oss')).toBeDefined()
  })

  it('keeps local and memory buckets to one safe directory name', () => {
    expect(validateBucketName('default', 'local')).toBe('default')
    for (const bad of ['', '.', '..', '.aury', 'a/b', 'a\\b', 'a..b', 'A', '_x']) {
      expect(bucketNameProblem(bad, 'local'), bad).toBeDefined()
    }
  })

  it('names the violated rule in details', () => {
    try {
      validateBucketName('xn--abc', 's3')
    } catch (error) {
      expect((error as { details: { rule: string } }).details.rule).toMatch(/xn--/)
      return
    }
    throw new Error('not thrown')
  })
})
