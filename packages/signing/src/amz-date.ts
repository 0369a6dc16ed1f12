import { fail } from './validate'

let lastTime: number | undefined
let lastText = ''

// `false` in the web build (tsup `define`), where esbuild drops the node-only memo.
declare const __NODE__: boolean

/**
 * `YYYYMMDDTHHMMSSZ` (SigV4 `x-amz-date`) of a date.
 *
 * @example
 * ```ts
 * formatAmzDate(new Date('2015-08-30T12:36:00Z')) // '20150830T123600Z'
 * ```
 */
export function formatAmzDate(date: Date): string {
  const t = date instanceof Date ? date.getTime() : NaN
  if ((typeof __NODE__ !== 'boolean' || __NODE__) && t === lastTime) return lastText
  // Years 0..9999 only: outside them toISOString has a sign and six year digits.
  const iso = Number.isFinite(t) ? date.toISOString() : ''
  if (!/^\d{4}-/.test(iso)) fail('date', 'a Date in years 0..9999', 'InvalidArgument')
  const text = iso.replace(/[-:]|\.\d+/g, '')
  if (typeof __NODE__ !== 'boolean' || __NODE__) {
    lastText = text
    lastTime = t
  }
  return text
}

/**
 * ISO-8601 UTC without milliseconds (`2016-02-23T12:46:24Z`), as Aliyun wants it.
 *
 * @example
 * ```ts
 * formatIsoSeconds(new Date('2016-02-23T12:46:24.512Z')) // '2016-02-23T12:46:24Z'
 * ```
 */
export function formatIsoSeconds(date: Date): string {
  formatAmzDate(date)
  return date.toISOString().replace(/\.\d+/, '')
}
