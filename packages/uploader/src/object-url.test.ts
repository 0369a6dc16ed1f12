import { describe, expect, it } from 'vitest'
import { defaultPathStyle, objectUrl } from './object-url'

describe('objectUrl', () => {
  it('uses virtual-host style for COS and OSS, with https by default', () => {
    expect(
      objectUrl(
        { endpoint: 'cos.ap-guangzhou.myqcloud.com', bucket: 'b-1250000000', provider: 'tencent' },
        'user/1/a b.txt',
      ),
    ).toBe('https://b-1250000000.cos.ap-guangzhou.myqcloud.com/user/1/a%20b.txt')
    expect(objectUrl({ endpoint: 'https://oss-cn-hangzhou.aliyuncs.com', bucket: 'ob' }, 'k')).toBe(
      'https://ob.oss-cn-hangzhou.aliyuncs.com/k',
    )
  })

  it('does not repeat a bucket already in the endpoint host', () => {
    expect(
      objectUrl({ endpoint: 'https://b-125.cos.ap-beijing.myqcloud.com', bucket: 'b-125' }, 'k'),
    ).toBe('https://b-125.cos.ap-beijing.myqcloud.com/k')
  })

  it('uses path style for IP hosts, localhost and custom endpoints', () => {
    expect(
      objectUrl({ endpoint: 'http://127.0.0.1:9000', bucket: 'up', provider: 'aws' }, 'a/b'),
    ).toBe('http://127.0.0.1:9000/up/a/b')
    expect(objectUrl({ endpoint: 'http://localhost:3000/storage/', bucket: 'up' }, 'x')).toBe(
      'http://localhost:3000/storage/up/x',
    )
    expect(defaultPathStyle({ endpoint: 'https://minio.example.com', bucket: 'up' })).toBe(true)
  })

  it('honours forcePathStyle in both directions', () => {
    const creds = { endpoint: 'https://s3.us-east-1.amazonaws.com', bucket: 'bk', provider: 'aws' }
    expect(objectUrl(creds, 'k')).toBe('https://bk.s3.us-east-1.amazonaws.com/k')
    expect(objectUrl(creds, 'k', true)).toBe('https://s3.us-east-1.amazonaws.com/bk/k')
    expect(objectUrl({ endpoint: 'http://127.0.0.1:1', bucket: 'b' }, 'k', false)).toBe(
      'http://b.127.0.0.1:1/k',
    )
  })

  it('keeps dotted AWS buckets path-style (TLS certificates do not cover them)', () => {
    expect(defaultPathStyle({ endpoint: 's3.amazonaws.com', bucket: 'a.b', provider: 'aws' })).toBe(
      true,
    )
  })

  it('encodes the key once per RFC 3986 and keeps slashes', () => {
    expect(objectUrl({ endpoint: 'http://127.0.0.1:1', bucket: 'b' }, "ü/(x)*!'+%.txt")).toBe(
      'http://127.0.0.1:1/b/%C3%BC/%28x%29%2A%21%27%2B%25.txt',
    )
  })

  it('rejects endpoints that are not http(s)', () => {
    expect(() => objectUrl({ endpoint: 'ftp://x', bucket: 'b' }, 'k')).toThrow(
      expect.objectContaining({ code: 'InvalidConfig' }),
    )
  })
})
