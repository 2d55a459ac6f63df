// The PDU table both directions share: each 3.4 command's mandatory fields in wire order, taken from
// the smpp package's definitions, with the 3.4 maximum sizes and the status that names each field.
import smpp from 'smpp';
import { COMMAND_ID, type CommandName } from './command-id.ts';
import { COMMAND_STATUS } from './command-status.ts';

export const HEADER_LENGTH = 16;
export const INTERFACE_VERSION_34 = 0x34;

export type FieldKind = 'int8' | 'int16' | 'int32' | 'cstring' | 'octets' | 'dest_address' | 'unsuccess_sme';
export interface FieldSpec { name: string; kind: FieldKind; max: number; status: number }
export interface CommandSpec { fields: FieldSpec[]; fieldNames: Set<string>; allowsTlvs: boolean; tlvMap: Record<string, string> }

const S = COMMAND_STATUS;

// Maximum sizes (C-strings include their NUL) from the 3.4 PDU tables, and the status that names the field.
const CSTRING_MAX: Record<string, number> = {
  system_id: 16, password: 9, system_type: 13, address_range: 41, service_type: 6,
  source_addr: 21, destination_addr: 21, esme_addr: 65, message_id: 65, dl_name: 21,
  schedule_delivery_time: 17, validity_period: 17, final_date: 17,
  'data_sm.source_addr': 65, 'data_sm.destination_addr': 65, 'alert_notification.source_addr': 65,
};
const FIELD_STATUS: Record<string, number> = {
  system_id: S.ESME_RINVSYSID, password: S.ESME_RINVPASWD, system_type: S.ESME_RINVSYSTYP,
  service_type: S.ESME_RINVSERTYP, source_addr: S.ESME_RINVSRCADR, destination_addr: S.ESME_RINVDSTADR,
  message_id: S.ESME_RINVMSGID, dl_name: S.ESME_RINVDLNAME, schedule_delivery_time: S.ESME_RINVSCHED,
  validity_period: S.ESME_RINVEXPIRY, short_message: S.ESME_RINVMSGLEN,
};
export const SM_MAX = 254;
// TLVs whose value length is fixed or bounded beyond what their type says.
export const TLV_LENGTH: Record<string, { min: number; max: number }> = {
  network_error_code: { min: 3, max: 3 },
  receipted_message_id: { min: 1, max: 65 },
  additional_status_info_text: { min: 1, max: 256 },
};

export const BIND_COMMANDS = new Set<string>(['bind_receiver', 'bind_transmitter', 'bind_transceiver']);

function kindOf(type: unknown): FieldKind {
  const t = smpp.types;
  if (type === t.int8) return 'int8';
  if (type === t.int16) return 'int16';
  if (type === t.int32) return 'int32';
  if (type === t.cstring) return 'cstring';
  if (type === t.buffer) return 'octets';
  if (type === t.dest_address_array) return 'dest_address';
  if (type === t.unsuccess_sme_array) return 'unsuccess_sme';
  throw new Error('smpp package: unexpected parameter type');
}

export const SPECS = new Map<CommandName, CommandSpec>();
for (const name of Object.keys(COMMAND_ID) as CommandName[]) {
  const def = smpp.commands[name];
  if (!def) throw new Error(`smpp package has no definition for ${name}`);
  const fields = Object.entries(def.params ?? {}).map(([field, p]) => ({
    name: field,
    kind: kindOf(p.type),
    max: CSTRING_MAX[`${name}.${field}`] ?? CSTRING_MAX[field] ?? Number.MAX_SAFE_INTEGER,
    status: FIELD_STATUS[field] ?? S.ESME_RINVCMDLEN,
  }));
  SPECS.set(name, { fields, fieldNames: new Set(fields.map((f) => f.name)), allowsTlvs: fields.length > 0, tlvMap: def.tlvMap ?? {} });
}

