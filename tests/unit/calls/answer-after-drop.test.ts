/**
 * Issue 14.10: an answer first seen in the snapshot after a drop. In outbound-answered.jsonl agent
 * 1002's call rings from t=1762 and is answered at t=4764. The connection drops at t=3000 while it
 * rings and is back at t=6000, when the snapshot shows it up: its answer time is only known to lie
 * between the last event heard before the drop and the snapshot. The estimate must never be
 * earlier than that (it used to be the channel's creation, overstating the talk time by the
 * ringing), and Asterisk's CDR, asked with Getvar, makes it exact where it agrees.
 */
import { describe, expect, it } from 'vitest'
import { AmiDecoder } from '../../../src/main/ami/decoder'
import type { AmiMessage } from '../../../src/main/ami/message'
import { CallsProjector } from '../../../src/main/calls'
import { replayCapture } from '../../../src/main/capture/replay'
import { event } from '../../support/events'
import { LAB_OPTIONS, loadTrace } from '../../support/traces'

const records = loadTrace('outbound-answered')
const LEG = 'PJSIP/1002-00000003'
const DROP = 3000
const BACK = 6000

/** The received messages of the capture with their times. */
function received(): Array<{ t: number; message: AmiMessage }> {
  const decoder = new AmiDecoder()
  const out: Array<{ t: number; message: AmiMessage }> = []
  for (const r of records) {
    if (r.dir !== 'rx') continue
    for (const frame of decoder.write(r.raw)) if (frame.kind === 'message') out.push({ t: r.t, message: frame.message })
  }
  return out
}

const messages = received()
const answer = messages.find(({ message: m }) => m.fields.Event === 'Newstate' && m.fields.Channel === LEG && m.fields.ChannelState === '6')
if (answer === undefined) throw new Error(`outbound-answered.jsonl no longer answers ${LEG}`)
const ANSWERED = answer.t
const lastHeard = Math.max(...messages.filter(({ t, message }) => t <= DROP && message.fields.Event !== undefined).map(({ t }) => t))

/** The leg as CoreShowChannels lists it at BACK: its answered channel block, running Dial. */
function snapshot(): AmiMessage[] {
  const { Event: _event, Privilege: _privilege, ...block } = answer?.message.fields ?? {}
  return [
    event('CoreShowChannel', { ...block, Application: 'Dial', ApplicationData: 'PJSIP/+442070009999@trunk', Duration: '00:00:04', BridgeId: '' }),
    event('CoreShowChannelsComplete', { EventList: 'Complete', ListItems: '1' })
  ]
}

function droppedWhileRinging(): { calls: CallsProjector; id: string } {
  const calls = replayCapture(records, new CallsProjector(LAB_OPTIONS), DROP)
  const leg = [...calls.model.channels.values()].find((ch) => ch.name === LEG)
  expect(leg?.answeredAt).toBeNull() // ringing when the connection drops
  calls.connectionLost(DROP, lastHeard)
  calls.resync(snapshot(), BACK)
  return { calls, id: leg?.uniqueid ?? '' }
}

describe('an answer first seen in the snapshot after a drop', () => {
  it('is estimated no earlier than the last sign of ringing, with the window it lies in', () => {
    const { calls, id } = droppedWhileRinging()
    const ch = calls.model.channels.get(id)
    expect(ch?.answeredAtApprox).toBe(true)
    // Before the fix: the channel's creation (1762), before it was last known ringing.
    expect(ch?.answeredAt).toBeGreaterThanOrEqual(lastHeard)
    expect(ch?.answeredAt).toBeLessThanOrEqual(ANSWERED)
    // The truth lies in the window the model states.
    expect(ANSWERED).toBeLessThanOrEqual((ch?.answeredAt ?? 0) + (ch?.answerWindow ?? 0))
    expect((ch?.answeredAt ?? 0) + (ch?.answerWindow ?? 0)).toBe(BACK)
  })

  it("becomes exact when the channel's CDR tells when it was answered", () => {
    const { calls, id } = droppedWhileRinging()
    // Getvar CDR(billsec,f) sent at 6010, answered at 6030: the PBX counted from its answer (4764).
    const billsec = (6020 - ANSWERED) / 1000
    expect(calls.answeredAtFromPbx(id, billsec, 6010, 6030)).toBe(true)
    const ch = calls.model.channels.get(id)
    expect(ch?.answeredAtApprox).toBe(false)
    expect(Math.abs((ch?.answeredAt ?? 0) - ANSWERED)).toBeLessThanOrEqual(10)
  })

  it('keeps the estimate when the CDR contradicts what was seen (answered while it was seen ringing)', () => {
    const { calls, id } = droppedWhileRinging()
    const before = calls.model.channels.get(id)?.answeredAt
    expect(calls.answeredAtFromPbx(id, (6020 - (lastHeard - 2500)) / 1000, 6010, 6030)).toBe(false)
    expect(calls.model.channels.get(id)).toMatchObject({ answeredAt: before, answeredAtApprox: true })
  })
})
