// Typings for the npm `smpp` package 0.5.1 (it ships none). They cover what msgsim uses; the package
// is CommonJS, so import it as `import smpp from 'smpp'` (its exports are not statically detectable).

declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket, ServerOpts } from 'node:net';

  namespace smpp {
    /** A reader/writer of one mandatory-parameter or TLV value type in defs.js. */
    interface FieldType<T = unknown> {
      read(buffer: Buffer, offset: number, length?: number): T;
      write(value: T, buffer: Buffer, offset: number): void;
      size(value: T): number;
      default: T;
    }
    interface Filter {
      encode(this: Record<string, unknown>, value: unknown, skipUdh?: boolean): unknown;
      decode(this: Record<string, unknown>, value: unknown, skipUdh?: boolean): unknown;
    }
    interface ParamDef {
      type: FieldType;
      default?: unknown;
      filter?: Filter;
    }
    interface CommandDef {
      id: number;
      command: string;
      params?: Record<string, ParamDef>;
      tlvMap?: Record<string, string>;
    }
    interface TlvDef {
      id: number;
      tag: string;
      type: FieldType;
      filter?: Filter;
      multiple?: boolean;
    }
    interface Types {
      int8: FieldType<number>;
      int16: FieldType<number>;
      int32: FieldType<number>;
      string: FieldType<string | Buffer>;
      cstring: FieldType<string | Buffer>;
      buffer: FieldType<Buffer>;
      dest_address_array: FieldType<unknown[]>;
      unsuccess_sme_array: FieldType<unknown[]>;
      tlv: {
        int8: FieldType<number>;
        int16: FieldType<number>;
        int32: FieldType<number>;
        cstring: FieldType<string | Buffer>;
        string: FieldType<string | Buffer>;
        buffer: FieldType<Buffer | null>;
      };
    }

    class PDU {
      constructor(command: string, options?: Record<string, unknown>);
      constructor(buffer: Buffer);
      command: string;
      command_length: number;
      command_id: number;
      command_status: number;
      sequence_number: number;
      [field: string]: unknown;
      isResponse(): boolean;
      response(options?: Record<string, unknown>): PDU;
      toBuffer(): Buffer;
      static maxLength: number;
      static fromBuffer(buffer: Buffer): PDU | false;
    }

    type PduCallback = (pdu: PDU) => void;

    class Session extends EventEmitter {
      constructor(options: { socket?: Socket; host?: string; port?: number; tls?: boolean; auto_enquire_link_period?: number });
      socket: Socket;
      sequence: number;
      paused: boolean;
      server?: Server;
      connect(): void;
      send(pdu: PDU, responseCallback?: PduCallback, sendCallback?: PduCallback): boolean;
      pause(): void;
      resume(): void;
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;
      // One shortcut per command: builds the PDU, assigns a sequence_number to requests, sends it.
      bind_receiver: CommandShortcut;
      bind_receiver_resp: CommandShortcut;
      bind_transmitter: CommandShortcut;
      bind_transmitter_resp: CommandShortcut;
      bind_transceiver: CommandShortcut;
      bind_transceiver_resp: CommandShortcut;
      outbind: CommandShortcut;
      unbind: CommandShortcut;
      unbind_resp: CommandShortcut;
      generic_nack: CommandShortcut;
      enquire_link: CommandShortcut;
      enquire_link_resp: CommandShortcut;
      submit_sm: CommandShortcut;
      submit_sm_resp: CommandShortcut;
      submit_multi: CommandShortcut;
      submit_multi_resp: CommandShortcut;
      deliver_sm: CommandShortcut;
      deliver_sm_resp: CommandShortcut;
      data_sm: CommandShortcut;
      data_sm_resp: CommandShortcut;
      query_sm: CommandShortcut;
      query_sm_resp: CommandShortcut;
      cancel_sm: CommandShortcut;
      cancel_sm_resp: CommandShortcut;
      replace_sm: CommandShortcut;
      replace_sm_resp: CommandShortcut;
      alert_notification: CommandShortcut;
      [command: string]: unknown;
    }

    interface CommandShortcut {
      (options?: Record<string, unknown>, responseCallback?: PduCallback, sendCallback?: PduCallback): boolean;
      (responseCallback: PduCallback, sendCallback?: PduCallback): boolean;
    }

    class Server extends NetServer {
      constructor(options?: ServerOpts, listener?: (session: Session) => void);
      sessions: Session[];
    }

    const commands: Record<string, CommandDef>;
    const commandsById: Record<number, CommandDef>;
    const types: Types;
    const tlvs: Record<string, TlvDef>;
    const tlvsById: Record<number, TlvDef>;
    const filters: Record<string, Filter>;
    const errors: Record<string, number>;
    const consts: {
      REGISTERED_DELIVERY: Record<string, number>;
      ESM_CLASS: Record<string, number>;
      MESSAGE_STATE: Record<string, number>;
      TON: Record<string, number>;
      NPI: Record<string, number>;
      ENCODING: Record<string, number>;
      NETWORK: Record<string, number>;
      BROADCAST_AREA_FORMAT: Record<string, number>;
      BROADCAST_FREQUENCY_INTERVAL: Record<string, number>;
    };

    function createServer(options?: ServerOpts & { key?: unknown; cert?: unknown }, listener?: (session: Session) => void): Server;
    function createServer(listener: (session: Session) => void): Server;
    function connect(url: string | { url?: string; host?: string; port?: number; tls?: boolean; auto_enquire_link_period?: number }, listener?: () => void): Session;
    function connect(host: string, port: number, listener?: () => void): Session;
    const createSession: typeof connect;
    function addCommand(command: string, options: { id: number; params?: Record<string, ParamDef> }): void;
    function addTLV(tag: string, options: { id: number; type: FieldType; filter?: Filter; multiple?: boolean }): void;
  }

  export = smpp;
}
