// Golden MM7 documents written for these tests (not taken from any implementation): what the codec
// must write byte for byte, and third-party spellings it must read.
import type { DeliverReq, DeliveryReportReq, SubmitReq } from '../../../../gateways/gmmsc/codec/mm7-message.ts';

export const NS = 'http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4';
export const NS5 = 'http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-5-MM7-1-3';
export const ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

export const SUBMIT_TEXT_ONLY: SubmitReq = {
  kind: 'SubmitReq',
  mm7Version: '6.8.0',
  vaspId: 'msgsim',
  vasId: 'lms',
  senderAddress: { kind: 'Number', value: '15880000' },
  recipients: { to: [{ kind: 'Number', value: '01012340002' }], cc: [], bcc: [] },
  serviceCode: 'LMS01',
  messageClass: 'Informational',
  deliveryReport: true,
  subject: '공지 & 안내',
  content: { href: 'cid:mms-content', allowAdaptations: false },
};

export const SUBMIT_TEXT_ONLY_XML = `<?xml version="1.0" encoding="UTF-8"?>
<env:Envelope xmlns:env="${ENV}">
  <env:Header>
    <mm7:TransactionID xmlns:mm7="${NS}" env:mustUnderstand="1">vasp-0001</mm7:TransactionID>
  </env:Header>
  <env:Body>
    <SubmitReq xmlns="${NS}">
      <MM7Version>6.8.0</MM7Version>
      <SenderIdentification>
        <VASPID>msgsim</VASPID>
        <VASID>lms</VASID>
        <SenderAddress>
          <Number>15880000</Number>
        </SenderAddress>
      </SenderIdentification>
      <Recipients>
        <To>
          <Number>01012340002</Number>
        </To>
      </Recipients>
      <ServiceCode>LMS01</ServiceCode>
      <MessageClass>Informational</MessageClass>
      <DeliveryReport>true</DeliveryReport>
      <Subject>공지 &amp; 안내</Subject>
      <Content href="cid:mms-content" allowAdaptations="false"/>
    </SubmitReq>
  </env:Body>
</env:Envelope>
`;

export const SUBMIT_RSP_XML = `<?xml version="1.0" encoding="UTF-8"?>
<env:Envelope xmlns:env="${ENV}">
  <env:Header>
    <mm7:TransactionID xmlns:mm7="${NS}" env:mustUnderstand="1">vasp-0001</mm7:TransactionID>
  </env:Header>
  <env:Body>
    <SubmitRsp xmlns="${NS}">
      <MM7Version>6.8.0</MM7Version>
      <Status>
        <StatusCode>1000</StatusCode>
        <StatusText>Success</StatusText>
      </Status>
      <MessageID>KT20261120000001</MessageID>
    </SubmitRsp>
  </env:Body>
</env:Envelope>
`;

/** A relay that declares the MM7 namespace as default on the Envelope and uses the soap-env prefix. */
export const FAULT_DEFAULT_NS_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<soap-env:Envelope xmlns:soap-env="${ENV}" xmlns="${NS}">
  <soap-env:Header>
    <TransactionID soap-env:mustUnderstand="1">tx-77</TransactionID>
  </soap-env:Header>
  <soap-env:Body>
    <soap-env:Fault>
      <faultcode>soap-env:Client</faultcode>
      <faultstring>Client error</faultstring>
      <detail>
        <RSErrorRsp>
          <MM7Version>6.8.0</MM7Version>
          <Status>
            <StatusCode>2002</StatusCode>
            <StatusText>Address Error</StatusText>
            <Details>recipient 0101 is not a mobile number</Details>
          </Status>
        </RSErrorRsp>
      </detail>
    </soap-env:Fault>
  </soap-env:Body>
</soap-env:Envelope>`;

export const DELIVERY_REPORT: DeliveryReportReq = {
  kind: 'DeliveryReportReq',
  mm7Version: '5.3.0',
  relayServerId: 'KT-GMMSC',
  messageId: 'KT20261120000001',
  recipient: { kind: 'Number', value: '01012340006' },
  sender: { kind: 'Number', value: '15880000' },
  date: '2026-11-21T12:00:00+09:00',
  mmStatus: 'Expired',
  statusText: 'Subscriber unreachable until expiry',
};

export const DELIVERY_REPORT_XML = `<?xml version="1.0" encoding="UTF-8"?>
<env:Envelope xmlns:env="${ENV}">
  <env:Header>
    <mm7:TransactionID xmlns:mm7="${NS5}" env:mustUnderstand="1">rs-42</mm7:TransactionID>
  </env:Header>
  <env:Body>
    <DeliveryReportReq xmlns="${NS5}">
      <MM7Version>5.3.0</MM7Version>
      <MMSRelayServerID>KT-GMMSC</MMSRelayServerID>
      <MessageID>KT20261120000001</MessageID>
      <Recipient>
        <Number>01012340006</Number>
      </Recipient>
      <Sender>
        <Number>15880000</Number>
      </Sender>
      <Date>2026-11-21T12:00:00+09:00</Date>
      <MMStatus>Expired</MMStatus>
      <StatusText>Subscriber unreachable until expiry</StatusText>
    </DeliveryReportReq>
  </env:Body>
</env:Envelope>
`;

export const DELIVER_REQ: DeliverReq = {
  kind: 'DeliverReq',
  mm7Version: '6.8.0',
  relayServerId: 'KT-GMMSC',
  linkedId: 'mo-1',
  sender: { kind: 'Number', value: '01012340001' },
  recipients: { to: [{ kind: 'ShortCode', value: '15880000' }], cc: [], bcc: [] },
  timeStamp: '2026-11-20T12:00:00+09:00',
  priority: 'Normal',
  subject: '문의',
  content: { href: 'cid:mo-content' },
};

/** Tiny JPEG-shaped bytes: SOI, an APP0 marker, a few octets, EOI. */
export function fakeJpeg(seed: number, size = 64): Buffer {
  const b = Buffer.alloc(size, seed & 0xff);
  b[0] = 0xff;
  b[1] = 0xd8;
  b[2] = 0xff;
  b[3] = 0xe0;
  b[size - 2] = 0xff;
  b[size - 1] = 0xd9;
  return b;
}
