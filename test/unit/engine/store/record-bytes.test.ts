import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../../engine/message.ts';
import { createRecordSink } from '../../../../engine/store/record-bytes.ts';
import { makeAttempt, makeRecord } from '../../../contract/fixtures/store-records.ts';

const written = (sink: ReturnType<typeof createRecordSink>) => JSON.parse(sink.chunk.toString('utf8', sink.start, sink.end)) as MessageRecord;

describe('record bytes', () => {
  it('writes the JSON of the record as it is when written, not as it becomes', () => {
    const sink = createRecordSink();
    const r = makeRecord('m1', { reason: 'x', carrier: 'KT' }, { clientRef: 'c-1', template: { id: 't', variables: { name: '홍길동' } } });
    sink.write(r);
    const first: [Buffer, number, number] = [sink.chunk, sink.start, sink.end];
    const copy = structuredClone(r);
    r.state = 'submitted';
    r.attempts.push(makeAttempt('m1', 1, { outcome: 'submitted', gatewayIds: ['g-1'] }));
    sink.write(r);
    expect(JSON.parse(first[0].toString('utf8', first[1], first[2]))).toEqual(copy);
    expect(written(sink)).toEqual(r);
  });

  it('keeps earlier rows intact while later ones fill new chunks', () => {
    const sink = createRecordSink();
    const spots: Array<[Buffer, number, number, MessageRecord]> = [];
    for (let i = 0; i < 2000; i++) {
      const r = makeRecord(`m${i}`, {}, { text: '가'.repeat(i % 300) });
      sink.write(r);
      spots.push([sink.chunk, sink.start, sink.end, r]);
    }
    for (const [chunk, start, end, r] of spots) expect(JSON.parse(chunk.toString('utf8', start, end))).toEqual(r);
  });
});
