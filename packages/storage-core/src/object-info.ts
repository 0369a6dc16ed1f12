import { z } from 'zod'

/**
 * Zod schema of {@link ObjectInfo}.
 *
 * @example
 * ```ts
 * ObjectInfoSchema.parse({
 *   key: 'a',
 *   size: 0,
 *   etag: '"x"',
 *   contentType: 'text/plain',
 *   lastModified: new Date(),
 *   metadata: {},
 * })
 * ```
 */
export const ObjectInfoSchema = z.object({
  key: z.string(),
  size: z.number().int().nonnegative(),
  etag: z.string(),
  contentType: z.string(),
  lastModified: z.date(),
  metadata: z.record(z.string(), z.string()),
})

/** What `stat` returns. */
export type ObjectInfo = z.infer<typeof ObjectInfoSchema>
