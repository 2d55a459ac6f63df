// Reads the line protocol printed by net-smpp-esme.pl: `event key=value ...`, values URI-escaped.

export interface NetSmppEvent {
  event: string;
  fields: Record<string, string>;
}

export function parseNetSmppOutput(stdout: string): NetSmppEvent[] {
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const [event, ...pairs] = line.split(' ');
      const fields: Record<string, string> = {};
      for (const pair of pairs) {
        const eq = pair.indexOf('=');
        if (eq > 0) fields[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
      }
      return { event, fields };
    });
}
