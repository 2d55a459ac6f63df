// SMPP 3.4 command_id values (protocols.md §1.2). The v5.0 broadcast PDUs are left out on purpose: a
// 3.4 peer must answer them with ESME_RINVCMDID, and keeping them out of this table makes that automatic.

export const COMMAND_ID = {
  generic_nack: 0x80000000,
  bind_receiver: 0x00000001,
  bind_receiver_resp: 0x80000001,
  bind_transmitter: 0x00000002,
  bind_transmitter_resp: 0x80000002,
  query_sm: 0x00000003,
  query_sm_resp: 0x80000003,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  unbind: 0x00000006,
  unbind_resp: 0x80000006,
  replace_sm: 0x00000007,
  replace_sm_resp: 0x80000007,
  cancel_sm: 0x00000008,
  cancel_sm_resp: 0x80000008,
  bind_transceiver: 0x00000009,
  bind_transceiver_resp: 0x80000009,
  outbind: 0x0000000b,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
  submit_multi: 0x00000021,
  submit_multi_resp: 0x80000021,
  alert_notification: 0x00000102,
  data_sm: 0x00000103,
  data_sm_resp: 0x80000103,
} as const satisfies Record<string, number>;

export type CommandName = keyof typeof COMMAND_ID;

const NAME_BY_ID = new Map<number, CommandName>(
  (Object.entries(COMMAND_ID) as [CommandName, number][]).map(([name, id]) => [id, name]),
);

export const RESPONSE_BIT = 0x80000000;

export function isResponseId(id: number): boolean {
  return (id & RESPONSE_BIT) !== 0;
}

/** The 3.4 command for an id, or undefined (which the wire answers with ESME_RINVCMDID). */
export function commandNameForId(id: number): CommandName | undefined {
  return NAME_BY_ID.get(id >>> 0);
}

/** The response a request expects; undefined for outbind, alert_notification and responses. */
export function responseCommandFor(command: CommandName): CommandName | undefined {
  const resp = `${command}_resp`;
  return resp in COMMAND_ID ? (resp as CommandName) : undefined;
}
