// kannel.conf for Kannel 1.4 (Debian package `kannel`) acting as an ESME against our SMSVAS simulator.
// Key names are those compiled into bearerbox/smsbox (see `strings /usr/sbin/bearerbox`).

export interface KannelPorts {
  admin: number;
  smsbox: number;
  sendsms: number;
}

export interface KannelConfigOptions {
  ports: KannelPorts;
  adminPassword: string;
  logDir: string;
  smsc: { host: string; port: number; systemId: string; password: string };
  /**
   * 'transceiver' binds one bind_transceiver session; 'split' uses two groups sharing one smsc-id
   * (a transmitter on `port`, a receiver on `receive-port`), since one group may not carry both ports.
   */
  bindMode: 'transceiver' | 'split';
  sendsmsUser: { username: string; password: string };
  /** URL Kannel calls for every MO; Kannel expands %p (sender), %P (receiver), %a (text), %i (smsc-id). */
  moUrl: string;
  /** Kannel log level: 0 debug .. 4 panic. */
  logLevel?: number;
}

const quote = (value: string): string => `"${value.replace(/"/g, '\\"')}"`;

function group(name: string, entries: Record<string, string | number | boolean>): string {
  const lines = [`group = ${name}`];
  for (const [key, value] of Object.entries(entries)) {
    lines.push(`${key} = ${typeof value === 'string' ? quote(value) : String(value)}`);
  }
  return lines.join('\n');
}

export function renderKannelConfig(opts: KannelConfigOptions): string {
  const logLevel = opts.logLevel ?? 0;
  const core = group('core', {
    'admin-port': opts.ports.admin,
    'admin-interface': '127.0.0.1',
    'admin-password': opts.adminPassword,
    'status-password': opts.adminPassword,
    'admin-allow-ip': '127.0.0.1',
    'smsbox-port': opts.ports.smsbox,
    'smsbox-interface': '127.0.0.1',
    'box-allow-ip': '127.0.0.1',
    'log-file': `${opts.logDir}/bearerbox.log`,
    'log-level': logLevel,
    'access-log': `${opts.logDir}/access.log`,
    'dlr-storage': 'internal',
  });

  const smscCommon = {
    smsc: 'smpp',
    'smsc-id': 'msgsim',
    host: opts.smsc.host,
    'smsc-username': opts.smsc.systemId,
    'smsc-password': opts.smsc.password,
    'system-type': '',
    'interface-version': 34,
    // TON/NPI stay at Kannel's defaults on purpose: what an unconfigured real ESME sends is the test.
    'enquire-link-interval': 30,
    'reconnect-delay': 2,
    'log-file': `${opts.logDir}/smsc-msgsim.log`,
    'log-level': logLevel,
  };
  const smscGroups =
    opts.bindMode === 'transceiver'
      ? [group('smsc', { ...smscCommon, port: opts.smsc.port, 'transceiver-mode': true })]
      : [
          group('smsc', { ...smscCommon, port: opts.smsc.port }),
          group('smsc', { ...smscCommon, 'receive-port': opts.smsc.port, 'log-file': `${opts.logDir}/smsc-msgsim-rx.log` }),
        ];

  const smsbox = group('smsbox', {
    'bearerbox-host': '127.0.0.1',
    'sendsms-port': opts.ports.sendsms,
    'sendsms-interface': '127.0.0.1',
    'log-file': `${opts.logDir}/smsbox.log`,
    'log-level': logLevel,
    'access-log': `${opts.logDir}/smsbox-access.log`,
  });

  const sendsmsUser = group('sendsms-user', {
    username: opts.sendsmsUser.username,
    password: opts.sendsmsUser.password,
    'user-allow-ip': '127.0.0.1',
    'forced-smsc': 'msgsim',
  });

  // Kannel matches MO text against keywords; `default` catches everything. max-messages 0: no SMS reply.
  const moService = group('sms-service', {
    keyword: 'default',
    'get-url': `${opts.moUrl}?from=%p&to=%P&text=%a&smsc=%i`,
    'max-messages': 0,
    'catch-all': true,
  });

  return [core, ...smscGroups, smsbox, sendsmsUser, moService].join('\n\n') + '\n';
}
