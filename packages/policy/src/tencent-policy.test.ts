import { ValidationError } from '@aury/errors'
import { describe, expect, it } from 'vitest'
import { ActionType } from './action-type'
import { appidFromBucket } from './appid-from-bucket'
import { buildTencentPolicy, TENCENT_ACTIONS, tencentObjectResource } from './tencent-policy'
import { TencentPolicyBuilder } from './tencent-policy-builder'

const READ = ['name/cos:GetObject', 'name/cos:HeadObject']
const WRITE = [
  'name/cos:PutObject',
  'name/cos:PostObject',
  'name/cos:InitiateMultipartUpload',
  'name/cos:ListMultipartUploads',
  'name/cos:ListParts',
  'name/cos:UploadPart',
  'name/cos:CompleteMultipartUpload',
  'name/cos:AbortMultipartUpload',
]
const base = { bucket: 'my-bucket-1250000000', region: 'ap-guangzhou', allowPath: 'user/123/' }
const RESOURCE = 'qcs::cos:ap-guangzhou:uid/1250000000:my-bucket-1250000000/user/123/*'

function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return (error as ValidationError).code
  }
  throw new Error('did not throw')
}

describe('appidFromBucket', () => {
  it('reads the -<digits> suffix', () => {
    expect(appidFromBucket('my-bucket-1250000000')).toBe('1250000000')
    expect(appidFromBucket('a-1')).toBe('1')
    expect(appidFromBucket('2024-1250000000')).toBe('1250000000')
  })
  it('returns undefined without a suffix or for a malformed name', () => {
    expect(appidFromBucket('my-bucket')).toBeUndefined()
    expect(appidFromBucket('-1250000000')).toBeUndefined()
    expect(appidFromBucket('My-1250000000')).toBeUndefined()
    expect(appidFromBucket('a/b-1250000000')).toBeUndefined()
    expect(appidFromBucket('my-bucket-125x')).toBeUndefined()
    expect(appidFromBucket('')).toBeUndefined()
    expect(appidFromBucket(undefined as unknown as string)).toBeUndefined()
  })
})

