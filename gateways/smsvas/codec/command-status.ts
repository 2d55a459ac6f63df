// SMPP 3.4 command_status table (protocols.md §1.3). Names are the 3.4 ones; for 0xC0–0xC4 the v5.0
// names used by the smpp package and jsmpp are accepted as aliases, but commandStatusName answers 3.4.

export const COMMAND_STATUS = {
  ESME_ROK: 0x00,
  ESME_RINVMSGLEN: 0x01,
  ESME_RINVCMDLEN: 0x02,
  ESME_RINVCMDID: 0x03,
  ESME_RINVBNDSTS: 0x04,
  ESME_RALYBND: 0x05,
  ESME_RINVPRTFLG: 0x06,
  ESME_RINVREGDLVFLG: 0x07,
  ESME_RSYSERR: 0x08,
  ESME_RINVSRCADR: 0x0a,
  ESME_RINVDSTADR: 0x0b,
  ESME_RINVMSGID: 0x0c,
  ESME_RBINDFAIL: 0x0d,
  ESME_RINVPASWD: 0x0e,
  ESME_RINVSYSID: 0x0f,
  ESME_RCANCELFAIL: 0x11,
  ESME_RREPLACEFAIL: 0x13,
  ESME_RMSGQFUL: 0x14,
  ESME_RINVSERTYP: 0x15,
  ESME_RINVNUMDESTS: 0x33,
  ESME_RINVDLNAME: 0x34,
  ESME_RINVDESTFLAG: 0x40,
  ESME_RINVSUBREP: 0x42,
  ESME_RINVESMCLASS: 0x43,
  ESME_RCNTSUBDL: 0x44,
  ESME_RSUBMITFAIL: 0x45,
  ESME_RINVSRCTON: 0x48,
  ESME_RINVSRCNPI: 0x49,
  ESME_RINVDSTTON: 0x50,
  ESME_RINVDSTNPI: 0x51,
  ESME_RINVSYSTYP: 0x53,
  ESME_RINVREPFLAG: 0x54,
  ESME_RINVNUMMSGS: 0x55,
  ESME_RTHROTTLED: 0x58,
  ESME_RINVSCHED: 0x61,
  ESME_RINVEXPIRY: 0x62,
  ESME_RINVDFTMSGID: 0x63,
  ESME_RX_T_APPN: 0x64,
  ESME_RX_P_APPN: 0x65,
  ESME_RX_R_APPN: 0x66,
  ESME_RQUERYFAIL: 0x67,
  ESME_RINVOPTPARSTREAM: 0xc0,
  ESME_ROPTPARNOTALLWD: 0xc1,
  ESME_RINVPARLEN: 0xc2,
  ESME_RMISSINGOPTPARAM: 0xc3,
  ESME_RINVOPTPARAMVAL: 0xc4,
  ESME_RDELIVERYFAILURE: 0xfe,
  ESME_RUNKNOWNERR: 0xff,
} as const satisfies Record<string, number>;

export type CommandStatusName = keyof typeof COMMAND_STATUS;

/** v5.0 spellings of the 0xC0–0xC4 block, as the smpp package and jsmpp name them. */
export const COMMAND_STATUS_V5_ALIASES = {
  ESME_RINVTLVSTREAM: 0xc0,
  ESME_RTLVNOTALLWD: 0xc1,
  ESME_RINVTLVLEN: 0xc2,
  ESME_RMISSINGTLV: 0xc3,
  ESME_RINVTLVVAL: 0xc4,
} as const;

const NAME_BY_CODE = new Map<number, CommandStatusName>(
  (Object.entries(COMMAND_STATUS) as [CommandStatusName, number][]).map(([name, code]) => [code, name]),
);

/** 'ESME_RTHROTTLED' for 0x58; an unknown code renders as '0x000000NN' so logs stay greppable. */
export function commandStatusName(code: number): string {
  return NAME_BY_CODE.get(code >>> 0) ?? `0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** Code for a 3.4 name or a v5.0 alias; undefined when neither. */
export function commandStatusCode(name: string): number | undefined {
  if (name in COMMAND_STATUS) return COMMAND_STATUS[name as CommandStatusName];
  if (name in COMMAND_STATUS_V5_ALIASES) return COMMAND_STATUS_V5_ALIASES[name as keyof typeof COMMAND_STATUS_V5_ALIASES];
  return undefined;
}
