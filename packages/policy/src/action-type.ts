import { reject } from './errors'

/**
 * The kind of access a credential grants: `read` (download), `write` (upload, including
 * multipart) or `all` (both). The values are the seed's lower-case strings.
 *
 * @example
 * ```ts
 * buildTencentPolicy({
 *   bucket: 'photos-1250000000',
 *   region: 'ap-guangzhou',
 *   actionType: ActionType.READ,
 * })
 * ActionType.WRITE === 'write' // true
 * ```
 */
export const ActionType = { READ: 'read', WRITE: 'write', ALL: 'all' } as const

/**
 * One of the {@link ActionType} values.
 *
 * @example
 * ```ts
 * const access: ActionType = 'read'
 * ```
 */
export type ActionType = (typeof ActionType)[keyof typeof ActionType]

/**
 * The actions granted for an action type (default `write`): `all` is the read set followed by
 * the write set. Unknown values are a `ValidationError` (`InvalidArgument`).
 */
export function actionsFor(
  value: unknown,
  sets: { readonly read: readonly string[]; readonly write: readonly string[] },
): string[] {
  const type = value ?? 'write'
  if (type !== 'read' && type !== 'write' && type !== 'all') {
    reject('InvalidArgument', 'actionType', "must be 'read', 'write' or 'all'", type)
  }
  return [...(type === 'write' ? [] : sets.read), ...(type === 'read' ? [] : sets.write)]
}
