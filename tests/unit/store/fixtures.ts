import type { MachineSettings } from '../../../src/shared/settings'

/** A real (public, self-signed) CA certificate: only its PEM shape is checked. */
export const CA_PEM = `-----BEGIN CERTIFICATE-----
MIIBiDCCAS+gAwIBAgIUDYu+rHOV2DTzrpRCMRGoyGHEYAMwCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPZWFyc2hvdC10ZXN0LWNhMB4XDTI2MTEyNDAwMDYzMFoXDTM2
MTEyMTAwMDYzMFowGjEYMBYGA1UEAwwPZWFyc2hvdC10ZXN0LWNhMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEY4ZEMmgCPK5Nu3+B30XtFlzcZdjulSZIKbKiUCSh
BJOhGAkoGEff7Epnd0jJOc4D6Fg6i0r19CofNpdD5crJtqNTMFEwHQYDVR0OBBYE
FGGBps5BeUP3uqm2kXw4nUO9A+jzMB8GA1UdIwQYMBaAFGGBps5BeUP3uqm2kXw4
nUO9A+jzMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgMtFF2Nx2
XdPphC3vqHTLAS1hKO+aV6/Zpj16alvjC7QCIEyBLdVmgO757hKk/QTXQKAqkHo+
GxOjPVwizl8qaFft
-----END CERTIFICATE-----
`

/** Settings with every field set to something other than its default. */
export const FULL_SETTINGS: MachineSettings = {
  pbx: {
    url: 'amis://pbx.example.com:5039',
    username: 'earshot',
    caCertificate: CA_PEM,
    context: 'from-supervisors',
    method: 'chanspy',
    featureCodes: { listen: '*222', whisper: '*223', barge: '*224' }
  },
  softphone: { wsUrl: 'wss://pbx.example.com:8089/ws', extension: '2001', authUser: '2001', displayName: 'Supervisor Ruth' },
  floor: { agents: { kind: 'queues', queues: ['sales', 'support'] }, hidden: ['2001', '2002'] },
  records: { defaultRegion: 'DE', crmUrlTemplate: 'https://crm.example.com/search?phone={e164}' },
  updates: { url: 'https://updates.example.com/earshot/' },
  alerts: {
    longCallSeconds: 900,
    longHoldSeconds: null,
    longPauseSeconds: 600,
    pauseReasons: [{ reason: 'training', seconds: 5400 }],
    queueWaitSeconds: 45,
    unansweredRings: 2,
    offlineInQueue: false
  },
  teams: {
    teams: [
      { kind: 'extensions', name: 'Team North', extensions: ['1001', '1002'] },
      { kind: 'queue', name: 'Support desk', queue: 'support' }
    ]
  },
  wallboard: { showCustomerNumbers: true }
}
