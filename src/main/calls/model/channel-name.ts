/**
 * Asterisk channel names: `PJSIP/1001-00000005` is a leg of endpoint 1001 (the suffix is a
 * per-channel sequence), `Local/+4420...@sim-customer-00000001;1` is a helper half of a Local
 * channel. Only endpoint legs can be agent calls.
 *
 * Only the SIP drivers name a channel after its endpoint. Other technologies do not: chan_dahdi
 * names an ISDN or analog line's channel after its span and the number (`DAHDI/i1/+4420...-1`) or
 * its B-channel (`DAHDI/1-1`), so reading an endpoint there made a ghost agent of every trunk
 * channel, or of every caller, left Offline after the call. Agents are the PBX's PJSIP endpoints
 * (its directory is PJSIPShowEndpoints); `SIP` is chan_sip's spelling on older PBXs.
 */
export interface ChannelName {
  tech: string
  /** Endpoint (device) name, e.g. `1001`; null for Local and other helper channels. */
  endpoint: string | null
}

const ENDPOINT_TECHS = new Set(['PJSIP', 'SIP'])

export function parseChannelName(name: string): ChannelName {
  const slash = name.indexOf('/')
  if (slash <= 0) return { tech: name, endpoint: null }
  const tech = name.slice(0, slash)
  if (!ENDPOINT_TECHS.has(tech)) return { tech, endpoint: null }
  const rest = name.slice(slash + 1)
  const dash = rest.lastIndexOf('-')
  const endpoint = dash > 0 ? rest.slice(0, dash) : rest
  return { tech, endpoint: endpoint === '' ? null : endpoint }
}

/** `PJSIP/1001` (a dial string or a queue member interface) → `1001`. */
export function endpointOfInterface(iface: string): string | null {
  const slash = iface.indexOf('/')
  if (slash <= 0) return null
  const tech = iface.slice(0, slash)
  if (!ENDPOINT_TECHS.has(tech)) return null
  const rest = iface.slice(slash + 1)
  return rest === '' ? null : rest
}
