// MessageType / MessageSubType values of req_send_message_2 and the TelcoInfo of req_report. The
// public sources show MessageType 1 = SMS (subtype 1 = text), a FAX type 3, msgType 1..4 in
// res_regist limits, and the OpenAPI SDK's MMS subtypes (LMS 1, image 3, audio 4, video 5). The
// rest (MMS = 4, VMS = 2, TelcoInfo numbers) is an assumption listed in gateways/xroshot/README.md.

export const MESSAGE_TYPE = { SMS: 1, VMS: 2, FAX: 3, MMS: 4 } as const;
export type MessageTypeName = keyof typeof MESSAGE_TYPE;

/** Subtypes of MessageType 4: text only is an LMS. SMS uses subtype 1 (text). */
export const MMS_SUBTYPE = { TEXT: 1, IMAGE: 3, AUDIO: 4, VIDEO: 5 } as const;

/** What a request carries, as the network and the behaviour rules see it. */
export type MessageKind = 'SMS' | 'LMS' | 'MMS';

export function messageKindOf(messageType: number, messageSubType: number): MessageKind | null {
  if (messageType === MESSAGE_TYPE.SMS) return messageSubType === 1 ? 'SMS' : null;
  if (messageType === MESSAGE_TYPE.MMS) {
    if (messageSubType === MMS_SUBTYPE.TEXT) return 'LMS';
    if (messageSubType === MMS_SUBTYPE.IMAGE || messageSubType === MMS_SUBTYPE.AUDIO || messageSubType === MMS_SUBTYPE.VIDEO) return 'MMS';
  }
  return null;
}

/** The carrier that took the message, as req_report's TelcoInfo names it. */
export const TELCO_INFO = { SKT: 1, KT: 2, 'LGU+': 3 } as const;
export type TelcoName = keyof typeof TELCO_INFO;

export function telcoName(code: number): TelcoName | null {
  for (const [name, value] of Object.entries(TELCO_INFO)) if (value === code) return name as TelcoName;
  return null;
}
