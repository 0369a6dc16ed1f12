import { describe, expect, it } from 'vitest'
import { encodeForm } from './encode-form'

describe('encodeForm', () => {
  it('percent-encodes names and values per RFC 3986, in the order given', () => {
    expect(encodeForm({ Action: 'AssumeRole', Name: "o'neil (x)*!", Space: 'a b+c' })).toBe(
      'Action=AssumeRole&Name=o%27neil%20%28x%29%2A%21&Space=a%20b%2Bc',
    )
    expect(encodeForm({ Policy: '{"a":"é/~"}' })).toBe('Policy=%7B%22a%22%3A%22%C3%A9%2F~%22%7D')
    expect(encodeForm({})).toBe('')
  })
})
