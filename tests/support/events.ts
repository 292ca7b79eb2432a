import { type AmiMessage, amiMessage } from '../../src/main/ami/message'

/** An AMI message from header pairs, for hand-made events in the captures' dialect. */
export function ami(fields: Record<string, string>): AmiMessage {
  return amiMessage(Object.entries(fields))
}

/** The channel block Asterisk puts in channel events, for a PJSIP or Local leg. */
export function block(channel: string, uniqueid: string, state: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    Channel: channel,
    ChannelState: String(state),
    ChannelStateDesc: ({ 0: 'Down', 4: 'Ring', 5: 'Ringing', 6: 'Up' } as Record<number, string>)[state] ?? 'Unknown',
    CallerIDNum: '<unknown>',
    CallerIDName: '<unknown>',
    ConnectedLineNum: '<unknown>',
    ConnectedLineName: '<unknown>',
    Language: 'en',
    AccountCode: '',
    Context: 'internal',
    Exten: 's',
    Priority: '1',
    Uniqueid: uniqueid,
    Linkedid: uniqueid,
    ...extra
  }
}

export function event(name: string, fields: Record<string, string>): AmiMessage {
  return ami({ Event: name, Privilege: 'call,all', ...fields })
}
