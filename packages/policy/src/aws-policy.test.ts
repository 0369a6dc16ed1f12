// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are literal text here
import { ValidationError } from '@aury/errors'
import { describe, expect, it } from 'vitest'
import {
  AWS_ACTIONS,
  AWS_SESSION_POLICY_MAX_CHARS,
  awsObjectResource,
  awsPolicySize,
  buildAwsPolicy,
  serializeAwsPolicy,
} from './aws-policy'

const base = { bucket: 'example-bucket', region: 'us-east-1', allowPath: 'home/42' }
const OBJECTS = 'arn:aws:s3:::example-bucket/home/42/*'

function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return (error as ValidationError).code
  }
  throw new Error('did not throw')
}

describe('buildAwsPolicy', () => {
  it('builds the exact READ, WRITE (default) and ALL documents', () => {
    expect(buildAwsPolicy({ ...base, actionType: 'read' })).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: OBJECTS }],
    })
    const write = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
          Resource: OBJECTS,
        },
      ],
    }
    expect(buildAwsPolicy(base)).toEqual(write)
    expect(buildAwsPolicy({ ...base, actionType: 'write' })).toEqual(write)
    expect(buildAwsPolicy({ ...base, actionType: 'all' }).Statement[0]?.Action).toEqual([
      ...AWS_ACTIONS.read,
      ...AWS_ACTIONS.write,
    ])
  })

  it('adds ListBucket on the bucket ARN only with an s3:prefix condition', () => {
    const policy = buildAwsPolicy({ ...base, actionType: 'read', allowList: true })
    expect(policy.Statement[1]).toEqual({
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::example-bucket',
      Condition: { StringLike: { 's3:prefix': ['home/42/*'] } },
    })
    expect(policy.Statement).toHaveLength(2)
    expect(buildAwsPolicy({ ...base, allowList: false }).Statement).toHaveLength(1)
  })

  it('grants the whole bucket for an empty prefix, listing without a condition', () => {
    const policy = buildAwsPolicy({ ...base, allowPath: '', allowList: true })
    expect(policy.Statement[0]?.Resource).toBe('arn:aws:s3:::example-bucket/*')
    expect(policy.Statement[1]?.Condition).toBeUndefined()
  })

  it('follows the partition of the region, unless given', () => {
    expect(buildAwsPolicy({ ...base, region: 'cn-north-1' }).Statement[0]?.Resource).toBe(
      'arn:aws-cn:s3:::example-bucket/home/42/*',
    )
    expect(buildAwsPolicy({ ...base, region: 'us-gov-west-1' }).Statement[0]?.Resource).toBe(
      'arn:aws-us-gov:s3:::example-bucket/home/42/*',
    )
    expect(
      buildAwsPolicy({ ...base, region: 'cn-north-1', partition: 'aws' }).Statement[0]?.Resource,
    ).toBe(OBJECTS)
  })

  it.each(['ab', 'Example', 'a_b', 'a..b', '-ab', 'ab-', '192.168.1.1', 'a/b', 'a*b', 'a?b'])(
    'rejects the bucket %j',
    (bucket) => {
      expect(codeOf(() => buildAwsPolicy({ ...base, bucket }))).toBe('InvalidBucketName')
    },
  )

  it('rejects bad regions and hostile prefixes', () => {
    expect(codeOf(() => buildAwsPolicy({ ...base, region: 'us-east-1/x' }))).toBe('InvalidRegion')
    expect(codeOf(() => buildAwsPolicy({ ...base, allowPath: 'home/*' }))).toBe('InvalidScope')
    expect(codeOf(() => buildAwsPolicy({ ...base, allowPath: '${aws:username}' }))).toBe(
      'InvalidScope',
    )
  })

  it('serialises compactly with characters above U+00FF escaped', () => {
    const policy = buildAwsPolicy({ ...base, allowPath: '相册/é' })
    const text = serializeAwsPolicy(policy)
    expect(text).toContain('arn:aws:s3:::example-bucket/\\u76f8\\u518c/é/*')
    expect(/^[\u0020-\u00ff]*$/.test(text)).toBe(true)
    expect(JSON.parse(text)).toEqual(policy)
    expect(awsPolicySize(policy)).toBe(text.length)
    expect(awsPolicySize(text)).toBe(text.length)
    expect(text).not.toMatch(/\s/)
  })

  it('measures the documented size of a small policy', () => {
    const policy = buildAwsPolicy({ bucket: 'photos', region: 'us-east-1' })
    const text =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject",' +
      '"s3:AbortMultipartUpload","s3:ListMultipartUploadParts"],' +
      '"Resource":"arn:aws:s3:::photos/*"}]}'
    expect(serializeAwsPolicy(policy)).toBe(text)
    expect(awsPolicySize(policy)).toBe(174)
  })

  it('throws PolicyTooLarge above 2048 characters and accepts the largest that fits', () => {
    expect(AWS_SESSION_POLICY_MAX_CHARS).toBe(2048)
    const request = { ...base, actionType: 'all' as const, allowList: true }
    const overhead = awsPolicySize(buildAwsPolicy({ ...request, allowPath: 'a' }))
    // the prefix appears twice (object resource and s3:prefix condition)
    const fits = 'a'.repeat(1 + Math.floor((AWS_SESSION_POLICY_MAX_CHARS - overhead) / 2))
    expect(awsPolicySize(buildAwsPolicy({ ...request, allowPath: fits }))).toBeLessThanOrEqual(
      AWS_SESSION_POLICY_MAX_CHARS,
    )
    expect(codeOf(() => buildAwsPolicy({ ...request, allowPath: `${fits}aa` }))).toBe(
      'PolicyTooLarge',
    )
    expect(codeOf(() => buildAwsPolicy({ ...request, allowPath: '相'.repeat(200) }))).toBe(
      'PolicyTooLarge',
    )
  })

  it('builds object ARNs for the evaluator', () => {
    expect(awsObjectResource({ bucket: 'photos', key: 'a/b' })).toBe('arn:aws:s3:::photos/a/b')
    expect(awsObjectResource({ bucket: 'photos', key: 'a', partition: 'aws-cn' })).toBe(
      'arn:aws-cn:s3:::photos/a',
    )
  })
})
