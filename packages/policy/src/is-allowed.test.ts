// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are literal text here
import { ValidationError } from '@aury/errors'
import { describe, expect, it } from 'vitest'
import { aliyunObjectResource, buildAliyunPolicy } from './aliyun-policy'
import { type AwsPolicy, awsObjectResource, buildAwsPolicy } from './aws-policy'
import { isAllowed } from './is-allowed'
import { buildTencentPolicy, tencentObjectResource } from './tencent-policy'
import { TencentPolicyBuilder } from './tencent-policy-builder'

const cos = { bucket: 'photos-1250000000', region: 'ap-guangzhou' }
const cosAt = (key: string) => tencentObjectResource({ ...cos, key })
const s3At = (key: string) => awsObjectResource({ bucket: 'photos', key })
const ossAt = (key: string) => aliyunObjectResource({ bucket: 'photos', key })

describe('isAllowed on Tencent CAM', () => {
  const write = buildTencentPolicy({ ...cos, allowPath: 'user/12' })

  it('allows granted actions inside the prefix, in both action spellings and any case', () => {
    expect(isAllowed(write, 'name/cos:PutObject', cosAt('user/12/a.png'))).toBe(true)
    expect(isAllowed(write, 'cos:PutObject', cosAt('user/12/a.png'))).toBe(true)
    expect(isAllowed(write, 'COS:putobject', cosAt('user/12/deep/er/a.png'))).toBe(true)
    expect(isAllowed(write, 'cos:UploadPart', cosAt('user/12/a.bin'))).toBe(true)
  })

  it('refuses other actions, sibling prefixes, other buckets, regions and APPIDs', () => {
    expect(isAllowed(write, 'cos:GetObject', cosAt('user/12/a.png'))).toBe(false)
    expect(isAllowed(write, 'cos:DeleteObject', cosAt('user/12/a.png'))).toBe(false)
    expect(isAllowed(write, 'cos:PutObject', cosAt('user/123/a.png'))).toBe(false)
    expect(isAllowed(write, 'cos:PutObject', cosAt('user/1/a.png'))).toBe(false)
    expect(isAllowed(write, 'cos:PutObject', cosAt('user/12'))).toBe(false)
    expect(isAllowed(write, 'cos:PutObject', cosAt('other/a'))).toBe(false)
    const elsewhere = [
      tencentObjectResource({ bucket: 'other-1250000000', region: cos.region, key: 'user/12/a' }),
      tencentObjectResource({ ...cos, region: 'ap-beijing', key: 'user/12/a' }),
      'qcs::cos:ap-guangzhou:uid/1250000001:photos-1250000000/user/12/a',
    ]
    for (const resource of elsewhere)
      expect(isAllowed(write, 'cos:PutObject', resource)).toBe(false)
  })

  it('evaluates the builder string and its URL-encoded form', () => {
    const json = new TencentPolicyBuilder().build({ ...cos, allowPath: 'u/1', actionType: 'read' })
    expect(isAllowed(json, 'cos:GetObject', cosAt('u/1/x'))).toBe(true)
    expect(isAllowed(encodeURIComponent(json), 'cos:HeadObject', cosAt('u/1/x'))).toBe(true)
    expect(isAllowed(encodeURIComponent(json), 'cos:PutObject', cosAt('u/1/x'))).toBe(false)
  })

  it('lets an explicit deny win and honours CAM conditions', () => {
    const policy = {
      version: '2.0' as const,
      statement: [
        { effect: 'allow' as const, action: ['name/cos:*'], resource: [cosAt('*')] },
        { effect: 'deny' as const, action: 'name/cos:PutObject', resource: cosAt('secret/*') },
        {
          effect: 'allow' as const,
          action: 'name/cos:GetBucket',
          resource: '*',
          condition: { string_like: { 'cos:prefix': 'user/12/*' } },
        },
      ],
    }
    expect(isAllowed(policy, 'cos:PutObject', cosAt('public/a'))).toBe(true)
    expect(isAllowed(policy, 'cos:PutObject', cosAt('secret/a'))).toBe(false)
    expect(isAllowed(policy, 'cos:GetObject', cosAt('secret/a'))).toBe(true)
    const pureList = { version: '2.0' as const, statement: [policy.statement[2]!] }
    expect(isAllowed(pureList, 'cos:GetBucket', 'x', { 'cos:prefix': 'user/12/a' })).toBe(true)
    expect(isAllowed(pureList, 'cos:GetBucket', 'x', { 'cos:prefix': 'user/123/' })).toBe(false)
    expect(isAllowed(pureList, 'cos:GetBucket', 'x')).toBe(false)
  })

  it('fails closed on unknown condition operators: no allow, but the deny holds', () => {
    const policy = {
      version: '2.0' as const,
      statement: [
        {
          effect: 'allow' as const,
          action: 'name/cos:GetObject',
          resource: '*',
          condition: { ip_equal: { 'qcs:ip': '10.0.0.0/8' } },
        },
      ],
    }
    expect(isAllowed(policy, 'cos:GetObject', cosAt('a'), { 'qcs:ip': '10.0.0.1' })).toBe(false)
    const denied = {
      version: '2.0' as const,
      statement: [
        { effect: 'allow' as const, action: '*', resource: '*' },
        { ...policy.statement[0]!, effect: 'deny' as const },
      ],
    }
    expect(isAllowed(denied, 'cos:GetObject', cosAt('a'))).toBe(false)
    expect(isAllowed(denied, 'cos:PutObject', cosAt('a'))).toBe(true)
  })
})

