// MaaP result codes the RCS gateway speaks, with the HTTP status each travels with. Numbers and names
// follow the Korean MaaP-FE (5xxxx) and Samsung MaaP GW (4xxxx) tables; HTTP statuses for codes the
// tables give none are this simulator's choice and are listed in gateways/rcs/README.md.
// `http: null` marks codes that only travel in status webhooks (final failures).

export interface RcsResultCode {
  readonly code: number;
  readonly http: number | null;
  readonly name: string;
}

const c = (code: number, http: number | null, name: string): RcsResultCode => Object.freeze({ code, http, name });

export const RCS_RESULT = {
  // authentication (MaaP-FE 5000x)
  MISSING_AUTH_HEADER: c(50001, 401, 'Missing Authorization header'),
  MISSING_TOKEN: c(50002, 401, 'Missing token'),
  INVALID_TOKEN: c(50003, 401, 'Invalid token'),
  TOKEN_EXPIRED: c(50004, 401, 'Token has expired'),
  AUTHORIZATION_ERROR: c(50005, 403, 'Authorization Error'),
  INVALID_CLIENT_ID: c(50006, 401, 'Invalid client id'),
  INVALID_PASSWORD: c(50008, 401, 'Invalid password'),
  // rate and quota
  TPS_EXCEEDED: c(50201, 429, 'Message TPS Exceeded'),
  QUOTA_EXCEEDED: c(50202, 429, 'Message Quota Exceeded'),
  // request framing
  PARAMETER_ERROR: c(51004, 400, 'ParameterError'),
  JSON_PARSING_ERROR: c(51005, 400, 'JsonParsingError'),
  DATA_NOT_FOUND: c(51006, 404, 'DataNotFound'),
  NOT_FOUND_HANDLER: c(51900, 404, 'Not Found Handler'),
  MESSAGEBASE_PAUSED: c(52023, 403, 'Messagebase id stopped temporarily'),
  // chatbot and messagebase
  INVALID_BOT_ID: c(55302, 404, 'Invalid BotID'),
  INVALID_MESSAGEBASE_ID: c(55502, 400, 'Invalid MessagebaseID'),
  INVALID_MESSAGEBASE_ATTRIBUTE: c(55507, 400, 'Invalid messagebase attribute'),
  PRODUCT_TYPE_MISMATCH: c(55509, 400, 'mismatching Product type'),
  // content policy (55701-55712)
  PROHIBITED_TEXT: c(55701, 400, 'prohibited text content'),
  PROHIBITED_HEADER: c(55703, 400, 'prohibited header value'),
  PROHIBITED_FOOTER: c(55704, 400, 'prohibited footer field'),
  MISSING_FOOTER: c(55705, 400, 'missing footer content'),
  FOOTER_SYNTAX: c(55706, 400, 'footer content syntax Error'),
  TITLE_TOO_LONG: c(55708, 400, 'Exceeded max character of title'),
  DESCRIPTION_TOO_LONG: c(55709, 400, 'Exceeded max character of description'),
  TOO_MANY_BUTTONS: c(55710, 400, 'Exceeded max number of buttons'),
  CAROUSEL_CARD_COUNT: c(55711, 400, 'mismatching number of carousel card'),
  MEDIA_TOO_LARGE: c(55712, 400, 'Exceeded max size of media'),
  // message (558xx)
  MESSAGE_SYNTAX: c(55803, 400, 'Message Syntax Error'),
  MISSING_CONTENT: c(55804, 400, 'Missing message content'),
  INVALID_CONTENT: c(55805, 400, 'Invalid message content'),
  DUPLICATED_MESSAGE_ID: c(55806, 400, 'Duplicated MessageId'),
  CHATBOT_PERMISSION: c(55807, 403, 'Invalid Chatbot Permission'),
  CHATBOT_STATUS: c(55808, 403, 'Invalid Chatbot Status'),
  INVALID_EXPIRY: c(55810, 400, 'Invalid Expiry Field'),
  BUTTON_TEXT_TOO_LONG: c(55813, 400, 'Exceed Button Text Length'),
  INVALID_DEST_NUMBER: c(55817, 400, 'Invalid Dest Phone Number'),
  // recipient (Samsung MaaP GW)
  USER_NOT_FOUND: c(41101, 404, 'User Not Found'),
  NON_RCS_USER: c(41200, 404, 'User Not Found. Non-RCS User'),
  MESSAGE_FILTERED: c(42602, 403, 'message filtered'),
  // webhook-only final failures (MaaP-FE 5400x, 56007)
  INVALID_CONTACT_USER: c(54001, null, 'Invaild Contact number User'),
  NO_RCS_CAPABILITY: c(54002, null, 'No Rcs Capability'),
  UNABLE_TO_SEND: c(54003, null, 'Unable Sending to Recipient'),
  MAAP_INTERNAL: c(54004, null, 'Internal Server Error'),
  EXPIRED_BEFORE_SESSION: c(56007, null, 'Expired Before Session Establishment'),
  // gateway side
  INTERNAL_ERROR: c(59001, 500, 'Internal Error'),
  BACKEND_TIMEOUT: c(59003, 503, 'Backend Timeout'),
} as const satisfies Record<string, RcsResultCode>;

export type RcsResultName = keyof typeof RCS_RESULT;

const BY_CODE = new Map<number, RcsResultCode>(Object.values(RCS_RESULT).map((r) => [r.code, r]));

/** The table entry for a numeric code, or undefined when this gateway never uses it. */
export function resultByCode(code: number): RcsResultCode | undefined {
  return BY_CODE.get(code);
}
