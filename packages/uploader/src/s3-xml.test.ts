import { describe, expect, it } from 'vitest'
import { decodeXml, xmlValue } from './s3-xml'

describe('xmlValue', () => {
  it('reads the first element, trimmed and decoded', () => {
    const xml = `<?xml version="1.0"?><InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
      <Bucket>b</Bucket><Key>a&amp;b.txt</Key><UploadId> abc/def+= </UploadId></InitiateMultipartUploadResult>`
    expect(xmlValue(xml, 'UploadId')).toBe('abc/def+=')
    expect(xmlValue(xml, 'Key')).toBe('a&b.txt')
    expect(xmlValue(xml, 'Missing')).toBeUndefined()
  })

  it('does not match a longer tag with the same prefix', () => {
    expect(xmlValue('<CodeX>no</CodeX><Code>yes</Code>', 'Code')).toBe('yes')
  })

  it('accepts attributes and rejects unterminated elements', () => {
    expect(xmlValue('<ETag a="1">&quot;x&quot;</ETag>', 'ETag')).toBe('"x"')
    expect(xmlValue('<ETag>never closed', 'ETag')).toBeUndefined()
  })

  it('does not expand custom entities', () => {
    const hostile = '<!DOCTYPE x [<!ENTITY big "AAAA">]><Code>&big;&big;</Code>'
    expect(xmlValue(hostile, 'Code')).toBe('&big;&big;')
  })
})

describe('decodeXml', () => {
  it('decodes the predefined entities', () => {
    expect(decodeXml('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;')).toBe(`a&b<c>"d"'e'`)
  })

  it('decodes numeric references and keeps invalid or unknown ones', () => {
    expect(decodeXml('&#34;abc-3&#34;')).toBe('"abc-3"')
    expect(decodeXml('&#65;&#x42;&#0;&#x110000;&x;&amp;')).toBe('AB&#0;&#x110000;&x;&')
  })
})
