// --xsd DIR: every envelope exchanged is validated with xmllint (libxml2-utils) against the MM7 schema
// the user supplies, named after the namespace's last segment (DIR/REL-6-MM7-1-4.xsd). The SOAP 1.1
// envelope schema is not needed: a small driver schema stands in for the Envelope/Header/Body/Fault
// frame and hands the MM7 elements (body, TransactionID, RSErrorRsp) to the MM7 schema, strictly.
// xmllint runs with --nonet, so nothing is fetched; an import the schema makes by URL is skipped.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseSoapEnvelope } from '../codec/mm7-envelope.ts';
import { MM7_NS_BASE, SOAP_ENV_NS } from '../codec/mm7-namespaces.ts';
import { GmmscError } from '../gmmsc-errors.ts';

export interface XsdValidator {
  /** Problems found in one document (empty when valid). */
  validate(xml: string): Promise<string[]>;
  close(): void;
}

function run(cmd: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile(cmd, args, { timeout: 20_000, maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0;
      done({ code, out: `${stdout}${stderr}` });
    });
  });
}

function driverSchema(mm7Ns: string, mm7File: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${SOAP_ENV_NS}" xmlns:env="${SOAP_ENV_NS}" elementFormDefault="qualified" attributeFormDefault="qualified">
  <xs:import namespace="${mm7Ns}" schemaLocation="${pathToFileURL(mm7File).href}"/>
  <xs:attribute name="mustUnderstand" type="xs:string"/>
  <xs:attribute name="encodingStyle" type="xs:string"/>
  <xs:element name="Envelope"><xs:complexType><xs:sequence>
    <xs:element name="Header" minOccurs="0"><xs:complexType><xs:sequence><xs:any namespace="##other" processContents="strict" maxOccurs="unbounded"/></xs:sequence><xs:anyAttribute processContents="lax"/></xs:complexType></xs:element>
    <xs:element name="Body"><xs:complexType><xs:choice>
      <xs:element ref="env:Fault"/>
      <xs:any namespace="${mm7Ns}" processContents="strict"/>
    </xs:choice><xs:anyAttribute processContents="lax"/></xs:complexType></xs:element>
  </xs:sequence><xs:anyAttribute processContents="lax"/></xs:complexType></xs:element>
  <xs:element name="Fault"><xs:complexType><xs:sequence>
    <xs:element name="faultcode" form="unqualified" type="xs:QName"/>
    <xs:element name="faultstring" form="unqualified" type="xs:string"/>
    <xs:element name="faultactor" form="unqualified" type="xs:anyURI" minOccurs="0"/>
    <xs:element name="detail" form="unqualified" minOccurs="0"><xs:complexType><xs:sequence><xs:any namespace="${mm7Ns}" processContents="strict" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>
`;
}

export async function createXsdValidator(dir: string): Promise<XsdValidator> {
  const probe = await run('xmllint', ['--version']);
  if (probe.code !== 0) throw new GmmscError('GMMSC_ERR_XSD', `--xsd needs xmllint (Debian/Ubuntu: apt-get install libxml2-utils): ${probe.out.trim().slice(0, 200) || 'not found'}`);
  const root = resolve(dir);
  if (!existsSync(root)) throw new GmmscError('GMMSC_ERR_XSD', `--xsd directory ${root} does not exist`);
  const work = mkdtempSync(join(tmpdir(), 'msgsim-xsd-'));
  const drivers = new Map<string, string>();
  let n = 0;
  return {
    async validate(xml) {
      let ns: string;
      try {
        ns = parseSoapEnvelope(xml).namespace;
      } catch (err) {
        return [`not a SOAP envelope: ${(err as Error).message}`];
      }
      if (!ns.startsWith(MM7_NS_BASE)) return [`namespace '${ns}' is not an MM7 schema namespace`];
      const schemaFile = join(root, `${ns.slice(MM7_NS_BASE.length)}.xsd`);
      if (!existsSync(schemaFile)) return [`no schema ${schemaFile} for namespace ${ns}`];
      let driver = drivers.get(ns);
      if (!driver) {
        driver = join(work, `driver-${drivers.size}.xsd`);
        writeFileSync(driver, driverSchema(ns, schemaFile));
        drivers.set(ns, driver);
      }
      const doc = join(work, `doc-${n++}.xml`);
      writeFileSync(doc, xml);
      const r = await run('xmllint', ['--noout', '--nonet', '--schema', driver, doc]);
      if (r.code === 0) return [];
      return r.out
        .split('\n')
        .map((l) => l.replace(doc, 'envelope').trim())
        .filter((l) => l && !l.endsWith('fails to validate') && !/Skipping the import|failed to load|I\/O error/.test(l))
        .slice(0, 5);
    },
    close: () => rmSync(work, { recursive: true, force: true }),
  };
}
