import { getHeapStatistics } from 'node:v8'
import { AmiDecoder } from '../../src/main/ami'
import { CallsProjector } from '../../src/main/calls'
import { CallLogCollector } from '../../src/main/calllog'

/**
 * Heap kept per channel that never hangs up (issue 14.9), each channel arriving in its own socket
 * read of `chunkBytes` (the rest of the read is events the model ignores): what a PBX that loses
 * its Hangups costs. Measured after a full GC with the chunks dropped; needs `--expose-gc`.
 */
export function benchRetention(channels: number, chunkBytes: number): { chunkBytes: number; channels: number; bytesPerChannel: number } | null {
  const gc = globalThis.gc
  if (gc === undefined) return null
  const heap = (): number => {
    gc()
    gc()
    return getHeapStatistics().used_heap_size
  }
  const pad = 'Event: RTCPSent\r\nChannel: PJSIP/trunk-00000001\r\nReport: ' + 'x'.repeat(400) + '\r\n\r\n'
  const before = heap()
  const calls = new CallsProjector({ featureCodes: null, outboundPrefix: '' })
  calls.attach(new CallLogCollector(), 0)
  const decoder = new AmiDecoder()
  for (let i = 0; i < channels; i++) {
    const id = `1795469045.${1_000_000 + i}`
    let text =
      `Event: Newchannel\r\nChannel: PJSIP/${1000 + (i % 1000)}-${i.toString(16).padStart(8, '0')}\r\nChannelState: 6\r\nCallerIDNum: +4420794${String(i).padStart(5, '0')}\r\n` +
      `CallerIDName: Customer ${i}\r\nConnectedLineNum: ${1000 + (i % 1000)}\r\nConnectedLineName: Agent ${1000 + (i % 1000)}\r\nContext: from-pstn\r\nExten: s\r\nUniqueid: ${id}\r\nLinkedid: ${id}\r\n\r\n`
    while (text.length + pad.length <= chunkBytes) text += pad
    for (const frame of decoder.write(Buffer.from(text))) if (frame.kind === 'message') calls.apply(frame.message, i)
  }
  const kept = heap() - before
  if (calls.model.channels.size !== channels) throw new Error(`kept ${calls.model.channels.size} channels, expected ${channels}`)
  return { chunkBytes, channels, bytesPerChannel: Math.round(kept / channels) }
}
