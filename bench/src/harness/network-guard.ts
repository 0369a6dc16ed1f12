import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'

/** Counts of network attempts seen by the guard. */
export interface NetworkCounts {
  connects: number
  lookups: number
  httpRequests: number
  fetches: number
}

/** A live guard: read its counts, or throw when anything was attempted. */
export interface NetworkGuard {
  counts(): NetworkCounts
  /** Throws when any connect, DNS lookup, HTTP request or fetch was attempted. */
  assertNone(label: string): void
  /** Restores the original functions. */
  uninstall(): void
}

/**
 * Makes every TCP connect, DNS lookup, `http(s).request`/`get` and `fetch` in this process count
 * and fail. Install it before loading the candidates, so that even captured references end in
 * the patched `net.Socket.prototype.connect`.
 */
export function installNetworkGuard(): NetworkGuard {
  const counts: NetworkCounts = { connects: 0, lookups: 0, httpRequests: 0, fetches: 0 }
  const refuse = (what: string) =>
    new Error(`network guard: ${what} attempted during a signing run`)
  const originals = {
    connect: net.Socket.prototype.connect,
    lookup: dns.lookup,
    promisesLookup: dns.promises.lookup,
    httpRequest: http.request,
    httpGet: http.get,
    httpsRequest: https.request,
    httpsGet: https.get,
    fetch: globalThis.fetch,
  }
  const patch = (target: object, key: string, value: unknown) =>
    Object.defineProperty(target, key, { value, configurable: true, writable: true })

  patch(net.Socket.prototype, 'connect', function guardedConnect() {
    counts.connects++
    throw refuse('TCP connect')
  })
  patch(dns, 'lookup', function guardedLookup() {
    counts.lookups++
    throw refuse('DNS lookup')
  })
  patch(dns.promises, 'lookup', async function guardedLookup() {
    counts.lookups++
    throw refuse('DNS lookup')
  })
  const guardedRequest = () => {
    counts.httpRequests++
    throw refuse('HTTP request')
  }
  patch(http, 'request', guardedRequest)
  patch(http, 'get', guardedRequest)
  patch(https, 'request', guardedRequest)
  patch(https, 'get', guardedRequest)
  patch(globalThis, 'fetch', async () => {
    counts.fetches++
    throw refuse('fetch')
  })

  return {
    counts: () => ({ ...counts }),
    assertNone(label) {
      const total = counts.connects + counts.lookups + counts.httpRequests + counts.fetches
      if (total > 0) throw new Error(`network guard (${label}): ${JSON.stringify(counts)}`)
    },
    uninstall() {
      patch(net.Socket.prototype, 'connect', originals.connect)
      patch(dns, 'lookup', originals.lookup)
      patch(dns.promises, 'lookup', originals.promisesLookup)
      patch(http, 'request', originals.httpRequest)
      patch(http, 'get', originals.httpGet)
      patch(https, 'request', originals.httpsRequest)
      patch(https, 'get', originals.httpsGet)
      patch(globalThis, 'fetch', originals.fetch)
    },
  }
}
