// TS 23.140 Request Status codes (Rel-6 set): 1xxx success, 2xxx client errors, 3xxx server errors,
// 4xxx service errors. The texts are the spec's names; relays may send their own StatusText.

export interface Mm7StatusInfo {
  text: string;
  class: 'success' | 'client' | 'server' | 'service';
}

export const MM7_STATUS: Readonly<Record<number, Mm7StatusInfo>> = {
  1000: { text: 'Success', class: 'success' },
  1100: { text: 'Partial success', class: 'success' },
  2000: { text: 'Client error', class: 'client' },
  2001: { text: 'Operation restricted', class: 'client' },
  2002: { text: 'Address Error', class: 'client' },
  2003: { text: 'Address Not Found', class: 'client' },
  2004: { text: 'Multimedia content refused', class: 'client' },
  2005: { text: 'Message ID Not found', class: 'client' },
  2006: { text: 'LinkedID not found', class: 'client' },
  2007: { text: 'Message format corrupt', class: 'client' },
  2008: { text: 'Application ID not found', class: 'client' },
  2009: { text: 'Reply Application ID not found', class: 'client' },
  3000: { text: 'Server Error', class: 'server' },
  3001: { text: 'Not Possible', class: 'server' },
  3002: { text: 'Message rejected', class: 'server' },
  3003: { text: 'Multiple addresses not supported', class: 'server' },
  3004: { text: 'Application Addressing not supported', class: 'server' },
  4000: { text: 'General service error', class: 'service' },
  4001: { text: 'Improper identification', class: 'service' },
  4002: { text: 'Unsupported version', class: 'service' },
  4003: { text: 'Unsupported operation', class: 'service' },
  4004: { text: 'Validation error', class: 'service' },
  4005: { text: 'Service error', class: 'service' },
  4006: { text: 'Service unavailable', class: 'service' },
  4007: { text: 'Service denied', class: 'service' },
  4008: { text: 'Application denied', class: 'service' },
};

export function statusText(code: number): string {
  return MM7_STATUS[code]?.text ?? classOf(code);
}

function classOf(code: number): string {
  switch (Math.floor(code / 1000)) {
    case 1:
      return 'Success';
    case 2:
      return 'Client error';
    case 3:
      return 'Server Error';
    default:
      return 'General service error';
  }
}

export function isSuccessStatus(code: number): boolean {
  return Math.floor(code / 1000) === 1;
}

/** SOAP 1.1 faultcode local name: the request was wrong (2xxx) -> Client; otherwise Server. */
export function faultCodeFor(code: number): 'Client' | 'Server' {
  return Math.floor(code / 1000) === 2 ? 'Client' : 'Server';
}
