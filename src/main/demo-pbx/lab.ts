/**
 * The lab the captures were recorded in (shared/asterisk): agents 1001-1004 on pjsua (1004's
 * phone really rings), supervisor 2001 on WebRTC (not registered), supervisor 2002 on pjsua;
 * queues support (rrmemory, 1001-1004) and sales (ringall, 1003-1004).
 */
import type { PbxConfig } from './model'

export const LAB_CONFIG: PbxConfig = {
  endpoints: [
    { ext: '1001', name: 'Agent 1001', port: 5071 },
    { ext: '1002', name: 'Agent 1002', port: 5072 },
    { ext: '1003', name: 'Agent 1003', port: 5073 },
    { ext: '1004', name: 'Agent 1004', port: 5074, autoAnswer: false },
    { ext: '2001', name: 'Supervisor WebRTC', registered: false, transport: 'transport-ws' },
    { ext: '2002', name: 'Supervisor 2002', port: 5082 }
  ],
  queues: [
    { name: 'support', strategy: 'rrmemory', members: ['1001', '1002', '1003', '1004'] },
    { name: 'sales', strategy: 'ringall', members: ['1003', '1004'] }
  ]
}

/** The captures' wall clock (Uniqueids like 1795468833.3), so scripted scenarios print alike. */
export const LAB_EPOCH_MS = 1_795_468_833_000
