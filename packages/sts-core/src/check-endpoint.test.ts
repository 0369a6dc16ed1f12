import { ValidationError } from '@aury/errors'
import { describe, expect, it } from 'vitest'
import { checkEndpoint } from './check-endpoint'
import { requireConfigString } from './require-config-string'

function refusal(run: () => unknown): ValidationError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return error as ValidationError
  }
  throw new Error('expected a ValidationError')
}

describe('checkEndpoint', () => {
  it('keeps https endpoints and drops trailing slashes', () => {
    expect(checkEndpoint('https://sts.eu-west-1.amazonaws.com/', 'endpoint')).toBe(
      'https://sts.eu-west-1.amazonaws.com',
    )
    expect(checkEndpoint('https://minio.example.com:9000/sts//', 'endpoint')).toBe(
      'https://minio.example.com:9000/sts',
    )
  })

  it('allows http only to loopback hosts, or anywhere with allowHttp', () => {
    for (const url of ['http://127.0.0.1:9000', 'http://localhost:1', 'http://[::1]:9000']) {
      expect(checkEndpoint(url, 'endpoint')).toBe(url)
    }
    const error = refusal(() => checkEndpoint('http://sts.example.com', 'endpoint'))
    expect(error).toMatchObject({ code: 'InvalidConfig', field: 'endpoint' })
    expect(checkEndpoint('http://minio.internal:9000', 'endpoint', true)).toBe(
      'http://minio.internal:9000',
    )
  })

  it('refuses other schemes, relative URLs, credentials, queries and fragments', () => {
    for (const bad of [
      'ftp://sts.example.com',
      'sts.example.com',
      '',
      undefined,
      'https://user:pass@sts.example.com',
      'https://sts.example.com/?a=1',
      'https://sts.example.com/#x',
    ]) {
      const error = refusal(() => checkEndpoint(bad, 'credentialsEndpoint'))
      expect(error.field).toBe('credentialsEndpoint')
      expect(error.message).not.toContain('pass')
    }
  })
})

describe('requireConfigString', () => {
  it('returns non-empty strings and refuses anything else without echoing it', () => {
    expect(requireConfigString('AKID', 'accessKeyId')).toBe('AKID')
    for (const bad of ['', undefined, null, 42, { secret: 'shh' }]) {
      const error = refusal(() => requireConfigString(bad, 'secretAccessKey'))
      expect(error).toMatchObject({ code: 'InvalidConfig', field: 'secretAccessKey' })
      expect(error.message).toBe('secretAccessKey is required')
    }
  })
})
