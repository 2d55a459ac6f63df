// Hand-written wire images of SMPP 3.4 PDUs, one field per line, with the decoded record each must
// equal. Lengths were counted by hand; `hex` only strips the layout.

export function hex(...parts: string[]): Buffer {
  return Buffer.from(parts.join('').replace(/\s+/g, ''), 'hex');
}
const ascii = (s: string): string => Buffer.from(s, 'latin1').toString('hex');

export const RECEIPT_TEXT = 'id:a1b2c3 sub:001 dlvrd:001 submit date:2611201530 done date:2611201531 stat:DELIVRD err:000 text:hello';

export interface GoldenFixture {
  name: string;
  wire: Buffer;
  record: Record<string, unknown> & { command: string; sequence_number: number };
}

export const GOLDEN: GoldenFixture[] = [
  {
    name: 'bind_transceiver with interface_version 0x34',
    wire: hex(
      '00000023 00000009 00000000 00000001',
      '736d7376617300', // system_id 'smsvas'
      '73656372657400', // password 'secret'
      '00', // system_type ''
      '34', // interface_version 3.4
      '00 00', // addr_ton, addr_npi
      '00', // address_range ''
    ),
    record: {
      command: 'bind_transceiver', command_id: 0x09, command_status: 0, sequence_number: 1,
      system_id: 'smsvas', password: 'secret', system_type: '', interface_version: 0x34, addr_ton: 0, addr_npi: 0, address_range: '',
    },
  },
  {
    name: 'bind_transceiver_resp with sc_interface_version',
    wire: hex(
      '0000001c 80000009 00000000 00000001',
      '534d5356415300', // system_id 'SMSVAS'
      '0210 0001 34', // sc_interface_version 0x34
    ),
    record: { command: 'bind_transceiver_resp', command_id: 0x80000009, command_status: 0, sequence_number: 1, system_id: 'SMSVAS', sc_interface_version: 0x34 },
  },
  {
    name: 'submit_sm with UCS2 text and registered_delivery 1',
    wire: hex(
      '00000039 00000004 00000000 00000002',
      '00', // service_type ''
      '00 00 313538383132333400', // source ton/npi/addr '15881234'
      '01 01 38323130313233343536373800', // dest ton 1 npi 1 '821012345678'
      '00 00 00', // esm_class, protocol_id, priority_flag
      '00 00', // schedule_delivery_time '', validity_period ''
      '01 00 08 00', // registered_delivery 1, replace_if_present 0, data_coding UCS2, sm_default_msg_id
      '04 c548b155', // sm_length 4, '안녕' in UTF-16BE
    ),
    record: {
      command: 'submit_sm', command_id: 0x04, command_status: 0, sequence_number: 2,
      service_type: '', source_addr_ton: 0, source_addr_npi: 0, source_addr: '15881234',
      dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '821012345678',
      esm_class: 0, protocol_id: 0, priority_flag: 0, schedule_delivery_time: '', validity_period: '',
      registered_delivery: 1, replace_if_present_flag: 0, data_coding: 0x08, sm_default_msg_id: 0,
      short_message: hex('c548b155'),
    },
  },
  {
    name: 'submit_sm_resp with message_id',
    wire: hex('00000017 80000004 00000000 00000002', '61316232633300'),
    record: { command: 'submit_sm_resp', command_id: 0x80000004, command_status: 0, sequence_number: 2, message_id: 'a1b2c3' },
  },
  {
    name: 'deliver_sm receipt with receipted_message_id, message_state, network_error_code',
    wire: hex(
      '000000b2 00000005 00000000 00000003',
      '00', // service_type
      '00 00 303130313233343536373800', // source '01012345678' (the handset)
      '00 00 313538383132333400', // destination '15881234' (the ESME's callback number)
      '04 00 00', // esm_class = SMSC delivery receipt
      '00 00', // times
      '00 00 00 00', // registered_delivery, replace, data_coding, sm_default_msg_id
      '67', ascii(RECEIPT_TEXT), // sm_length 103
      '001e 0007 61316232633300', // receipted_message_id 'a1b2c3'
      '0427 0001 02', // message_state DELIVERED
      '0423 0003 030000', // network_error_code: GSM, 0
    ),
    record: {
      command: 'deliver_sm', command_id: 0x05, command_status: 0, sequence_number: 3,
      service_type: '', source_addr_ton: 0, source_addr_npi: 0, source_addr: '01012345678',
      dest_addr_ton: 0, dest_addr_npi: 0, destination_addr: '15881234',
      esm_class: 0x04, protocol_id: 0, priority_flag: 0, schedule_delivery_time: '', validity_period: '',
      registered_delivery: 0, replace_if_present_flag: 0, data_coding: 0, sm_default_msg_id: 0,
      short_message: Buffer.from(RECEIPT_TEXT, 'latin1'),
      receipted_message_id: 'a1b2c3', message_state: 2, network_error_code: hex('030000'),
    },
  },
  {
    name: 'enquire_link',
    wire: hex('00000010 00000015 00000000 00000007'),
    record: { command: 'enquire_link', command_id: 0x15, command_status: 0, sequence_number: 7 },
  },
  {
    name: 'generic_nack ESME_RINVCMDID',
    wire: hex('00000010 80000000 00000003 00000008'),
    record: { command: 'generic_nack', command_id: 0x80000000, command_status: 3, sequence_number: 8 },
  },
  {
    name: 'data_sm with message_payload',
    wire: hex(
      '00000036 00000103 00000000 00000009',
      '00',
      '00 00 313538383132333400',
      '01 01 38323130313233343536373800',
      '00 01 0e', // esm_class, registered_delivery 1, data_coding KS C 5601
      '0424 0004 c7d1b1db', // message_payload '한글' in EUC-KR
    ),
    record: {
      command: 'data_sm', command_id: 0x103, command_status: 0, sequence_number: 9,
      service_type: '', source_addr_ton: 0, source_addr_npi: 0, source_addr: '15881234',
      dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '821012345678',
      esm_class: 0, registered_delivery: 1, data_coding: 0x0e, message_payload: hex('c7d1b1db'),
    },
  },
  {
    name: 'submit_multi to two SMEs and a distribution list',
    wire: hex(
      '00000051 00000021 00000000 0000000a',
      '00',
      '00 00 313538383132333400',
      '03', // number_of_dests
      '01 01 01 38323130313233343536373800', // SME, international
      '01 00 00 303130393837363534333200', // SME, '01098765432'
      '02 667269656e647300', // distribution list 'friends'
      '00 00 00 00 00', // esm_class, protocol_id, priority_flag, times
      '00 00 01 00', // registered_delivery, replace, data_coding IA5, sm_default_msg_id
      '02 6869', // 'hi'
    ),
    record: {
      command: 'submit_multi', command_id: 0x21, command_status: 0, sequence_number: 10,
      service_type: '', source_addr_ton: 0, source_addr_npi: 0, source_addr: '15881234',
      dest_address: [
        { dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '821012345678' },
        { dest_addr_ton: 0, dest_addr_npi: 0, destination_addr: '01098765432' },
        { dl_name: 'friends' },
      ],
      esm_class: 0, protocol_id: 0, priority_flag: 0, schedule_delivery_time: '', validity_period: '',
      registered_delivery: 0, replace_if_present_flag: 0, data_coding: 1, sm_default_msg_id: 0,
      short_message: Buffer.from('hi'),
    },
  },
  {
    name: 'submit_multi_resp with one unsuccess_sme',
    wire: hex(
      '00000026 80000021 00000000 0000000a',
      '6d3100', // message_id 'm1'
      '01', // no_unsuccess
      '00 00 303130393837363534333200 0000000b', // '01098765432' failed with ESME_RINVDSTADR
    ),
    record: {
      command: 'submit_multi_resp', command_id: 0x80000021, command_status: 0, sequence_number: 10, message_id: 'm1',
      unsuccess_sme: [{ dest_addr_ton: 0, dest_addr_npi: 0, destination_addr: '01098765432', error_status_code: 0x0b }],
    },
  },
];
