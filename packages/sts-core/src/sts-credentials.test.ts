import { inspect } from 'node:util'
import { ValidationError } from '@aury/errors'
import { describe, expect, it } from 'vitest'
import {
  createSTSCredentials,
  credentialsFromJSON,
  credentialsToJSON,
  type STSCredentials,
} from './sts-credentials'

const fields: STSCredentials = {
  accessKeyId: 'AKIDexampleexample',
  secretAccessKey: 'secret-key-value-123456',
  sessionToken: 'session-token-value-abcdef',
  expiration: new Date('2030-01-02T03:04:05Z'),
  region: 'ap-guangzhou',
  endpoint: 'https://cos.ap-guangzhou.myqcloud.com',
  bucket: 'my-bucket-1250000000',
  provider: 'tencent',
  requestId: 'req-1',
  startTime: new Date('2030-01-02T02:49:05Z'),
}

describe('STSCredentials', () => {
  it('hides secrets from inspect and String but keeps them in JSON', () => {
    const c = createSTSCredentials(fields)
    const shown = `${inspect(c, { depth: 5 })} ${inspect({ nested: [c] }, { depth: 5 })} ${String(c)}`
    expect(shown).not.toContain(fields.secretAccessKey)
    expect(shown).not.toContain(fields.sessionToken)
    expect(shown).toContain(fields.accessKeyId)
    const json = JSON.parse(JSON.stringify(c))
    expect(json.secretAccessKey).toBe(fields.secretAccessKey)
    expect(json.sessionToken).toBe(fields.sessionToken)
    expect(Object.keys(c)).toEqual(Object.keys(fields))
  })

  it('round-trips through JSON with UTC dates', () => {
    const json = credentialsToJSON(createSTSCredentials(fields))
    expect(json.expiration).toBe('2030-01-02T03:04:05.000Z')
    const back = credentialsFromJSON(JSON.stringify(json))
    expect(back).toEqual(fields)
    expect(back.expiration).toBeInstanceOf(Date)
    expect(inspect(back)).not.toContain(fields.secretAccessKey)
  })

  it.each([
    ['not json', 'InvalidArgument'],
    [{ ...credentialsToJSON(fields), expiration: 'soon' }, 'expiration'],
    [{ ...credentialsToJSON(fields), provider: 'gcp' }, 'provider'],
    [{ ...credentialsToJSON(fields), accessKeyId: 3 }, 'accessKeyId'],
    [[], 'InvalidArgument'],
  ])('rejects bad JSON %#', (input, what) => {
    try {
      credentialsFromJSON(input)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError)
      const e = error as ValidationError
      expect([e.code, e.field]).toContain(what)
      expect(JSON.stringify(e)).not.toContain(fields.secretAccessKey)
    }
  })
})