describe('buildTencentPolicy', () => {
  it('exports the action sets in CAM form', () => {
    expect(TENCENT_ACTIONS.read).toEqual(READ)
    expect(TENCENT_ACTIONS.write).toEqual(WRITE)
  })

  it('builds the exact WRITE document, the default', () => {
    const expected = {
      version: '2.0',
      statement: [{ effect: 'allow', action: WRITE, resource: [RESOURCE] }],
    }
    expect(buildTencentPolicy({ ...base, actionType: ActionType.WRITE })).toEqual(expected)
    expect(buildTencentPolicy(base)).toEqual(expected)
  })

  it('builds the exact READ and ALL documents', () => {
    expect(buildTencentPolicy({ ...base, actionType: ActionType.READ })).toEqual({
      version: '2.0',
      statement: [{ effect: 'allow', action: READ, resource: [RESOURCE] }],
    })
    expect(buildTencentPolicy({ ...base, actionType: ActionType.ALL })).toEqual({
      version: '2.0',
      statement: [{ effect: 'allow', action: [...READ, ...WRITE], resource: [RESOURCE] }],
    })
  })

  it('never emits a principal', () => {
    const json = JSON.stringify(buildTencentPolicy({ ...base, actionType: 'all' }))
    expect(json).not.toMatch(/principal/i)
  })

  it('grants the whole bucket for an empty or missing allowPath', () => {
    const whole = 'qcs::cos:ap-guangzhou:uid/1250000000:my-bucket-1250000000/*'
    expect(buildTencentPolicy({ ...base, allowPath: '' }).statement[0]?.resource).toEqual([whole])
    const { allowPath: _omit, ...noPath } = base
    expect(buildTencentPolicy(noPath).statement[0]?.resource).toEqual([whole])
  })

  it('adds the trailing slash', () => {
    expect(buildTencentPolicy({ ...base, allowPath: 'user/12' }).statement[0]?.resource).toEqual([
      'qcs::cos:ap-guangzhou:uid/1250000000:my-bucket-1250000000/user/12/*',
    ])
  })

  it('keeps Unicode folders as they are', () => {
    expect(buildTencentPolicy({ ...base, allowPath: '相册' }).statement[0]?.resource).toEqual([
      'qcs::cos:ap-guangzhou:uid/1250000000:my-bucket-1250000000/相册/*',
    ])
  })

  it('uses the appid option', () => {
    const withSuffix = buildTencentPolicy({ ...base, appid: '1250000000' })
    expect(withSuffix.statement[0]?.resource).toEqual([RESOURCE])
    const shortName = buildTencentPolicy({ ...base, bucket: 'my-bucket', appid: '1250000000' })
    expect(shortName.statement[0]?.resource).toEqual([RESOURCE])
    const digits = buildTencentPolicy({ ...base, bucket: 'logs-2024', appid: '1250000000' })
    expect(digits.statement[0]?.resource).toEqual([
      'qcs::cos:ap-guangzhou:uid/1250000000:logs-2024-1250000000/user/123/*',
    ])
  })

  it('rejects a bucket whose APPID differs from the appid option', () => {
    expect(codeOf(() => buildTencentPolicy({ ...base, appid: '1250000001' }))).toBe(
      'InvalidBucketName',
    )
  })

  it('rejects a bucket without APPID and no appid option', () => {
    expect(codeOf(() => buildTencentPolicy({ ...base, bucket: 'my-bucket' }))).toBe(
      'InvalidBucketName',
    )
  })

  it.each([
    'My-Bucket-1250000000',
    '-bucket-1250000000',
    'bucket--1250000000',
    'a/b-1250000000',
    'a*-1250000000',
    `${'a'.repeat(51)}-1250000000`,
    '',
  ])('rejects the bucket %j', (bucket) => {
    expect(codeOf(() => buildTencentPolicy({ ...base, bucket }))).toBe('InvalidBucketName')
  })

  it('accepts a 50-character name, with or without the appid option, and no longer', () => {
    const name = `${'a'.repeat(49)}1`
    const resource = (bucket: string) => buildTencentPolicy({ ...base, bucket }).statement[0]
    expect(resource(`${name}-1250000000`)?.resource).toEqual([
      `qcs::cos:ap-guangzhou:uid/1250000000:${name}-1250000000/user/123/*`,
    ])
    const withAppid = buildTencentPolicy({ ...base, bucket: name, appid: '1250000000' })
    expect(withAppid.statement[0]?.resource).toEqual(resource(`${name}-1250000000`)?.resource)
    expect(
      codeOf(() => buildTencentPolicy({ ...base, bucket: `a${name}`, appid: '1250000000' })),
    ).toBe('InvalidBucketName')
    expect(codeOf(() => buildTencentPolicy({ ...base, bucket: 'a-', appid: '1' }))).toBe(
      'InvalidBucketName',
    )
  })

  it('rejects a malformed appid option', () => {
    expect(codeOf(() => buildTencentPolicy({ ...base, appid: '12a' }))).toBe('InvalidConfig')
    expect(codeOf(() => buildTencentPolicy({ ...base, appid: '' }))).toBe('InvalidConfig')
  })

  it.each(['', 'AP-GUANGZHOU', 'ap-guangzhou.evil', 'ap/guangzhou', 'ap#1', '-ap', 'ap-'])(
    'rejects the region %j',
    (region) => {
      expect(codeOf(() => buildTencentPolicy({ ...base, region }))).toBe('InvalidRegion')
    },
  )

  it('rejects hostile prefixes and unknown action types', () => {
    expect(codeOf(() => buildTencentPolicy({ ...base, allowPath: 'user/*' }))).toBe('InvalidScope')
    expect(codeOf(() => buildTencentPolicy({ ...base, allowPath: 'user/../x' }))).toBe(
      'InvalidScope',
    )
    expect(
      codeOf(() => buildTencentPolicy({ ...base, actionType: 'delete' as unknown as 'read' })),
    ).toBe('InvalidArgument')
  })

  it('builds object resources for the evaluator', () => {
    expect(tencentObjectResource({ bucket: 'b-1250000000', region: 'ap-beijing', key: 'k' })).toBe(
      'qcs::cos:ap-beijing:uid/1250000000:b-1250000000/k',
    )
  })
})

describe('TencentPolicyBuilder', () => {
  it('returns the compact JSON of buildTencentPolicy', () => {
    const json = new TencentPolicyBuilder().build(base)
    expect(json).toBe(JSON.stringify(buildTencentPolicy(base)))
    expect(json).not.toMatch(/\s/)
    expect(json.startsWith('{"version":"2.0","statement":[{"effect":"allow","action":[')).toBe(true)
  })

  it('applies its appid to every build', () => {
    const builder = new TencentPolicyBuilder({ appid: '1250000000' })
    const json = builder.build({ bucket: 'photos', region: 'ap-shanghai', actionType: 'read' })
    expect(JSON.parse(json)).toEqual({
      version: '2.0',
      statement: [
        {
          effect: 'allow',
          action: READ,
          resource: ['qcs::cos:ap-shanghai:uid/1250000000:photos-1250000000/*'],
        },
      ],
    })
  })

  it('throws the same typed errors', () => {
    expect(codeOf(() => new TencentPolicyBuilder().build({ ...base, bucket: 'photos' }))).toBe(
      'InvalidBucketName',
    )
  })
})
