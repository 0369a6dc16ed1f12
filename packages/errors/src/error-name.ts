/**
 * What assigning `name` on an Aury error does: the classes define `name` as a prototype getter
 * (so an unused class can be tree-shaken), and their setters make the value an own property of
 * the instance, as assigning over an inherited data property would.
 */
export function ownName(target: object, value: string): void {
  Object.defineProperty(target, 'name', {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  })
}
