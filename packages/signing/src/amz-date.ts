import { ValidationError } from '@aury/errors'

/**
 * `YYYYMMDDTHHMMSSZ` (SigV4 `x-amz-date`) of a date.
 *
 * @example
 * ```ts
 * formatAmzDate(new Date('2015-08-30T12:36:00Z')) // '20150830T123600Z'
 * ```
 */
export function formatAmzDate(date: Date): string {
  const time = date instanceof Date ? date.getTime() : Number.NaN
  if (!Number.isFinite(time)) {
    throw new ValidationError('date must be a valid Date', {
      code: 'InvalidArgument',
      field: 'date',
    })
  }
  const iso = date.toISOString()
  if (iso.length !== 24) {
    throw new ValidationError('date must be between years 0 and 9999', {
      code: 'InvalidArgument',
      field: 'date',
    })
  }
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`
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
  const amz = formatAmzDate(date)
  return `${amz.slice(0, 4)}-${amz.slice(4, 6)}-${amz.slice(6, 8)}T${amz.slice(9, 11)}:${amz.slice(11, 13)}:${amz.slice(13, 15)}Z`
}
