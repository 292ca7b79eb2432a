/**
 * What the demo's dialplan would do with an Originate's Context/Exten: the lab's
 * (shared/asterisk/extensions.conf), with the spy codes widened from `_555XXXX` to any endpoint so
 * a floor with more than four-digit extensions can be supervised too.
 */
export const SPY_OPTIONS: Readonly<Record<string, string>> = { '555': 'qdE', '556': 'qdEw', '557': 'qdEB' }

export type ExtenTarget =
  /** ChanSpy(<target>,<options>) on a channel-name prefix (`PJSIP/1001`). */
  | { kind: 'spy'; target: string; options: string }
  /** An extension that exists but that the demo does not model (internal calls, queues, ...). */
  | { kind: 'other' }

export function resolveExten(context: string, exten: string, endpoints: ReadonlySet<string> | ReadonlyMap<string, unknown>): ExtenTarget | null {
  switch (context) {
    case 'internal': {
      const code = exten.slice(0, 3)
      const options = SPY_OPTIONS[code]
      const ext = exten.slice(3)
      if (options !== undefined && ext !== '' && (endpoints.has(ext) || /^\d{4}$/.test(ext))) return { kind: 'spy', target: `PJSIP/${ext}`, options }
      if (/^[12]\d{3}$/.test(exten) || exten === '7001' || exten === '7002' || /^9\+?\d+$/.test(exten)) return { kind: 'other' }
      return null
    }
    case 'inbound':
      return exten === 'support' || exten === 'sales' || /^1\d{3}$/.test(exten) ? { kind: 'other' } : null
    case 'customers':
    case 'sim-customer':
    case 'sim-customer-quiet':
      return /^\+?\d+$/.test(exten) ? { kind: 'other' } : null
    default:
      return null
  }
}