describe('isAllowed on AWS IAM', () => {
  const policy = buildAwsPolicy({
    bucket: 'photos',
    region: 'us-east-1',
    allowPath: 'home/42',
    actionType: 'all',
    allowList: true,
  })

  it('scopes object actions to the prefix', () => {
    expect(isAllowed(policy, 's3:GetObject', s3At('home/42/a'))).toBe(true)
    expect(isAllowed(policy, 'S3:PUTOBJECT', s3At('home/42/a/b'))).toBe(true)
    expect(isAllowed(policy, 's3:PutObject', s3At('home/420/a'))).toBe(false)
    expect(isAllowed(policy, 's3:DeleteObject', s3At('home/42/a'))).toBe(false)
    expect(isAllowed(policy, 's3:GetObject', 'arn:aws:s3:::photos-other/home/42/a')).toBe(false)
  })

  it('scopes ListBucket with the s3:prefix condition, keys case-insensitive', () => {
    const bucket = 'arn:aws:s3:::photos'
    expect(isAllowed(policy, 's3:ListBucket', bucket, { 's3:prefix': 'home/42/' })).toBe(true)
    expect(isAllowed(policy, 's3:ListBucket', bucket, { 'S3:Prefix': 'home/42/x' })).toBe(true)
    expect(isAllowed(policy, 's3:ListBucket', bucket, { 's3:prefix': 'home/4' })).toBe(false)
    expect(isAllowed(policy, 's3:ListBucket', bucket, { 's3:prefix': '' })).toBe(false)
    expect(isAllowed(policy, 's3:ListBucket', bucket)).toBe(false)
    expect(isAllowed(policy, 's3:ListBucket', s3At('home/42/'))).toBe(false)
  })

  it('supports StringEquals, negated operators, IfExists, NotAction and NotResource', () => {
    const doc: AwsPolicy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          NotAction: 's3:Delete*',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { StringEquals: { 's3:x-amz-acl': ['private', 'bucket-owner-read'] } },
        },
        {
          Effect: 'Deny',
          Action: '*',
          NotResource: 'arn:aws:s3:::b/ok/*',
          Condition: { StringNotEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } },
        },
      ],
    }
    const acl = { 's3:x-amz-acl': 'private' }
    expect(isAllowed(doc, 's3:PutObject', 'arn:aws:s3:::b/ok/a', acl)).toBe(true)
    expect(
      isAllowed(doc, 's3:PutObject', 'arn:aws:s3:::b/ok/a', { 's3:x-amz-acl': 'public' }),
    ).toBe(false)
    expect(isAllowed(doc, 's3:DeleteObject', 'arn:aws:s3:::b/ok/a', acl)).toBe(false)
    // outside ok/: the deny applies when the VPC key is absent (IfExists) or different
    expect(isAllowed(doc, 's3:PutObject', 'arn:aws:s3:::b/x', acl)).toBe(false)
    const inVpc = { ...acl, 'aws:SourceVpc': 'vpc-1' }
    expect(isAllowed(doc, 's3:PutObject', 'arn:aws:s3:::b/x', inVpc)).toBe(true)
    expect(
      isAllowed(doc, 's3:PutObject', 'arn:aws:s3:::b/x', { ...inVpc, 'aws:sourcevpc': 'v' }),
    ).toBe(false)
  })

  it('matches ? as one character and resolves policy variables from the context', () => {
    const doc = {
      Version: '2012-10-17' as const,
      Statement: [
        { Effect: 'Allow' as const, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/v?/*' },
        {
          Effect: 'Allow' as const,
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::b/home/${aws:username}/*',
        },
      ],
    }
    expect(isAllowed(doc, 's3:GetObject', 'arn:aws:s3:::b/v1/a')).toBe(true)
    expect(isAllowed(doc, 's3:GetObject', 'arn:aws:s3:::b/v10/a')).toBe(false)
    const bob = { 'aws:username': 'bob' }
    expect(isAllowed(doc, 's3:PutObject', 'arn:aws:s3:::b/home/bob/a', bob)).toBe(true)
    expect(isAllowed(doc, 's3:PutObject', 'arn:aws:s3:::b/home/eve/a', bob)).toBe(false)
    expect(isAllowed(doc, 's3:PutObject', 'arn:aws:s3:::b/home/bob/a')).toBe(false)
  })

  it('accepts a single statement object and JSON text', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
    }
    expect(isAllowed(JSON.stringify(doc), 's3:GetObject', 'arn:aws:s3:::b/a')).toBe(true)
    expect(isAllowed(JSON.stringify(doc), 's3:PutObject', 'arn:aws:s3:::b/a')).toBe(false)
  })

  it('fails closed on unknown condition operators', () => {
    const doc = {
      Version: '2012-10-17' as const,
      Statement: [
        {
          Effect: 'Allow' as const,
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        },
      ],
    }
    expect(isAllowed(doc, 's3:GetObject', 'arn:aws:s3:::b/a', { 'aws:SourceIp': '10.0.0.1' })).toBe(
      false,
    )
  })
})

describe('isAllowed on Aliyun RAM', () => {
  const policy = buildAliyunPolicy({ bucket: 'photos', region: 'cn-hangzhou', allowPath: 'u/42' })

  it('scopes object actions to the prefix', () => {
    expect(isAllowed(policy, 'oss:PutObject', ossAt('u/42/a'))).toBe(true)
    expect(isAllowed(policy, 'oss:ListParts', ossAt('u/42/a'))).toBe(true)
    expect(isAllowed(policy, 'oss:GetObject', ossAt('u/42/a'))).toBe(false)
    expect(isAllowed(policy, 'oss:PutObject', ossAt('u/421/a'))).toBe(false)
    expect(isAllowed(policy, 'oss:PutObject', 'acs:oss:*:*:photos2/u/42/a')).toBe(false)
  })

  it('lets an explicit deny win and honours StringLike on oss:Prefix', () => {
    const doc = {
      Version: '1' as const,
      Statement: [
        { Effect: 'Allow' as const, Action: 'oss:*', Resource: ['acs:oss:*:*:photos/*'] },
        { Effect: 'Deny' as const, Action: ['oss:DeleteObject'], Resource: ['*'] },
        {
          Effect: 'Allow' as const,
          Action: 'oss:ListObjects',
          Resource: 'acs:oss:*:*:photos',
          Condition: { StringLike: { 'oss:Prefix': ['u/42/*'] } },
        },
      ],
    }
    expect(isAllowed(doc, 'oss:GetObject', ossAt('any/key'))).toBe(true)
    expect(isAllowed(doc, 'oss:DeleteObject', ossAt('any/key'))).toBe(false)
    expect(isAllowed(doc, 'oss:ListObjects', 'acs:oss:*:*:photos', { 'oss:Prefix': 'u/42/' })).toBe(
      true,
    )
    expect(isAllowed(doc, 'oss:ListObjects', 'acs:oss:*:*:photos', { 'oss:Prefix': 'u/4' })).toBe(
      false,
    )
  })
})

describe('isAllowed input handling', () => {
  it('rejects documents of no known grammar with a typed error', () => {
    for (const bad of ['not json', '{"Version":"2"}', '{}', 42, null]) {
      expect(() => isAllowed(bad as string, 's3:GetObject', '*')).toThrow(ValidationError)
    }
  })

  it('denies when there is no statement or a malformed one', () => {
    expect(isAllowed({ version: '2.0', statement: [] }, 'cos:GetObject', '*')).toBe(false)
    const odd = { Version: '1', Statement: [null, { Effect: 'Allow' }, { Effect: 'Maybe' }] }
    expect(isAllowed(odd as never, 'oss:GetObject', '*')).toBe(false)
  })
})
