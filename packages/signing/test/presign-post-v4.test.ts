// biome-ignore-all lint/suspicious/noTemplateCurlyInString: S3's literal ${filename} placeholder
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { implementations } from './implementations'

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest()
}

/** An independent SigV4 POST-policy signature with plain node:crypto. */
function referenceSignature(secret: string, day: string, region: string, policy: string): string {
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), 's3'), 'aws4_request')
  return createHmac('sha256', key).update(policy).digest('hex')
}

const base = {
  url: 'https://uploads.s3.amazonaws.com/',
  bucket: 'uploads',
  expiresIn: 600,
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  date: new Date('2015-12-29T00:00:00Z'),
}

describe.each(implementations)('presignPostV4 ($name)', ({ api }) => {
  it('covers every field with a condition and signs the base64 policy', async () => {
    const post = await api.presignPostV4({
      ...base,
      key: 'user/user1/${filename}',
      sessionToken: 'token/+=',
      contentType: 'image/png',
      contentLengthRange: [1, 10_485_760],
      fields: { success_action_status: '201' },
      conditions: [['starts-with', '$x-amz-meta-tag', '']],
    })
    expect(post.url).toBe(base.url)
    const policy = JSON.parse(Buffer.from(post.fields.Policy!, 'base64').toString('utf8'))
    expect(policy.expiration).toBe('2015-12-29T00:10:00.000Z')
    expect(policy.conditions).toEqual([
      { bucket: 'uploads' },
      ['starts-with', '$key', 'user/user1/'],
      { success_action_status: '201' },
      { 'Content-Type': 'image/png' },
      ['content-length-range', 1, 10_485_760],
      ['starts-with', '$x-amz-meta-tag', ''],
      { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
      { 'x-amz-credential': 'ASIAEXAMPLE/20151229/us-east-1/s3/aws4_request' },
      { 'x-amz-date': '20151229T000000Z' },
      { 'x-amz-security-token': 'token/+=' },
    ])
    expect(post.fields).toEqual({
      bucket: 'uploads',
      key: 'user/user1/${filename}',
      'Content-Type': 'image/png',
      success_action_status: '201',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'ASIAEXAMPLE/20151229/us-east-1/s3/aws4_request',
      'X-Amz-Date': '20151229T000000Z',
      'X-Amz-Security-Token': 'token/+=',
      Policy: post.fields.Policy,
      'X-Amz-Signature': referenceSignature(
        base.secretAccessKey,
        '20151229',
        'us-east-1',
        post.fields.Policy!,
      ),
    })
  })

  it('pins an exact key and leaves the token out when there is none', async () => {
    const post = await api.presignPostV4({ ...base, key: 'docs/a b é.txt' })
    const policy = JSON.parse(Buffer.from(post.fields.Policy!, 'base64').toString('utf8'))
    expect(policy.conditions[1]).toEqual({ key: 'docs/a b é.txt' })
    expect(post.fields['X-Amz-Security-Token']).toBeUndefined()
    expect(JSON.stringify(policy)).not.toContain('security-token')
  })

  it('rejects bad input before signing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ expiresIn: 0 }, 'InvalidDuration'],
      [{ expiresIn: 604801 }, 'InvalidDuration'],
      [{ contentLengthRange: [10, 1] }, 'InvalidArgument'],
      [{ fields: { Policy: 'x' } }, 'InvalidArgument'],
      [{ fields: { 'x-amz-signature': 'x' } }, 'InvalidArgument'],
      [{ key: '' }, 'InvalidConfig'],
      [{ region: 'us east' }, 'InvalidRegion'],
      [{ secretAccessKey: '' }, 'InvalidConfig'],
    ]
    for (const [patch, code] of cases) {
      await expect(
        api.presignPostV4({ ...base, key: 'k', ...patch } as never),
      ).rejects.toMatchObject({
        name: 'ValidationError',
        code,
      })
    }
  })
})
