// Not a test: prints how many submit_sm decode+encode cycles per second the codec sustains.
// Run: npx tsx test/unit/smsvas/codec/measure-throughput.ts
import { decodePdu, encodePdu } from '../../../../gateways/smsvas/codec/pdu.ts';

const wire = encodePdu({
  command: 'submit_sm', sequence_number: 1, source_addr: '15881234', dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '821012345678',
  registered_delivery: 1, data_coding: 0x0e, short_message: Buffer.from('c7d1b1db'.repeat(20), 'hex'), sar_msg_ref_num: 7, sar_total_segments: 2, sar_segment_seqnum: 1,
});

// Rates per second of CPU time as well as wall time: on a shared machine the wall figure mostly
// measures the neighbours.
function run(n: number): { wall: number; cpu: number } {
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const pdu = decodePdu(wire);
    pdu.sequence_number = i;
    encodePdu(pdu as Parameters<typeof encodePdu>[0]);
  }
  const cpu = process.cpuUsage(cpu0);
  return { wall: Math.round(n / (Number(process.hrtime.bigint() - start) / 1e9)), cpu: Math.round(n / ((cpu.user + cpu.system) / 1e6)) };
}

run(20_000); // warm-up
const N = 200_000;
const results = [run(N), run(N), run(N)];
const decodeStart = process.hrtime.bigint();
for (let i = 0; i < N; i++) decodePdu(wire);
const decodeOnly = Math.round(N / (Number(process.hrtime.bigint() - decodeStart) / 1e9));
console.log(JSON.stringify({ pduOctets: wire.length, decodePlusEncodePerSec: results, decodeOnlyPerSec: decodeOnly, node: process.version }));
