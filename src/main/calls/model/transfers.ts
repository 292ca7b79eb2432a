/** Transfers, as each agent leg's timeline tells them. */
import type { TimelineEvent } from '../../../shared/records'
import { addToTimeline, type FloorState } from './state'
import { type Fields, known, field } from './fields'
import { ownOrNull } from './own'

type Transfer = Omit<Extract<TimelineEvent, { kind: 'transfer' }>, 'at' | 'kind'>

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value
}

function add(state: FloorState, uniqueid: string | undefined, at: number, transfer: Transfer): void {
  const ch = uniqueid === undefined ? undefined : state.channels.get(uniqueid)
  // The timeline outlives the event: its text is copied out of the socket chunk (see own.ts).
  if (ch !== undefined) addToTimeline(state, ch, { at, kind: 'transfer', ...transfer, party: ownOrNull(transfer.party), result: ownOrNull(transfer.result) })
}

/** A party of a transfer event by its channel block prefix: its number, else its channel name. */
function partyOf(f: Fields, prefix: string): string | null {
  const number = field(f, `${prefix}CallerIDNum`)
  return known(number) ? number : nonEmpty(field(f, `${prefix}Channel`))
}

/** BlindTransfer: the transferer sent the call to `Extension`. */
export function onBlindTransfer(state: FloorState, f: Fields, at: number): void {
  const result = nonEmpty(field(f, 'Result'))
  const extension = nonEmpty(field(f, 'Extension'))
  add(state, field(f, 'TransfererUniqueid'), at, { type: 'blind', role: 'transferer', party: extension, result })
  add(state, field(f, 'TransfereeUniqueid'), at, { type: 'blind', role: 'transferee', party: extension, result })
}

/**
 * AttendedTransfer: the transferer's two legs (with the transferee, and the consultation with the
 * target) are joined; the target gets the transferee.
 */
export function onAttendedTransfer(state: FloorState, f: Fields, at: number): void {
  const result = nonEmpty(field(f, 'Result'))
  // The target's own number, else what the transferer's consultation leg was connected to.
  const consulted = field(f, 'SecondTransfererConnectedLineNum')
  const target = partyOf(f, 'TransferTarget') ?? (known(consulted) ? consulted : null)
  const transferee = partyOf(f, 'Transferee')
  add(state, field(f, 'OrigTransfererUniqueid'), at, { type: 'attended', role: 'transferer', party: target, result })
  if (field(f, 'SecondTransfererUniqueid') !== field(f, 'OrigTransfererUniqueid')) add(state, field(f, 'SecondTransfererUniqueid'), at, { type: 'attended', role: 'transferer', party: target, result })
  add(state, field(f, 'TransfereeUniqueid'), at, { type: 'attended', role: 'transferee', party: target, result })
  add(state, field(f, 'TransferTargetUniqueid'), at, { type: 'attended', role: 'target', party: transferee, result })
}
