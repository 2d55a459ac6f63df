import { describe, expect, it } from 'vitest';
import { decodeMas } from '../../../../gateways/xroshot/codec/mas-decoder.ts';
import { encodeMas, masToXml } from '../../../../gateways/xroshot/codec/mas-encoder.ts';
import type { MasMessage } from '../../../../gateways/xroshot/codec/mas-message.ts';
import { isXroshotError } from '../../../../gateways/xroshot/xroshot-errors.ts';

const samples: MasMessage[] = [
  { method: 'req_auth', serviceProviderId: 'sp-msgsim' },
  { method: 'res_auth', result: 0, time: '20261120093000' },
  { method: 'res_auth', result: 5, time: null },
  { method: 'req_regist', serviceProviderId: 'sp-msgsim', endUserId: 'eu1', authTicket: 'AbC+/==', authKey: 17, version: '1.0.15' },
  {
    method: 'res_regist',
    result: 0,
    sessionId: '42',
    sendLimitPerSecond: [{ msgType: 1, value: 200 }, { msgType: 4, value: 200 }],
    productStatus: [{ msgType: 1, value: true }, { msgType: 2, value: false }],
    sendLimitPerMonth: [{ msgType: 1, value: 1000000 }],
  },
  {
    method: 'req_send_message_2',
    messageType: 4,
    messageSubType: 3,
    callbackNumber: 'cb==',
    customMessageId: '00123',
    reserveType: null,
    reserveTime: null,
    recipients: [{ seqNo: 1, number: 'r1==' }, { seqNo: 2, number: 'r2==' }],
    subject: '제목 & <기호>',
    content: 'c==',
    attachments: [{ attachId: 1, fileName: 'a.jpg', data: '/9j/4AAQ' }],
  },
  { method: 'res_send_message', result: 0, time: '20261120093001', customMessageId: '00123', sequenceNumber: 2, jobId: '900000002', groupId: '900000000' },
  { method: 'res_send_message_all', result: 0, time: '20261120093001', customMessageId: '00123', count: 2, groupId: '900000000', jobIds: [{ seqNo: 1, jobId: '900000001' }, { seqNo: 2, jobId: '900000002' }] },
  { method: 'req_report', result: 204, time: '20261121093001', customMessageId: '00123', jobId: '900000001', groupId: '900000000', telcoInfo: 1, sequenceNumber: 1 },
  { method: 'res_report', result: 0, jobId: '900000001' },
  { method: 'req_ping' },
  { method: 'res_ping', result: 0 },
  { method: 'req_unregist', reason: 0 },
  { method: 'res_unregist', result: 0 },
];

function codeOf(frame: string | Buffer): string {
  try {
    decodeMas(frame);
    return 'ok';
  } catch (e) {
    if (!isXroshotError(e)) throw e;
    return `${e.code}${e.method ? `@${e.method}` : ''}`;
  }
}

describe('MAS records', () => {
  it.each(samples.map((s) => [s.method, s] as const))('%s round trips through its frame', (_m, msg) => {
    const frame = encodeMas(msg);
    expect(frame[frame.length - 1]).toBe(0);
    expect(decodeMas(frame.subarray(0, -1))).toEqual(msg);
  });

  it('writes req_auth as the golden document', () => {
    expect(masToXml({ method: 'req_auth', serviceProviderId: 'sp01' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><MAS method="req_auth"><ServiceProviderID>sp01</ServiceProviderID></MAS>',
    );
  });

  it('reads the layout public clients write: CR line breaks, indentation, single-quoted declaration', () => {
    const text = "<?xml version='1.0' encoding='UTF-8'?>\r<MAS method=\"req_send_message_2\">\r  <MessageType>1</MessageType>\r  <MessageSubType>1</MessageSubType>\r  <CallbackNumber>cb</CallbackNumber>\r  <CustomMessageID>7</CustomMessageID>\r  <Message>\r    <ReceiveNumber seqNo=\"1\">n1</ReceiveNumber>\r    <Subject>title</Subject>\r    <Content>body</Content>\r  </Message>\r</MAS>";
    expect(decodeMas(text)).toMatchObject({ method: 'req_send_message_2', messageType: 1, customMessageId: '7', recipients: [{ seqNo: 1, number: 'n1' }], subject: 'title', content: 'body', attachments: [] });
  });

  it('accepts either Reason or Result in req_unregist', () => {
    expect(decodeMas('<MAS method="req_unregist"><Result>0</Result></MAS>')).toEqual({ method: 'req_unregist', reason: 0 });
    expect(decodeMas('<MAS method="req_unregist"><Reason>3</Reason></MAS>')).toEqual({ method: 'req_unregist', reason: 3 });
  });

  it('resolves predefined entities and character references without expanding anything else', () => {
    const m = decodeMas('<MAS method="req_auth"><ServiceProviderID>a&amp;b&#65;&#x42;&unknown;</ServiceProviderID></MAS>');
    expect(m).toEqual({ method: 'req_auth', serviceProviderId: 'a&bAB&unknown;' });
  });

  it('names the failure and, where readable, the method', () => {
    expect(codeOf(Buffer.from([0xc3, 0x28]))).toBe('XROSHOT_ERR_BAD_ENCODING');
    expect(codeOf(Buffer.concat([Buffer.from('<MAS method="req_ping"><Result>'), Buffer.from([0xc3, 0x28]), Buffer.from('</Result></MAS>')]))).toBe('XROSHOT_ERR_BAD_ENCODING@req_ping');
    expect(codeOf('<!DOCTYPE MAS [<!ENTITY a "aaaa">]><MAS method="req_auth"><ServiceProviderID>&a;</ServiceProviderID></MAS>')).toBe('XROSHOT_ERR_DOCTYPE@req_auth');
    expect(codeOf('<MAS method="req_auth"><ServiceProviderID>x</MAS>')).toBe('XROSHOT_ERR_BAD_XML@req_auth');
    expect(codeOf('<MAS method="req_ping"/><MAS method="req_ping"/>')).toBe('XROSHOT_ERR_NOT_MAS@req_ping');
    expect(codeOf('<RCP method="ressvr_res"><Result>0</Result></RCP>')).toBe('XROSHOT_ERR_NOT_MAS');
    expect(codeOf('<MAS><Result>0</Result></MAS>')).toBe('XROSHOT_ERR_NOT_MAS');
    expect(codeOf('<MAS method="req_storage"><Filename>a</Filename></MAS>')).toBe('XROSHOT_ERR_UNKNOWN_METHOD@req_storage');
    expect(codeOf('<MAS method="req_auth"></MAS>')).toBe('XROSHOT_ERR_BAD_FIELD@req_auth');
    expect(codeOf('<MAS method="res_ping"><Result>-1</Result></MAS>')).toBe('XROSHOT_ERR_BAD_FIELD@res_ping');
    expect(codeOf('<MAS method="req_send_message_2"><MessageType>1</MessageType><CallbackNumber>c</CallbackNumber></MAS>')).toBe('XROSHOT_ERR_BAD_FIELD@req_send_message_2');
    expect(codeOf('')).toBe('XROSHOT_ERR_BAD_XML');
  });

  it('refuses nesting deeper than the protocol uses', () => {
    const deep = `<MAS method="req_ping">${'<a>'.repeat(50)}${'</a>'.repeat(50)}</MAS>`;
    expect(codeOf(deep)).toBe('XROSHOT_ERR_BAD_XML@req_ping');
  });
});
