// Where each rule of the suite comes from. Xroshot has no public specification: these name the
// unofficial reconstruction in /work/shared/reference/protocols.md §4 and the public files behind it.
export const SOURCE = {
  framing: 'protocols.md §4.1 frames: UTF-8 <MAS method> documents ended by NUL (ppusari/MyCommon xml/XmlMaking.java)',
  auth: 'protocols.md §4.1 req_auth -> res_auth server Time (MyCommon XmlMaking.getServerTime, XmlParsing.serverTime)',
  regist: 'protocols.md §4.1 req_regist AuthTicket id|pw|endUserId|serverTime|oneTimeKey (MyCommon XmlMaking.getRequestLoginXml)',
  authCodes: 'protocols.md §4.3 KT-ERR-xlsx Xroshot column: 2 auth error, 5 invalid id, 7/8 bad password',
  send: 'protocols.md §4.1 req_send_message_2 -> res_send_message_all, <Result> 0 = OK (MyCommon Xcroshot.java)',
  perRecipient: 'protocols.md §4.1 <ReceiveNumber seqNo="n"> per recipient; res_send_message per recipient (reconstruction, see gateways/xroshot/README.md)',
  callback: 'protocols.md §4.3 / §5.2 KT-ERR-xlsx Xroshot 115 unregistered callback number blocked',
  recipient: 'protocols.md §4.3 KT-ERR-xlsx Xroshot 227/228/2107/216 bad recipient, 212/404/202 no subscriber',
  report: 'protocols.md §4.1 server-pushed req_report (MyCommon Xcroshot.java), answered by res_report',
  ping: 'protocols.md §4.1 req_ping/res_ping keepalive (MyCommon XmlMaking.getAlive)',
  throttle: 'protocols.md §4.1 per-session TPS limit, default 200/s (odyssey-manual kt.sessions-kt.md); §4.3 33 quota exceeded, 504 system busy',
  garbage: 'protocols.md §4.1 framing + §4.3 Result values: a frame the server cannot use gets an error <Result> or a close',
} as const;
