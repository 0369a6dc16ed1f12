import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { implementations } from './implementations'

const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
const token = 'IQoJb3JpZ2luX2VjEXAMPLETOKEN'
const request = { method: 'GET', url: 'https://bucket.s3.amazonaws.com/a.txt' }
const v4 = {
  accessKeyId: 'AKID',
  secretAccessKey: secret,
  sessionToken: token,
  region: 'us-east-1',
  service: 's3',
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    return error as Error & { code: string }
  }
  throw new Error('expected a rejection')
}

describe.each(implementations)('validation and secrecy ($name)', ({ api }) => {
  it('rejects bad presign lifetimes with InvalidDuration', async () => {
    for (const expiresIn of [0, -1, 1.5, 604801, Number.NaN]) {
      const error = await failure(api.presignV4(request, { ...v4, expiresIn }))
      expect(error).toMatchObject({ name: 'ValidationError', code: 'InvalidDuration' })
    }
    await expect(api.presignV4(request, { ...v4, expiresIn: 604800 })).resolves.toContain(
      'X-Amz-Expires=604800',
    )
  })

  it('rejects bad options and requests with stable codes, never echoing secrets', async () => {
    const cases: Array<[Promise<unknown>, string]> = [
      [api.signV4(request, { ...v4, secretAccessKey: '' }), 'InvalidConfig'],
      [api.signV4(request, { ...v4, region: 'us/east' }), 'InvalidRegion'],
      [api.signV4(request, { ...v4, service: '' }), 'InvalidArgument'],
      [api.signV4({ ...request, url: '/relative' }, v4), 'InvalidArgument'],
      [api.signV4({ ...request, method: 'GE T' }, v4), 'InvalidArgument'],
      [api.signV4(request, { ...v4, date: new Date(Number.NaN) }), 'InvalidArgument'],
      [
        api.signTC3(request, { secretId: 'id', secretKey: secret, service: 'sts', timestamp: -5 }),
        'InvalidArgument',
      ],
      [api.signTC3(request, { secretId: '', secretKey: secret, service: 'sts' }), 'InvalidConfig'],
      [api.signACS3(request, { accessKeyId: 'id', accessKeySecret: '' }), 'InvalidConfig'],
      [
        api.signAliyunRpcV1({}, { method: 'GET', accessKeyId: 'id', accessKeySecret: '' }),
        'InvalidConfig',
      ],
    ]
    for (const [promise, code] of cases) {
      const error = await failure(promise)
      expect(error.code).toBe(code)
      const text = `${error.message} ${String(error)} ${JSON.stringify(error)} ${inspect(error)}`
      expect(text).not.toContain(secret)
      expect(text).not.toContain(token)
    }
  })

  it('signs the session token: header in header mode, query in query mode', async () => {
    const headers = await api.signV4(request, { ...v4, date: new Date('2024-01-01T00:00:00Z') })
    expect(headers['x-amz-security-token']).toBe(token)
    expect(headers.authorization).toContain('x-amz-security-token')
    expect(headers['x-amz-content-sha256']).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    )
    const url = await api.presignV4(request, { ...v4, expiresIn: 60 })
    expect(url).toContain(`X-Amz-Security-Token=${token}`)
    expect(url).toContain('X-Amz-SignedHeaders=host&')
  })

  it('S3 presigning keeps dot segments and signs UNSIGNED-PAYLOAD by default', async () => {
    const r = await api.presignV4Detailed(
      { method: 'PUT', url: 'https://h/bucket/user/12/../13/a b.txt' },
      { ...v4, sessionToken: undefined, expiresIn: 60 },
    )
    expect(r.url.startsWith('https://h/bucket/user/12/../13/a%20b.txt?')).toBe(true)
    expect(r.canonicalRequest.split('\n')[1]).toBe('/bucket/user/12/../13/a%20b.txt')
    expect(r.canonicalRequest.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true)
  })
})
