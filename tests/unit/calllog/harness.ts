/** A call-log engine fed by hand-made events in the captures' dialect (the unit tests' floor). */
import type { AmiMessage } from '../../../src/main/ami/message'
import { type CallLogState, type CompletedCall, drainCompleted, emptyCallLog, reduceCallLog, settleCallLog, takeChanges } from '../../../src/main/calllog/engine'
import { parseSavedCall, type SavedCall } from '../../../src/main/calllog/saved'
import { block } from '../../support/events'
import { LAB_CODES } from '../../support/traces'

export const options = { featureCodes: LAB_CODES, outboundPrefix: '9', roster: (ext: string) => !ext.startsWith('2') }

export function prefixed(prefix: string, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${prefix}${k}`, v]))
}

export class Floor {
  state: CallLogState = emptyCallLog(options)
  done: CompletedCall[] = []

  apply(at: number, ...messages: AmiMessage[]): this {
    for (const m of messages) this.state = reduceCallLog(this.state, m, at)
    this.done.push(...drainCompleted(this.state))
    return this
  }

  settle(at: number): this {
    settleCallLog(this.state, at)
    this.done.push(...drainCompleted(this.state))
    return this
  }

  /** What a save would write now, as it reads back from the store (JSON). */
  saved(): SavedCall[] {
    return takeChanges(this.state).save.map((s) => parseSavedCall(JSON.stringify(s.call)))
  }

  call(id: string): CompletedCall | undefined {
    return this.done.find((c) => c.id === id)
  }
}

export const agent = (ext: string, id: string, state: number, extra: Record<string, string> = {}): Record<string, string> =>
  block(`PJSIP/${ext}-0000${id.replace(/\W/g, '')}`, id, state, { CallerIDNum: ext, CallerIDName: `Agent ${ext}`, ...extra })
