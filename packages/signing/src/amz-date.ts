import { fail } from './validate'

/**
 * `YYYYMMDDTHHMMSSZ` (SigV4 `x-amz-date`) of a date.
 *
 * @example
 * ```ts
 * formatAmzDate(new Date('2015-08-30T12:36:00Z')) // '20150830T123600Z'
 * ```
 */
let lastTime = Number.NaN
let lastText = ''

export function formatAmzDate(date: Date): string {
  const t = date instanceof Date ? date.getTime() : Number.NaN
  if (t !== lastTime) {
    // Years 0..9999 only: outside them toISOString has a sign and six year digits.
    if (!(t >= -62167219200000 && t <= 253402300799999)) {
      fail('date', 'a valid Date in years 0..9999', 'InvalidArgument')
    }
    lastText = date.toISOString().replace(/[-:]|\.\d+/g, '')
    lastTime = t
  }
  return lastText
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
